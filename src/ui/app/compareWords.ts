/**
 * A comparison of two explanations in words: names, not internal keys ("Guest sees cacheable memory", not
 * "guest-cacheable"; "Memory hotplug on arm64", not "hotplug/arm64"). Pure: no React, no DOM.
 */
import type { Comparison } from '../../model/compare';
import type { Explanation, FaultStep, Verdict } from '../../model/explain-types';
import { resultShort } from '../diagrams/resultText';
import { DESIGN_LABEL } from '../labels';
import { compareNames } from './compareNames';

export interface CompareWords {
  title: string;
  nameA: string;
  nameB: string;
  /** Where the fault paths part, or that they do not. */
  path: string;
  /** How each ends. */
  results: string;
  /** Every verdict that differs, by its label. */
  verdicts: { id: string; label: string; a: Pick<Verdict, 'status' | 'short'> | null; b: Pick<Verdict, 'status' | 'short'> | null }[];
}

function stepWords(s: FaultStep): string {
  return s.decision ? `${s.label} → ${s.decision.value}` : s.label;
}

export function compareWords(a: Explanation, b: Explanation, cmp: Comparison): CompareWords {
  const { nameA, nameB } = compareNames(a, b);
  const title = a.design !== b.design ? `${nameA} vs ${nameB}` : `${DESIGN_LABEL[a.design]} on two platforms`;
  const sa = a.fault.steps;
  const sb = b.fault.steps;
  const d = cmp.firstDivergence;
  let path: string;
  if (!d) path = `Both fault paths take the same ${sa.length} steps and end in the same entry.`;
  else if (sa.length === 0 && sb.length === 0) path = 'Neither reaches KVM: both fail while the memory is set up.';
  else if (sa.length === 0 || sb.length === 0) {
    const [none, some, n] = sa.length === 0 ? [nameA, nameB, sb.length] : [nameB, nameA, sa.length];
    path = `${none} never reaches KVM; ${some} takes ${n} steps.`;
  } else if (!d.a && !d.b) path = `Both fault paths take the same ${sa.length} steps, but the entries they end in differ.`;
  else {
    const shared = d.index === 0 ? 'The fault paths differ from the first step' : `The fault paths share their first ${d.index} step${d.index > 1 ? 's' : ''} (${sa[0]!.label} … ${sa[d.index - 1]!.label})`;
    const side = (name: string, s: FaultStep | null, n: number) => (s ? `${name}: ${stepWords(s)}` : `${name}: the path has ended (${n} steps)`);
    path = `${shared}; at step ${d.index + 1} they part. ${side(nameA, d.a, sa.length)}. ${side(nameB, d.b, sb.length)}.`;
  }
  const end = (ex: Explanation) => {
    const r = ex.fault.result;
    return r.kind === 'mapped' ? `${resultShort(r)} (${r.cacheable ? 'cacheable' : 'not cacheable'})` : `${r.error} (${r.seenBy})`;
  };
  const results = cmp.resultDiffers ? `${nameA} ends in ${end(a)}; ${nameB} ends in ${end(b)}.` : `Both end in ${end(a)}.`;
  const find = (ex: Explanation, id: string) => ex.verdicts.find((v) => v.id === id) ?? null;
  const verdicts = cmp.verdictDiffs.map(({ id }) => {
    const va = find(a, id);
    const vb = find(b, id);
    return { id, label: (va ?? vb)?.label ?? id, a: va && { status: va.status, short: va.short }, b: vb && { status: vb.status, short: vb.short } };
  });
  return { title, nameA, nameB, path, results, verdicts };
}
