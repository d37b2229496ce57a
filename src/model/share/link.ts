/**
 * Share links: the whole view (design, platform, selected step, compare, presentation, review notes) in the URL
 * fragment, readable and versioned:
 *
 *   #v=4&d=vfio-owned&a=x86_64&cpu=intel&fwb=1&dic=1&fw=reserved&efi=wb&nsr=0&k=7.1&rg=committed&cr=y&hm=y&km=m
 *       &esr=y&on=online_movable&hf=1&mte=0&dl=0&rst=0[&pt=kvm-x86%2Fept-host-pat,…]&s=4
 *       [&cmp=design:hotplug | &cmp=platform&c.a=arm64&c.fwb=0…] [&p=1]
 *       &tv=0.1.0&md=2026-12-06[&vd=gc.eo.hm…~hp.gbpg…~…] [&n=<base64url JSON of notes>]
 *
 * tv and md name the tool version and the model date that made the link, vd the verdicts it showed
 * (shown-verdicts.ts): opening it under a model whose verdicts differ says which changed. pt lists the posted or
 * hypothetical kernel changes applied (src/model/patches), only when there are any.
 *
 * decodeLink() never throws and never trusts its input: every value is checked against the model's enums (valibot),
 * sizes are capped, and anything wrong yields the default view plus a message naming the field. Nothing from a link
 * is ever turned into HTML. A link made by version 1 keeps opening in every later version (see MIGRATIONS).
 */
import * as v from 'valibot';
import type { Platform } from '../scenario';
import type { ConfigKey, KernelConfig } from '../scenario';
import {
  ARCHES, CONFIG_VALUES, CPU_VENDORS, DEFAULT_PLATFORM, DESIGNS, EFI_ATTRS, FIRMWARE_TYPES, KERNEL_VERSIONS, ONLINE_POLICIES, REGION_STATES,
} from '../scenario';
import { PATCH_IDS, normalizePatches, type PatchId } from '../patches/ids';
import type { ReviewNote, ViewState } from '../view-state';
import { DEFAULT_VIEW } from '../view-state';
import { describeIssue, list, object, variant } from '../validation';
import type { Verdict } from '../explain-types';
import type { DesignId } from '../scenario';
import { MODEL_DATE, TOOL_VERSION } from '../version';
import { decodeShownVerdicts, encodeShownVerdicts, type ShownVerdicts } from './shown-verdicts';

export const LINK_VERSION = 4;
/** Longest fragment we accept (browsers allow more; reviewers paste links in mail). */
export const MAX_LINK_LENGTH = 8192;
export const MAX_NOTES = 50;
export const MAX_NOTE_TEXT = 2000;

const bool01 = v.pipe(v.picklist(['0', '1']), v.transform((x: '0' | '1') => x === '1'));

/** One platform field in a link: its key, its schema, and how it reads from and writes to a Platform. */
interface PlatformParam {
  schema: v.GenericSchema<string, unknown>;
  /** What the error message calls it. */
  what: string;
  get: (p: Platform) => string | boolean;
  set: (p: Platform, v: unknown) => Platform;
}
const top = <K extends keyof Platform>(field: K, schema: v.GenericSchema<string, Platform[K]>): PlatformParam => ({
  schema,
  what: field,
  get: (p) => p[field] as string | boolean,
  set: (p, v) => ({ ...p, [field]: v as Platform[K] }),
});
const cfg = <K extends ConfigKey>(key: K): PlatformParam => ({
  schema: v.picklist(CONFIG_VALUES[key]),
  what: `CONFIG_${key}`,
  get: (p) => p.config[key],
  set: (p, v) => ({ ...p, config: { ...p.config, [key]: v as KernelConfig[K] } }),
});

/** platform.patches as "id,id": each a known change, each once; printed in catalogue order. */
const patchList: v.GenericSchema<string, PatchId[]> = v.pipe(
  v.string(),
  v.maxLength(400),
  v.transform((s: string) => (s === '' ? [] : s.split(','))),
  v.array(v.picklist(PATCH_IDS)),
  v.transform((ids: PatchId[]) => normalizePatches(ids)),
);

