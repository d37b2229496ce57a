import type { Source } from '../source';

/** KVM x86-64 (VMX/EPT) fault path, v6.19 (vma-and-kvm-fault-path.md §B1–§B5). */
const X = (file: string, fn: string, verified = true, version = 'v6.19', commit?: string, elixirTag?: string): Source => ({
  kind: 'upstream', file, fn, version, ...(commit ? { commit } : {}), ...(elixirTag ? { elixirTag } : {}), verified,
} as Source);

export const SOURCES_KVM_X86: Record<string, Source> = {
  'x86/handle_ept_violation': X(
    'arch/x86/kvm/vmx/vmx.c',
    'handle_ept_violation()',
    true,
    'v6.16',
    'c9c1e20b4c7d',
  ),
  'x86/kvm_mmu_page_fault': X('arch/x86/kvm/mmu/mmu.c', 'kvm_mmu_page_fault()', true, 'v6.19', '6422060a'),
  'x86/kvm_mmu_do_page_fault': X(
    'arch/x86/kvm/mmu/mmu_internal.h',
    'kvm_mmu_do_page_fault()',
    true,
    'v6.8',
    '89ea60c2',
  ),
  'x86/kvm_tdp_page_fault': X('arch/x86/kvm/mmu/mmu.c', 'kvm_tdp_page_fault()', true, 'v6.19', '6422060a'),
  'x86/kvm_tdp_mmu_page_fault': X('arch/x86/kvm/mmu/mmu.c', 'kvm_tdp_mmu_page_fault()', true, 'v6.19', '6422060a'),
  'x86/direct_page_fault': X('arch/x86/kvm/mmu/mmu.c', 'direct_page_fault() / direct_map()', true, 'v6.19', '6422060a'),
  'x86/kvm_mmu_faultin_pfn': X('arch/x86/kvm/mmu/mmu.c', 'kvm_mmu_faultin_pfn()', true, 'v6.19', '6422060a'),
  'x86/__kvm_mmu_faultin_pfn': X('arch/x86/kvm/mmu/mmu.c', '__kvm_mmu_faultin_pfn()', true, 'v6.19', '6422060a'),
  'x86/kvm_handle_error_pfn': X('arch/x86/kvm/mmu/mmu.c', 'kvm_handle_error_pfn()', true, 'v6.19', '6422060a'),
  'kvm/__kvm_faultin_pfn': X('virt/kvm/kvm_main.c', '__kvm_faultin_pfn()', true, 'v6.19', '50efc234'),
  'kvm/hva_to_pfn': X('virt/kvm/kvm_main.c', 'hva_to_pfn()', true, 'v6.19', '50efc234'),
  'kvm/hva_to_pfn_fast': X('virt/kvm/kvm_main.c', 'hva_to_pfn_fast()', true, 'v6.19', '50efc234'),
  'kvm/hva_to_pfn_slow': X('virt/kvm/kvm_main.c', 'hva_to_pfn_slow()', true, 'v6.19', '50efc234'),
  'kvm/hva_to_pfn_remapped': X('virt/kvm/kvm_main.c', 'hva_to_pfn_remapped()', true, 'v6.19', '50efc234'),
  'kvm/fixup_user_fault': X('mm/gup.c', 'fixup_user_fault()', false, 'not pinned'),
  'kvm/pre-6.13-names': {
    kind: 'patch', series: '[GIT PULL] First batch of KVM changes for Linux 6.13 merge window (Paolo Bonzini, 20 Nov 2024), with Sean Christopherson\'s v13 series ending refcounted PFNMAP lookups',
    messageId: '20241120135842.79625-1-pbonzini@redhat.com', verified: true,
  },
  'kvm/refcounted_page': X('virt/kvm/kvm_main.c', 'kvm_resolve_pfn()', true, 'v6.19', '50efc234'),
  'kvm/unsafe-pin': X('virt/kvm/kvm_main.c', 'hva_to_pfn_remapped()', true, 'v6.19', '50efc234'),
  'x86/kvm_tdp_mmu_map': X(
    'arch/x86/kvm/mmu/tdp_mmu.c',
    'kvm_tdp_mmu_map()',
    true,
    'v5.12',
    '89e5a4268760',
  ),
  'x86/make_spte': X(
    'arch/x86/kvm/mmu/spte.c',
    'make_spte()',
    true,
    'v6.17',
    'ffe9d7966d01',
  ),
  'x86/kvm_is_mmio_pfn': X(
    'arch/x86/kvm/mmu/spte.c',
    '__kvm_is_mmio_pfn()',
    true,
    'v6.17',
    'ffe9d7966d01',
  ),
  'x86/e820_mapped_raw_any': X('arch/x86/kernel/e820.c', 'e820__mapped_raw_any()', true, 'v6.19', 'd214484f50f4', 'v6.19'),
  'x86/vmx_get_mt_mask': X(
    'arch/x86/kvm/vmx/vmx.c',
    'vmx_get_mt_mask()',
    true,
    'v6.16',
    'c9c1e20b4c7d',
  ),
  'x86/pre-6.13-faultin-names': {
    kind: 'patch', series: '[PATCH v13 37/85] KVM: x86/mmu: Add "mmu" prefix fault-in helpers to free up generic names (Sean Christopherson, 10 Oct 2024)',
    messageId: '20241010182427.1434605-38-seanjc@google.com', verified: true,
  },
  'x86/kvm_mmu_hugepage_adjust': X('arch/x86/kvm/mmu/mmu.c', 'kvm_mmu_hugepage_adjust()', true, 'v6.19', '6422060a'),
  'x86/kvm_mmu_max_mapping_level': X('arch/x86/kvm/mmu/mmu.c', 'kvm_mmu_max_mapping_level()', true, 'v6.19', '6422060a'),
  'x86/host_pfn_mapping_level': X('arch/x86/kvm/mmu/mmu.c', 'host_pfn_mapping_level()', true, 'v6.19', '6422060a'),
  'x86/dirty-log-4k': X('arch/x86/kvm/mmu/mmu.c', 'kvm_mmu_hugepage_adjust()', true, 'v6.19', '6422060a'),
  'x86/no-vma-cacheability-patch': { kind: 'inference', statement: 'No KVM/x86 patch honouring VMA cacheability for PFNMAP is known; that none exists is unverified.', verified: false },
  'kvm/mmu-notifier': X('virt/kvm/kvm_main.c', 'kvm_mmu_notifier_invalidate_range_start()', true, 'v6.19', '50efc234'),
  'kvm/reset-efault': X('virt/kvm/kvm_main.c', 'hva_to_pfn_remapped()', true, 'v6.19', '50efc234'),
};
