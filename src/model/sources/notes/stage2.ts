/** The notes of the sources in ../stage2.ts: what was read, where, and what it says (shown in the inspector and the plain text). */
export const NOTES_STAGE2: Readonly<Record<string, string>> = {
  'a64/efi-is-memory':
    'is_memory() needs a WB, WT or WC attribute; an EFI_RESERVED_TYPE descriptor with one is added to memblock and marked NOMAP (is_usable_memory() is false for it); without one it is not added at all, so request_standard_resources() prints nothing for it.',
  'a64/pfn_is_map_memory-nomap':
    'Read in a v6.17-or-later copy (Kingxukai/linux), commit unknown. memblock_is_map_memory(): false for NOMAP regions and for anything not in memblock.',
  'a64/soft-reserved-memblock-6.8':
    '"efi: Don\'t add memblocks for soft-reserved memory": with soft reserve enabled an EFI_MEMORY_SP range is skipped before memblock, so dax_kmem can hotplug it later.',
  'a64/get_vma_page_shift':
    'For a VM_PFNMAP VMA: an estimated pa = (vm_pgoff << PAGE_SHIFT) + (hva - vm_start); PUD_SHIFT or PMD_SHIFT when hva and that pa are co-aligned and the aligned block lies inside the VMA, else PAGE_SHIFT. Pure VMA geometry: neither the host page table nor the real physical address is read. Same text in the 5.14, 6.8, 6.12 (ACK) and 6.17 copies.',
  'a64/vfio-pgoff-cookie':
    'Since aac6db75a9fc (placed in v6.11 from mail dates, not from a tag) vfio-pci leaves vm_pgoff as the region-offset cookie VFIO_PCI_INDEX_TO_OFFSET(index) >> PAGE_SHIFT (index << 40 in bytes), so get_vma_page_shift() compares hva with the cookie: the test reduces to whether vm_start minus the mmap offset is aligned, whatever the HDM address.',
  'a64/fault-ipa-align':
    'The fault IPA and the gfn are aligned down to vma_pagesize after fault_supports_stage2_huge_mapping() (memslot co-alignment and containment); the pfn used is the one the host mapping gives at the aligned address; nothing checks that pfn for alignment.',
  'a64/kvm_block_mapping_supported':
    'A block is installed at a level only if the level supports blocks, the granule fits the remaining range, and both the IPA and the physical address are aligned to it; otherwise the walker installs a table and maps the same range with smaller entries in the same fault (stage2_map_walker). Read in the upstream ~v6.3–6.5 copy at f6a27d6d and the same logic in a 6.12-based vendor tree.',
  'a64/thp-adjust-cacheable-pfnmap':
    'When vma_pagesize is PAGE_SIZE and the mapping is neither device-before-6.17 nor non-cacheable, a host PMD-or-larger leaf at the hva (get_user_mapping_size()) upgrades the stage-2 entry to 2 MiB; since the cacheable-PFNMAP series this also applies to a cacheable PFNMAP. It is the only place a host huge leaf reaches arm64 stage-2.',
  'a64/dic-exec':
    'With ARM64_HAS_CACHE_DIC a cacheable mapping gets execute permission at once, and the instruction-cache invalidation that would need a kernel VA of the page is a no-op; without DIC an exec fault on a PFNMAP page has no kernel VA to clean through, which is why cacheable PFNMAP needs DIC.',
  'a64/memslot-flags-only':
    'Runs for KVM_MR_CREATE, KVM_MR_MOVE and KVM_MR_FLAGS_ONLY: setting KVM_MEM_LOG_DIRTY_PAGES on an existing VM_PFNMAP slot (what a VMM does when migration starts) fails -EINVAL then, not only at VM setup.',
  'a64/mte-fault':
    'An MTE VM, a cacheable mapping and a VMA without VM_MTE_ALLOWED return -EFAULT from KVM_RUN with nothing injected; unrelated to the memslot check that refuses a cacheable PFNMAP without FWB and DIC.',
};
