/**
 * The shape of `explain --format json`, as a schema: the CLI's contract with scripts that read it. Bigints are
 * "0x…" strings; fault.steps[].function is the bare C identifier (null for a pure decision or a result), with the
 * question, the decision's test, value and branch in their own fields. schema/explain.schema.json is generated
 * from this (npm run schema) and checked against it by a test.
 */
import * as z from 'zod';
import { PATCH_IDS } from '../model/patches/ids';
import { ARCHES, CPU_VENDORS, DESIGNS, EFI_ATTRS, FIRMWARE_TYPES, KERNEL_VERSIONS, ONLINE_POLICIES, REGION_STATES } from '../model/scenario';

const Hex = z.string().regex(/^0x[0-9a-f]+$/);
const Tristate = z.enum(['y', 'm', 'n']);
const YesNo = z.enum(['y', 'n']);
const Leaf = z.enum(['4K', '2M', '1G']);
const SourceIds = z.array(z.string().min(1));

const Platform = z.strictObject({
  arch: z.enum(ARCHES),
  vendor: z.enum(CPU_VENDORS),
  fwb: z.boolean(),
  dic: z.boolean(),
  firmware: z.enum(FIRMWARE_TYPES),
  efiAttr: z.enum(EFI_ATTRS),
  nosoftreserve: z.boolean(),
  kernel: z.enum(KERNEL_VERSIONS),
  config: z.strictObject({ CXL_REGION: YesNo, DEV_DAX_HMEM: Tristate, DEV_DAX_KMEM: Tristate, EFI_SOFT_RESERVE: YesNo }),
  region: z.enum(REGION_STATES),
  onlinePolicy: z.enum(ONLINE_POLICIES),
  hugeFault: z.boolean(),
  mte: z.boolean(),
  dirtyLog: z.boolean(),
  deviceReset: z.boolean(),
  patches: z.array(z.enum(PATCH_IDS)).describe('posted or hypothetical kernel changes applied (cli patches lists them); empty: upstream'),
});

const Op = z.strictObject({
  fn: z.string(),
  file: z.string(),
  args: z.string(),
  result: z.string(),
  ok: z.boolean(),
  resourcePath: z.optional(z.array(z.string())),
  sources: SourceIds,
});

type TreeNode = { start: string; end: string; name: string | null; flags: string; desc: number; owner?: string; children: TreeNode[] };
const Tree: z.ZodType<TreeNode> = z.lazy(() =>
  z.strictObject({ start: Hex, end: Hex, name: z.string().nullable(), flags: Hex, desc: z.number().int(), owner: z.optional(z.string()), children: z.array(Tree) }),
);

const Step = z.strictObject({
  nodeId: z.string(),
  function: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/).nullable().describe('the bare C identifier; null for a pure decision or a result'),
  question: z.string().nullable(),
  label: z.string(),
  file: z.string().regex(/^[a-z0-9_./-]+$/).describe('a path in the kernel tree'),
  decision: z.optional(z.strictObject({ test: z.string(), value: z.string(), taken: z.string() })),
  detail: z.optional(z.string()),
  links: z.optional(z.strictObject({ vmaLeaf: z.optional(z.boolean()), pfn: z.optional(Hex), resourcePath: z.optional(z.array(z.string())) })),
  sources: SourceIds,
  verified: z.boolean(),
});

const Result = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('mapped'),
    table: z.enum(['EPT', 'NPT', 'stage-2']),
    level: Leaf,
    memtype: z.string(),
    cacheability: z.enum(['cacheable', 'uncached', 'depends']),
    cacheable: z.boolean(),
    writable: z.boolean(),
    pfn: Hex,
    requested: z.optional(Leaf),
    entries: z.optional(z.number().int().positive()),
  }),
  z.strictObject({ kind: z.literal('error'), error: z.string(), seenBy: z.string(), at: z.string(), vmm: z.optional(z.string()) }),
]);

