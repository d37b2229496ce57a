/**
 * What the design files share: the run context, the request_mem_region()-style claim that records a Conflict, the
 * CXL region a design's driver assembles when it binds, memremap(MEMREMAP_WB) as kernel/iomem.c decides it, and the
 * memory state read off the tree. Pure: every helper mutates only the cloned tree in the context.
 */
import { formatSize, hex } from '../addr';
import { hasPatch } from '../patches/ids';
import type { Conflict, KernelOp, MemoryState } from '../explain-types';
import { memoryFromTree } from '../memory/fromTree';
import { conflictText } from '../platform/dax';
import type { BootTree } from '../platform/boot';
import type { FirmwareEntry } from '../platform/firmware';
import { findPath, insertResource, regionIntersects, requestRegion, walk } from '../resource/tree';
import { regionContaining, windowContaining } from '../platform/fromTree';
import type { Resource } from '../resource/types';
import { IORESOURCE, IORESOURCE_SYSTEM_RAM, IORES_DESC } from '../resource/types';
import type { DesignId, HdmLayout, Platform } from '../scenario';
import { kernelAtLeast } from '../scenario';
import type { SourceId } from '../source';

export { DEVICE_NODE, zoneFor } from '../memory/fromTree';
export { SYSRAM_DM } from '../platform/dax';

export interface DesignRun {
  ops: KernelOp[];
  conflict: Conflict | null;
  memory: MemoryState;
  /** The design got as far as giving the VMM a mapping (false: probe/hotplug failed, or nothing to map). */
  deviceBound: boolean;
  /** Why not, when deviceBound is false. */
  unboundReason: string | null;
  /** The errno and function of the failed setup step, when there is one. */
  setupError: { error: string; at: string } | null;
  /** The resource the design created for the range, if any (path of names from the root). */
  claimPath: string[] | null;
  warnings: string[];
}

/** What boot left that the designs read: the committed region, Soft Reserved's owner. */
export type BootFacts = Pick<BootTree, 'regionCommitted' | 'softReservedOwner' | 'bootFailure'>;

export interface Ctx {
  design: DesignId;
  p: Platform;
  /** A private copy of the boot tree; the design mutates only this. */
  tree: Resource;
  layout: HdmLayout;
  fw: FirmwareEntry;
  boot: BootFacts;
  ops: KernelOp[];
  warnings: string[];
}

export function sizeOf(l: HdmLayout): bigint {
  return l.hdmEnd - l.hdmStart + 1n;
}

export function rangeArgs(l: HdmLayout, name?: string): string {
  return `${hex(l.hdmStart)}, ${formatSize(sizeOf(l))}${name ? `, "${name}"` : ''}`;
}

/** region_intersects(hdm, IORESOURCE_SYSTEM_RAM, IORES_DESC_NONE); descendant-aware from 6.12 (Huang Ying's fix). */
export function intersects(c: Ctx): MemoryState['systemRamIntersection'] {
  return regionIntersects(c.tree, c.layout.hdmStart, sizeOf(c.layout), IORESOURCE_SYSTEM_RAM, IORES_DESC.NONE, {
    descendantAware: kernelAtLeast(c.p, '6.12'),
  });
}

/** The memory state the tree shows now, with the design's own kernel mapping (memremap) when it made one. */
export function memoryNow(c: Ctx, kernelMapping?: MemoryState['kernelMapping'], extraSources: SourceId[] = []): MemoryState {
  const m = memoryFromTree({ tree: c.tree, layout: c.layout, platform: c.p, firmware: c.fw });
  return {
    ...m,
    ...(kernelMapping !== undefined ? { kernelMapping } : {}),
    sources: [...new Set([...m.sources, ...extraSources])],
  };
}

export interface ClaimSpec {
  /** The function as the design's driver calls it, e.g. "request_mem_region_exclusive()". */
  fn: string;
  file: string;
  name: string;
  /** Flags ORed into the busy resource (IORESOURCE_EXCLUSIVE, SYSTEM_RAM | DRIVER_MANAGED, …). */
  flags: number;
  owner: string;
  /** What the driver reports when __request_region() fails: -EBUSY for request_mem_region(), -EEXIST for hotplug. */
  errno: string;
  sources: SourceId[];
}

/**
 * A __request_region() claim of the whole HDM range: records the op and, when it fails, the Conflict with the
 * resource that made it fail — a busy one in the way, or a non-busy one the request is not contained in.
 */
