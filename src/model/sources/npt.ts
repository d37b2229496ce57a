import type { Source } from '../source';

/**
 * x86 memory types on both MMUs (Intel EPT, AMD NPT), mismatched-attribute aliases, and what a device reset looks like
 * to the VMM — read for the second fidelity review (issue 13). Copies: arch/x86/kvm/mmu/mmu.c @ 6422060a (v6.19),
 * virt/kvm/kvm_main.c @ 50efc234 (v6.19), arch/arm64/kvm/mmu.c @ fb9888fd (v7.1), vfio_pci_core.c @ f0bf3eac
 * (v7.1 merge window), QEMU accel/kvm/kvm-all.c @ 29eb5c2c.
 */
export const SOURCES_NPT: Record<string, Source> = {
  'x86/npf_interception': {
    kind: 'upstream', file: 'arch/x86/kvm/svm/svm.c', fn: 'npf_interception()', version: 'v6.10', commit: 'f9d1b541', verified: true,
  },
  'x86/svm-no-get-mt-mask': {
    kind: 'patch', series: '[PATCH v2 5/5] KVM: x86: allow defining return-0 static calls',
    messageId: '20220214131614.3050333-6-pbonzini@redhat.com', verified: true,
  },
  'x86/npt-pat-index0': {
    kind: 'patch', series: '[PATCH 3/4] KVM: x86/mmu: Add shadow mask for effective host MTRR memtype',
    messageId: '20220715230016.3762909-4-seanjc@google.com', verified: true,
  },
  'x86/amd-guest-pat-mtrr': {
    kind: 'inference',
    statement: 'On AMD the effective type of a guest access to an NPT mapping is the guest PAT type combined with host PAT entry 0 (WB under Linux) and the host MTRR type of the HPA: WB only if the host MTRRs cover the CXL window as WB and the guest maps it WB; an MTRR UC range stays UC (WC if the guest asks for WC). From the Intel combining rules; the AMD manual\'s tables were not read, and which MTRR type firmware gives a CXL window is not known.',
    verified: false,
  },
  'x86/amd-honors-guest-pat': {
    kind: 'patch', series: 'KVM: x86: Introduce Intel specific quirk KVM_X86_QUIRK_IGNORE_GUEST_PAT (c9c1e20b4c7d, v6.16)',
    messageId: '20250224070946.31482-1-yan.y.zhao@intel.com', verified: true,
  },
  'x86/sme-cbit-mmio': {
    kind: 'upstream', file: 'arch/x86/kvm/mmu/spte.c', fn: 'make_spte()', version: 'v6.17', verified: true,
  },
  'x86/ept-uc-guest-wc': {
    kind: 'thread', author: 'Sean Christopherson', date: '11 Mar 2024', messageId: 'Ze-dCirMCOCsbsVJ@google.com', verified: true,
  },
  'thread/sean-host-pat': {
    kind: 'thread', author: 'Sean Christopherson', date: '12 Mar 2024', messageId: 'ZfBzBUbxpF9MpII-@google.com', verified: true,
  },
  'x86/pat-mtrr-reservation': {
    kind: 'upstream', file: 'arch/x86/mm/pat/memtype.c', fn: 'memtype_reserve()', version: 'v5.18–v6.0', commit: '6144ca13', verified: true,
  },
  'x86/nvgrace-lazy-memremap': {
    kind: 'inference',
    statement: 'nvgrace-gpu memremaps usemem only on the first read()/write() of the region fd (nvgrace_gpu_map_device_mem()), so a fault before that finds no memtype reservation and x86 PAT gives the user PTE UC-.',
    verified: false,
  },
  'x86/pat-alias-rule': {
    kind: 'upstream', file: 'arch/x86/mm/pat/memtype.c', fn: 'memtype_reserve()', version: 'v5.18–v6.0', commit: '6144ca13', verified: true,
  },
  'a64/mismatched-attributes': {
    kind: 'thread', author: 'Nikos Nikoleris (Arm), quoting the Arm ARM B2.8', date: '30 Jun 2022', messageId: '218172cd-25fc-8888-96cc-a7b5a9c65f73@arm.com', verified: true,
  },
  'reset/memory-lock-block': {
    kind: 'upstream', file: 'drivers/vfio/pci/vfio_pci_core.c', fn: 'vfio_pci_zap_and_down_write_memory_lock()', version: 'v7.1', commit: 'f0bf3eac', verified: true,
  },
  'reset/no-memory-fault-exit': {
    kind: 'upstream', file: 'arch/x86/kvm/mmu/mmu.c', fn: 'kvm_handle_error_pfn()', version: 'v6.19', commit: '6422060a', verified: true,
  },
  'reset/qemu-kvm-run-failed': {
    kind: 'upstream', file: 'accel/kvm/kvm-all.c (QEMU)', fn: 'kvm_cpu_exec()', version: 'QEMU before 9.0', commit: '29eb5c2c', verified: true,
  },
  'x86/zone-device-mmio': {
    kind: 'inference',
    statement: 'A ZONE_DEVICE page (device_dax) is PageReserved and its PAT memtype is the WB that devm_memremap_pages() reserved, so __kvm_is_mmio_pfn() reads it as not MMIO and EPT maps it WB. That ZONE_DEVICE pages are PageReserved in these kernels was not checked.',
    verified: false,
  },
  'lm/device-writes': {
    kind: 'inference',
    statement: 'KVM\'s dirty log records guest CPU writes (write-protected or PML-tracked EPT/stage-2 entries); the accelerator writing its own HDM goes through no CPU page table and no IOMMU, so no design\'s dirty log sees it. Migrating device-resident memory needs device-side dirty tracking (a VFIO migration driver).',
    verified: false,
  },
};
