/**
 * The x86-64 fault path: Intel VMX builds an EPT entry whose memory type vmx_get_mt_mask() picks from
 * kvm_is_mmio_pfn(); AMD SVM builds an NPT entry with no memory-type bits (PAT index 0), so the host MTRRs and the
 * guest PAT decide (vma-and-kvm-fault-path.md §B1–§B5; research R3 §1–§2).
 */
import { hex } from '../../addr';
import type { FaultGraph, FaultResult, FaultStep, LeafSize } from '../../explain-types';
import { hasPatch } from '../../patches/ids';
import { kernelAtLeast } from '../../scenario';
import { namesBeforeV613 } from '../graph';
import type { FaultInput } from './input';
import { GPA_BASE, efaultSeen } from './input';
import { leafAt, lookupPfn } from './lookup';
import { SIZE_BYTES, Walker, alignDown } from './walker';

/** kvm_is_mmio_pfn(): what it decides for this memory, and why. */
function mmioOf(input: FaultInput): { mmio: boolean; why: string; sources: string[] } {
  const m = input.memory;
  switch (m.pages) {
    case 'buddy':
      return { mmio: false, why: 'pfn_valid, online RAM page (not PageReserved) → false', sources: [] };
    case 'zone-device':
      return {
        mmio: false,
        why: 'pfn_valid, a ZONE_DEVICE page (PageReserved) whose PAT memtype is WB (devm_memremap_pages() reserved it), so not immune to UC MTRRs → false',
        sources: ['x86/zone-device-mmio'],
      };
    default:
      return m.firmwareE820Ram
        ? { mmio: false, why: 'no struct page, but E820_TYPE_RAM in e820_table_firmware → false', sources: [] }
        : { mmio: true, why: 'no struct page and not E820_TYPE_RAM in e820_table_firmware → true', sources: [] };
  }
}