/**
 * Link keys of the platform, in the order links print them. Version 2 added cpu, dic, efi, rg, cr, hm, km, esr;
 * version 4 added pt (applied kernel changes), printed for the main platform only when there are any (the
 * compare platform always prints c.pt, since it starts from the main one).
 */
const PLATFORM_PARAMS: Record<string, PlatformParam> = {
  a: top('arch', v.picklist(ARCHES)),
  cpu: top('vendor', v.picklist(CPU_VENDORS)),
  fwb: top('fwb', bool01),
  dic: top('dic', bool01),
  fw: top('firmware', v.picklist(FIRMWARE_TYPES)),
  efi: top('efiAttr', v.picklist(EFI_ATTRS)),
  nsr: top('nosoftreserve', bool01),
  k: top('kernel', v.picklist(KERNEL_VERSIONS)),
  rg: top('region', v.picklist(REGION_STATES)),
  cr: cfg('CXL_REGION'),
  hm: cfg('DEV_DAX_HMEM'),
  km: cfg('DEV_DAX_KMEM'),
  esr: cfg('EFI_SOFT_RESERVE'),
  on: top('onlinePolicy', v.picklist(ONLINE_POLICIES)),
  hf: top('hugeFault', bool01),
  mte: top('mte', bool01),
  dl: top('dirtyLog', bool01),
  rst: top('deviceReset', bool01),
  pt: { schema: patchList, what: 'patches', get: (p) => normalizePatches(p.patches).join(','), set: (p, x) => ({ ...p, patches: x as PatchId[] }) },
};

const NoteTargetSchema = variant('kind', [
  object({ kind: v.literal('resource'), path: list(v.pipe(v.string(), v.maxLength(200)), 16, 1) }),
  object({ kind: v.literal('step'), nodeId: v.pipe(v.string(), v.regex(/^[a-z0-9_]{1,40}$/)) }),
  object({ kind: v.literal('verdict'), design: v.picklist(DESIGNS), verdict: v.pipe(v.string(), v.regex(/^[a-z0-9-]{1,40}$/)) }),
  object({ kind: v.literal('vma'), part: v.picklist(['range', 'flags', 'pgprot', 'vm_ops', 'walk', 'leaves']) }),
]);

export const ReviewNoteSchema = object({
  id: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,40}$/)),
  target: NoteTargetSchema,
  text: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_NOTE_TEXT)),
  author: v.optional(v.pipe(v.string(), v.maxLength(80))),
});
export const ReviewNotesSchema = list(ReviewNoteSchema, MAX_NOTES);

function toBase64Url(s: string): string {
  const bytes = new TextEncoder().encode(s);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(s: string): string {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) throw new Error('not base64url');
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4);
  const bin = atob(b64);
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

function platformParams(p: Platform, prefix: string): string[] {
  return Object.entries(PLATFORM_PARAMS).filter(([k]) => k !== 'pt' || prefix !== '' || p.patches.length > 0).map(([k, f]) => {
    const v = f.get(p);
    return `${prefix}${k}=${typeof v === 'boolean' ? (v ? '1' : '0') : encodeURIComponent(v)}`;
  });
}

/**
 * The fragment (with leading "#") that reproduces `view`, stamped with the tool version and model date; with `shown`
 * (the verdict matrix on the view's platform, built-in tree), it carries those verdicts too.
 */
export function encodeLink(view: ViewState, shown?: Partial<Record<DesignId, { verdicts: readonly Verdict[] }>>): string {
  const parts = [`v=${LINK_VERSION}`, `d=${view.scenario.design}`, ...platformParams(view.scenario.platform, '')];
  if (view.step >= 0) parts.push(`s=${view.step}`);
  if (view.compare?.kind === 'design') parts.push(`cmp=design:${view.compare.design}`);
  else if (view.compare?.kind === 'platform') parts.push('cmp=platform', ...platformParams(view.compare.platform, 'c.'));
  if (view.presentation) parts.push('p=1');
  parts.push(`tv=${encodeURIComponent(TOOL_VERSION)}`, `md=${MODEL_DATE}`);
  if (shown) parts.push(`vd=${encodeShownVerdicts(shown)}`);
  if (view.notes.length > 0) parts.push(`n=${toBase64Url(JSON.stringify(view.notes.map(({ id, target, text, author }) => ({ id, target, text, ...(author ? { author } : {}) }))))}`);
  return `#${parts.join('&')}`;
}

