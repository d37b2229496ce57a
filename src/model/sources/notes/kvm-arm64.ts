/** The notes of the sources in ../kvm-arm64.ts: what was read, where, and what it says (shown in the inspector and the plain text). */
const READ = ' Read in arch/arm64/kvm/mmu.c at fb9888fd ("KVM: arm64: Simplify integration of adjust_nested_*_perms()", kvm-arm64/user_mem_abort-rework, kvmarm next 28 Mar 2026, merged in the v7.1 merge window); no elixirTag for a merge-window commit.';

export const NOTES_KVM_ARM64: Readonly<Record<string, string>> = {
  'a64/kvm_handle_guest_abort':
    'Stage-2 abort entry: memslot lookup, MMIO/io_mem_abort, access-flag handling, else user_mem_abort().' + READ,
  'a64/user_mem_abort':
    'Tops up the memcache, pins the pfn, computes the protection and maps (v7.1 rework into kvm_s2_fault_* helpers).' + READ,
  'a64/kvm_s2_fault_pin_pfn':
    'Gets the VMA info, calls __kvm_faultin_pfn(), then the PFNMAP decision for !pfn_is_map_memory() pfns.' + READ,
  'a64/kvm_s2_fault_get_vma_info':
    'vma_lookup(); vma_pagesize from kvm_s2_resolve_vma_size(); is_vma_cacheable = kvm_vma_is_cacheable(vma).' + READ,
  'a64/kvm_vma_is_cacheable':
    'Attribute index of vm_page_prot: NORMAL_NC and DEVICE_* are non-cacheable, anything else cacheable. KVM follows the VMA here.' + READ,
  'a64/cacheable-pfnmap':
    'VM_PFNMAP && !pfn_is_map_memory: cacheable VMA needs kvm_supports_cacheable_pfnmap() (FWB and DIC) else -EFAULT; non-cacheable → map_non_cacheable.' + READ,
  'a64/kvm_s2_fault_compute_prot':
    'R, W if writable; map_non_cacheable → NORMAL_NC with VM_ALLOW_ANY_UNCACHED else DEVICE; exec on non-cacheable → -ENOEXEC; MTE without VM_MTE_ALLOWED → -EFAULT.' + READ,
  'a64/kvm_s2_fault_map':
    'Takes the fault lock, checks mmu_invalidate_retry(), THP adjust (skipped for non-cacheable), kvm_pgtable_stage2_map().' + READ,
  'a64/kvm_arch_prepare_memory_region':
    'For each VMA of a new memslot: MTE without VM_MTE_ALLOWED, PFNMAP with dirty logging, or cacheable PFNMAP without FWB+DIC → -EINVAL.' + READ,
  'a64/get_vma_page_shift':
    'PFNMAP: PUD/PMD shift when hva and vm_pgoff-derived pa share alignment and the block lies inside the VMA: VMA geometry, not the host page table.' + READ,
  'a64/dirty-4k':
    'memslot_is_logging(): vma_shift = PAGE_SHIFT and max_map_size = PAGE_SIZE, so dirty logging forces PAGE_SIZE mappings and kvm_s2_fault_map() skips the THP upgrade (before the v7.1 rework the same test sat inline in user_mem_abort()).' + READ,
  'a64/transparent_hugepage_adjust':
    'Page-backed, non-hugetlb VMAs: upgrade to a PMD block when the host maps a THP.' + READ,
  'a64/user_mem_abort-rework':
    'Fuad Tabba/Marc Zyngier\'s kvm-arm64/user_mem_abort-rework (kvmarm next, 28 Mar 2026, v7.1) split user_mem_abort() into kvm_s2_fault_*() helpers and struct kvm_s2_fault_vma_info without changing behaviour; earlier kernels do the same steps inline.' + READ,
  'a64/pfn_is_map_memory':
    'True for memblock memory without NOMAP (memblock_is_map_memory(), after a bogus-PFN check); hotplugged memory is added to memblock (ARCH_KEEP_MEMBLOCK), so hotplug/private-node pfns are "map memory". Read in arch/arm64/mm/init.c at a7259df76702 ("memblock: make memblock_find_in_range method private", v5.15 merge window; the helper dates from v5.14), not at fb9888fd, which is a commit of arch/arm64/kvm/mmu.c only; no elixirTag for a merge-window commit. The memblock-for-hotplug half of the note was not re-read.',
  'a64/kvm_supports_cacheable_pfnmap':
    'Static inline: cpus_have_final_cap(ARM64_HAS_STAGE2_FWB) && cpus_have_final_cap(ARM64_HAS_CACHE_DIC); its comment says FWB and DIC make KVM\'s CMOs unnecessary, which is what lets a VM_PFNMAP range without a kernel mapping be mapped cacheable at stage 2. Read in arch/arm64/include/asm/kvm_mmu.h at 0c67288e0c8b ("KVM: arm64: Allow cacheable stage 2 mapping using VMA flags", kvmarm, merged in the v6.17 merge window, so no elixirTag); arch/arm64/kvm/mmu.c only calls it.',
  'a64/ankit-series':
    'Cover letter found in the linux-kernel archive with the subject and author above; patch 5/6 is "KVM: arm64: Allow cacheable stage 2 mapping using VMA flags". Applied by the kvmarm maintainers as 2a8dfab26677 "Block cacheable PFNMAP mapping", 0c67288e0c8b "Allow cacheable stage 2 mapping using VMA flags" (which also adds kvm_supports_cacheable_pfnmap() to kvm_mmu.h) and f55ce5a6cd33 "Expose new KVM cap for cacheable PFNMAP" (hashes from kvmarm/next revlists).',
  'a64/normal-nc-version':
    'VM_ALLOW_ANY_UNCACHED and the Normal-NC stage-2 mapping landed in v6.9: the pull merges Oliver Upton\'s kvm-arm64/vfio-normal-nc branch (c034ec84e879 "KVM: arm64: Introduce new flag for non-cacheable IO memory", 5c656fcdd6c6 "mm: Introduce new flag to indicate wc safe", 8c47ce3e1d2c "KVM: arm64: Set io memory s2 pte as normalnc for vfio pci device", a39d3a966a09 "vfio: Convey kvm that the vfio-pci device is wc safe"), together with the new nvgrace-gpu driver.',
  'a64/stage2_set_prot_attr':
    'prot 0 → NORMAL memattr; DEVICE → DEVICE_nGnRE; NORMAL_NC → NORMAL_NC (DEVICE|NORMAL_NC and an executable DEVICE or NORMAL_NC mapping are -EINVAL). The memattr goes through KVM_S2_MEMATTR(), which picks the FWB encoding when the stage-2 table has FWB; that FWB NORMAL means forced write-back is the Arm ARM rule, not read. Read in arch/arm64/kvm/hyp/pgtable.c at c034ec84e879 ("KVM: arm64: Introduce new flag for non-cacheable IO memory", kvmarm for the v6.9 merge window, so no elixirTag), not at fb9888fd, which is a commit of arch/arm64/kvm/mmu.c only.',
};