export function x86Path(input: FaultInput, graph: FaultGraph): { steps: FaultStep[]; result: FaultResult } {
  const w = new Walker(graph);
  const { vma, platform: p } = input;
  const amd = p.vendor === 'amd';
  const hpa = input.layout.hdmStart + input.faultOffset;
  const pfn = hpa >> 12n;
  const older = !kernelAtLeast(p, '7.0');
  const pre613 = namesBeforeV613(p.kernel);
  w.visit(
    amd ? 'x_npf' : 'x_exit',
    {
      detail:
        `${amd ? 'nested page fault (#NPF)' : 'EPT violation'} at GPA 0x${hex(GPA_BASE + input.faultOffset)}, ${input.write ? 'write' : 'read'}` +
        (older
          ? `; the path is drawn as read at x86 KVM v6.19, so kernel ${p.kernel} may differ in details${pre613 ? '; the functions v6.13 renamed are shown with the names they had' : ''}`
          : ''),
    },
    pre613 ? ['kvm/pre-6.13-names'] : [],
  );
  w.visit('x_pf');
  w.visit('x_do_pf');
  w.visit('x_tdp_pf');
  w.visit('x_tdp', { decision: { test: 'tdp_mmu_enabled', value: 'true (the x86-64 default)', taken: 'yes (default)' } });
  w.visit('x_tdp_mmu_pf', { detail: 'page-track check, fast_page_fault(), memory caches topped up, then the pfn' });
  w.visit('x_faultin');
  w.visit('x___faultin', {
    detail: kernelAtLeast(p, '7.0')
      ? 'shared fault on a memslot that is not guest_memfd-only'
      : 'shared fault (not is_private): the pfn comes from the host mapping, not guest_memfd',
  });
  const r = lookupPfn(w, input, pfn);
  if (!r.ok) {
    const e = efaultSeen(p, GPA_BASE + input.faultOffset, p.deviceReset);
    w.visit('x_err_pfn', { detail: r.errorDetail });
    w.visit('x_efault', hasPatch(p, 'kvm/memory-fault-exit') ? { detail: e.seenBy } : {}, e.sources);
    return { steps: w.steps, result: { kind: 'error', error: '-EFAULT', seenBy: e.seenBy, at: 'kvm_handle_error_pfn()', vmm: e.vmm } };
  }
  w.visit('x_map');
  // kvm_mmu_hugepage_adjust() returns before kvm_mmu_max_mapping_level() on a dirty-tracked memslot (mmu.c @ 6422060a).
  const hostLeaf = leafAt(input)?.size ?? vma.maxLeaf;
  let level: LeafSize = hostLeaf;
  if (p.dirtyLog) {
    level = '4K';
    w.visit('x_huge', {
      decision: { test: 'kvm_slot_dirty_track_enabled(slot)', value: 'dirty logging enabled on the memslot: no huge page is tried', taken: 'dirty logging: stays 4K' },
    });
  } else {
    w.visit('x_huge', { decision: { test: 'kvm_slot_dirty_track_enabled(slot)', value: 'not dirty-tracked', taken: 'no' } });
    const why = `host_pfn_mapping_level(): host ${hostLeaf === '4K' ? 'PTE' : hostLeaf === '2M' ? 'PMD leaf' : 'PUD leaf'}`;
    w.visit('x_level', { decision: { test: 'max mapping level', value: why, taken: level } });
  }
  w.visit('x_spte', { links: { pfn } });
  const mm = mmioOf(input);
  const alignedPfn = alignDown(hpa, SIZE_BYTES[level]) >> 12n;
  if (amd) {
    w.visit('x_mmio', {
      decision: {
        test: 'kvm_is_mmio_pfn(pfn)',
        value: `${mm.why}; on SVM it only decides whether the SME C-bit (shadow_me_value) is set: ${mm.mmio ? 'mapped unencrypted' : 'C-bit set when SME is active'}`,
        taken: mm.mmio ? 'true' : 'false',
      },
    }, [...mm.sources, 'x86/sme-cbit-mmio']);
    w.visit('x_npt_mt', { detail: 'make_spte() calls get_mt_mask only when the vendor module sets it; SVM does not, so the NPT leaf has PWT = PCD = PAT = 0' });
    const bootRam = input.memory.owner === 'boot';
    w.visit('x_res_npt', {
      detail: bootRam
        ? 'boot System RAM: the firmware MTRRs cover it as WB, so a guest WB mapping is WB'
        : 'the guest gets WB only if the host MTRRs cover this HPA as WB; an MTRR-UC range stays UC (WC if the guest maps it WC). Which MTRR type firmware gives the range is not known here.',
    });
    return {
      steps: w.steps,
      result: {
        kind: 'mapped', table: 'NPT', level, memtype: 'PAT0', cacheability: bootRam ? 'cacheable' : 'depends', cacheable: bootRam,
        writable: true, pfn: alignedPfn,
      },
    };
  }
  w.visit('x_mmio', { decision: { test: 'kvm_is_mmio_pfn(pfn)', value: mm.why, taken: mm.mmio ? 'true' : 'false' } }, mm.sources);
  if (mm.mmio && hasPatch(p, 'kvm-x86/ept-host-pat')) {
    // Hypothetical (patches/catalogue-kvm.ts): the memory type of the host mapping, guest PAT honoured.
    const wb = vma.pgprot.cacheable;
    const why = ['pt/ept-host-pat-inference', 'thread/sean-host-pat'];
    w.visit('x_mt', { detail: `hypothetical EPT-follows-host-PAT change (applied): the VMM's PTE is ${vma.pgprot.cacheMode}, so EPT ${wb ? 'WB, IPAT clear (guest PAT honoured)' : 'UC'}; kvm_is_mmio_pfn() no longer decides the type` }, [...why, ...vma.sources.filter((x) => /pat|memremap/.test(x))]);
    w.visit(wb ? 'x_res_host' : 'x_res_uc', { detail: wb ? 'WB where the host mapping is WB (a memremap/ioremap_cache reservation; WB only where the host MTRRs say WB); the guest PAT is honoured' : 'UC: the host mapping itself is uncached' }, why);
    return {
      steps: w.steps,
      result: { kind: 'mapped', table: 'EPT', level, memtype: wb ? 'WB' : 'UC', cacheability: wb ? 'cacheable' : 'uncached', cacheable: wb, writable: true, pfn: alignedPfn },
    };
  }
  w.visit('x_mt', {
    detail: mm.mmio ? 'is_mmio: MTRR_TYPE_UNCACHABLE, IPAT clear; the VMA pgprot is never read' : 'not MMIO, no noncoherent DMA, ignore-guest-PAT quirk on: WB | IPAT',
  });
  w.visit(mm.mmio ? 'x_res_uc' : 'x_res_wb', mm.mmio ? { detail: 'EPT UC with IPAT clear combines with the guest PAT: a WB, UC- or UC guest mapping is UC, a WC one WC' } : {}, mm.mmio ? ['x86/no-vma-cacheability-patch', 'x86/ept-uc-guest-wc', 'thread/sean-host-pat'] : []);
  return {
    steps: w.steps,
    result: {
      kind: 'mapped', table: 'EPT', level, memtype: mm.mmio ? 'UC' : 'WB+IPAT', cacheability: mm.mmio ? 'uncached' : 'cacheable', cacheable: !mm.mmio,
      writable: true, pfn: alignedPfn,
    },
  };
}
