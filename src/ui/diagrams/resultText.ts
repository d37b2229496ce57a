/** One line for a fault result: the EPT / stage-2 entry, or the error and where the VMM sees it. */
import { hex } from '../../model/addr';
import type { FaultResult } from '../../model/explain-types';

export function resultText(r: FaultResult): string {
  return r.kind === 'mapped'
    ? `${r.table} entry: ${r.level}, ${r.memtype}${r.cacheable ? ' (cacheable)' : ' (not cacheable)'}, ${r.writable ? 'writable' : 'read-only'}, pfn 0x${hex(r.pfn)}`
    : `${r.error} in ${r.at}: ${r.seenBy}`;
}