export function claim(c: Ctx, spec: ClaimSpec): { res: Resource | null; conflict: Conflict | null } {
  const { fn, file, name, flags, owner, errno, sources } = spec;
  const r = requestRegion(c.tree, c.layout.hdmStart, sizeOf(c.layout), name, { flags, owner });
  if (r.ok) {
    const path = findPath(r.res);
    c.ops.push({
      fn, file, args: rangeArgs(c.layout, name), ok: true, resourcePath: path, sources: [...sources, 'res/__request_region'],
      result: r.res.parent?.parent
        ? `busy "${name}" under "${r.res.parent.name ?? '<BAD>'}" (descended through non-busy parents)`
        : `busy "${name}" at the top level`,
    });
    return { res: r.res, conflict: null };
  }
  const cw = r.conflict;
  const path = cw ? findPath(cw) : [];
  const conflict: Conflict = {
    fn,
    errno,
    conflictWith: { start: cw?.start ?? 0n, end: cw?.end ?? 0n, name: cw?.name ?? null, path },
    busy: cw ? (cw.flags & IORESOURCE.BUSY) !== 0 : false,
    sources: [...sources, 'res/__request_region'],
  };
  c.ops.push({
    fn, file, args: rangeArgs(c.layout, name), ok: false, resourcePath: path, sources: conflict.sources,
    result: conflictText(cw, errno, c.layout.hdmStart, c.layout.hdmEnd),
  });
  return { res: null, conflict };
}


/**
 * The accelerator's CXL region as the design's driver finds it: region0 from boot when it was committed before hmem
 * decided, otherwise assembled now, when the driver registers the device with CXL (construct_region()'s
 * insert_resource(), which adopts a same-range child). Returns the failure when no region can exist.
 */
export function ensureRegion(c: Ctx): { ok: true; region: Resource } | { ok: false; why: string; error: string; at: string } {
  const { hdmStart, hdmEnd } = c.layout;
  const existing = regionContaining(c.tree, hdmStart, hdmEnd);
  if (existing) return { ok: true, region: existing };
  if (c.p.config.CXL_REGION === 'n') {
    c.ops.push({
      fn: 'cxl_add_to_region()', file: 'drivers/cxl/core/region.c', args: 'region0', ok: false,
      result: 'CONFIG_CXL_REGION=n: the CXL core builds no regions, so the driver gets no HDM region to own',
      sources: ['dax/discover_region'],
    });
    return { ok: false, why: 'no CXL region can exist with CONFIG_CXL_REGION=n', error: '-ENXIO', at: 'cxl_add_to_region()' };
  }
  const win = windowContaining(c.tree, hdmStart, hdmEnd);
  if (!win) return { ok: false, why: 'the range is in no CXL window', error: '-ENXIO', at: 'cxl_add_to_region()' };
  const name = freeRegionName(c.tree);
  const r = insertResource(win, { start: hdmStart, end: hdmEnd, name, flags: IORESOURCE.MEM, owner: 'cxl' });
  if (!r.ok) {
    const text = conflictText(r.conflict, '-EBUSY', c.layout.hdmStart, c.layout.hdmEnd);
    c.ops.push({
      fn: 'construct_region()', file: 'drivers/cxl/core/region.c', args: rangeArgs(c.layout, name), ok: false,
      resourcePath: r.conflict ? findPath(r.conflict) : [], result: `insert_resource() fails (${text}): "cannot insert resource"`,
      sources: ['cxl/construct_region', 'res/__insert_resource'],
    });
    return { ok: false, why: 'the region cannot be inserted over a partial overlap', error: '-EBUSY', at: 'construct_region()' };
  }
  const adopted = r.res.children.map((k) => `"${k.name ?? '<BAD>'}"`).join(', ');
  const dax = bindTimeDax(c);
  c.ops.push({
    fn: 'construct_region()', file: 'drivers/cxl/core/region.c', args: rangeArgs(c.layout, name), ok: true, resourcePath: findPath(r.res),
    result:
      `no region existed at boot: when the driver registers the accelerator with CXL (Type-2 API, posted) its committed decoder becomes "${name}" (not busy)` +
      (adopted ? `, adopting ${adopted}` : '') +
      `. It comes after hmem's boot-time decision; ${dax.text}.`,
    sources: ['cxl/construct_region', 'dax/discover_region', 'dax/type2-api-posted', 'res/__insert_resource', ...dax.sources],
  });
  return { ok: true, region: r.res };
}

/**
 * What cxl_region_probe() does with a region assembled when the design's driver binds. With the posted no-dax patch
 * it adds no dax; without it (v7.1) it would hand the region to dax_cxl, which is the hotplug design itself, while a
 * VFIO or private-node driver claims the range in the same bind path (drawn first: the race is not modelled).
 */
export function bindTimeDax(c: Ctx): { text: string; sources: SourceId[] } {
  if (hasPatch(c.p, 'cxl/type2-no-dax')) {
    return { text: 'cxl_region_probe() adds no dax to it ("cxl: Avoid dax creation for accelerators", applied)', sources: ['cxl/type2-no-dax'] };
  }
  if (c.design === 'hotplug') {
    return { text: 'cxl_region_probe() hands it to dax_cxl (v7.1 has no device-memory test), which is this design', sources: ['dax/cxl_region_probe', 'pt/type2-region-dax'] };
  }
  return {
    text: 'without the no-dax patch cxl_region_probe() would hand it to dax_cxl too; the driver claims it in the same bind path and is drawn first (that race is not modelled)',
    sources: ['dax/cxl_region_probe', 'pt/bind-race'],
  };
}

