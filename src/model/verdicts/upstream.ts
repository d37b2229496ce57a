/** Where each design stands upstream, with the series or mainline code it rests on. */
import type { Verdict } from '../explain-types';
import type { DesignId } from '../scenario';

export const UPSTREAM: Record<DesignId, Omit<Verdict, 'id' | 'label'>> = {
  hotplug: { status: 'good', short: 'upstream (dax/kmem)', detail: 'dax/kmem and add_memory_driver_managed() are mainline.', sources: ['hp/kmem-probe'], verified: true },
  'private-node': {
    status: 'bad', short: 'RFC v4 (Feb 2026)', detail: 'N_MEMORY_PRIVATE is an RFC; the author plans a major contraction of the interface.',
    sources: ['thread/private-node-rfc'], verified: true,
  },
  memremap: { status: 'partial', short: 'v2 as posted', detail: 'What v2 of the VFIO-CXL series did; superseded by v3. It needs the CXL Type-2 driver API, itself a posted series.', sources: ['thread/v2-16', 'dax/type2-api-posted'], verified: true },
  'vfio-owned': {
    status: 'partial', short: 'v3/v4 in review', detail: 'The thread\'s outcome, adopted in v3 (Jun 2026) and v4 (Aug 2026); not merged as far as known, and it needs the CXL Type-2 driver API (posted, not in 7.1).',
    sources: ['thread/v3-cover', 'thread/v4-pmd', 'dax/type2-api-posted'], verified: true,
  },
  'nvgrace-gpu': { status: 'good', short: 'upstream precedent', detail: 'vfio/nvgrace-gpu is mainline: the cacheable-PFNMAP precedent.', sources: ['nv/mmap'], verified: true },
};
