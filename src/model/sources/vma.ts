import type { Source } from '../source';

/** The VMA side: VFIO mmap, special PTEs, GUP, PAT, smaps (vma-and-kvm-fault-path.md §A). */
export const SOURCES_VMA: Record<string, Source> = {
  'vma/vfio_cxl_region_mmap': {
    kind: 'upstream', file: 'drivers/vfio/pci/cxl/vfio_cxl_core.c (NVIDIA/NV-Kernels)', fn: 'vfio_cxl_region_mmap()', version: 'NV-Kernels (downstream)', commit: '05656c1e0fd4', verified: true,
  },
  'vma/vfio_cxl_region_vm_fault': {
    kind: 'upstream', file: 'drivers/vfio/pci/cxl/vfio_cxl_core.c (NVIDIA/NV-Kernels)', fn: 'vfio_cxl_region_vm_fault()', version: 'NV-Kernels (downstream)', commit: '05656c1e0fd4', verified: true,
  },
  'vma/vfio_cxl_zap': {
    kind: 'upstream', file: 'drivers/vfio/pci/cxl/vfio_cxl_core.c (NVIDIA/NV-Kernels)', fn: 'vfio_cxl_zap_region_locked()', version: 'NV-Kernels (downstream)', commit: '05656c1e0fd4', verified: true,
  },
  'vma/vfio_pci_mmap_huge_fault': {
    kind: 'upstream', file: 'drivers/vfio/pci/vfio_pci_core.c', fn: 'vfio_pci_mmap_huge_fault()', version: 'v7.1', commit: 'f0bf3eac', verified: true,
  },
  'vma/vfio_pci_vmf_insert_pfn': {
    kind: 'upstream', file: 'drivers/vfio/pci/vfio_pci_core.c', fn: 'vfio_pci_vmf_insert_pfn()', version: 'v7.1', commit: 'f0bf3eac', verified: true,
  },
  'vma/vfio_pci_core_mmap': {
    kind: 'upstream', file: 'drivers/vfio/pci/vfio_pci_core.c', fn: 'vfio_pci_core_mmap()', version: 'v7.1', commit: 'f0bf3eac', verified: true,
  },
  'vma/special-pte': {
    kind: 'upstream', file: 'mm/memory.c', fn: 'insert_pfn()', version: 'not pinned (older copy)', commit: '74511020dde1', verified: true,
  },
  'vma/huge-insert': {
    kind: 'upstream', file: 'mm/huge_memory.c', fn: 'vmf_insert_pfn_pmd() / vmf_insert_pfn_pud()', version: 'v6.16+ (not pinned)', verified: false,
  },
  'vma/follow_pfnmap': {
    kind: 'upstream', file: 'mm/memory.c', fn: 'follow_pfnmap_start()', version: 'v6.15', commit: '62fb8adc43af', verified: true,
  },
  'vma/gup-pfnmap': {
    kind: 'upstream', file: 'mm/gup.c', fn: 'check_vma_flags()', version: 'not pinned', verified: false,
  },
  'vma/pat-cachemode': {
    kind: 'upstream', file: 'arch/x86/mm/pat/memtype.c', fn: 'pfnmap_setup_cachemode() / lookup_memtype()', version: 'v5.18–v6.0 (lookup_memtype); v6.16 (pfnmap_setup_cachemode)', commit: '6144ca132b6a', verified: true,
  },
  'vma/pat-wb-from-memremap': {
    kind: 'inference',
    statement: 'lookup_memtype() gives a non-RAM pfn the memtype reserved over it, so the WB reservation memremap()/ioremap_cache() made is what later vmf_insert_pfn() host PTEs get. memtype_reserve() stores WB there only when the MTRR over the range is WB (or MTRRs are off), else UC-; the model assumes WB MTRRs over HDM (memtype.c read in a track_pfn_insert()-era copy, 6144ca13).',
    verified: false,
  },
  'vma/smaps': {
    kind: 'upstream', file: 'fs/proc/task_mmu.c', fn: 'show_smap_vma_flags()', version: 'not pinned (about v6.12)', verified: false,
  },
  'vma/smaps-allow-any-uncached': {
    kind: 'upstream', file: 'fs/proc/task_mmu.c', fn: 'show_smap_vma_flags()', version: 'not pinned', verified: false,
  },
  'vma/anon-qemu': {
    kind: 'upstream', file: 'fs/proc/task_mmu.c', fn: 'show_smap_vma_flags()', version: 'not pinned (about v6.12)', verified: false,
  },
  'vma/hostmem-bind': {
    kind: 'upstream', file: 'backends/hostmem.c (QEMU)', fn: 'host-nodes=N,policy=bind (mbind)', version: 'QEMU (not pinned)', verified: false,
  },
  'vma/thp-hugetlb': {
    kind: 'inference',
    statement: 'Page-backed guest RAM gets 2M/1G host leaves from THP or a hugetlb pool on the node; the model assumes anonymous memory with THP, i.e. 2 MiB PMD leaves.',
    verified: false,
  },
  'vma/arm64-pmd-pfnmap-only': {
    kind: 'upstream', file: 'mm/Kconfig', fn: 'ARCH_SUPPORTS_PMD_PFNMAP / ARCH_SUPPORTS_PUD_PFNMAP', version: 'v6.12+ (not pinned)', verified: false,
  },
  'vma/huge-pfnmap-6.12': {
    kind: 'patch', series: '[GIT PULL] MM updates for 6.12-rc1 (Andrew Morton, 20 Sep 2024), with Peter Xu\'s "mm: Support huge pfnmaps"',
    messageId: '20240920023317.f20c9ecbb2a2f4bf382d831c@linux-foundation.org', verified: true,
  },
  'vma/pat-rename-6.16': {
    kind: 'patch', series: '[GIT PULL] MM updates for 6.16-rc1 (Andrew Morton, 31 May 2025), with David Hildenbrand\'s PAT tracking rework',
    messageId: '20250531145342.383090aa5ed5bcefee0740d5@linux-foundation.org', verified: true,
  },
  'vma/qemu-ram-madvise': {
    kind: 'upstream', file: 'system/physmem.c (QEMU)', fn: 'ram_block_add()', version: 'QEMU 8.x–9.x', verified: false,
  },
};
