import type { Source } from '../source';

/**
 * arm64 memblock and stage-2 geometry facts read for the second fidelity review (issue 13). Copies: arch/arm64/kvm/mmu.c
 * @ fb9888fd (v7.1 rework, whole file), a v6.17 copy with the cacheable-PFNMAP series, Android common 6.12.30 for 6.12
 * (upstream-shaped outside pKVM; no upstream 6.12 copy is stored), arch/arm64/kvm/hyp/pgtable.c in a 6.12-based tree.
 */
export const SOURCES_STAGE2: Record<string, Source> = {
  'a64/efi-is-memory': {
    kind: 'upstream', file: 'drivers/firmware/efi/efi-init.c', fn: 'reserve_regions()', version: 'v6.7', commit: '0ea5c948', verified: true,
    note: 'is_memory() needs a WB, WT or WC attribute; an EFI_RESERVED_TYPE descriptor with one is added to memblock and marked NOMAP (is_usable_memory() is false for it); without one it is not added at all, so request_standard_resources() prints nothing for it.',
  },
  'a64/nomap-memmap': {
    kind: 'inference',
    statement: 'A NOMAP memblock region has a memmap: memblocks_present() marks the sections of every memblock.memory range present (the iterator is believed not to skip NOMAP), so pfn_valid() is true while pfn_is_map_memory() is false. pfn_is_map_memory() was read (arch/arm64/mm/init.c, v6.17); the iterator was not.',
    verified: false,
  },
  'a64/pfn_is_map_memory-nomap': {
    kind: 'upstream', file: 'arch/arm64/mm/init.c', fn: 'pfn_is_map_memory()', version: 'v6.17', verified: true,
    note: 'Read in a v6.17-or-later copy (Kingxukai/linux), commit unknown. memblock_is_map_memory(): false for NOMAP regions and for anything not in memblock.',
  },
  'a64/soft-reserved-memblock-6.8': {
    kind: 'upstream', file: 'drivers/firmware/efi/efi-init.c', fn: 'reserve_regions()', version: 'v6.8', commit: '0bcff59ef7a6', verified: true,
    note: '"efi: Don\'t add memblocks for soft-reserved memory": with soft reserve enabled an EFI_MEMORY_SP range is skipped before memblock, so dax_kmem can hotplug it later.',
  },
  'a64/get_vma_page_shift': {
    kind: 'upstream', file: 'arch/arm64/kvm/mmu.c', fn: 'get_vma_page_shift()', version: 'v7.1', commit: 'fb9888fd', verified: true,
    note: 'For a VM_PFNMAP VMA: an estimated pa = (vm_pgoff << PAGE_SHIFT) + (hva - vm_start); PUD_SHIFT or PMD_SHIFT when hva and that pa are co-aligned and the aligned block lies inside the VMA, else PAGE_SHIFT. Pure VMA geometry: neither the host page table nor the real physical address is read. Same text in the 5.14, 6.8, 6.12 (ACK) and 6.17 copies.',
  },
  'a64/vfio-pgoff-cookie': {
    kind: 'patch', series: 'vfio/pci: stop writing the BAR pfn into vm_pgoff (aac6db75a9fc)',
    messageId: null, verified: false,
    note: 'Since aac6db75a9fc (placed in v6.11 from mail dates, not from a tag) vfio-pci leaves vm_pgoff as the region-offset cookie VFIO_PCI_INDEX_TO_OFFSET(index) >> PAGE_SHIFT (index << 40 in bytes), so get_vma_page_shift() compares hva with the cookie: the test reduces to whether vm_start minus the mmap offset is aligned, whatever the HDM address.',
  },
  'a64/fault-ipa-align': {
    kind: 'upstream', file: 'arch/arm64/kvm/mmu.c', fn: 'kvm_s2_fault_get_vma_info()', version: 'v7.1', commit: 'fb9888fd', verified: true,
    note: 'The fault IPA and the gfn are aligned down to vma_pagesize after fault_supports_stage2_huge_mapping() (memslot co-alignment and containment); the pfn used is the one the host mapping gives at the aligned address; nothing checks that pfn for alignment.',
  },
  'a64/kvm_block_mapping_supported': {
    kind: 'upstream', file: 'arch/arm64/kvm/hyp/pgtable.c', fn: 'kvm_block_mapping_supported()', version: 'v6.3–v6.12', commit: 'f6a27d6d', verified: true,
    note: 'A block is installed at a level only if the level supports blocks, the granule fits the remaining range, and both the IPA and the physical address are aligned to it; otherwise the walker installs a table and maps the same range with smaller entries in the same fault (stage2_map_walker). Read in the upstream ~v6.3–6.5 copy at f6a27d6d and the same logic in a 6.12-based vendor tree.',
  },
  'a64/thp-adjust-cacheable-pfnmap': {
    kind: 'upstream', file: 'arch/arm64/kvm/mmu.c', fn: 'transparent_hugepage_adjust()', version: 'v6.17–v7.1', commit: 'fb9888fd', verified: true,
    note: 'When vma_pagesize is PAGE_SIZE and the mapping is neither device-before-6.17 nor non-cacheable, a host PMD-or-larger leaf at the hva (get_user_mapping_size()) upgrades the stage-2 entry to 2 MiB; since the cacheable-PFNMAP series this also applies to a cacheable PFNMAP. It is the only place a host huge leaf reaches arm64 stage-2.',
  },
  'a64/dic-exec': {
    kind: 'upstream', file: 'arch/arm64/kvm/mmu.c', fn: 'kvm_s2_fault_compute_prot()', version: 'v7.1', commit: 'fb9888fd', verified: true,
    note: 'With ARM64_HAS_CACHE_DIC a cacheable mapping gets execute permission at once, and the instruction-cache invalidation that would need a kernel VA of the page is a no-op; without DIC an exec fault on a PFNMAP page has no kernel VA to clean through, which is why cacheable PFNMAP needs DIC.',
  },
  'a64/memslot-flags-only': {
    kind: 'upstream', file: 'arch/arm64/kvm/mmu.c', fn: 'kvm_arch_prepare_memory_region()', version: 'v7.1', commit: 'fb9888fd', verified: true,
    note: 'Runs for KVM_MR_CREATE, KVM_MR_MOVE and KVM_MR_FLAGS_ONLY: setting KVM_MEM_LOG_DIRTY_PAGES on an existing VM_PFNMAP slot (what a VMM does when migration starts) fails -EINVAL then, not only at VM setup.',
  },
  'a64/mte-fault': {
    kind: 'upstream', file: 'arch/arm64/kvm/mmu.c', fn: 'kvm_s2_fault_compute_prot()', version: 'v7.1', commit: 'fb9888fd', verified: true,
    note: 'An MTE VM, a cacheable mapping and a VMA without VM_MTE_ALLOWED return -EFAULT from KVM_RUN with nothing injected; unrelated to the memslot check that refuses a cacheable PFNMAP without FWB and DIC.',
  },
};