export interface DecodeResult {
  view: ViewState;
  /** Null when the link was understood completely; otherwise what was wrong (the view is then the default). */
  error: string | null;
  /** The link's version (0 when it carried none). */
  version: number;
  /** True when the fragment held no view at all (empty, or unrelated anchors). */
  empty: boolean;
  /** The tool version and model date that made the link (null when it does not say: before link version 3). */
  madeWith: { version: string | null; modelDate: string | null };
  /** The verdicts the link showed, when it carries them. */
  shown: ShownVerdicts | null;
}

const UNKNOWN_MAKER: DecodeResult['madeWith'] = { version: null, modelDate: null };

class LinkError extends Error {}

/**
 * Upgrades from an older link version to the next one. Version 1 is the first public format. Version 2 split
 * "FWB + DIC" into fwb and dic and added the CPU vendor, the EFI attribute, the CXL region and the kernel config:
 * a version 1 link keeps its meaning, since fwb=1 meant both features and the new fields take their defaults
 * (fwb=0 with dic=1 still fails kvm_supports_cacheable_pfnmap(), as fwb=0 did).
 */
const MIGRATIONS: Record<number, (params: Map<string, string>) => Map<string, string>> = {
  1: (params) => {
    for (const k of params.keys()) {
      const bare = k.startsWith('c.') ? k.slice(2) : k;
      if (['cpu', 'dic', 'efi', 'rg', 'cr', 'hm', 'km', 'esr'].includes(bare)) throw new LinkError(`unknown field "${k}"`);
    }
    return params;
  },
  // Version 3 added the tool version (tv), the model date (md) and the verdicts shown (vd); nothing else changed.
  2: (params) => {
    for (const k of ['tv', 'md', 'vd']) if (params.has(k)) throw new LinkError(`unknown field "${k}"`);
    return params;
  },
  // Version 4 added the applied kernel changes (pt); an older link has none and keeps its meaning.
  3: (params) => {
    for (const k of params.keys()) if (k === 'pt' || k === 'c.pt') throw new LinkError(`unknown field "${k}"`);
    return params;
  },
};


function parseParams(hash: string): Map<string, string> {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  const out = new Map<string, string>();
  if (body === '') return out;
  for (const part of body.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawKey = eq < 0 ? part : part.slice(0, eq);
    const rawVal = eq < 0 ? '' : part.slice(eq + 1);
    let key: string;
    let val: string;
    try {
      key = decodeURIComponent(rawKey);
      val = decodeURIComponent(rawVal);
    } catch {
      throw new LinkError(`"${rawKey.slice(0, 20)}" is not valid URL encoding`);
    }
    if (!/^[a-z.]{1,8}$/.test(key)) throw new LinkError(`unknown field "${key.slice(0, 20)}"`);
    if (out.has(key)) throw new LinkError(`field "${key}" appears twice`);
    out.set(key, val);
  }
  return out;
}

function field<T>(params: Map<string, string>, key: string, schema: v.GenericSchema<string, T>, what: string): T | undefined {
  const s = params.get(key);
  if (s === undefined) return undefined;
  const r = v.safeParse(schema, s);
  if (!r.success) throw new LinkError(`${what} ("${key}") has the invalid value "${s.slice(0, 30)}"`);
  return r.output;
}

function platformFrom(params: Map<string, string>, prefix: string, base: Platform): Platform {
  let p = base;
  for (const [k, f] of Object.entries(PLATFORM_PARAMS)) {
    const v = field(params, prefix + k, f.schema, f.what);
    if (v !== undefined) p = f.set(p, v);
  }
  return p;
}

const KNOWN = new Set(['v', 'd', 's', 'cmp', 'p', 'n', 'tv', 'md', 'vd', ...Object.keys(PLATFORM_PARAMS), ...Object.keys(PLATFORM_PARAMS).map((k) => `c.${k}`)]);