/** The first "regionN" name no resource in the tree uses (region0 on the built-in trees). */
function freeRegionName(tree: Resource): string {
  const used = new Set<string>();
  walk(tree, (r) => {
    if (r.name) used.add(r.name);
  });
  let i = 0;
  while (used.has(`region${i}`)) i++;
  return `region${i}`;
}

/** The range is (partly) System RAM that a busy resource holds: boot RAM or a hotplugged "System RAM (…)". */
function ramBelow(c: Ctx): boolean {
  const { hdmStart, hdmEnd } = c.layout;
  let found = false;
  const visit = (r: Resource): void => {
    for (const ch of r.children) {
      if (found || ch.end < hdmStart || ch.start > hdmEnd) continue;
      if ((ch.flags & IORESOURCE_SYSTEM_RAM) === IORESOURCE_SYSTEM_RAM && (ch.flags & IORESOURCE.BUSY) !== 0) {
        found = true;
        return;
      }
      visit(ch);
    }
  };
  visit(c.tree);
  return found;
}

/**
 * memremap(hpa, size, MEMREMAP_WB) as kernel/iomem.c decides it on this tree and architecture (domain §4.1):
 * MIXED → WARN + NULL; INTERSECTS → try_ram_remap() → __va() (direct map); otherwise arch_memremap_wb().
 */
export function memremapWb(c: Ctx, caller: string): { mapping: NonNullable<MemoryState['kernelMapping']>; ok: boolean } {
  const ri = intersects(c);
  const srcs: SourceId[] = ['mr/memremap', 'res/region_intersects'];
  const mapMemory = memoryNow(c).pfnIsMapMemory;
  let mapping: NonNullable<MemoryState['kernelMapping']>;
  let result: string;
  if (ri === 'REGION_MIXED') {
    mapping = { kind: 'null', via: 'memremap()', note: 'REGION_MIXED: WARN_ONCE("memremap attempted on mixed range") and NULL.' };
    result = 'REGION_MIXED → WARN + NULL';
  } else if (ri === 'REGION_INTERSECTS') {
    mapping = {
      kind: 'direct-map-alias',
      via: 'try_ram_remap() → __va()',
      note: 'The range is System RAM: memremap silently returns the direct-map address of buddy-owned memory (Dan Williams).',
    };
    result =
      'REGION_INTERSECTS → try_ram_remap() → __va(): the direct map, silently (Dan Williams); Jason Gunthorpe: the direct map is not "plugged into mm", but its alias must not carry mismatched attributes';
    srcs.push('thread/dan-c', 'thread/jason-f');
  } else if (c.p.arch === 'arm64' && mapMemory) {
    mapping = { kind: 'direct-map-alias', via: 'ioremap_cache() → linear map', note: 'arm64 ioremap_cache() returns the linear map for pfn_is_map_memory() pfns.' };
    result = 'REGION_DISJOINT → arch_memremap_wb() → ioremap_cache(): linear map (pfn_is_map_memory)';
    srcs.push('mr/arm64-ioremap-cache');
  } else if (c.p.arch === 'arm64') {
    mapping = { kind: 'ioremap-prot-normal', via: 'ioremap_cache() → ioremap_prot(PROT_NORMAL)', note: 'A new cacheable vmalloc-area mapping.' };
    result = 'REGION_DISJOINT → arch_memremap_wb() → ioremap_prot(PROT_NORMAL): a separate cacheable mapping';
    srcs.push('mr/arm64-ioremap-cache');
  } else if (ramBelow(c)) {
    // ≤ 6.11: nested "System RAM (kmem)" reads DISJOINT, and x86 ioremap refuses the RAM pages.
    mapping = { kind: 'null', via: 'arch_memremap_wb() → ioremap_cache()', note: '__ioremap_caller() refuses System RAM ("ioremap on RAM at …"): NULL.' };
    result = 'REGION_DISJOINT (pre-6.12 region_intersects) → ioremap_cache() refuses the RAM pages → NULL';
    srcs.push('mr/x86-ioremap-ram', 'res/region_intersects-fix');
  } else {
    mapping = { kind: 'ioremap-wb', via: 'arch_memremap_wb() → ioremap_cache()', note: 'A separate WB vmalloc-area mapping plus a PAT WB memtype reservation.' };
    result = 'REGION_DISJOINT → arch_memremap_wb() → ioremap_cache(): a separate WB mapping';
    srcs.push('mr/x86-ioremap-ram');
  }
  c.ops.push({
    fn: 'memremap()', file: 'kernel/iomem.c', args: `${rangeArgs(c.layout)}, MEMREMAP_WB (from ${caller})`,
    ok: mapping.kind !== 'null', result: `region_intersects(System RAM) = ${ri}; ${result}`, sources: srcs,
  });
  return { mapping, ok: mapping.kind !== 'null' };
}

/** A run that stopped before the VMM got a mapping. */
export function unbound(c: Ctx, why: string, err: { error: string; at: string } | null, extra: Partial<DesignRun> = {}): DesignRun {
  return {
    ops: c.ops, conflict: null, memory: memoryNow(c), deviceBound: false, unboundReason: why, setupError: err, claimPath: null,
    warnings: c.warnings, ...extra,
  };
}
