/** One line for a fault result, and what it means for the guest: the colour it gets everywhere (one meaning). */
import type { FaultResult, Verdict } from '../../model/explain-types';
import { describeResult } from '../../model/text/result';

/** One line for a fault result: the EPT / NPT / stage-2 entry, or the error and where the VMM sees it (the model's words). */
export const resultText = describeResult;

/**
 * The status colours, shared by the verdict matrix, the headline, the result box and the entry the fault path ends
 * in: good (green) is a cacheable guest mapping or a good verdict; bad (red) an uncached entry, an error or a bad
 * verdict; partial (amber) and n/a (grey) only for verdicts.
 */
export type Tone = Verdict['status'];

/**
 * A cacheable entry is good; an uncached (UC, Device, Normal-NC) entry or an error is bad; an entry whose
 * cacheability depends on what the host firmware programmed (AMD NPT honouring MTRRs) is partial.
 */
export function resultTone(r: FaultResult): Tone {
  if (r.kind !== 'mapped') return 'bad';
  return r.cacheability === 'cacheable' ? 'good' : r.cacheability === 'depends' ? 'partial' : 'bad';
}

/** The result in a few words: "EPT 2M UC", "-EBUSY". */
export function resultShort(r: FaultResult): string {
  return r.kind === 'mapped' ? `${r.table} ${r.level} ${r.memtype}` : r.error;
}

/** The rest of the line after resultShort(). */
export function resultRest(r: FaultResult): string {
  return r.kind === 'mapped' ? resultText(r).replace(/^[^:]+: /, '') : `${r.seenBy} (in ${r.at})`;
}

/** What the result means for the guest, in words. */
export function resultMeaning(r: FaultResult): string {
  if (r.kind === 'error') return 'the guest gets no mapping';
  if (r.cacheability === 'depends') return 'the guest sees cacheable memory only if the host MTRRs say WB';
  return r.cacheability === 'cacheable' ? 'the guest sees cacheable memory' : 'the guest sees the memory uncached';
}