/** Decode a fragment. Never throws; on any problem returns the default view and a message naming what was wrong. */
export function decodeLink(hash: string): DecodeResult {
  const fail = (msg: string, version = 0): DecodeResult => ({
    view: DEFAULT_VIEW, error: `This link could not be opened: ${msg}. Showing the default view.`, version, empty: false, madeWith: UNKNOWN_MAKER, shown: null,
  });
  try {
    if (typeof hash !== 'string') return fail('not text');
    if (hash.length > MAX_LINK_LENGTH) return fail(`it is ${hash.length} characters long (the limit is ${MAX_LINK_LENGTH})`);
    let params = parseParams(hash);
    if (params.size === 0 || !params.has('v')) {
      return { view: DEFAULT_VIEW, error: null, version: 0, empty: true, madeWith: UNKNOWN_MAKER, shown: null };
    }
    const vs = params.get('v')!;
    if (!/^\d{1,3}$/.test(vs)) return fail(`version "${vs.slice(0, 10)}" is not a number`);
    let version = Number(vs);
    if (version > LINK_VERSION) return fail(`it was made by a newer version of HDM Atlas (link version ${version}, this one reads up to ${LINK_VERSION})`, version);
    if (version < 1) return fail(`link version ${version} does not exist`, version);
    const original = version;
    while (version < LINK_VERSION) {
      const m = MIGRATIONS[version];
      if (!m) return fail(`no upgrade from link version ${version}`, original);
      params = m(params);
      version++;
    }
    for (const k of params.keys()) if (!KNOWN.has(k)) return fail(`unknown field "${k}"`, original);
    const design = field(params, 'd', v.picklist(DESIGNS), 'design') ?? DEFAULT_VIEW.scenario.design;
    const platform = platformFrom(params, '', DEFAULT_PLATFORM);
    const step = field(params, 's', v.pipe(v.string(), v.regex(/^\d{1,3}$/), v.transform((x: string) => Number(x))), 'step') ?? -1;
    const presentation = field(params, 'p', bool01, 'presentation') ?? false;
    let compare: ViewState['compare'] = null;
    const cmp = params.get('cmp');
    if (cmp !== undefined) {
      if (cmp === 'platform') compare = { kind: 'platform', platform: platformFrom(params, 'c.', platform) };
      else if (cmp.startsWith('design:')) {
        const d = v.safeParse(v.picklist(DESIGNS), cmp.slice(7));
        if (!d.success) throw new LinkError(`compare ("cmp") names an unknown design "${cmp.slice(7, 30)}"`);
        compare = { kind: 'design', design: d.output };
      } else throw new LinkError(`compare ("cmp") has the invalid value "${cmp.slice(0, 30)}"`);
    } else if ([...params.keys()].some((k) => k.startsWith('c.'))) {
      throw new LinkError('compare platform fields without cmp=platform');
    }
    let notes: ReviewNote[] = [];
    const n = params.get('n');
    if (n !== undefined) {
      let json: unknown;
      try {
        json = JSON.parse(fromBase64Url(n));
      } catch {
        throw new LinkError('the review notes ("n") are not readable');
      }
      const r = v.safeParse(ReviewNotesSchema, json);
      if (!r.success) throw new LinkError(`the review notes ("n") are invalid: ${describeIssue(r.issues[0])}`);
      notes = r.output.map((x) => ({ id: x.id, target: x.target, text: x.text, ...(x.author ? { author: x.author } : {}) }));
    }
    const madeWith = {
      version: field(params, 'tv', v.pipe(v.string(), v.regex(/^\d{1,4}\.\d{1,4}\.\d{1,4}(?:[-+][0-9A-Za-z.-]{1,20})?$/)), 'tool version') ?? null,
      modelDate: field(params, 'md', v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/)), 'model date') ?? null,
    };
    let shown: ShownVerdicts | null = null;
    const vd = params.get('vd');
    if (vd !== undefined) {
      try {
        shown = decodeShownVerdicts(vd);
      } catch {
        throw new LinkError('the verdicts it showed ("vd") are not readable');
      }
    }
    return { view: { scenario: { design, platform }, compare, step, presentation, notes }, error: null, version: original, empty: false, madeWith, shown };
  } catch (e) {
    if (e instanceof LinkError) return fail(e.message);
    return fail('it is malformed');
  }
}