const Verdict = z.strictObject({
  id: z.string(),
  label: z.string(),
  status: z.enum(['good', 'bad', 'partial', 'n/a']),
  short: z.string(),
  detail: z.string(),
  sources: SourceIds,
  verified: z.boolean(),
});

const Source = z.union([
  z.looseObject({ id: z.string(), kind: z.literal('upstream'), file: z.string(), fn: z.string(), version: z.string(), verified: z.boolean() }),
  z.looseObject({ id: z.string(), kind: z.literal('patch'), series: z.string(), messageId: z.string().nullable(), verified: z.boolean() }),
  z.looseObject({ id: z.string(), kind: z.literal('thread'), author: z.string(), messageId: z.string().nullable(), verified: z.boolean() }),
  z.looseObject({ id: z.string(), kind: z.literal('inference'), statement: z.string(), verified: z.literal(false) }),
]);

const Located = z.strictObject({ line: z.number().int().positive(), column: z.optional(z.number().int().positive()), message: z.string() });
const FactKey = z.string().regex(/^(?:[a-zA-Z]+|config\.[A-Z_]+)$/);

/** What `explain --iomem` or `--bundle` read: the machine the design ran on (absent without either). */
const Input = z.union([
  z.strictObject({
    iomem: z.strictObject({
      file: z.string(),
      lines: z.number().int().nonnegative(),
      resources: z.number().int().nonnegative(),
      skipped: z.array(Located).describe('lines left out (blank, comments) or rejected, located on the file as given'),
      repairs: z.array(Located).describe('what the restore layer changed: wrapped lines rejoined, quote marks removed…'),
    }),
  }),
  z.strictObject({
    bundle: z.strictObject({
      file: z.string(),
      detected: z.array(z.strictObject({ key: FactKey, value: z.string(), evidence: z.string() })),
      assumed: z.array(z.strictObject({ key: FactKey, value: z.string(), why: z.string() })),
      flags: z.array(FactKey).describe('platform fields a command-line flag set over the bundle'),
      range: z.strictObject({ start: Hex, end: Hex, from: z.string() }).nullable(),
    }),
  }),
]);

export const ExplainJson = z.strictObject({
  tool: z.strictObject({ tool: z.literal('hdm-atlas'), version: z.string(), modelDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), kernels: z.array(z.enum(KERNEL_VERSIONS)) })
    .describe('the tool and model that made this output, so an answer quoted on a list can be reproduced'),
  input: z.optional(Input),
  design: z.enum(DESIGNS),
  platform: Platform,
  layout: z.strictObject({ windowStart: Hex, windowEnd: Hex, hdmStart: Hex, hdmEnd: Hex }),
  iomem: z.string(),
  ops: z.array(Op),
  conflict: z
    .strictObject({
      fn: z.string(),
      errno: z.string().regex(/^-E[A-Z]+$/),
      conflictWith: z.strictObject({ start: Hex, end: Hex, name: z.string().nullable(), path: z.array(z.string()) }),
      busy: z.boolean(),
      sources: SourceIds,
    })
    .nullable(),
  memory: z.looseObject({
    pages: z.enum(['buddy', 'zone-device', 'reserved', 'none']),
    structPages: z.boolean(),
    zone: z.string().nullable(),
    systemRamIntersection: z.enum(['REGION_DISJOINT', 'REGION_INTERSECTS', 'REGION_MIXED']),
  }),
  verdicts: z.array(Verdict),
  warnings: z.array(z.string()),
  sources: z.array(Source),
  tree: Tree,
  vma: z.looseObject({ kind: z.enum(['vfio-region', 'anon', 'hugetlbfs', 'memfd', 'none']), flags: z.array(z.string()), flagNames: z.array(z.string()), smaps: z.string() }),
  fault: z.strictObject({ arch: z.enum(ARCHES), steps: z.array(Step), result: Result }),
});

/** The JSON Schema (draft 2020-12) of `explain --format json`. */
export function explainJsonSchema(): unknown {
  return z.toJSONSchema(ExplainJson, { target: 'draft-2020-12' });
}
