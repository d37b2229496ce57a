/**
 * explain(): everything the model derives for one scenario — the one input of the three diagrams, the verdict matrix,
 * the CLI and the plain-text export.
 */
import { deriveCore, type DeriveOptions } from './derive';
import type { Explanation } from './explain-types';
import { printIomem } from './resource/iomem';
import type { DesignId, Platform, Scenario } from './scenario';
import { DESIGNS } from './scenario';
import { SOURCES } from './sources';
import { deriveVerdicts } from './verdicts/derive';

export type ExplainOptions = DeriveOptions;

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

/** Derive the full explanation of one design on one platform. Pure; never throws for valid scenarios. */
export function explain(s: Scenario, opts: ExplainOptions = {}): Explanation {
  const c = deriveCore(s, opts);
  const verdicts = deriveVerdicts(s, c, opts);
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
  const unknown = sources.filter((id) => !(id in SOURCES));
  if (unknown.length > 0) throw new Error(`explain: unregistered source ids: ${unknown.join(', ')}`);
  return { ...partial, sources };
}

/** Every design under one platform (the verdict matrix). */
export function explainAll(p: Platform, opts: ExplainOptions = {}): Record<DesignId, Explanation> {
  const out = {} as Record<DesignId, Explanation>;
  for (const d of DESIGNS) out[d] = explain({ design: d, platform: p }, opts);
  return out;
}
