/**
 * The static KVM fault graphs: every function and decision a guest fault can pass on each architecture, taken or not.
 * Function names and their order follow vma-and-kvm-fault-path.md §B1–§B7 (x86 KVM v6.19, arm64 KVM v7.1). Kernels
 * before v6.13 get the same graph with the names they had (see OLDER_NAMES): one shape per architecture, so every
 * box keeps its place whatever the kernel.
 */
import type { FaultEdge, FaultGraph, FaultNode } from '../explain-types';
import type { Arch, KernelVersion } from '../scenario';
import { KERNEL_VERSIONS, versionAtLeast } from '../scenario';

type N = Omit<FaultNode, 'verified'> & { verified?: boolean };

/**
 * A node: `fn` is the bare C identifier the box stands for (null for a pure decision or a result), `question` what is
 * asked of it (or what it computes); the label the views show is composed from the two, never parsed back.
 */
function node(id: string, kind: FaultNode['kind'], fn: string | null, question: string | null, file: string, sources: string[], verified = true): N {
  const label = fn ? (question ? `${fn}(): ${question}` : `${fn}()`) : (question ?? id);
  return { id, kind, fn, question, label, file, sources, verified };
}

const KM = 'virt/kvm/kvm_main.c';

/** The generic pfn lookup both architectures share (virt/kvm/kvm_main.c hva_to_pfn and friends). */
function genericNodes(): N[] {
  return [
    node('kfaultin', 'function', '__kvm_faultin_pfn', null, KM, ['kvm/__kvm_faultin_pfn']),
    node('hva2pfn', 'function', 'hva_to_pfn', null, KM, ['kvm/hva_to_pfn']),
    node('d_fast', 'decision', 'hva_to_pfn_fast', 'GUP-fast returns a page?', KM, ['kvm/hva_to_pfn_fast', 'vma/special-pte']),
    node('d_slow', 'decision', 'hva_to_pfn_slow', 'GUP returns a page?', KM, ['kvm/hva_to_pfn_slow', 'vma/gup-pfnmap']),
    node('d_vma', 'decision', 'vma_lookup', 'vm_flags & (VM_IO | VM_PFNMAP)?', KM, ['kvm/hva_to_pfn']),
    node('remapped', 'function', 'hva_to_pfn_remapped', null, KM, ['kvm/hva_to_pfn_remapped']),
    node('d_pte', 'decision', 'follow_pfnmap_start', 'leaf present?', 'mm/memory.c', ['vma/follow_pfnmap']),
    node('fixup', 'function', 'fixup_user_fault', null, 'mm/gup.c', ['kvm/fixup_user_fault']),
    node('d_handler', 'decision', null, 'VMA fault handler (.fault / .huge_fault) result', 'drivers/vfio/pci', ['vma/vfio_cxl_region_vm_fault', 'vma/vfio_pci_vmf_insert_pfn']),
    node('resolve_pfnmap', 'function', 'kvm_resolve_pfn', 'pfn, writable; refcounted_page = NULL', KM, ['kvm/refcounted_page', 'kvm/hva_to_pfn_remapped']),
    node('resolve_page', 'function', 'kvm_resolve_pfn', 'refcounted struct page', KM, ['kvm/refcounted_page']),
  ];
}

function genericEdges(after: string): FaultEdge[] {
  return [
    { from: 'kfaultin', to: 'hva2pfn', label: '' },
    { from: 'hva2pfn', to: 'd_fast', label: '' },
    { from: 'd_fast', to: 'resolve_page', label: 'page' },
    { from: 'd_fast', to: 'd_slow', label: 'no page' },
    { from: 'd_slow', to: 'resolve_page', label: 'page' },
    { from: 'd_slow', to: 'd_vma', label: '-EFAULT' },
    { from: 'd_vma', to: 'remapped', label: 'set' },
    { from: 'd_vma', to: after === 'x86' ? 'x_err_pfn' : 'a_err_fault', label: 'clear: KVM_PFN_ERR_FAULT' },
    { from: 'remapped', to: 'd_pte', label: '' },
    { from: 'd_pte', to: 'resolve_pfnmap', label: 'present' },
    { from: 'd_pte', to: 'fixup', label: 'none' },
    { from: 'fixup', to: 'd_handler', label: '' },
    { from: 'd_handler', to: 'resolve_pfnmap', label: 'inserted; follow again' },
    { from: 'd_handler', to: after === 'x86' ? 'x_err_pfn' : 'a_err_fault', label: 'VM_FAULT_SIGBUS' },
  ];
}

