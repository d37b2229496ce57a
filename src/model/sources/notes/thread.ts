/** The notes of the sources in ../thread.ts: what was read, where, and what it says (shown in the inspector and the plain text). */
export const NOTES_THREAD: Readonly<Record<string, string>> = {
  'thread/v2-cover':
    'Not in the mail store; subject and Message-ID are quoted as the previous version in the stored v3 cover <20260625165407.1769572-1-mhonap@nvidia.com>, and the ID is in the References of the stored seed reply <20260406220521.GG2551565@ziepe.ca>.',
  'thread/v2-16':
    'Not in the mail store; the Message-ID and subject are confirmed by the stored seed reply <20260406220521.GG2551565@ziepe.ca> (References and "Re:" subject), the content by the domain notes (public list archive).',
  'thread/dan-a':
    'CXL.mem is RAM: asks why VFIO MMIO machinery is reused; guest_memfd, page conversion, large pages; points at private nodes. Not in the mail store; the Message-ID is in the References of the stored seed reply <20260406220521.GG2551565@ziepe.ca>, author and content per the domain notes (public list archive).',
  'thread/jason-b':
    'VFIO owns the whole range and shares it with nobody; the mapping must be cacheable because KVM follows the VMA. Not in the mail store; the Message-ID is in the References of the stored seed reply, and the seed quotes this passage (the mapping must be cache coherent or KVM breaks, since it follows the VMA).',
  'thread/dan-c':
    'memremap() can silently fall back to the direct map; VFIO must fail when firmware made the range System RAM; accelerators want EFI_RESERVED. Not in the mail store; the Message-ID is in the References of the stored seed reply, which quotes this passage.',
  'thread/gregory-d':
    'Firmware not marking it reserved is a bug and should splat; private nodes only if VFIO needs mm special cases; memremap is a fine start. (Message-ID unverified.)',
  'thread/jason-seed':
    'The resource tree enforces exclusivity: if mm uses the range, vfio\'s request fails at startup; large cacheable special PTEs in a VMA. Read in the stored copy (../seed/000_b7593192c9a11374.txt): "Re: [PATCH v2 16/20] vfio/cxl: Register regions with VFIO layer", Mon 6 Apr 2026 19:05 -0300, replying to Gregory Price.',
  'thread/jason-f':
    'What matters is no mismatched cache attributes between virtual aliases; the request must fail if something else uses the range. (Message-ID unverified.)',
  'thread/v3-cover':
    'memremap(WB) + request_mem_region on the HPA; a conflicting direct-map/EFI use fails probe with -EBUSY. Cover letter found in the archive with this subject.',
  'thread/v4-pmd':
    'The fault handler inserts host PFNs including 2 MB PMDs when the mapping is aligned (source: patch mail, Message-ID unknown).',
  'thread/alejandro-efi-reserved':
    'The Type-2 design assumes EFI_RESERVED_TYPE so neither BIOS nor kernel touches the memory; Soft Reserved made the Type-2 flow fail -EBUSY. The mail is "Re: [PATCH v21 15/23] sfc: get endpoint decoder" (Alejandro Lucero Palau, 27 Nov 2025, reply to PJ Waskiewicz), found in the archive. Per ERRATA 16 the quoted report traces the -EBUSY to cxl_request_dpa() → __cxl_dpa_reserve() → __request_region() on the device\'s DPA resource tree, not to /proc/iomem (that analysis was not re-read here).',
  'thread/private-node-rfc':
    'Cover letter found in the archive; its subject carries the LSF/MM/BPF TOPIC prefix.',
  'thread/private-node-patch25':
    'The CXL sysram region hotplugs as a private node with resource name "System RAM (CXL)", under a non-busy "cxl_sysramN" resource that sysram_hotplug_add() requests first (regionN → cxl_sysramN → System RAM (CXL), ERRATA 13). Message-ID found in the archive with this subject and author.',
  'thread/dh-thisnode':
    'Fallback semantics need care; every __GFP_THISNODE user must be audited so it cannot allocate from a private node by accident.',
};
