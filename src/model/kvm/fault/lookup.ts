/**
 * The generic pfn lookup both architectures share (virt/kvm/kvm_main.c): GUP, else hva_to_pfn_remapped() →
 * follow_pfnmap_start() → fixup_user_fault() → the VMA's fault handler. A device reset is walked the same way for
 * every design whose VMA is zapped and re-faulted; only what each driver's handler then does differs.
 */
import { hex } from '../../addr';
import type { PageTableLeaf } from '../../explain-types';
import { kernelAtLeast } from '../../scenario';
import { namesBeforeV613 } from '../graph';
import type { FaultInput } from './input';
import { GPA_BASE, isPfnmap } from './input';
import { SIZE_BYTES, type Walker } from './walker';

/** The host leaf that maps the faulting hva, if the VMA has one there. */
export function leafAt(input: FaultInput): PageTableLeaf | undefined {
  const { vma } = input;
  const hva = vma.vmStart + input.faultOffset;
  return vma.leaves.find((l) => l.hva <= hva && hva < l.hva + SIZE_BYTES[l.size]);
}

/**
 * What KVM keeps of a PFNMAP lookup. From v6.13 only the pfn and writable (refcounted_page stays NULL); before it
 * hva_to_pfn_remapped() took a page reference with kvm_try_get_pfn() whenever the pfn had a refcounted struct page.
 * follow_pfnmap_args.addr_mask exists from v6.15 (62fb8adc43af).
 */
function resolvePfnmapDetail(input: FaultInput): string {
  const p = input.platform;
  const args = kernelAtLeast(p, '6.12') ? 'follow_pfnmap_args' : 'the PTE follow_pte() returned';
  const ignored = kernelAtLeast(p, '6.17') ? 'ignores pgprot and addr_mask' : 'ignores pgprot';
  if (!namesBeforeV613(p.kernel)) return `uses only pfn and writable from ${args}; ${ignored}`;
  return input.memory.pages === 'buddy' || input.memory.pages === 'zone-device'
    ? `kernel ${p.kernel}: the pfn has a struct page, so kvm_try_get_pfn() takes a page reference, dropped once the entry is installed (v6.13 stopped doing this for PFNMAP)`
    : `kernel ${p.kernel}: no refcounted struct page behind the pfn, so kvm_try_get_pfn() takes no reference; pfn and writable from ${args}`;
}

/** The file that holds the design's VMA fault handler (for a posted series, the file it adds). */
function handlerFile(input: FaultInput): string {
  return input.design === 'nvgrace-gpu' ? 'drivers/vfio/pci/nvgrace-gpu/main.c' : 'drivers/vfio/pci/cxl/vfio_cxl_core.c';
}

/** What each driver's fault handler does once the reset that zapped the mapping is over (research R3 §5). */
function afterReset(input: FaultInput): { inserts: boolean; value: string; sources: string[]; detail?: string } {
  switch (input.design) {
    case 'nvgrace-gpu':
      return {
        inserts: true,
        value: 'nvgrace_gpu_check_device_ready(): reset_done, memory enabled → polls the C2C-link and HBM-training registers (1 s steps, up to 30 s) with the vCPU blocked in the fault; ready → inserts',
        sources: ['nv/reset-ready'],
        detail: 'VM_FAULT_SIGBUS (a bare -EFAULT from KVM_RUN) only if memory decode is off or the GPU is not ready within 30 s',
      };
    case 'vfio-owned':
      return {
        inserts: false,
        value: 'vfio_cxl_mem_huge_fault(): hdm_valid is false (the reset cleared it until the decoder is restored) → VM_FAULT_SIGBUS',
        sources: ['vo/vfio-cxl-module'],
      };
    default:
      return {
        inserts: false,
        value: 'vfio_cxl_region_vm_fault(): region_active is false until vfio_cxl_reactivate_region() reads the decoder COMMITTED again → VM_FAULT_SIGBUS',
        sources: ['vma/vfio_cxl_zap'],
      };
  }
}