function x86Graph(): FaultGraph {
  const MMU = 'arch/x86/kvm/mmu/mmu.c';
  const nodes: N[] = [
    node('x_exit', 'function', 'handle_ept_violation', null, 'arch/x86/kvm/vmx/vmx.c', ['x86/handle_ept_violation']),
    node('x_npf', 'function', 'npf_interception', null, 'arch/x86/kvm/svm/svm.c', ['x86/npf_interception']),
    node('x_pf', 'function', 'kvm_mmu_page_fault', null, MMU, ['x86/kvm_mmu_page_fault']),
    node('x_do_pf', 'function', 'kvm_mmu_do_page_fault', null, 'arch/x86/kvm/mmu/mmu_internal.h', ['x86/kvm_mmu_do_page_fault']),
    node('x_tdp_pf', 'function', 'kvm_tdp_page_fault', null, MMU, ['x86/kvm_tdp_page_fault']),
    node('x_tdp', 'decision', null, 'TDP MMU enabled (tdp_mmu_enabled)?', MMU, ['x86/kvm_tdp_page_fault']),
    node('x_tdp_mmu_pf', 'function', 'kvm_tdp_mmu_page_fault', null, MMU, ['x86/kvm_tdp_mmu_page_fault']),
    node('x_direct_pf', 'function', 'direct_page_fault', null, MMU, ['x86/direct_page_fault']),
    node('x_faultin', 'function', 'kvm_mmu_faultin_pfn', null, MMU, ['x86/kvm_mmu_faultin_pfn']),
    node('x___faultin', 'function', '__kvm_mmu_faultin_pfn', null, MMU, ['x86/__kvm_mmu_faultin_pfn']),
    ...genericNodes(),
    node('x_err_pfn', 'function', 'kvm_handle_error_pfn', null, MMU, ['x86/kvm_handle_error_pfn']),
    node('x_efault', 'error', null, '-EFAULT: KVM_RUN returns -EFAULT', MMU, ['x86/kvm_handle_error_pfn']),
    node('x_map', 'function', 'kvm_tdp_mmu_map', null, 'arch/x86/kvm/mmu/tdp_mmu.c', ['x86/kvm_tdp_mmu_map']),
    node('x_direct_map', 'function', 'direct_map', null, MMU, ['x86/direct_page_fault']),
    node('x_huge', 'decision', 'kvm_mmu_hugepage_adjust', 'memslot dirty-tracked?', MMU, ['x86/kvm_mmu_hugepage_adjust', 'x86/dirty-log-4k']),
    node('x_level', 'decision', 'kvm_mmu_max_mapping_level', 'lpage_info, host_pfn_mapping_level()', MMU, [
      'x86/kvm_mmu_max_mapping_level', 'x86/host_pfn_mapping_level',
    ]),
    node('x_spte', 'function', 'make_spte', null, 'arch/x86/kvm/mmu/spte.c', ['x86/make_spte']),
    node('x_mmio', 'decision', 'kvm_is_mmio_pfn', 'host MMIO pfn?', 'arch/x86/kvm/mmu/spte.c', ['x86/kvm_is_mmio_pfn', 'x86/e820_mapped_raw_any']),
    node('x_mt', 'function', 'vmx_get_mt_mask', null, 'arch/x86/kvm/vmx/vmx.c', ['x86/vmx_get_mt_mask']),
    node('x_npt_mt', 'function', null, 'SVM has no get_mt_mask: no memory-type bits, PAT index 0', 'arch/x86/kvm/mmu/spte.c', ['x86/svm-no-get-mt-mask', 'x86/npt-pat-index0']),
    node('x_res_npt', 'result', null, 'NPT entry: PAT index 0 (host MTRR × guest PAT)', 'arch/x86/kvm/mmu/spte.c', ['x86/npt-pat-index0', 'x86/amd-guest-pat-mtrr', 'x86/amd-honors-guest-pat']),
    node('x_res_uc', 'result', null, 'EPT entry: memory type UC', 'arch/x86/kvm/vmx/vmx.c', ['x86/vmx_get_mt_mask', 'x86/ept-uc-guest-wc']),
    node('x_res_wb', 'result', null, 'EPT entry: memory type WB | IPAT', 'arch/x86/kvm/vmx/vmx.c', ['x86/vmx_get_mt_mask']),
    // Reached only with the hypothetical kvm-x86/ept-host-pat change applied (src/model/patches).
    node('x_res_host', 'result', null, 'EPT entry: WB from the host mapping (hypothetical change)', 'arch/x86/kvm/vmx/vmx.c', ['pt/ept-host-pat-inference', 'thread/sean-host-pat'], false),
  ];
  const edges: FaultEdge[] = [
    { from: 'x_exit', to: 'x_pf', label: '' },
    { from: 'x_npf', to: 'x_pf', label: '' },
    { from: 'x_pf', to: 'x_do_pf', label: '' },
    { from: 'x_do_pf', to: 'x_tdp_pf', label: '' },
    { from: 'x_tdp_pf', to: 'x_tdp', label: '' },
    { from: 'x_tdp', to: 'x_tdp_mmu_pf', label: 'yes (default)' },
    { from: 'x_tdp', to: 'x_direct_pf', label: 'no' },
    { from: 'x_tdp_mmu_pf', to: 'x_faultin', label: '' },
    { from: 'x_direct_pf', to: 'x_faultin', label: '' },
    { from: 'x_faultin', to: 'x___faultin', label: '' },
    { from: 'x___faultin', to: 'kfaultin', label: 'shared fault, not guest_memfd' },
    ...genericEdges('x86'),
    { from: 'x_err_pfn', to: 'x_efault', label: 'KVM_PFN_ERR_FAULT' },
    { from: 'resolve_page', to: 'x_map', label: 'TDP MMU' },
    { from: 'resolve_pfnmap', to: 'x_map', label: 'TDP MMU' },
    { from: 'resolve_page', to: 'x_direct_map', label: 'no TDP MMU' },
    { from: 'resolve_pfnmap', to: 'x_direct_map', label: 'no TDP MMU' },
    { from: 'x_direct_map', to: 'x_huge', label: '' },
    { from: 'x_map', to: 'x_huge', label: '' },
    { from: 'x_huge', to: 'x_level', label: 'no' },
    { from: 'x_huge', to: 'x_spte', label: 'dirty logging: stays 4K' },
    { from: 'x_level', to: 'x_spte', label: '4K / 2M / 1G' },
    { from: 'x_spte', to: 'x_mmio', label: '' },
    { from: 'x_mmio', to: 'x_mt', label: 'VMX: picks the memtype from it' },
    { from: 'x_mmio', to: 'x_npt_mt', label: 'SVM: only the SME C-bit' },
    { from: 'x_npt_mt', to: 'x_res_npt', label: '' },
    { from: 'x_mt', to: 'x_res_uc', label: 'is_mmio' },
    { from: 'x_mt', to: 'x_res_wb', label: '!is_mmio, guest PAT ignored' },
    { from: 'x_mt', to: 'x_res_host', label: 'is_mmio, host PTE WB (hypothetical)' },
  ];
  return finish('x86_64', nodes, edges);
}

