/** One sentence for a fault result, for every view: the entry (size, memory type, pfn) or the error and what the VMM does. */
import { hex } from '../addr';
import type { FaultResult } from '../explain-types';

const CACHEABILITY: Record<Extract<FaultResult, { kind: 'mapped' }>['cacheability'], string> = {
  cacheable: 'cacheable',
  uncached: 'not cacheable',
  depends: 'cacheable only if the host MTRRs say WB',
};

export function describeResult(r: FaultResult): string {
  if (r.kind === 'error') return `${r.error} in ${r.at}: ${r.seenBy}${r.vmm ? `; ${r.vmm}` : ''}`;
  const split = r.requested ? ` (${r.entries} × ${r.level} entries: the ${r.requested} block the VMA geometry asked for is not aligned in physical memory)` : '';
  return `${r.table} entry: ${r.level}, ${r.memtype} (${CACHEABILITY[r.cacheability]}), ${r.writable ? 'writable' : 'read-only'}, pfn 0x${hex(r.pfn)}${split}`;
}
