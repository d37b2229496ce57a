import type { Source } from '../source';

/**
 * arm64 memblock and stage-2 geometry facts read for the second fidelity review (issue 13). Copies: arch/arm64/kvm/mmu.c
 * @ fb9888fd (v7.1 rework, whole file), a v6.17 copy with the cacheable-PFNMAP series, Android common 6.12.30 for 6.12
 * (upstream-shaped outside pKVM; no upstream 6.12 copy is stored), arch/arm64/kvm/hyp/pgtable.c in a 6.12-based tree.
 */
export const SOURCES_STAGE2: Record<string, Source> = {
  'a64/efi-is-memory': {
    kind: 'upstream', file: 'drivers/firmware/efi/efi-init.c', fn: 'reserve_regions()', version: 'v6.7', commit: '0ea5c948', verified: true,
  },
  'a64/nomap-memmap': {
    kind: 'inference',
    statement: 'A NOMAP memblock region has a memmap: memblocks_present() marks the sections of every memblock.memory range present (the iterator is believed not to skip NOMAP), so pfn_valid() is true while pfn_is_map_memory() is false. pfn_is_map_memory() was read (arch/arm64/mm/init.c, v6.17); the iterator was not.',
    verified: false,
  },
  'a64/pfn_is_map_memory-nomap': {
    kind: 'upstream', file: 'arch/arm64/mm/init.c', fn: 'pfn_is_map_memory()', version: 'v6.17', verified: true,
  },
  'a64/soft-reserved-memblock-6.8': {
    kind: 'upstream', file: 'drivers/firmware/efi/efi-init.c', fn: 'reserve_regions()', version: 'v6.8', commit: '0bcff59ef7a6', verified: true,
  },
  'a64/get_vma_page_shift': {
    kind: 'upstream', file: 'arch/arm64/kvm/mmu.c', fn: 'get_vma_page_shift()', version: 'v7.1', commit: 'fb9888fd', verified: true,
  },
  'a64/vfio-pgoff-cookie': {
    kind: 'patch', series: 'vfio/pci: stop writing the BAR pfn into vm_pgoff (aac6db75a9fc)',
    messageId: null, verified: false,
  },
  'a64/fault-ipa-align': {
    kind: 'upstream', file: 'arch/arm64/kvm/mmu.c', fn: 'kvm_s2_fault_get_vma_info()', version: 'v7.1', commit: 'fb9888fd', verified: true,
  },
  'a64/kvm_block_mapping_supported': {
    kind: 'upstream', file: 'arch/arm64/kvm/hyp/pgtable.c', fn: 'kvm_block_mapping_supported()', version: 'v6.3–v6.12', commit: 'f6a27d6d', verified: true,
  },
  'a64/thp-adjust-cacheable-pfnmap': {
    kind: 'upstream', file: 'arch/arm64/kvm/mmu.c', fn: 'transparent_hugepage_adjust()', version: 'v6.17–v7.1', commit: 'fb9888fd', verified: true,
  },
  'a64/dic-exec': {
    kind: 'upstream', file: 'arch/arm64/kvm/mmu.c', fn: 'kvm_s2_fault_compute_prot()', version: 'v7.1', commit: 'fb9888fd', verified: true,
  },
  'a64/memslot-flags-only': {
    kind: 'upstream', file: 'arch/arm64/kvm/mmu.c', fn: 'kvm_arch_prepare_memory_region()', version: 'v7.1', commit: 'fb9888fd', verified: true,
  },
  'a64/mte-fault': {
    kind: 'upstream', file: 'arch/arm64/kvm/mmu.c', fn: 'kvm_s2_fault_compute_prot()', version: 'v7.1', commit: 'fb9888fd', verified: true,
  },
};