function arm64Graph(): FaultGraph {
  const MMU = 'arch/arm64/kvm/mmu.c';
  const nodes: N[] = [
    node('a_memslot', 'decision', 'kvm_arch_prepare_memory_region', 'every VMA of the memslot acceptable?', MMU, ['a64/kvm_arch_prepare_memory_region']),
    node('a_einval', 'error', null, '-EINVAL: KVM_SET_USER_MEMORY_REGION fails', MMU, ['a64/kvm_arch_prepare_memory_region']),
    node('a_abort', 'function', 'kvm_handle_guest_abort', null, MMU, ['a64/kvm_handle_guest_abort']),
    node('a_uma', 'function', 'user_mem_abort', null, MMU, ['a64/user_mem_abort']),
    node('a_pin', 'function', 'kvm_s2_fault_pin_pfn', null, MMU, ['a64/kvm_s2_fault_pin_pfn']),
    node('a_vmainfo', 'decision', 'kvm_s2_fault_get_vma_info', 'vma_pagesize, aligned IPA, kvm_vma_is_cacheable()', MMU, [
      'a64/kvm_s2_fault_get_vma_info', 'a64/kvm_vma_is_cacheable', 'a64/get_vma_page_shift', 'a64/fault-ipa-align',
    ]),
    ...genericNodes(),
    node('a_err_fault', 'error', null, '-EFAULT: KVM_RUN returns -EFAULT', MMU, ['a64/kvm_s2_fault_pin_pfn', 'kvm/reset-efault']),
    node('a_pfnmap', 'decision', null, 'VM_PFNMAP && !pfn_is_map_memory(pfn)?', MMU, ['a64/kvm_s2_fault_pin_pfn', 'a64/pfn_is_map_memory']),
    node('a_cacheable', 'decision', 'kvm_vma_is_cacheable', 'is the VMA cacheable?', MMU, ['a64/cacheable-pfnmap', 'a64/ankit-series', 'a64/pre-6.17']),
    node('a_fwb', 'decision', 'kvm_supports_cacheable_pfnmap', 'FWB && DIC?', 'arch/arm64/include/asm/kvm_mmu.h', ['a64/kvm_supports_cacheable_pfnmap', 'a64/dic-exec']),
    node('a_uncached', 'decision', null, 'vm_flags & VM_ALLOW_ANY_UNCACHED?', MMU, ['a64/kvm_s2_fault_compute_prot', 'a64/normal-nc-version']),
    node('a_prot', 'decision', 'kvm_s2_fault_compute_prot', 'MTE allowed?', MMU, ['a64/kvm_s2_fault_compute_prot']),
    node('a_map', 'function', 'kvm_s2_fault_map', null, MMU, ['a64/kvm_s2_fault_map', 'a64/dirty-4k', 'a64/transparent_hugepage_adjust']),
    node('a_attr', 'function', 'stage2_set_prot_attr', null, 'arch/arm64/kvm/hyp/pgtable.c', ['a64/stage2_set_prot_attr']),
    node('a_block', 'decision', 'kvm_block_mapping_supported', 'IPA and phys aligned to the block?', 'arch/arm64/kvm/hyp/pgtable.c', ['a64/kvm_block_mapping_supported']),
    node('a_res_normal', 'result', null, 'stage-2 entry: Normal (cacheable)', 'arch/arm64/kvm/hyp/pgtable.c', ['a64/stage2_set_prot_attr']),
    node('a_res_nc', 'result', null, 'stage-2 entry: Normal-NC', 'arch/arm64/kvm/hyp/pgtable.c', ['a64/stage2_set_prot_attr']),
    node('a_res_dev', 'result', null, 'stage-2 entry: Device-nGnRE', 'arch/arm64/kvm/hyp/pgtable.c', ['a64/stage2_set_prot_attr']),
  ];
  const edges: FaultEdge[] = [
    { from: 'a_memslot', to: 'a_einval', label: 'a check fails' },
    { from: 'a_memslot', to: 'a_abort', label: 'memslot created; guest faults' },
    { from: 'a_abort', to: 'a_uma', label: 'not MMIO, not access flag' },
    { from: 'a_uma', to: 'a_pin', label: '' },
    { from: 'a_pin', to: 'a_vmainfo', label: '' },
    { from: 'a_vmainfo', to: 'kfaultin', label: '' },
    ...genericEdges('arm64'),
    { from: 'resolve_page', to: 'a_pfnmap', label: '' },
    { from: 'resolve_pfnmap', to: 'a_pfnmap', label: '' },
    { from: 'a_pfnmap', to: 'a_prot', label: 'no: map memory (CMOs via the linear map)' },
    { from: 'a_pfnmap', to: 'a_cacheable', label: 'yes: device pfn' },
    { from: 'a_cacheable', to: 'a_fwb', label: 'cacheable (≥ v6.17)' },
    { from: 'a_cacheable', to: 'a_uncached', label: 'not cacheable, or kernel < v6.17' },
    { from: 'a_fwb', to: 'a_prot', label: 'yes' },
    { from: 'a_fwb', to: 'a_err_fault', label: 'no' },
    { from: 'a_uncached', to: 'a_prot', label: 'map_non_cacheable' },
    { from: 'a_prot', to: 'a_err_fault', label: 'MTE VM, VMA not VM_MTE_ALLOWED' },
    { from: 'a_prot', to: 'a_map', label: 'prot computed' },
    { from: 'a_map', to: 'a_attr', label: '' },
    { from: 'a_attr', to: 'a_block', label: '' },
    { from: 'a_block', to: 'a_res_normal', label: 'prot 0 → NORMAL' },
    { from: 'a_block', to: 'a_res_nc', label: 'NORMAL_NC' },
    { from: 'a_block', to: 'a_res_dev', label: 'DEVICE' },
  ];
  return finish('arm64', nodes, edges);
}

