import type { Source } from '../source';

/** KVM arm64 stage-2 fault path, v7.1 @ fb9888fd (vma-and-kvm-fault-path.md §B6–§B7). */
const A = (fn: string, verified = true, file = 'arch/arm64/kvm/mmu.c'): Source => ({
  kind: 'upstream', file, fn, version: 'v7.1', commit: 'fb9888fd', verified,
});

export const SOURCES_KVM_ARM64: Record<string, Source> = {
  'a64/kvm_handle_guest_abort': A('kvm_handle_guest_abort()'),
  'a64/user_mem_abort': A('user_mem_abort()'),
  'a64/kvm_s2_fault_pin_pfn': A('kvm_s2_fault_pin_pfn()'),
  'a64/kvm_s2_fault_get_vma_info': A('kvm_s2_fault_get_vma_info()'),
  'a64/kvm_vma_is_cacheable': A('kvm_vma_is_cacheable()'),
  'a64/pfn_is_map_memory': {
    kind: 'upstream', file: 'arch/arm64/mm/init.c', fn: 'pfn_is_map_memory()', version: 'v5.15', commit: 'a7259df76702', verified: true,
  },
  'a64/cacheable-pfnmap': A('kvm_s2_fault_pin_pfn()'),
  'a64/kvm_supports_cacheable_pfnmap': {
    kind: 'upstream', file: 'arch/arm64/include/asm/kvm_mmu.h', fn: 'kvm_supports_cacheable_pfnmap()', version: 'v6.17', commit: '0c67288e0c8b', verified: true,
  },
  'a64/ankit-series': {
    kind: 'patch', series: '[PATCH v10 0/6] KVM: arm64: Map GPU device memory as cacheable (Ankit Agrawal, 5 Jul 2025), applied for v6.17', messageId: '20250705071717.5062-1-ankita@nvidia.com', verified: true,
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
  },
  'a64/kvm_s2_fault_compute_prot': A('kvm_s2_fault_compute_prot()'),
  'a64/kvm_s2_fault_map': A('kvm_s2_fault_map()'),
  'a64/stage2_set_prot_attr': {
    kind: 'upstream', file: 'arch/arm64/kvm/hyp/pgtable.c', fn: 'stage2_set_prot_attr()', version: 'v6.9', commit: 'c034ec84e879', verified: true,
  },
  'a64/kvm_arch_prepare_memory_region': A('kvm_arch_prepare_memory_region()'),
  'a64/get_vma_page_shift': A('get_vma_page_shift()'),
  'a64/huge-vma-geometry-inference': {
    kind: 'inference', statement: 'For VFIO vm_pgoff is the region-index encoding, so the alignment test is only right if the backing range is aligned as well.', verified: false,
  },
  'a64/dirty-4k': A('kvm_s2_resolve_vma_size()'),
  'a64/transparent_hugepage_adjust': A('transparent_hugepage_adjust()'),
  'a64/user_mem_abort-rework': A(
    'user_mem_abort()',
  ),
};
