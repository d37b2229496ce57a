/**
 * What decided a verdict, found in the explanation itself: the fault step, the resource and the VMA part whose
 * citations the verdict shares. Generic over verdict ids (a verdict is tied to the diagrams only through the sources
 * it cites and the links of the steps it shares them with), so a new verdict lights what it cites with no mapping
 * here. Pure.
 */
import type { Explanation, FaultStep } from './explain-types';
import { findByPath } from './resource/tree';

export interface Decider {
  /** Index of the fault step that decided the verdict, or null when no step shares its sources. */
  step: number | null;
  /** The resource (names from the root) that decided it: the conflict it cites, or what a cited operation made. */
  resourcePath: string[] | null;
  /** The VMA leaf: the deciding step faults it in. */
  vmaLeaf: boolean;
  /** The VMA as a whole: the verdict cites what the VMA cites. */
  vma: boolean;
}

export const NO_DECIDER: Decider = { step: null, resourcePath: null, vmaLeaf: false, vma: false };

function shared(ids: readonly string[], cited: ReadonlySet<string>): number {
  let n = 0;
  for (const id of new Set(ids)) if (cited.has(id)) n++;
  return n;
}

/**
 * The decision (a step where a value was tested) whose sources the verdict shares most, the later before the earlier
 * among equals (the last test on the way to the result is the one that settled it); a plain call or the result only
 * when no decision shares a source. The result box repeats what the verdict says; the decision is why.
 */
function decidingStep(steps: readonly FaultStep[], cited: ReadonlySet<string>): number | null {
  let best: number | null = null;
  let bestKey = [0, 0, -1];
  steps.forEach((s, i) => {
    const score = shared(s.sources, cited);
    if (score === 0) return;
    const key = [s.decision ? 1 : 0, score, i];
    if (key[0]! > bestKey[0]! || (key[0] === bestKey[0] && (key[1]! > bestKey[1]! || (key[1] === bestKey[1] && key[2]! > bestKey[2]!)))) {
      best = i;
      bestKey = key;
    }
  });
  return best;
}

/** What decided verdict `verdictId` of `ex`; NO_DECIDER for an unknown id. */
export function decidedBy(ex: Explanation, verdictId: string): Decider {
  const v = ex.verdicts.find((x) => x.id === verdictId);
  if (!v) return NO_DECIDER;
  const cited = new Set(v.sources);
  const step = decidingStep(ex.fault.steps, cited);
  const st = step === null ? undefined : ex.fault.steps[step];
  // Only resources still in the tree the diagram draws (an operation may name one a later operation replaced).
  const inTree = (p: string[] | undefined): p is string[] => p !== undefined && findByPath(ex.tree, p) !== null;
  let resourcePath: string[] | null;
  if (ex.conflict && shared(ex.conflict.sources, cited) > 0 && inTree(ex.conflict.conflictWith.path)) resourcePath = ex.conflict.conflictWith.path;
  else {
    const op = [...ex.ops].reverse().find((o) => inTree(o.resourcePath) && shared(o.sources, cited) > 0);
    const linked = st?.links?.resourcePath;
    resourcePath = op?.resourcePath ?? (inTree(linked) ? linked : null);
  }
  return { step, resourcePath, vmaLeaf: st?.links?.vmaLeaf === true, vma: ex.vma.kind !== 'none' && shared(ex.vma.sources, cited) > 0 };
}