function finish(arch: Arch, nodes: N[], edges: FaultEdge[]): FaultGraph {
  return { arch, nodes: nodes.map((n) => ({ ...n, verified: n.verified ?? true })), edges };
}

type Rename = Partial<Pick<FaultNode, 'label' | 'fn' | 'question' | 'file' | 'sources'>>;

/**
 * What v6.13 renamed (Sean Christopherson's "stop grabbing references to PFNMAP'd pages" series, KVM pull for 6.13):
 * before it the generic lookup was __gfn_to_pfn_memslot(), x86's fault-in helpers had no "mmu" prefix, there was no
 * kvm_resolve_pfn(), and hva_to_pfn_remapped() took a page reference with kvm_try_get_pfn().
 */
const PRE_6_13: Record<string, Rename> = {
  x_faultin: { label: 'kvm_faultin_pfn()', fn: 'kvm_faultin_pfn', question: null, sources: ['x86/pre-6.13-faultin-names'] },
  x___faultin: { label: '__kvm_faultin_pfn()', fn: '__kvm_faultin_pfn', question: null, sources: ['x86/pre-6.13-faultin-names'] },
  kfaultin: { label: '__gfn_to_pfn_memslot()', fn: '__gfn_to_pfn_memslot', question: null, sources: ['kvm/pre-6.13-names'] },
  resolve_pfnmap: {
    label: 'kvm_try_get_pfn(): reference only if the pfn has a refcounted page', fn: 'kvm_try_get_pfn', question: 'reference only if the pfn has a refcounted page',
    sources: ['kvm/pre-6.13-names', 'kvm/hva_to_pfn_remapped'],
  },
  resolve_page: {
    label: 'kvm_release_pfn_clean(): GUP page reference held until the entry is installed', fn: 'kvm_release_pfn_clean', question: 'GUP page reference held until the entry is installed',
    sources: ['kvm/pre-6.13-names'],
  },
};

