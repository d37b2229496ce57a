/** The notes of the sources in ../kvm-x86.ts: what was read, where, and what it says (shown in the inspector and the plain text). */

/** Where the v6.19 mmu.c and kvm_main.c facts were read: both commits reached mainline in the v6.19 merge window, so no release tag is claimed for them. */
const AT_MMU = ' Read at 6422060a, the tip of tag kvm-x86-mmu-6.19 (KVM x86 MMU pull for the v6.19 merge window); no elixirTag for a merge-window commit.';
const AT_KVM = ' Read at 50efc234 ("KVM: Rename kvm_arch_vcpu_async_ioctl() to kvm_arch_vcpu_unlocked_ioctl()", KVM pull for the v6.19 merge window); no elixirTag for a merge-window commit.';

export const NOTES_KVM_X86: Readonly<Record<string, string>> = {
  'x86/handle_ept_violation':
    'EPT violation exit: handle_ept_violation() (vmx.c) reads the exit qualification and GUEST_PHYSICAL_ADDRESS and calls __vmx_handle_ept_violation(), a static inline in arch/x86/kvm/vmx/common.h that builds the PFERR error code (read/write/fetch/present, guest-final vs guest-page, PFERR_PRIVATE_ACCESS for a TDX private GPA) and calls kvm_mmu_page_fault(vcpu, gpa, error_code, NULL, 0). vmx.c read at c9c1e20b4c7d (v6.16 merge window; no v6.19 vmx.c is stored); common.h read at 1a2f09ae11b4 (a HID merge of the v6.19 cycle whose tree is about v6.18). No elixirTag for a merge-window commit.',
  'x86/kvm_mmu_page_fault':
    'Entry of the MMU fault handling; calls kvm_mmu_do_page_fault().' + AT_MMU,
  'x86/kvm_mmu_do_page_fault':
    'Fills struct kvm_page_fault from the exit (address, error-code bits, is_tdp, max_level KVM_MAX_HUGEPAGE_LEVEL, req/goal level 4K; gfn and memslot for a direct MMU), then calls kvm_tdp_page_fault(): directly when is_tdp under retpoline, otherwise through mmu->page_fault, which the TDP MMU setup points at the same function. Read in a v6.8-era copy (89ea60c2), not re-read at v6.19.',
  'x86/kvm_tdp_page_fault':
    'kvm_tdp_mmu_page_fault() with the TDP MMU, else direct_page_fault().' + AT_MMU,
  'x86/kvm_tdp_mmu_page_fault':
    'With the TDP MMU: page_fault_handle_page_track(), fast_page_fault(), mmu_topup_memory_caches(), kvm_mmu_faultin_pfn(), then kvm_tdp_mmu_map() under mmu_lock (read).' + AT_MMU,
  'x86/direct_page_fault':
    'Without the TDP MMU (the legacy shadow-paging MMU for TDP): the same steps, mapped by direct_map().' + AT_MMU,
  'x86/kvm_mmu_faultin_pfn':
    'Snapshots mmu_invalidate_seq, then __kvm_mmu_faultin_pfn(); error pfns go to kvm_handle_error_pfn().' + AT_MMU,
  'x86/__kvm_mmu_faultin_pfn':
    'Private faults and guest_memfd-only memslots (kvm_memslot_is_gmem_only()) → kvm_mmu_faultin_pfn_gmem(); every other fault, including a shared fault on a guest_memfd slot that also has a userspace mapping, → __kvm_faultin_pfn() with FOLL_NOWAIT, retried without it (or as async #PF) on KVM_PFN_ERR_NEEDS_IO. Read @ 6422060a.' + AT_MMU,
  'x86/kvm_handle_error_pfn':
    'Any pfn error other than RO/HWPOISON/SIGPENDING makes KVM_RUN return -EFAULT.' + AT_MMU,
  'kvm/__kvm_faultin_pfn':
    'Fills struct kvm_follow_pfn and calls kvm_follow_pfn() → hva_to_pfn().' + AT_KVM,
  'kvm/hva_to_pfn':
    'hva_to_pfn_fast() (GUP-fast), hva_to_pfn_slow() (GUP), then vma_lookup(): VM_IO|VM_PFNMAP → hva_to_pfn_remapped().' + AT_KVM,
  'kvm/hva_to_pfn_fast':
    'get_user_page_fast_only(FOLL_WRITE): succeeds for struct-page memory, fails on special PTEs.' + AT_KVM,
  'kvm/hva_to_pfn_slow':
    'get_user_pages_unlocked(); on a PFNMAP VMA it fails -EFAULT in check_vma_flags().' + AT_KVM,
  'kvm/hva_to_pfn_remapped':
    'follow_pfnmap_start(); if no PTE, fixup_user_fault() runs the VMA fault handler and retries; uses only pfn and writable; refcounted_page = NULL.' + AT_KVM,
  'kvm/fixup_user_fault':
    'Runs the VMA\'s .fault/.huge_fault handler for the address; a VM_FAULT_SIGBUS makes it fail (vm_fault_to_errno() → -EFAULT), so hva_to_pfn returns KVM_PFN_ERR_FAULT. The x86/reset research (r3 §4.1) read this in a gup.c copy found by text search whose commit was not reported; no stored torvalds gup.c was read at a pinned commit, so unverified.',
  'kvm/refcounted_page':
    'GUP path stores the page in refcounted_page (released after the SPTE is installed); PFNMAP leaves it NULL (v6.13 design).' + AT_KVM,
  'kvm/unsafe-pin':
    'A pin request on remapped memory is refused unless allow_unsafe_mappings; __kvm_vcpu_map() pins, so KVM-internal maps of such guest pages fail.' + AT_KVM,
  'x86/kvm_tdp_mmu_map':
    'Starts with kvm_mmu_hugepage_adjust(), walks/creates TDP page tables down to the goal level and installs the leaf SPTE via tdp_mmu_map_handle_target_level(). Read only in an old copy, tdp_mmu.c at 89e5a4268760 ("KVM: x86/mmu: Check for present SPTE when clearing dirty bit in TDP MMU", about v5.12), which has that structure; the same call appears in every later tdp_mmu.c copy and patch mail found, but no v6.19 tdp_mmu.c is stored, so v6.19 itself was not read.',
  'x86/make_spte':
    'ORs in get_mt_mask(vcpu, gfn, kvm_is_mmio_pfn(pfn, &is_host_mmio)) only when kvm_x86_ops.get_mt_mask is set (VMX; SVM has none), and adds shadow_me_value only for non-MMIO pfns; the VMA pgprot plays no part. Read at ffe9d7966d01 ("KVM: x86/mmu: Locally cache whether a PFN is host MMIO when making a SPTE", kvm-x86 MMIO Stale Data series, v6.17 merge window; no elixirTag), before which the call was kvm_is_mmio_pfn(pfn) with the same result (older stored copies, v5.13 and v5.16, build the memory type the same way).',
  'x86/kvm_is_mmio_pfn':
    'With a struct page: MMIO iff not the zero pfn, PageReserved and (PAT off or pat_pfn_immune_to_uc_mtrr()). Without: MMIO iff e820__mapped_raw_any(…, E820_TYPE_RAM) is false (e820_table_firmware). kvm_is_mmio_pfn(pfn, &is_host_mmio) caches the answer for one SPTE. Read at ffe9d7966d01 (v6.17 merge window, no elixirTag), the commit that split it out of kvm_is_mmio_pfn(); the test is the same in older copies (v5.13, v5.16).',
  'x86/e820_mapped_raw_any':
    'Checks e820_table_firmware, the raw firmware map (_e820__mapped_any() over that table); exported to KVM only. Read at d214484f50f4 (tip x86/boot, Dec 2025), where the function is as in v6.19.',
  'x86/vmx_get_mt_mask':
    'is_mmio → UC (IPAT clear, so a guest WC mapping stays WC); with the ignore-guest-PAT quirk and no noncoherent DMA (vmx_ignore_guest_pat()) → WB|IPAT; else WB (guest PAT decides). Read at c9c1e20b4c7d ("KVM: x86: Introduce Intel specific quirk KVM_X86_QUIRK_IGNORE_GUEST_PAT", KVM pull for the v6.16 merge window; no elixirTag), the latest vmx.c stored; that v6.19 is the same was not checked.',
  'x86/kvm_mmu_hugepage_adjust':
    'Stays at 4K when max_level is 4K, the pfn is an error/noslot pfn or the memslot is dirty-tracked; otherwise req_level = kvm_mmu_max_mapping_level(), and exec faults under the NX huge-page workaround are not promoted. Read at kvm-x86-mmu-6.19 @ 6422060a.' + AT_MMU,
  'x86/kvm_mmu_max_mapping_level':
    'min(max_level, max_huge_page_level), lowered while lpage_info disallow_lpage is set (memslot GPA/HVA alignment, mixed memory attributes), capped by host_pfn_mapping_level() (or the guest_memfd order). It does not look at dirty logging. Read @ 6422060a.' + AT_MMU,
  'x86/host_pfn_mapping_level':
    'Walks the host page table: pud_leaf → 1G, pmd_leaf → 2M, else 4K. Huge EPT only if the host already has a huge leaf.' + AT_MMU,
  'x86/dirty-log-4k':
    'kvm_slot_dirty_track_enabled(slot) makes kvm_mmu_hugepage_adjust() return before kvm_mmu_max_mapping_level() is called: the fault maps 4K. Read @ 6422060a.' + AT_MMU,
  'kvm/mmu-notifier':
    'VFIO\'s unmap_mapping_range() on reset invalidates the range; KVM zaps the EPT/stage-2 entries and the next access re-faults. At 50efc234 the function is the .invalidate_range_start of kvm_mmu_notifier_ops in this file (seen there; its body was not re-read).' + AT_KVM,
  'kvm/reset-efault':
    'After a reset the re-fault reaches the VFIO handler; SIGBUS while the region is inactive → KVM_PFN_ERR_FAULT → KVM_RUN returns -EFAULT.' + AT_KVM,
  'kvm/pre-6.13-names':
    'Before v6.13 both architectures got the pfn from __gfn_to_pfn_memslot() (x86 through mmu.c\'s static __kvm_faultin_pfn(), arm64 from user_mem_abort()), hva_to_pfn_remapped() took a page reference with kvm_try_get_pfn() whenever the pfn had a refcounted struct page, and GUP\'d pages kept their reference until KVM released the pfn with kvm_release_pfn_clean() after mapping (seen in the pre-image of the series\' x86 patches and in a v5.15-era arm64 user_mem_abort()). The pull lists "KVM: Provide refcounted page as output field in struct kvm_follow_pfn" (kvm_resolve_pfn(), refcounted_page) and the x86 "mmu" prefix rename.',
  'x86/pre-6.13-faultin-names':
    'Renames mmu.c\'s static kvm_faultin_pfn() and __kvm_faultin_pfn() to kvm_mmu_faultin_pfn() and __kvm_mmu_faultin_pfn(), no functional change; before it __kvm_faultin_pfn() called __gfn_to_pfn_memslot() for a shared fault. Listed in the KVM pull for the 6.13 merge window, so kernels up to v6.12 have the old names.',
};
