/** The notes of the sources in ../npt.ts: what was read, where, and what it says (shown in the inspector and the plain text). */
export const NOTES_NPT: Readonly<Record<string, string>> = {
  'x86/npf_interception':
    'The nested page fault exit: the error code from exit_info_1, the GPA from exit_info_2, then kvm_mmu_page_fault(vcpu, gpa, error_code, insn bytes or NULL, insn_len). A newer copy adds the SNP private-access bit with the same call.',
  'x86/svm-no-get-mt-mask':
    'SVM\'s always-zero svm_get_mt_mask() is deleted and get_mt_mask becomes optional; make_spte() calls it only when set, so an NPT entry carries no memory-type bits: PWT = PCD = PAT = 0, PAT index 0.',
  'x86/npt-pat-index0':
    'The comment it added in kvm_mmu_reset_all_pte_masks(): for shadow paging and NPT, KVM encodes WB as PAT entry 0 and relies on the host MTRRs for the correct memtype. The comment left with shadow_memtype_mask in v6.16 (3fee4837ef40, "KVM: x86: remove shadow_memtype_mask"); the behaviour did not change.',
  'x86/amd-honors-guest-pat':
    'The quirk is Intel-only: on AMD platforms KVM always honours guest PAT (the commit message and Documentation/virt/kvm/api.rst).',
  'x86/sme-cbit-mmio':
    'shadow_me_value (the SME/SEV C-bit, set on AMD by svm_hardware_setup()) is ORed in only when kvm_is_mmio_pfn() is false: on AMD that is all kvm_is_mmio_pfn() decides. Read in a copy with kvm_is_mmio_pfn(pfn, &is_host_mmio) (v6.17/6.18), commit unknown.',
  'x86/ept-uc-guest-wc':
    'Re: [PATCH 1/5] KVM: x86: Remove VMX support for virtualizing guest MTRR memtypes: EPT UC with IPAT clear still combines with guest PAT, so a guest WC mapping of host MMIO is WC, not UC; WB, UC- and UC guest mappings are UC.',
  'thread/sean-host-pat':
    'Re: [PATCH] KVM: x86/mmu: treat WC memory as MMIO. Forcing EPT UC for anything KVM calls MMIO limits the guest to UC or WC; ideally the EPT memtype would match the host PAT memtype while honouring guest PAT, for all guest memory and every x86 flavour, but changing it risks 15+ years of KVM ABI and is unsafe on Intel CPUs without self-snoop.',
  'x86/pat-mtrr-reservation':
    'The reserved type is pat_x_mtrr_type(): a WB request on a range whose MTRR type is not WB is recorded UC-, so a memremap(WB)/ioremap_cache reservation, and the VFIO user PTEs that lookup_memtype() later finds, are WB only where the host MTRRs say WB.',
  'x86/pat-alias-rule':
    'The kernel keeps one memory type per physical range and refuses or downgrades a conflicting request, because the Intel SDM (§11.12.4) leaves aliases of one page with different memory types unsupported, with results it does not define; a WC alias of a cacheable page is expressly forbidden.',
  'a64/mismatched-attributes':
    'Re: [kvm-unit-tests PATCH v3 15/27] arm/arm64: mmu_disable: Clean and invalidate before disabling (read as quoted in Alexandru Elisei\'s reply <Yr3H4HM/bMaahFk2@monolith.localdoman>). Mismatched memory attributes for one physical location (e.g. a cacheable linear-map alias and a non-cacheable or Device mapping) can lose the uniprocessor semantics, ordering or coherency.',
  'reset/memory-lock-block':
    'A reset takes memory_lock for write and zaps the user mappings (the MMU notifier drops the guest entries); a guest access meanwhile re-faults into the VFIO fault handler, which blocks on memory_lock for read (uninterruptibly) until the reset is done, then decides by its own checks.',
  'reset/no-memory-fault-exit':
    'A fault-handler SIGBUS becomes KVM_PFN_ERR_FAULT and a bare -EFAULT from KVM_RUN; KVM_EXIT_MEMORY_FAULT is filled only on private / guest_memfd paths (arm64 v7.1: only gmem_abort()).',
  'reset/qemu-kvm-run-failed':
    'KVM_RUN failing with -EFAULT prints "error: kvm run failed Bad address", dumps the registers and vm_stop(RUN_STATE_INTERNAL_ERROR): the VM pauses and "cont" is refused until a system reset. From QEMU 9.0 only an -EFAULT that carries KVM_EXIT_MEMORY_FAULT is handled (kvm_convert_memory(), <20240322181116.1228416-26-pbonzini@redhat.com>).',
};
