/** The notes of the sources in ../vma.ts: what was read, where, and what it says (shown in the inspector and the plain text). */
export const NOTES_VMA: Readonly<Record<string, string>> = {
  'vma/vfio_cxl_region_mmap':
    'Requires VFIO_REGION_INFO_FLAG_MMAP on the region; VM_ALLOW_ANY_UNCACHED|VM_IO|VM_PFNMAP|VM_DONTEXPAND|VM_DONTDUMP; vm_page_prot only pgprot_decrypted(), i.e. the default cacheable protection. Read in NVIDIA/NV-Kernels at 05656c1e0fd4 (downstream tree, date not established; the repository\'s stored version of the file, which also advertises the DPA region READ|WRITE only, without the MMAP flag, under a "BOS/backport policy" comment). No upstream release carries this file.',
  'vma/vfio_cxl_region_vm_fault':
    '.fault only (no .huge_fault): under memory_lock (read) vmf_insert_pfn() of PHYS_PFN(region_hpa)+pgoff, 4 KiB special PTEs; SIGBUS when the region is inactive or pgoff is past the region. Read in NVIDIA/NV-Kernels at 05656c1e0fd4 (downstream tree, date not established; the repository\'s stored version of the file, which also advertises the DPA region READ|WRITE only, without the MMAP flag, under a "BOS/backport policy" comment). No upstream release carries this file.',
  'vma/vfio_cxl_zap':
    'On reset (memory_lock held for write): region_active = false, then unmap_mapping_range() over the region; faults SIGBUS until vfio_cxl_reactivate_region() re-snapshots the HDM registers and sees decoder 0 COMMITTED. Read in NVIDIA/NV-Kernels at 05656c1e0fd4 (downstream tree, date not established; the repository\'s stored version of the file, which also advertises the DPA region READ|WRITE only, without the MMAP flag, under a "BOS/backport policy" comment). No upstream release carries this file.',
  'vma/vfio_pci_mmap_huge_fault':
    'Aligns down to the order, checks is_aligned_for_order(), and inserts through vfio_pci_vmf_insert_pfn(); FALLBACK when misaligned.',
  'vma/vfio_pci_vmf_insert_pfn':
    'Order 0 → vmf_insert_pfn(); PMD_ORDER → vmf_insert_pfn_pmd(); PUD_ORDER → vmf_insert_pfn_pud(); SIGBUS when memory is disabled.',
  'vma/vfio_pci_core_mmap':
    'Requires VM_SHARED; device-specific regions go to region->ops->mmap; VM_DONTCOPY is not set.',
  'vma/special-pte':
    'Builds the PTE with pte_mkspecial() and takes no page reference; for a special PTE in a VM_PFNMAP/VM_MIXEDMAP VMA vm_normal_page() returns NULL, so there is no struct page, rmap or refcount. Read by the domain notes in an older stored memory.c (74511020dde1, release not established); a January 2025 mm patch mail shows the same construction in current code. Not re-read in the Dec 2026 citation audit (the v6.15 memory.c at 62fb8adc43af was opened, but not at insert_pfn()).',
  'vma/huge-insert':
    'Builds a huge special PMD/PUD leaf after pfnmap_setup_cachemode_pfn() (track_pfn_insert() before v6.16, per the 6.16 MM pull and David Hildenbrand\'s patch mail). Not re-read in the citation audit of Dec 2026 (no stored copy of the function was read at a pinned commit), so unverified until someone does.',
  'vma/follow_pfnmap':
    'Walks PTE/PMD/PUD leaves of a VM_IO|VM_PFNMAP VMA (else -EINVAL); returns pfn, addr_mask (PUD_MASK / PMD_MASK / PAGE_MASK by leaf), pgprot, writable, special. The function exists since v6.12 (huge pfnmap series), but addr_mask only since 62fb8adc43af ("mm: Provide address mask in struct follow_pfnmap_args", v6.15 merge window), which is the copy read; so the fields listed here are v6.15+, and no elixirTag for a merge-window commit.',
  'vma/gup-pfnmap':
    'GUP returns -EFAULT for any VMA with VM_IO or VM_PFNMAP. Not re-read in the citation audit of Dec 2026 (no stored copy of the function was read at a pinned commit), so unverified until someone does.',
  'vma/pat-cachemode':
    'Host PTE cache mode = the memtype of the range: RAM page memtype, else a reserved memtype (e.g. from ioremap_cache), else UC-. lookup_memtype() was read at 6144ca132b6a (about v5.18–v6.0; it still has track_pfn_insert()) by the x86/reset research (r3 §6); pfnmap_setup_cachemode() replaced track_pfn_insert() in v6.16 and was read only in David Hildenbrand\'s patch mail <20250512123424.637989-3-david@redhat.com>. No elixirTag: two functions read at two different points.',
  'vma/smaps':
    'Mnemonics table indexed by bit; unknown bits print "??". Not re-read in the citation audit of Dec 2026 (no stored copy of the function was read at a pinned commit), so unverified until someone does.',
  'vma/smaps-allow-any-uncached':
    'The mnemonics table starts with "??" for every bit and names the known ones (bits with an empty name are skipped); VM_ALLOW_ANY_UNCACHED (bit 39, include/linux/mm.h, 64-bit only) has no entry, so a VFIO device mapping prints "??". Read by the domain notes in a recent task_mmu.c copy of unknown commit; not observed on a running system. Not re-read in the citation audit of Dec 2026 (no stored copy of the function was read at a pinned commit), so unverified until someone does.',
  'vma/anon-qemu':
    'Anonymous private RW guest RAM: QEMU\'s ram_block_add() madvises it with QEMU_MADV_HUGEPAGE and QEMU_MADV_DONTFORK, so smaps reads "rd wr mr mw me dc ac hg", not "rd wr mr mw me ac" (ERRATA 12, not re-read here); hugetlbfs-backed RAM adds "ht de"; shared memfd reads "rd wr sh mr mw me ms". Not re-read in the citation audit of Dec 2026 (no stored copy of the function was read at a pinned commit), so unverified until someone does.',
  'vma/hostmem-bind':
    'memory-backend-*,host-nodes=N,policy=bind calls mbind() so guest RAM comes from node N. No QEMU tree was read in the Dec 2026 citation audit (the qemu/qemu snapshot exceeds the fetch limit), so unverified; the fn field names options, not a function (host_memory_backend_memory_complete() would be the one to cite).',
  'vma/arm64-pmd-pfnmap-only':
    'arm64 and x86-64 select ARCH_SUPPORTS_HUGE_PFNMAP with THP; PMD pfnmap then needs HAVE_ARCH_TRANSPARENT_HUGEPAGE and PUD pfnmap HAVE_ARCH_TRANSPARENT_HUGEPAGE_PUD, which arm64 does not have. So a VFIO huge_fault inserts at most 2 MiB PMD leaves on arm64 and also 1 GiB PUD leaves on x86-64 (Peter Xu, huge pfnmap series <20240826204353.2228736-2-peterx@redhat.com>; Kconfig lines read as quoted in 2025 patch mails, not in a tagged tree). Unverified in the Dec 2026 citation audit because no stored mm/Kconfig was read at a pinned commit; the HAVE_ARCH_TRANSPARENT_HUGEPAGE_PUD reasoning stands as quoted.',
  'vma/huge-pfnmap-6.12':
    'The series adds the follow_pfnmap_start()/follow_pfnmap_end() API and converts KVM to it ("KVM: use follow_pfnmap API"), removes follow_pte(), and gives vfio-pci its .huge_fault: so v6.12 is the first release with both, and on v6.11 a VFIO mapping is 4 KiB PTEs only and KVM reads the PTE with follow_pte().',
  'vma/pat-rename-6.16':
    'Lists "mm: convert track_pfn_insert() to pfnmap_setup_cachemode*()" and "mm: convert VM_PFNMAP tracking to pfnmap_track() + pfnmap_untrack()": before v6.16 the same memtype lookup set the cache bits in track_pfn_insert() for vmf_insert_pfn*() and in track_pfn_remap() for remap_pfn_range().',
  'vma/qemu-ram-madvise':
    'QEMU madvises guest RAM with QEMU_MADV_HUGEPAGE and QEMU_MADV_DONTFORK, so smaps shows "dc" and "hg" beside rd wr mr mw me ac; hugetlbfs-backed RAM adds "ht" (and "de"). From the domain errata (item 12); the QEMU source was not re-read here.',
};
