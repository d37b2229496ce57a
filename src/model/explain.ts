/**
 * explain(): everything the model derives for one scenario — the one input of the three diagrams, the verdict matrix,
 * the CLI and the plain-text export.
 */
import { deriveCore, type DeriveOptions } from './derive';
import type { Explanation } from './explain-types';
import { layoutForRange } from './import/range';
import { printIomem } from './resource/printIomem';
import type { DesignId, HdmLayout, Platform, Scenario } from './scenario';
import { DEFAULT_LAYOUT, DESIGNS } from './scenario';
import { isRegisteredSource } from './source-index';
import { deriveVerdicts } from './verdicts/derive';

export interface ExplainOptions extends DeriveOptions {
  /**
   * The HDM range (inclusive end) to run the design on. With `baseTree` the enclosing "CXL Window N" of that tree
   * becomes the window; without it, the default window if it holds the range, else the range itself.
   * Ignored when `layout` is given.
   */
  range?: { start: bigint; end: bigint };
}

const U64_MAX = (1n << 64n) - 1n;

/** Check a layout before anything is built from it; the message names the field that is wrong. */
export function layoutError(l: HdmLayout): string | null {
  const fields = ['windowStart', 'windowEnd', 'hdmStart', 'hdmEnd'] as const;
  for (const f of fields) if (l[f] < 0n || l[f] > U64_MAX) return `layout.${f} is outside 0..2^64-1`;
  if (l.hdmEnd < l.hdmStart) return 'layout: hdmEnd is below hdmStart';
  if (l.windowEnd < l.windowStart) return 'layout: windowEnd is below windowStart';
  if (l.hdmStart < l.windowStart || l.hdmEnd > l.windowEnd) return 'layout: the HDM range is not inside the CXL window';
  return null;
}

/** The layout explain() runs on: opts.layout, else one derived from opts.range, else the default. */
export function resolveLayout(opts: ExplainOptions): HdmLayout {
  if (opts.layout) return opts.layout;
  if (!opts.range) return DEFAULT_LAYOUT;
  const { start, end } = opts.range;
  if (opts.baseTree) return layoutForRange(opts.baseTree, start, end);
  const inDefault = start >= DEFAULT_LAYOUT.windowStart && end <= DEFAULT_LAYOUT.windowEnd;
  return inDefault
    ? { windowStart: DEFAULT_LAYOUT.windowStart, windowEnd: DEFAULT_LAYOUT.windowEnd, hdmStart: start, hdmEnd: end }
    : { windowStart: start, windowEnd: end, hdmStart: start, hdmEnd: end };
}

function collectSources(ex: Omit<Explanation, 'sources'>): string[] {
  const seen = new Set<string>();
  const add = (ids: readonly string[] | undefined) => {
    for (const id of ids ?? []) if (!seen.has(id)) seen.add(id);
  };
  for (const op of ex.ops) add(op.sources);
  if (ex.conflict) add(ex.conflict.sources);
  add(ex.memory.sources);
  add(ex.vma.sources);
  for (const n of ex.fault.steps) add(n.sources);
  for (const v of ex.verdicts) add(v.sources);
  return [...seen];
}

/**
 * Derive the full explanation of one design on one platform: boot tree, the design's kernel ops on a copy of it,
 * /proc/iomem, memory state, VMA, KVM fault path, verdicts, and every cited source in first-use order.
 * Pure. Throws only for an invalid layout/range (a message naming the field).
 */
export function explain(s: Scenario, opts: ExplainOptions = {}): Explanation {
  const layout = resolveLayout(opts);
  const bad = layoutError(layout);
  if (bad) throw new RangeError(bad);
  const { range: _range, ...rest } = opts;
  void _range;
  const dopts: DeriveOptions = { ...rest, layout };
  const c = deriveCore(s, dopts);
  const verdicts = deriveVerdicts(s, c, dopts);
  const partial: Omit<Explanation, 'sources'> = {
    design: s.design,
    platform: s.platform,
    layout: { windowStart: c.layout.windowStart, windowEnd: c.layout.windowEnd, hdmStart: c.layout.hdmStart, hdmEnd: c.layout.hdmEnd },
    bootTree: c.bootTree,
    tree: c.tree,
    iomem: printIomem(c.tree),
    ops: [...c.bootOps, ...c.run.ops],
    conflict: c.run.conflict,
    memory: c.run.memory,
    vma: c.vma,
    fault: c.fault,
    verdicts,
    warnings: c.run.warnings,
  };
  const sources = collectSources(partial);
  const unknown = sources.filter((id) => !isRegisteredSource(id));
  if (unknown.length > 0) throw new Error(`explain: unregistered source ids: ${unknown.join(', ')}`);
  return { ...partial, sources };
}

/** Every design under one platform (the verdict matrix). */
export function explainAll(p: Platform, opts: ExplainOptions = {}): Record<DesignId, Explanation> {
  const out = {} as Record<DesignId, Explanation>;
  for (const d of DESIGNS) out[d] = explain({ design: d, platform: p }, opts);
  return out;
}
