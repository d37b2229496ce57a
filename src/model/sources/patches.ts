import type { Source } from '../source';

/**
 * What the catalogue of kernel changes (src/model/patches) rests on that no other file cites: series versions, posted
 * patches, and the inferences behind the effect the model gives a hypothetical change. Mails were looked up in the
 * stored list archives (linux-mailinglist-archives/*, Dec 2026); one not in the store stays unverified.
 */
export const SOURCES_PATCHES: Record<string, Source> = {
  'pt/vfio-cxl-v3': {
    kind: 'patch', series: '[PATCH v3 00/11] vfio/pci: Add CXL Type-2 device passthrough support (Manish Honap, 25 Jun 2026)',
    messageId: '20260625165407.1769572-1-mhonap@nvidia.com', verified: true,
  },
  'pt/vfio-cxl-v4': {
    kind: 'patch', series: '[PATCH v4 00/27] vfio/pci: Add CXL Type-2 device passthrough support (Manish Honap, 13 Aug 2026)',
    messageId: '20260813093631.2288172-1-mhonap@nvidia.com', verified: false,
  },
  'pt/type2-v28': {
    kind: 'patch', series: '[PATCH v28 0/5] Type2 device basic support (Alejandro Lucero)',
    messageId: '20260618181806.118745-1-alejandro.lucero-palau@amd.com', verified: true,
  },
  'pt/type2-region-dax': {
    kind: 'inference',
    statement: 'Without "cxl: Avoid dax creation for accelerators" nothing in cxl_region_probe() (v7.1) reads the region type, so a committed RAM region of a Type-2 device gets a dax region like a Type-3 one: dax_cxl binds it and kmem (or device_dax with CONFIG_DEV_DAX_KMEM=n) claims it, unless System RAM already sits in it. Read from the code (dax/cxl_region_probe); no report of it happening to an accelerator was found.',
    verified: false,
  },
  'pt/bind-race': {
    kind: 'inference',
    statement: 'A region the design\'s own driver assembles when it binds is claimed (or memremapped) in the same bind path. Whether dax_cxl and kmem, loaded on demand, could get to it first when the Type-2 series\' no-dax patch is missing is a race the model does not draw: it draws the driver first.',
    verified: false,
  },
  'pt/private-node-v3': {
    kind: 'patch', series: '[RFC PATCH v3 0/8] mm,numa: N_PRIVATE node isolation for device-managed memory (Gregory Price, 8 Jan 2026)',
    messageId: '20260108203755.1163107-1-gourry@gourry.net', verified: true,
  },
  'pt/soft-reserve-iomem': {
    kind: 'patch', series: '[PATCH v8 9/9] dax/hmem: Reintroduce Soft Reserved ranges back into the iomem tree (Smita Koralahalli, 22 Mar 2026)',
    messageId: '20260322195343.206900-10-Smita.KoralahalliChannabasappa@amd.com', verified: true,
  },
  'pt/anish-annotate-efault': {
    kind: 'patch', series: '[PATCH v5 00/17] Improve KVM + userfaultfd live migration via annotated memory faults. (Anish Moorthy, 8 Sep 2023)',
    messageId: '20230908222905.1321305-1-amoorthy@google.com', verified: true,
  },
  'pt/sean-annotate-efault': {
    kind: 'thread', author: 'Sean Christopherson', date: '6 Oct 2023', messageId: 'ZR9WkaObdPTIc07-@google.com', verified: true,
  },
  'pt/vmm-retry-inference': {
    kind: 'inference',
    statement: 'Hypothetical: a VMM that gets KVM_EXIT_MEMORY_FAULT for a GPA inside a VFIO device region while it is resetting that device waits for the reset (and the driver re-enabling the region) and re-enters KVM_RUN; the re-fault then inserts the pfn. No VMM does this: QEMU 9.0 treats the exit only as a guest_memfd private/shared conversion and stops the VM when kvm_convert_memory() fails.',
    verified: false,
  },
  'pt/ept-host-pat-inference': {
    kind: 'inference',
    statement: 'Hypothetical: with EPT taking a PFNMAP pfn\'s memory type from the host mapping (the PAT type x86 gave the VMM\'s PTE, lookup_memtype()), a pfn KVM calls MMIO but the host maps WB through a memremap()/ioremap_cache() reservation would be mapped WB in EPT, guest PAT honoured (no IPAT); one with no reservation stays UC-/UC. AMD NPT already takes the type from the host MTRRs and guest PAT, so nothing changes there. No such patch exists.',
    verified: false,
  },
};