/**
 * arm64 before Ankit Agrawal's cacheable PFNMAP series (v6.17): the device test was kvm_is_device_pfn(), i.e.
 * !pfn_is_map_memory(), and there was no kvm_vma_is_cacheable(): a device pfn was never mapped cacheable.
 */
const PRE_6_17_ARM64: Record<string, Rename> = {
  a_vmainfo: { label: 'kvm_s2_fault_get_vma_info(): vma_pagesize', question: 'vma_pagesize' },
  a_pfnmap: { label: 'kvm_is_device_pfn(): !pfn_is_map_memory(pfn)?', fn: 'kvm_is_device_pfn', question: '!pfn_is_map_memory(pfn)?', sources: ['a64/pre-6.17', 'a64/pfn_is_map_memory', 'a64/ankit-series'] },
  a_cacheable: { label: 'device pfn: no cacheable PFNMAP before v6.17', fn: null, question: 'device pfn: no cacheable PFNMAP before v6.17', sources: ['a64/pre-6.17', 'a64/ankit-series'] },
};

/** Before v6.12 KVM read the PTE with follow_pte(); follow_pfnmap_start() came with Peter Xu's huge pfnmap series. */
const PRE_6_12: Record<string, Rename> = {
  ...PRE_6_13,
  d_pte: { label: 'follow_pte(): PTE present?', fn: 'follow_pte', question: 'PTE present?', sources: ['vma/huge-pfnmap-6.12'] },
};

/**
 * True for the kernel choices that predate v6.13's names (6.11 and 6.12; the next choice is 6.17). The one test the
 * graph, the fault path and its details share.
 */
export function namesBeforeV613(kernel: KernelVersion): boolean {
  return !versionAtLeast(kernel, '6.17');
}

function renamed(g: FaultGraph, names: Record<string, Rename>): FaultGraph {
  return { ...g, nodes: g.nodes.map((n) => (names[n.id] ? { ...n, ...names[n.id] } : n)) };
}

const CURRENT: Record<Arch, FaultGraph> = { x86_64: x86Graph(), arm64: arm64Graph() };
const OLDER_NAMES: Partial<Record<KernelVersion, Record<Arch, FaultGraph>>> = {
  '6.11': { x86_64: renamed(CURRENT.x86_64, PRE_6_12), arm64: renamed(CURRENT.arm64, { ...PRE_6_12, ...PRE_6_17_ARM64 }) },
  '6.12': { x86_64: renamed(CURRENT.x86_64, PRE_6_13), arm64: renamed(CURRENT.arm64, { ...PRE_6_13, ...PRE_6_17_ARM64 }) },
};

/**
 * The static fault graph of one architecture (every node and edge, taken or not) with the function names of
 * `kernel` (the newest when omitted). Shared, do not mutate.
 */
export function faultGraph(arch: Arch, kernel: KernelVersion = KERNEL_VERSIONS[KERNEL_VERSIONS.length - 1]!): FaultGraph {
  const older = namesBeforeV613(kernel) ? OLDER_NAMES[kernel] : undefined;
  return older ? older[arch] : CURRENT[arch];
}
