/** The verdict matrix's columns and status icons, derived from the verdicts themselves (new ids are new columns). */
import type { Explanation, Verdict } from '../model/explain-types';
import type { DesignId } from '../model/scenario';
import { DESIGNS } from '../model/scenario';
import { VERDICT_SHORT } from './labels';

export const STATUS_ICON: Record<Verdict['status'], string> = { good: '✓', bad: '✗', partial: '~', 'n/a': '–' };
const SHORT: Partial<Record<string, string>> = VERDICT_SHORT;

/** Every verdict id any design has, in the first design's order, then the others' extras, with its column title. */
export function verdictColumns(all: Record<DesignId, Explanation>): { id: string; label: string }[] {
  const cols = new Map<string, string>();
  for (const d of DESIGNS) for (const v of all[d].verdicts) if (!cols.has(v.id)) cols.set(v.id, SHORT[v.id] ?? v.label);
  return [...cols].map(([id, label]) => ({ id, label }));
}
