/**
 * Memoised derivation: explain() results cached by scenario, so a control change re-derives only what changed and
 * switching back is free. Bounded so a long session does not grow the heap.
 */
import { explain, type ExplainOptions } from '../model/explain';
import type { Explanation } from '../model/explain-types';
import type { DesignId, Platform, Scenario } from '../model/scenario';
import { DESIGNS, platformKey } from '../model/scenario';

const MAX = 200;
const cache = new Map<string, Explanation>();

export function scenarioKey(s: Scenario, extra = ''): string {
  return `${s.design}|${platformKey(s.platform)}|${extra}`;
}

/** explain() with a cache; `importKey` distinguishes runs against an imported tree. */
export function explainCached(s: Scenario, opts: ExplainOptions = {}, importKey = ''): Explanation {
  const k = scenarioKey(s, importKey);
  const hit = cache.get(k);
  if (hit) {
    cache.delete(k);
    cache.set(k, hit);
    return hit;
  }
  const ex = explain(s, opts);
  cache.set(k, ex);
  if (cache.size > MAX) cache.delete(cache.keys().next().value!);
  return ex;
}

export function explainAllCached(p: Platform, opts: ExplainOptions = {}, importKey = ''): Record<DesignId, Explanation> {
  const out = {} as Record<DesignId, Explanation>;
  for (const d of DESIGNS) out[d] = explainCached({ design: d, platform: p }, opts, importKey);
  return out;
}

export function clearDeriveCache(): void {
  cache.clear();
}
