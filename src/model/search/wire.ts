/**
 * A search result as plain data (structured-clone safe, for the worker), and back: items lose their apply()
 * function on the way out and get it back from candidateItems() of the same scenario by id.
 */
import type { Scenario } from '../scenario';
import { candidateItems, type ChangeItem } from './items';
import type { SearchResult, VerdictNeeds } from './search';

export type WireItem = Omit<ChangeItem, 'apply'>;
export type WireResult = Omit<SearchResult, 'verdicts'> & { verdicts: (Omit<VerdictNeeds, 'needs'> & { needs: WireItem[][] })[] };

export function toWire(r: SearchResult): WireResult {
  return { ...r, verdicts: r.verdicts.map((v) => ({ ...v, needs: v.needs.map((set) => set.map(({ apply: _a, ...rest }) => (void _a, rest))) })) };
}

export function fromWire(w: WireResult, s: Scenario): SearchResult {
  const byId = new Map(candidateItems(s.platform, s.design).map((i) => [i.id, i]));
  const item = (x: WireItem): ChangeItem => {
    const i = byId.get(x.id);
    if (!i) throw new Error(`search result names an unknown change ${x.id}`);
    return i;
  };
  return { ...w, verdicts: w.verdicts.map((v) => ({ ...v, needs: v.needs.map((set) => set.map(item)) })) };
}
