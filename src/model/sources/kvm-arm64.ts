import type { Source } from '../source';

/** KVM arm64 stage-2 fault path, v7.1 @ fb9888fd (vma-and-kvm-fault-path.md §B6–§B7). */
const A = (fn: string, note: string, verified = true, file = 'arch/arm64/kvm/mmu.c'): Source => ({
  kind: 'upstream', file, fn, version: 'v7.1', commit: 'fb9888fd', verified,
  note: `${note} Read in arch/arm64/kvm/mmu.c at fb9888fd ("KVM: arm64: Simplify integration of adjust_nested_*_perms()", kvm-arm64/user_mem_abort-rework, kvmarm next 28 Mar 2026, merged in the v7.1 merge window); no elixirTag for a merge-window commit.`,
});

export const SOURCES_KVM_ARM64: Record<string, Source> = {
  'a64/kvm_handle_guest_abort': A('kvm_handle_guest_abort()', 'Stage-2 abort entry: memslot lookup, MMIO/io_mem_abort, access-flag handling, else user_mem_abort().'),
  'a64/user_mem_abort': A('user_mem_abort()', 'Tops up the memcache, pins the pfn, computes the protection and maps (v7.1 rework into kvm_s2_fault_* helpers).'),
  'a64/kvm_s2_fault_pin_pfn': A('kvm_s2_fault_pin_pfn()', 'Gets the VMA info, calls __kvm_faultin_pfn(), then the PFNMAP decision for !pfn_is_map_memory() pfns.'),
  'a64/kvm_s2_fault_get_vma_info': A('kvm_s2_fault_get_vma_info()', 'vma_lookup(); vma_pagesize from kvm_s2_resolve_vma_size(); is_vma_cacheable = kvm_vma_is_cacheable(vma).'),
  'a64/kvm_vma_is_cacheable': A('kvm_vma_is_cacheable()', 'Attribute index of vm_page_prot: NORMAL_NC and DEVICE_* are non-cacheable, anything else cacheable. KVM follows the VMA here.'),
  'a64/pfn_is_map_memory': {
    kind: 'upstream', file: 'arch/arm64/mm/init.c', fn: 'pfn_is_map_memory()', version: 'v5.15', commit: 'a7259df76702', verified: true,
    note: 'True for memblock memory without NOMAP (memblock_is_map_memory(), after a bogus-PFN check); hotplugged memory is added to memblock (ARCH_KEEP_MEMBLOCK), so hotplug/private-node pfns are "map memory". Read in arch/arm64/mm/init.c at a7259df76702 ("memblock: make memblock_find_in_range method private", v5.15 merge window; the helper dates from v5.14), not at fb9888fd, which is a commit of arch/arm64/kvm/mmu.c only; no elixirTag for a merge-window commit. The memblock-for-hotplug half of the note was not re-read.',
  },
  'a64/cacheable-pfnmap': A('kvm_s2_fault_pin_pfn()', 'VM_PFNMAP && !pfn_is_map_memory: cacheable VMA needs kvm_supports_cacheable_pfnmap() (FWB and DIC) else -EFAULT; non-cacheable → map_non_cacheable.'),
  'a64/kvm_supports_cacheable_pfnmap': {
    kind: 'upstream', file: 'arch/arm64/include/asm/kvm_mmu.h', fn: 'kvm_supports_cacheable_pfnmap()', version: 'v6.17', commit: '0c67288e0c8b', verified: true,
    note: 'Static inline: cpus_have_final_cap(ARM64_HAS_STAGE2_FWB) && cpus_have_final_cap(ARM64_HAS_CACHE_DIC); its comment says FWB and DIC make KVM\'s CMOs unnecessary, which is what lets a VM_PFNMAP range without a kernel mapping be mapped cacheable at stage 2. Read in arch/arm64/include/asm/kvm_mmu.h at 0c67288e0c8b ("KVM: arm64: Allow cacheable stage 2 mapping using VMA flags", kvmarm, merged in the v6.17 merge window, so no elixirTag); arch/arm64/kvm/mmu.c only calls it.',
  },
  'a64/ankit-series': {
    kind: 'patch', series: '[PATCH v10 0/6] KVM: arm64: Map GPU device memory as cacheable (Ankit Agrawal, 5 Jul 2025), applied for v6.17', messageId: '20250705071717.5062-1-ankita@nvidia.com', verified: true,
    note: 'Cover letter found in the linux-kernel archive with the subject and author above; patch 5/6 is "KVM: arm64: Allow cacheable stage 2 mapping using VMA flags". Applied by the kvmarm maintainers as 2a8dfab26677 "Block cacheable PFNMAP mapping", 0c67288e0c8b "Allow cacheable stage 2 mapping using VMA flags" (which also adds kvm_supports_cacheable_pfnmap() to kvm_mmu.h) and f55ce5a6cd33 "Expose new KVM cap for cacheable PFNMAP" (hashes from kvmarm/next revlists).',
  },
  'a64/pre-6.17': {
    kind: 'inference',
    statement: 'Before v6.17 a VM_PFNMAP pfn that is not map memory is always forced non-cacheable at stage-2 (Device, or Normal-NC with VM_ALLOW_ANY_UNCACHED). Read in a v5.15-era mmu.c (1c53a1ae): user_mem_abort() gets the pfn from __gfn_to_pfn_memslot(), sets device when kvm_is_device_pfn(pfn), maps it KVM_PGTABLE_PROT_DEVICE and ends with kvm_release_pfn_clean(); v6.9 added Normal-NC for VM_ALLOW_ANY_UNCACHED and v6.17 the cacheable case. That nothing else changed it in between is not checked.',
    verified: false,
  },
  'a64/normal-nc-version': {
    kind: 'patch',
    series: '[GIT PULL] VFIO updates for v6.9-rc1 (tag vfio-v6.9-rc1, Alex Williamson, 14 Mar 2024)',
    messageId: '20240314170157.0a6bdd52.alex.williamson@redhat.com',
    verified: true,
    note: 'VM_ALLOW_ANY_UNCACHED and the Normal-NC stage-2 mapping landed in v6.9: the pull merges Oliver Upton\'s kvm-arm64/vfio-normal-nc branch (c034ec84e879 "KVM: arm64: Introduce new flag for non-cacheable IO memory", 5c656fcdd6c6 "mm: Introduce new flag to indicate wc safe", 8c47ce3e1d2c "KVM: arm64: Set io memory s2 pte as normalnc for vfio pci device", a39d3a966a09 "vfio: Convey kvm that the vfio-pci device is wc safe"), together with the new nvgrace-gpu driver.',
  },
  'a64/kvm_s2_fault_compute_prot': A('kvm_s2_fault_compute_prot()', 'R, W if writable; map_non_cacheable → NORMAL_NC with VM_ALLOW_ANY_UNCACHED else DEVICE; exec on non-cacheable → -ENOEXEC; MTE without VM_MTE_ALLOWED → -EFAULT.'),
  'a64/kvm_s2_fault_map': A('kvm_s2_fault_map()', 'Takes the fault lock, checks mmu_invalidate_retry(), THP adjust (skipped for non-cacheable), kvm_pgtable_stage2_map().'),
  'a64/stage2_set_prot_attr': {
    kind: 'upstream', file: 'arch/arm64/kvm/hyp/pgtable.c', fn: 'stage2_set_prot_attr()', version: 'v6.9', commit: 'c034ec84e879', verified: true,
    note: 'prot 0 → NORMAL memattr; DEVICE → DEVICE_nGnRE; NORMAL_NC → NORMAL_NC (DEVICE|NORMAL_NC and an executable DEVICE or NORMAL_NC mapping are -EINVAL). The memattr goes through KVM_S2_MEMATTR(), which picks the FWB encoding when the stage-2 table has FWB; that FWB NORMAL means forced write-back is the Arm ARM rule, not read. Read in arch/arm64/kvm/hyp/pgtable.c at c034ec84e879 ("KVM: arm64: Introduce new flag for non-cacheable IO memory", kvmarm for the v6.9 merge window, so no elixirTag), not at fb9888fd, which is a commit of arch/arm64/kvm/mmu.c only.',
  },
  'a64/kvm_arch_prepare_memory_region': A('kvm_arch_prepare_memory_region()', 'For each VMA of a new memslot: MTE without VM_MTE_ALLOWED, PFNMAP with dirty logging, or cacheable PFNMAP without FWB+DIC → -EINVAL.'),
  'a64/get_vma_page_shift': A('get_vma_page_shift()', 'PFNMAP: PUD/PMD shift when hva and vm_pgoff-derived pa share alignment and the block lies inside the VMA: VMA geometry, not the host page table.'),
  'a64/huge-vma-geometry-inference': {
    kind: 'inference', statement: 'For VFIO vm_pgoff is the region-index encoding, so the alignment test is only right if the backing range is aligned as well.', verified: false,
  },
  'a64/dirty-4k': A('kvm_s2_resolve_vma_size()', 'memslot_is_logging(): vma_shift = PAGE_SHIFT and max_map_size = PAGE_SIZE, so dirty logging forces PAGE_SIZE mappings and kvm_s2_fault_map() skips the THP upgrade (before the v7.1 rework the same test sat inline in user_mem_abort()).'),
  'a64/transparent_hugepage_adjust': A('transparent_hugepage_adjust()', 'Page-backed, non-hugetlb VMAs: upgrade to a PMD block when the host maps a THP.'),
  'a64/user_mem_abort-rework': A(
    'user_mem_abort()',
    'Fuad Tabba/Marc Zyngier\'s kvm-arm64/user_mem_abort-rework (kvmarm next, 28 Mar 2026, v7.1) split user_mem_abort() into kvm_s2_fault_*() helpers and struct kvm_s2_fault_vma_info without changing behaviour; earlier kernels do the same steps inline.',
  ),
};
