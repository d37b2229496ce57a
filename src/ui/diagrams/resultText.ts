/** One line for a fault result, and what it means for the guest: the colour it gets everywhere (one meaning). */
import { hex } from '../../model/addr';
import type { FaultResult, Verdict } from '../../model/explain-types';

export function resultText(r: FaultResult): string {
  return r.kind === 'mapped'
    ? `${r.table} entry: ${r.level}, ${r.memtype}${r.cacheable ? ' (cacheable)' : ' (not cacheable)'}, ${r.writable ? 'writable' : 'read-only'}, pfn 0x${hex(r.pfn)}`
    : `${r.error} in ${r.at}: ${r.seenBy}`;
}

/**
 * The status colours, shared by the verdict matrix, the headline, the result box and the entry the fault path ends
 * in: good (green) is a cacheable guest mapping or a good verdict; bad (red) an uncached entry, an error or a bad
 * verdict; partial (amber) and n/a (grey) only for verdicts.
 */
export type Tone = Verdict['status'];

/** A cacheable entry is good; an uncached (UC, Device, Normal-NC) entry or an error is bad. */
export function resultTone(r: FaultResult): Tone {
  return r.kind === 'mapped' && r.cacheable ? 'good' : 'bad';
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
  return r.cacheable ? 'the guest sees cacheable memory' : 'the guest sees the memory uncached';
}
