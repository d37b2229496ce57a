/**
 * Compare two explanations: the first point where their fault paths diverge, every verdict that differs, and the
 * resources one tree has and the other lacks.
 */
import type { Explanation, FaultStep, VerdictId } from './explain-types';
import type { Resource } from './resource/types';

export interface Divergence {
  /** Index of the first step that differs (equal to the shorter length when one path is a prefix of the other). */
  index: number;
  a: FaultStep | null;
  b: FaultStep | null;
  /** Why they differ at that point, e.g. the two decision values. */
  why: string;
}

export interface Comparison {
  firstDivergence: Divergence | null;
  resultDiffers: boolean;
  verdictDiffs: { id: VerdictId; a: string; b: string }[];
  treeDiff: { onlyA: string[]; onlyB: string[] };
}

function paths(r: Resource, prefix: string[] = [], out = new Set<string>()): Set<string> {
  for (const c of r.children) {
    const p = [...prefix, c.name ?? '<BAD>'];
    out.add(p.join(' › '));
    paths(c, p, out);
  }
  return out;
}

function sameStep(a: FaultStep, b: FaultStep): boolean {
  return a.nodeId === b.nodeId && (a.decision?.value ?? '') === (b.decision?.value ?? '');
}

/** Compare a with b. compare(a, a) has no divergence and no differences. */
export function compareExplanations(a: Explanation, b: Explanation): Comparison {
  const sa = a.fault.steps;
  const sb = b.fault.steps;
  let firstDivergence: Divergence | null = null;
  const n = Math.max(sa.length, sb.length);
  for (let i = 0; i < n; i++) {
    const x = sa[i];
    const y = sb[i];
    if (x && y && sameStep(x, y)) continue;
    const why =
      x && y && x.nodeId === y.nodeId
        ? `${x.decision?.test ?? x.label}: ${x.decision?.value ?? ''} vs ${y.decision?.value ?? ''}`
        : `${x?.label ?? '(path ends)'} vs ${y?.label ?? '(path ends)'}`;
    firstDivergence = { index: i, a: x ?? null, b: y ?? null, why };
    break;
  }
  const ra = JSON.stringify(a.fault.result, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
  const rb = JSON.stringify(b.fault.result, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
  if (!firstDivergence && ra !== rb) firstDivergence = { index: sa.length, a: null, b: null, why: 'same path, different entry' };
  // Verdicts in either explanation, in a's order then b's extras; a verdict one side lacks reads "absent".
  const ids = [...new Set([...a.verdicts.map((v) => v.id), ...b.verdicts.map((v) => v.id)])];
  const text = (ex: Explanation, id: VerdictId) => {
    const v = ex.verdicts.find((x) => x.id === id);
    return v ? `${v.status}: ${v.short}` : 'absent';
  };
  const verdictDiffs = ids.map((id) => ({ id, a: text(a, id), b: text(b, id) })).filter((d) => d.a !== d.b);
  const pa = paths(a.tree);
  const pb = paths(b.tree);
  return {
    firstDivergence,
    resultDiffers: ra !== rb,
    verdictDiffs,
    treeDiff: { onlyA: [...pa].filter((p) => !pb.has(p)), onlyB: [...pb].filter((p) => !pa.has(p)) },
  };
}
