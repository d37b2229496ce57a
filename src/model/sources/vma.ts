import type { Source } from '../source';

/** The VMA side: VFIO mmap, special PTEs, GUP, PAT, smaps (vma-and-kvm-fault-path.md §A). */
export const SOURCES_VMA: Record<string, Source> = {
  'vma/vfio_cxl_region_mmap': {
    kind: 'upstream', file: 'drivers/vfio/pci/cxl/vfio_cxl_core.c (NVIDIA/NV-Kernels)', fn: 'vfio_cxl_region_mmap()', version: 'NV-Kernels (commit unknown)', verified: true,
    note: 'VM_ALLOW_ANY_UNCACHED|VM_IO|VM_PFNMAP|VM_DONTEXPAND|VM_DONTDUMP; vm_page_prot only pgprot_decrypted(), i.e. the default cacheable protection.',
  },
  'vma/vfio_cxl_region_vm_fault': {
    kind: 'upstream', file: 'drivers/vfio/pci/cxl/vfio_cxl_core.c (NVIDIA/NV-Kernels)', fn: 'vfio_cxl_region_vm_fault()', version: 'NV-Kernels (commit unknown)', verified: true,
    note: '.fault only (no .huge_fault): vmf_insert_pfn() of PHYS_PFN(region_hpa)+pgoff, 4 KiB special PTEs; SIGBUS when the region is inactive.',
  },
  'vma/vfio_cxl_zap': {
    kind: 'upstream', file: 'drivers/vfio/pci/cxl/vfio_cxl_core.c (NVIDIA/NV-Kernels)', fn: 'vfio_cxl_zap_region_locked()', version: 'NV-Kernels (commit unknown)', verified: true,
    note: 'On reset: region_active = false, then unmap_mapping_range() over the region; faults SIGBUS until vfio_cxl_reactivate_region() sees COMMITTED.',
  },
  'vma/vfio_pci_mmap_huge_fault': {
    kind: 'upstream', file: 'drivers/vfio/pci/vfio_pci_core.c', fn: 'vfio_pci_mmap_huge_fault()', version: 'v7.1', commit: 'f0bf3eac', verified: true,
    note: 'Aligns down to the order, checks is_aligned_for_order(), and inserts through vfio_pci_vmf_insert_pfn(); FALLBACK when misaligned.',
  },
  'vma/vfio_pci_vmf_insert_pfn': {
    kind: 'upstream', file: 'drivers/vfio/pci/vfio_pci_core.c', fn: 'vfio_pci_vmf_insert_pfn()', version: 'v7.1', commit: 'f0bf3eac', verified: true,
    note: 'Order 0 → vmf_insert_pfn(); PMD_ORDER → vmf_insert_pfn_pmd(); PUD_ORDER → vmf_insert_pfn_pud(); SIGBUS when memory is disabled.',
  },
  'vma/vfio_pci_core_mmap': {
    kind: 'upstream', file: 'drivers/vfio/pci/vfio_pci_core.c', fn: 'vfio_pci_core_mmap()', version: 'v7.1', commit: 'f0bf3eac', verified: true,
    note: 'Requires VM_SHARED; device-specific regions go to region->ops->mmap; VM_DONTCOPY is not set.',
  },
  'vma/special-pte': {
    kind: 'upstream', file: 'mm/memory.c', fn: 'insert_pfn()', version: 'v6.x', verified: false,
    note: 'pte_mkspecial(): vm_normal_page() returns NULL, so no struct page, rmap or refcount (described from function names).',
  },
  'vma/huge-insert': {
    kind: 'upstream', file: 'mm/huge_memory.c', fn: 'vmf_insert_pfn_pmd() / vmf_insert_pfn_pud()', version: 'v6.x', verified: true,
    note: 'Builds a huge special PMD/PUD leaf after pfnmap_setup_cachemode_pfn().',
  },
  'vma/follow_pfnmap': {
    kind: 'upstream', file: 'mm/memory.c', fn: 'follow_pfnmap_start()', version: 'v6.12', elixirTag: 'v6.12', verified: true,
    note: 'Walks PTE/PMD/PUD leaves of a VM_IO|VM_PFNMAP VMA; returns pfn, addr_mask, pgprot, writable, special.',
  },
  'vma/gup-pfnmap': {
    kind: 'upstream', file: 'mm/gup.c', fn: 'check_vma_flags()', version: 'v6.x', verified: true,
    note: 'GUP returns -EFAULT for any VMA with VM_IO or VM_PFNMAP.',
  },
  'vma/pat-cachemode': {
    kind: 'upstream', file: 'arch/x86/mm/pat/memtype.c', fn: 'pfnmap_setup_cachemode() / lookup_memtype()', version: 'v6.x', verified: true,
    note: 'Host PTE cache mode = the memtype of the range: RAM page memtype, else a reserved memtype (e.g. from ioremap_cache), else UC-.',
  },
  'vma/pat-wb-from-memremap': {
    kind: 'inference',
    statement: 'The WB memtype reservation made by memremap()/ioremap_cache() is the one later vmf_insert_pfn() host PTEs pick up.',
    verified: false,
  },
  'vma/smaps': {
    kind: 'upstream', file: 'fs/proc/task_mmu.c', fn: 'show_smap_vma_flags()', version: '~v6.12', verified: true,
    note: 'Mnemonics table indexed by bit; unknown bits print "??".',
  },
  'vma/smaps-allow-any-uncached': {
    kind: 'inference',
    statement: 'VM_ALLOW_ANY_UNCACHED (bit 39) has no mnemonic, so smaps should print "??" for it; derived from the table, not observed.',
    verified: false,
  },
  'vma/anon-qemu': {
    kind: 'upstream', file: 'fs/proc/task_mmu.c', fn: 'show_smap_vma_flags()', version: '~v6.12', verified: true,
    note: 'Anonymous private RW guest RAM reads "rd wr mr mw me ac"; hugetlbfs adds "ht"; shared memfd reads "rd wr sh mr mw me ms".',
  },
  'vma/hostmem-bind': {
    kind: 'upstream', file: 'backends/hostmem.c (QEMU)', fn: 'host-nodes=N,policy=bind (mbind)', version: 'QEMU', verified: true,
    note: 'memory-backend-*,host-nodes=N,policy=bind calls mbind() so guest RAM comes from node N.',
  },
  'vma/thp-hugetlb': {
    kind: 'inference',
    statement: 'Page-backed guest RAM gets 2M/1G host leaves from THP or a hugetlb pool on the node; the model assumes anonymous memory with THP, i.e. 2 MiB PMD leaves.',
    verified: false,
  },
  'vma/arm64-pmd-pfnmap-only': {
    kind: 'inference',
    statement: 'arm64 selects only CONFIG_ARCH_SUPPORTS_PMD_PFNMAP (Peter Xu\'s huge pfnmap series), so a VFIO huge_fault there inserts at most 2 MiB PMD leaves; x86-64 also supports PUD (1 GiB).',
    verified: false,
  },
  'vma/huge-pfnmap-6.12': {
    kind: 'inference',
    statement: 'vfio-pci .huge_fault and the follow_pfnmap API arrived with Peter Xu\'s huge pfnmap work in v6.12; a v6.11 VFIO mapping is 4 KiB PTEs only and KVM there used the older follow_pte() lookup.',
    verified: false,
  },
  'vma/v2-mmap-discrepancy': {
    kind: 'inference',
    statement: 'The notes disagree on v2: alternatives-and-resource-tree.md §1 says v2 demand-faults the PFNMAP VMA, vma-and-kvm-fault-path.md §A3 says v1/v2 used remap_pfn_range() at mmap time. The model draws the demand-fault VMA.',
    verified: false,
  },
};
