import type { Source } from '../source';

/** The thread on "[PATCH v2 16/20] vfio/cxl: Register regions with VFIO layer" (alternatives-and-resource-tree.md §1). */
export const SOURCES_THREAD: Record<string, Source> = {
  'thread/v2-cover': {
    kind: 'patch', series: '[PATCH v2 00/20] vfio/pci: Add CXL Type-2 device passthrough support (Manish Honap, 1 Apr 2026)',
    messageId: '20260401143917.108413-1-mhonap@nvidia.com', verified: true,
    note: 'Not in the mail store; subject and Message-ID are quoted as the previous version in the stored v3 cover <20260625165407.1769572-1-mhonap@nvidia.com>, and the ID is in the References of the stored seed reply <20260406220521.GG2551565@ziepe.ca>.',
  },
  'thread/v2-16': {
    kind: 'patch', series: '[PATCH v2 16/20] vfio/cxl: Register regions with VFIO layer (Manish Honap, 1 Apr 2026)',
    messageId: '20260401143917.108413-17-mhonap@nvidia.com', verified: true,
    note: 'Not in the mail store; the Message-ID and subject are confirmed by the stored seed reply <20260406220521.GG2551565@ziepe.ca> (References and "Re:" subject), the content by the domain notes (public list archive).',
  },
  'thread/dan-a': {
    kind: 'thread', author: 'Dan Williams', messageId: '69d0169115c06_1b0cc6100a5@dwillia2-mobl4.notmuch',
    url: 'https://lkml.iu.edu/hypermail/linux/kernel/2604.0/05967.html', date: '2026-04-03', verified: true,
    note: 'CXL.mem is RAM: asks why VFIO MMIO machinery is reused; guest_memfd, page conversion, large pages; points at private nodes. Not in the mail store; the Message-ID is in the References of the stored seed reply <20260406220521.GG2551565@ziepe.ca>, author and content per the domain notes (public list archive).',
  },
  'thread/jason-b': {
    kind: 'thread', author: 'Jason Gunthorpe', messageId: '20260404185330.GD2551565@ziepe.ca',
    url: 'https://lkml.iu.edu/2604.0/06758.html', date: '2026-04-04', verified: true,
    note: 'VFIO owns the whole range and shares it with nobody; the mapping must be cacheable because KVM follows the VMA. Not in the mail store; the Message-ID is in the References of the stored seed reply, and the seed quotes this passage (the mapping must be cache coherent or KVM breaks, since it follows the VMA).',
  },
  'thread/dan-c': {
    kind: 'thread', author: 'Dan Williams', messageId: '69d1685538f45_556821002f@djbw-dev.notmuch',
    url: 'https://lkml.iu.edu/2604.0/06774.html', date: '2026-04-04', verified: true,
    note: 'memremap() can silently fall back to the direct map; VFIO must fail when firmware made the range System RAM; accelerators want EFI_RESERVED. Not in the mail store; the Message-ID is in the References of the stored seed reply, which quotes this passage.',
  },
  'thread/gregory-d': {
    kind: 'thread', author: 'Gregory Price', messageId: null,
    url: 'https://lkml.iu.edu/hypermail/linux/kernel/2604.0/08601.html', date: '2026-04-06', verified: false,
    note: 'Firmware not marking it reserved is a bug and should splat; private nodes only if VFIO needs mm special cases; memremap is a fine start. (Message-ID unverified.)',
  },
  'thread/jason-seed': {
    kind: 'thread', author: 'Jason Gunthorpe', messageId: '20260406220521.GG2551565@ziepe.ca',
    url: 'https://lkml.iu.edu/2604.0/08634.html', date: '2026-04-06', verified: true,
    note: 'The resource tree enforces exclusivity: if mm uses the range, vfio\'s request fails at startup; large cacheable special PTEs in a VMA. Read in the stored copy (../seed/000_b7593192c9a11374.txt): "Re: [PATCH v2 16/20] vfio/cxl: Register regions with VFIO layer", Mon 6 Apr 2026 19:05 -0300, replying to Gregory Price.',
  },
  'thread/jason-f': {
    kind: 'thread', author: 'Jason Gunthorpe', messageId: null,
    url: 'https://lkml.iu.edu/2604.0/08638.html', date: '2026-04-06', verified: false,
    note: 'What matters is no mismatched cache attributes between virtual aliases; the request must fail if something else uses the range. (Message-ID unverified.)',
  },
  'thread/v3-cover': {
    kind: 'patch', series: '[PATCH v3 00/11] vfio/pci: Add CXL Type-2 device passthrough support (Manish Honap, 25 Jun 2026)',
    messageId: '20260625165407.1769572-1-mhonap@nvidia.com', verified: true,
    note: 'memremap(WB) + request_mem_region on the HPA; a conflicting direct-map/EFI use fails probe with -EBUSY. Cover letter found in the archive with this subject.',
  },
  'thread/v4-pmd': {
    kind: 'patch', series: 'vfio-cxl v4 (docs text)', messageId: null, verified: false,
    note: 'The fault handler inserts host PFNs including 2 MB PMDs when the mapping is aligned (source: patch mail, Message-ID unknown).',
  },
  'thread/alejandro-efi-reserved': {
    kind: 'thread', author: 'Alejandro Lucero', messageId: 'ab182638-3693-422b-a7b6-b3630a35a0be@amd.com', date: '2025-11-27', verified: true,
    note: 'The Type-2 design assumes EFI_RESERVED_TYPE so neither BIOS nor kernel touches the memory; Soft Reserved made the Type-2 flow fail -EBUSY. The mail is "Re: [PATCH v21 15/23] sfc: get endpoint decoder" (Alejandro Lucero Palau, 27 Nov 2025, reply to PJ Waskiewicz), found in the archive. Per ERRATA 16 the quoted report traces the -EBUSY to cxl_request_dpa() → __cxl_dpa_reserve() → __request_region() on the device\'s DPA resource tree, not to /proc/iomem (that analysis was not re-read here).',
  },
  'thread/private-node-rfc': {
    kind: 'patch', series: '[LSF/MM/BPF TOPIC][RFC PATCH v4 00/27] Private Memory Nodes (w/ Compressed RAM) (Gregory Price, 22 Feb 2026)',
    messageId: '20260222084842.1824063-1-gourry@gourry.net', verified: true,
    note: 'Cover letter found in the archive; its subject carries the LSF/MM/BPF TOPIC prefix.',
  },
  'thread/private-node-patch25': {
    kind: 'patch', series: '[RFC PATCH v4 25/27] cxl/core: Add private node support to cxl_sysram (Gregory Price, 22 Feb 2026)', messageId: '20260222084842.1824063-26-gourry@gourry.net',
    url: 'https://lkml.iu.edu/hypermail/linux/kernel/2602.2/06862.html', verified: true,
    note: 'The CXL sysram region hotplugs as a private node with resource name "System RAM (CXL)", under a non-busy "cxl_sysramN" resource that sysram_hotplug_add() requests first (regionN → cxl_sysramN → System RAM (CXL), ERRATA 13). Message-ID found in the archive with this subject and author.',
  },
  'thread/dh-thisnode': {
    kind: 'thread', author: 'David Hildenbrand', messageId: null,
    url: 'https://lkml.iu.edu/hypermail/linux/kernel/2604.2/02095.html', date: '2026-04-15', verified: true,
    note: 'Fallback semantics need care; every __GFP_THISNODE user must be audited so it cannot allocate from a private node by accident.',
  },
};
