/** The verdicts' labels, as deriveVerdicts() writes them (a test keeps the two equal). */
import type { VerdictId } from '../explain-types';

export const VERDICT_LABEL: Record<VerdictId, string> = {
  'guest-cacheable': 'Guest sees cacheable memory',
  'exclusive-ownership': 'Exclusive ownership',
  'huge-mappings': 'Huge mappings',
  'live-migration': 'Live migration (dirty logging)',
  'device-reset': 'Device reset',
  'firmware-ram': 'If firmware calls it System RAM',
  'struct-pages': 'struct pages',
  aliases: 'Host aliases match the guest',
  'upstream-status': 'Upstream status',
};