/** Everything up to the pfn, shared by both architectures. Returns false when the lookup ended in an error. */
export function lookupPfn(w: Walker, input: FaultInput, pfn: bigint): { ok: boolean; errorDetail?: string } {
  const { vma, platform: p } = input;
  const pfnmap = isPfnmap(vma);
  const leaf = leafAt(input);
  const leafText = leaf ? `${leaf.size} ${leaf.level} leaf, pfn 0x${hex(leaf.pfn)}` : `${vma.maxLeaf} leaf`;
  w.visit('kfaultin', { detail: `gfn of GPA 0x${hex(GPA_BASE + input.faultOffset)} → hva 0x${hex(vma.vmStart + input.faultOffset)}` });
  w.visit('hva2pfn');
  if (!pfnmap) {
    w.visit(
      'd_fast',
      {
        decision: { test: 'get_user_page_fast_only(FOLL_WRITE)', value: 'refcounted struct page', taken: 'page' },
        links: { vmaLeaf: true, pfn },
        ...(p.deviceReset
          ? { detail: 'the device reset is invisible to mm: nothing zaps the mapping, the page stays mapped and may hold reset contents (inferred)' }
          : {}),
      },
      p.deviceReset ? ['hp/reset-unsafe'] : [],
    );
    w.visit('resolve_page', {
      detail: `page of node ${input.memory.numaNode ?? '?'} (${input.memory.zone ?? 'no zone'}); reference dropped after the entry is installed`,
      links: { pfn },
    });
    return { ok: true };
  }
  w.visit('d_fast', { decision: { test: 'get_user_page_fast_only(FOLL_WRITE)', value: 'special or missing PTE: no page', taken: 'no page' } });
  w.visit('d_slow', { decision: { test: 'get_user_pages_unlocked()', value: 'check_vma_flags(): VM_IO|VM_PFNMAP → -EFAULT', taken: '-EFAULT' } });
  w.visit('d_vma', { decision: { test: 'vma->vm_flags & (VM_IO | VM_PFNMAP)', value: 'set', taken: 'hva_to_pfn_remapped()' } });
  w.visit('remapped');
  const oldLookup = !kernelAtLeast(p, '6.12');
  const lookupTest = oldLookup ? 'follow_pte(vma, hva)' : 'follow_pfnmap_start(vma, hva)';
  const pteDetail = (reset: string) => {
    const parts = [p.deviceReset ? reset : '', oldLookup ? `kernel ${p.kernel}: before v6.12 KVM read the PTE with follow_pte(); follow_pfnmap_start() came with the huge pfnmap series` : ''].filter(Boolean);
    return parts.length ? { detail: parts.join('; ') } : {};
  };
  const oldLookupSource = oldLookup ? ['vma/huge-pfnmap-6.12'] : [];
  if (vma.populatedAtMmap) {
    // remap_pfn_range() at mmap time (nvgrace-gpu before its fault handler): the leaf is there on the first touch.
    w.visit(
      'd_pte',
      {
        decision: { test: lookupTest, value: `present: remap_pfn_range() filled every PTE at mmap time (${leafText})`, taken: 'present' },
        links: { vmaLeaf: true, pfn },
        ...pteDetail('what the reset does to this mapping is not modelled: there is no fault handler to re-insert a zapped pfn, and the mapping is kept'),
      },
      ['nv/remap-pre-6.19', ...(p.deviceReset ? ['nv/reset-pre-6.19-unverified'] : []), ...oldLookupSource],
    );
    w.visit('resolve_pfnmap', { detail: resolvePfnmapDetail(input), links: { pfn } });
    return { ok: true };
  }
  w.visit(
    'd_pte',
    {
      decision: { test: lookupTest, value: p.deviceReset ? 'none (zapped by the reset)' : 'none (first touch: nothing mapped at mmap time)', taken: 'fixup_user_fault()' },
      ...pteDetail('the reset took memory_lock for write and unmap_mapping_range() zapped the VMA; the MMU notifier dropped the EPT/stage-2 entries, so the guest re-faults'),
    },
    [...(p.deviceReset ? ['kvm/mmu-notifier', 'reset/memory-lock-block'] : []), ...oldLookupSource],
  );
  w.visit('fixup', { detail: vma.vmOps ? `runs ${vma.vmOps.name}` : undefined });
  const handler = vma.vmOps?.handlers.find((h) => h.name === 'huge_fault') ?? vma.vmOps?.handlers[0];
  if (p.deviceReset) {
    const after = afterReset(input);
    const blocked = 'while the reset runs the handler blocks on memory_lock (held for write); then ';
    if (!after.inserts) {
      w.visit(
        'd_handler',
        { file: handlerFile(input), decision: { test: handler?.fn ?? 'fault handler', value: blocked + after.value, taken: 'VM_FAULT_SIGBUS' } },
        [...after.sources, 'reset/memory-lock-block', 'kvm/reset-efault'],
      );
      return { ok: false, errorDetail: 'fixup_user_fault() fails: KVM_PFN_ERR_FAULT' };
    }
    w.visit(
      'd_handler',
      {
        file: handlerFile(input),
        decision: { test: handler?.fn ?? 'fault handler', value: `${blocked}${after.value} a special ${leafText}`, taken: 'inserted; follow again' },
        links: { vmaLeaf: true, pfn },
        ...(after.detail ? { detail: after.detail } : {}),
      },
      [...after.sources, 'reset/memory-lock-block'],
    );
    w.visit('resolve_pfnmap', { detail: resolvePfnmapDetail(input), links: { pfn } });
    return { ok: true };
  }
  w.visit(
    'd_handler',
    { file: handlerFile(input), decision: { test: handler?.fn ?? 'fault handler', value: `inserted a special ${leafText}`, taken: 'inserted; follow again' }, links: { vmaLeaf: true, pfn } },
  );
  w.visit('resolve_pfnmap', { detail: resolvePfnmapDetail(input), links: { pfn } });
  return { ok: true };
}
