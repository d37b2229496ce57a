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
    note: 'The nested page fault exit: the error code from exit_info_1, the GPA from exit_info_2, then kvm_mmu_page_fault(vcpu, gpa, error_code, insn bytes or NULL, insn_len). A newer copy adds the SNP private-access bit with the same call.',
  },
  'x86/svm-no-get-mt-mask': {
    kind: 'patch', series: '[PATCH v2 5/5] KVM: x86: allow defining return-0 static calls',
    messageId: '20220214131614.3050333-6-pbonzini@redhat.com', verified: true,
    note: 'SVM\'s always-zero svm_get_mt_mask() is deleted and get_mt_mask becomes optional; make_spte() calls it only when set, so an NPT entry carries no memory-type bits: PWT = PCD = PAT = 0, PAT index 0.',
  },
  'x86/npt-pat-index0': {
    kind: 'patch', series: '[PATCH 3/4] KVM: x86/mmu: Add shadow mask for effective host MTRR memtype',
    messageId: '20220715230016.3762909-4-seanjc@google.com', verified: true,
    note: 'The comment it added in kvm_mmu_reset_all_pte_masks(): for shadow paging and NPT, KVM encodes WB as PAT entry 0 and relies on the host MTRRs for the correct memtype. The comment left with shadow_memtype_mask in v6.16 (3fee4837ef40, "KVM: x86: remove shadow_memtype_mask"); the behaviour did not change.',
  },
  'x86/amd-guest-pat-mtrr': {
    kind: 'inference',
    statement: 'On AMD the effective type of a guest access to an NPT mapping is the guest PAT type combined with host PAT entry 0 (WB under Linux) and the host MTRR type of the HPA: WB only if the host MTRRs cover the CXL window as WB and the guest maps it WB; an MTRR UC range stays UC (WC if the guest asks for WC). From the Intel combining rules; the AMD manual\'s tables were not read, and which MTRR type firmware gives a CXL window is not known.',
    verified: false,
  },
  'x86/amd-honors-guest-pat': {
    kind: 'patch', series: 'KVM: x86: Introduce Intel specific quirk KVM_X86_QUIRK_IGNORE_GUEST_PAT (c9c1e20b4c7d, v6.16)',
    messageId: '20250224070946.31482-1-yan.y.zhao@intel.com', verified: true,
    note: 'The quirk is Intel-only: on AMD platforms KVM always honours guest PAT (the commit message and Documentation/virt/kvm/api.rst).',
  },
  'x86/sme-cbit-mmio': {
    kind: 'upstream', file: 'arch/x86/kvm/mmu/spte.c', fn: 'make_spte()', version: 'v6.17', verified: true,
    note: 'shadow_me_value (the SME/SEV C-bit, set on AMD by svm_hardware_setup()) is ORed in only when kvm_is_mmio_pfn() is false: on AMD that is all kvm_is_mmio_pfn() decides. Read in a copy with kvm_is_mmio_pfn(pfn, &is_host_mmio) (v6.17/6.18), commit unknown.',
  },
  'x86/ept-uc-guest-wc': {
    kind: 'thread', author: 'Sean Christopherson', date: '11 Mar 2024', messageId: 'Ze-dCirMCOCsbsVJ@google.com', verified: true,
    note: 'Re: [PATCH 1/5] KVM: x86: Remove VMX support for virtualizing guest MTRR memtypes: EPT UC with IPAT clear still combines with guest PAT, so a guest WC mapping of host MMIO is WC, not UC; WB, UC- and UC guest mappings are UC.',
  },
  'thread/sean-host-pat': {
    kind: 'thread', author: 'Sean Christopherson', date: '12 Mar 2024', messageId: 'ZfBzBUbxpF9MpII-@google.com', verified: true,
    note: 'Re: [PATCH] KVM: x86/mmu: treat WC memory as MMIO. Forcing EPT UC for anything KVM calls MMIO limits the guest to UC or WC; ideally the EPT memtype would match the host PAT memtype while honouring guest PAT, for all guest memory and every x86 flavour, but changing it risks 15+ years of KVM ABI and is unsafe on Intel CPUs without self-snoop.',
  },
  'x86/pat-mtrr-reservation': {
    kind: 'upstream', file: 'arch/x86/mm/pat/memtype.c', fn: 'memtype_reserve()', version: 'v5.18–v6.0', commit: '6144ca13', verified: true,
    note: 'The reserved type is pat_x_mtrr_type(): a WB request on a range whose MTRR type is not WB is recorded UC-, so a memremap(WB)/ioremap_cache reservation, and the VFIO user PTEs that lookup_memtype() later finds, are WB only where the host MTRRs say WB.',
  },
  'x86/nvgrace-lazy-memremap': {
    kind: 'inference',
    statement: 'nvgrace-gpu memremaps usemem only on the first read()/write() of the region fd (nvgrace_gpu_map_device_mem()), so a fault before that finds no memtype reservation and x86 PAT gives the user PTE UC-.',
    verified: false,
  },
  'x86/pat-alias-rule': {
    kind: 'upstream', file: 'arch/x86/mm/pat/memtype.c', fn: 'memtype_reserve()', version: 'v5.18–v6.0', commit: '6144ca13', verified: true,
    note: 'The kernel keeps one memory type per physical range and refuses or downgrades a conflicting request, because the Intel SDM (§11.12.4) leaves aliases of one page with different memory types unsupported, with results it does not define; a WC alias of a cacheable page is expressly forbidden.',
  },
  'a64/mismatched-attributes': {
    kind: 'thread', author: 'Nikos Nikoleris (Arm), quoting the Arm ARM B2.8', date: '30 Jun 2022', messageId: '218172cd-25fc-8888-96cc-a7b5a9c65f73@arm.com', verified: true,
    note: 'Re: [kvm-unit-tests PATCH v3 15/27] arm/arm64: mmu_disable: Clean and invalidate before disabling (read as quoted in Alexandru Elisei\'s reply <Yr3H4HM/bMaahFk2@monolith.localdoman>). Mismatched memory attributes for one physical location (e.g. a cacheable linear-map alias and a non-cacheable or Device mapping) can lose the uniprocessor semantics, ordering or coherency.',
  },
  'reset/memory-lock-block': {
    kind: 'upstream', file: 'drivers/vfio/pci/vfio_pci_core.c', fn: 'vfio_pci_zap_and_down_write_memory_lock()', version: 'v7.1', commit: 'f0bf3eac', verified: true,
    note: 'A reset takes memory_lock for write and zaps the user mappings (the MMU notifier drops the guest entries); a guest access meanwhile re-faults into the VFIO fault handler, which blocks on memory_lock for read (uninterruptibly) until the reset is done, then decides by its own checks.',
  },
  'reset/no-memory-fault-exit': {
    kind: 'upstream', file: 'arch/x86/kvm/mmu/mmu.c', fn: 'kvm_handle_error_pfn()', version: 'v6.19', commit: '6422060a', verified: true,
    note: 'A fault-handler SIGBUS becomes KVM_PFN_ERR_FAULT and a bare -EFAULT from KVM_RUN; KVM_EXIT_MEMORY_FAULT is filled only on private / guest_memfd paths (arm64 v7.1: only gmem_abort()).',
  },
  'reset/qemu-kvm-run-failed': {
    kind: 'upstream', file: 'accel/kvm/kvm-all.c (QEMU)', fn: 'kvm_cpu_exec()', version: 'QEMU before 9.0', commit: '29eb5c2c', verified: true,
    note: 'KVM_RUN failing with -EFAULT prints "error: kvm run failed Bad address", dumps the registers and vm_stop(RUN_STATE_INTERNAL_ERROR): the VM pauses and "cont" is refused until a system reset. From QEMU 9.0 only an -EFAULT that carries KVM_EXIT_MEMORY_FAULT is handled (kvm_convert_memory(), <20240322181116.1228416-26-pbonzini@redhat.com>).',
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
