/**
 * Walk the KVM fault graph for one scenario: which functions the guest fault passes, what each decision saw, and the
 * final EPT / stage-2 entry or the error the VMM gets.
 */
import { SZ_1G, SZ_2M, hex } from '../addr';
import type { FaultGraph, FaultResult, FaultStep, FaultTrace, LeafSize, MemoryState, VmaModel } from '../explain-types';
import type { Arch, DesignId, HdmLayout, Platform } from '../scenario';
import { kernelAtLeast } from '../scenario';
import { faultGraph, namesBeforeV613 } from './graph';

export { faultGraph };

export interface FaultInput {
  design: DesignId;
  platform: Platform;
  layout: HdmLayout;
  memory: MemoryState;
  vma: VmaModel;
  faultOffset: bigint;
  write: boolean;
  /** False when the design could not set the memory up: the trace ends before KVM is reached. */
  deviceBound: boolean;
  /** Why not (shown as the error), when deviceBound is false. */
  unboundReason?: string;
  /** The errno and function of the failed setup step, when there is one. */
  setupError?: { error: string; at: string };
}

/** Guest physical address the VMM maps the HDM region at (1 GiB aligned). Illustrative. */
export const GPA_BASE = 0x100_0000_0000n;

class Walker {
  readonly steps: FaultStep[] = [];
  private readonly byId: Map<string, FaultGraph['nodes'][number]>;
  constructor(readonly graph: FaultGraph) {
    this.byId = new Map(graph.nodes.map((n) => [n.id, n]));
  }
  visit(id: string, extra: Partial<Pick<FaultStep, 'decision' | 'detail' | 'links'>> = {}, sources: string[] = []): void {
    const n = this.byId.get(id);
    if (!n) throw new Error(`fault graph ${this.graph.arch}: no node ${id}`);
    const prev = this.steps[this.steps.length - 1];
    if (prev && !this.graph.edges.some((e) => e.from === prev.nodeId && e.to === id)) {
      throw new Error(`fault graph ${this.graph.arch}: no edge ${prev.nodeId} → ${id}`);
    }
    this.steps.push({
      nodeId: id,
      function: n.label,
      file: n.file,
      ...extra,
      sources: [...n.sources, ...sources],
      verified: n.verified,
    });
  }
}

const SIZE_BYTES: Record<LeafSize, bigint> = { '4K': 0x1000n, '2M': SZ_2M, '1G': SZ_1G };

function isPfnmap(vma: VmaModel): boolean {
  return vma.flags.some((f) => f.name === 'VM_PFNMAP');
}

function hasFlag(vma: VmaModel, name: string): boolean {
  return vma.flags.some((f) => f.name === name);
}

/**
 * What KVM keeps of a PFNMAP lookup. From v6.13 only the pfn and writable (refcounted_page stays NULL); before it
 * hva_to_pfn_remapped() took a page reference with kvm_try_get_pfn() whenever the pfn had a refcounted struct page.
 */
function resolvePfnmapDetail(input: FaultInput): string {
  const p = input.platform;
  const args = kernelAtLeast(p, '6.12') ? 'follow_pfnmap_args' : 'the PTE follow_pte() returned';
  if (!namesBeforeV613(p.kernel)) return `uses only pfn and writable from ${args}; ignores pgprot and addr_mask`;
  return input.memory.structPages
    ? `kernel ${p.kernel}: the pfn has a struct page, so kvm_try_get_pfn() takes a page reference, dropped once the entry is installed (v6.13 stopped doing this for PFNMAP)`
    : `kernel ${p.kernel}: no struct page behind the pfn, so kvm_try_get_pfn() takes no reference; pfn and writable from ${args}`;
}

/** Everything up to the pfn, shared by both architectures. Returns false when the lookup ended in an error. */
function lookupPfn(w: Walker, input: FaultInput, pfn: bigint): { ok: boolean; errorDetail?: string } {
  const { vma, platform: p } = input;
  const pfnmap = isPfnmap(vma);
  const leaf = vma.leaves.find((l) => l.hva <= vma.vmStart + input.faultOffset && vma.vmStart + input.faultOffset < l.hva + SIZE_BYTES[l.size]);
  const leafText = leaf ? `${leaf.size} ${leaf.level}` : vma.maxLeaf;
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
  /** The d_pte step's detail: what the reset did, and the pre-6.12 lookup. */
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
        decision: { test: lookupTest, value: `present: remap_pfn_range() filled every PTE at mmap time (${leafText} leaf, pfn 0x${hex(pfn)})`, taken: 'present' },
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
      ...pteDetail('unmap_mapping_range() zapped the VMA; the MMU notifier dropped the EPT/stage-2 entries, so the guest re-faults'),
    },
    [...(p.deviceReset ? ['kvm/mmu-notifier'] : []), ...oldLookupSource],
  );
  w.visit('fixup', { detail: vma.vmOps ? `runs ${vma.vmOps.name}` : undefined });
  const handler = vma.vmOps?.handlers.find((h) => h.name === 'huge_fault') ?? vma.vmOps?.handlers[0];
  // nvgrace-gpu does not SIGBUS after a reset: its handler waits for the GPU memory in nvgrace_gpu_check_device_ready()
  // and then inserts (drivers/vfio/pci/nvgrace-gpu/main.c @ e5f19b61); it SIGBUSes only if memory decode is off or the wait times out.
  const nvWaits = p.deviceReset && input.design === 'nvgrace-gpu';
  if (p.deviceReset && !nvWaits) {
    w.visit(
      'd_handler',
      {
        decision: {
          test: `${handler?.fn ?? 'fault handler'}`,
          value: 'VM_FAULT_SIGBUS: region inactive between the reset zap and re-activation (decoder not yet re-COMMITTED)',
          taken: 'VM_FAULT_SIGBUS',
        },
      },
      ['vma/vfio_cxl_zap', 'kvm/reset-efault'],
    );
    return { ok: false, errorDetail: 'fixup_user_fault() fails: KVM_PFN_ERR_FAULT' };
  }
  w.visit(
    'd_handler',
    {
      decision: {
        test: `${handler?.fn ?? 'fault handler'}`,
        value: nvWaits
          ? `nvgrace_gpu_check_device_ready(): reset_done, memory enabled → polls the C2C-link and HBM-training registers (1 s steps, up to 30 s); ready → inserted a special ${leafText} leaf (pfn 0x${hex(pfn)})`
          : `inserted a special ${leafText} leaf (pfn 0x${hex(pfn)})`,
        taken: 'inserted; follow again',
      },
      links: { vmaLeaf: true, pfn },
      ...(nvWaits ? { detail: 'VM_FAULT_SIGBUS (KVM_RUN -EFAULT) only if memory decode is disabled or the GPU is not ready within 30 s' } : {}),
    },
    nvWaits ? ['nv/reset-ready'] : [],
  );
  w.visit('resolve_pfnmap', { detail: resolvePfnmapDetail(input), links: { pfn } });
  return { ok: true };
}

function x86(input: FaultInput, graph: FaultGraph): { steps: FaultStep[]; result: FaultResult } {
  const w = new Walker(graph);
  const { vma, memory: m, platform: p } = input;
  const hpa = input.layout.hdmStart + input.faultOffset;
  const pfn = hpa >> 12n;
  const older = !kernelAtLeast(p, '7.0');
  const pre613 = namesBeforeV613(p.kernel);
  w.visit(
    'x_exit',
    {
      detail:
        `EPT violation at GPA 0x${hex(GPA_BASE + input.faultOffset)}, ${input.write ? 'write' : 'read'}` +
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
    w.visit('x_err_pfn', { detail: r.errorDetail });
    w.visit('x_efault');
    return { steps: w.steps, result: { kind: 'error', error: '-EFAULT', seenBy: 'KVM_RUN returns -EFAULT to the VMM', at: 'kvm_handle_error_pfn()' } };
  }
  w.visit('x_map');
  // kvm_mmu_hugepage_adjust() returns before kvm_mmu_max_mapping_level() on a dirty-tracked memslot (mmu.c @ 6422060a).
  const hostLeaf = vma.maxLeaf;
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
  let mmio: boolean;
  let mmioWhy: string;
  if (m.structPages) {
    mmio = false;
    mmioWhy = 'pfn_valid, online RAM page (not PageReserved) → false';
  } else if (m.firmwareE820Ram) {
    mmio = false;
    mmioWhy = 'no struct page, but E820_TYPE_RAM in e820_table_firmware → false';
  } else {
    mmio = true;
    mmioWhy = 'no struct page and not E820_TYPE_RAM in e820_table_firmware → true';
  }
  w.visit('x_mmio', { decision: { test: 'kvm_is_mmio_pfn(pfn)', value: mmioWhy, taken: mmio ? 'true' : 'false' } });
  w.visit('x_mt', {
    detail: mmio ? 'is_mmio: MTRR_TYPE_UNCACHABLE, IPAT clear; the VMA pgprot is never read' : 'not MMIO, no noncoherent DMA, ignore-guest-PAT quirk on: WB | IPAT',
  });
  w.visit(mmio ? 'x_res_uc' : 'x_res_wb', {}, mmio ? ['x86/no-vma-cacheability-patch'] : []);
  const alignedPfn = pfn - (pfn % (SIZE_BYTES[level] >> 12n));
  return {
    steps: w.steps,
    result: { kind: 'mapped', table: 'EPT', level, memtype: mmio ? 'UC' : 'WB+IPAT', cacheable: !mmio, writable: true, pfn: alignedPfn },
  };
}

function arm64(input: FaultInput, graph: FaultGraph): { steps: FaultStep[]; result: FaultResult } {
  const w = new Walker(graph);
  const { vma, memory: m, platform: p } = input;
  const pfnmap = isPfnmap(vma);
  const cacheable = vma.pgprot.cacheable;
  const fwb = p.fwb && p.dic;
  const cacheablePfnmapSupported = kernelAtLeast(p, '6.17');
  const hpa = input.layout.hdmStart + input.faultOffset;
  const pfn = hpa >> 12n;
  const mteAllowed = !pfnmap; // anonymous/shmem mappings get VM_MTE_ALLOWED; VM_PFNMAP device mappings do not
  // Memslot creation (KVM_SET_USER_MEMORY_REGION) runs before any fault.
  let memslotError: string | null = null;
  if (p.mte && !mteAllowed) memslotError = 'MTE VM and the VMA lacks VM_MTE_ALLOWED';
  else if (pfnmap && p.dirtyLog) memslotError = 'VM_PFNMAP with KVM_MEM_LOG_DIRTY_PAGES';
  // The memslot check looks at the VMA only (no pfn_is_map_memory()): read in arch/arm64/kvm/mmu.c kvm_arch_prepare_memory_region().
  else if (pfnmap && cacheable && cacheablePfnmapSupported && !fwb) {
    memslotError = 'VM_PFNMAP, kvm_vma_is_cacheable() and no FWB+DIC';
  }
  w.visit('a_memslot', {
    decision: {
      test: cacheablePfnmapSupported
        ? 'MTE allowed / PFNMAP without dirty log / cacheable PFNMAP needs FWB+DIC'
        : 'MTE allowed / PFNMAP without dirty log (the cacheable-PFNMAP check came in v6.17)',
      value: memslotError ?? 'all checks pass',
      taken: memslotError ? '-EINVAL' : 'memslot created',
    },
  });
  if (memslotError) {
    w.visit('a_einval');
    return {
      steps: w.steps,
      result: { kind: 'error', error: '-EINVAL', seenBy: 'KVM_SET_USER_MEMORY_REGION(2) fails -EINVAL at VM setup', at: 'kvm_arch_prepare_memory_region()' },
    };
  }
  w.visit('a_abort', { detail: `stage-2 translation fault at IPA 0x${hex(GPA_BASE + input.faultOffset)}` });
  w.visit('a_uma');
  if (kernelAtLeast(p, '7.1')) w.visit('a_pin');
  else {
    w.visit(
      'a_pin',
      { detail: `kernel ${p.kernel}: the kvm_s2_fault_*() helpers drawn here come from the v7.1 user_mem_abort() rework; before it the same steps are inline in user_mem_abort()` },
      ['a64/user_mem_abort-rework'],
    );
  }
  // VMA-derived block size (get_vma_page_shift): PFNMAP uses VMA geometry only.
  let vmaSize: LeafSize;
  let sizeWhy: string;
  if (pfnmap) {
    const hva = vma.vmStart + input.faultOffset;
    const pa = (vma.vmPgoff << 12n) + (hva - vma.vmStart);
    vmaSize = '4K';
    for (const s of ['1G', '2M'] as const) {
      const b = SIZE_BYTES[s];
      const base = hva - (hva % b);
      if (hva % b === pa % b && base >= vma.vmStart && base + b <= vma.vmEnd) {
        vmaSize = s;
        break;
      }
    }
    sizeWhy = `PFNMAP: VMA geometry (vm_pgoff-derived pa and hva co-aligned) → ${vmaSize}; the host page table is not read`;
  } else {
    vmaSize = '4K';
    sizeWhy = 'not hugetlb: PAGE_SIZE, may be raised by transparent_hugepage_adjust()';
  }
  w.visit('a_vmainfo', {
    decision: {
      test: cacheablePfnmapSupported ? 'vma_pagesize; kvm_vma_is_cacheable(vma)' : 'vma_pagesize',
      value: cacheablePfnmapSupported
        ? `${sizeWhy}; ${cacheable ? 'cacheable (MT_NORMAL)' : 'not cacheable'}`
        : `${sizeWhy}; kernel ${p.kernel} has no kvm_vma_is_cacheable() (added in v6.17): the VMA's cacheability is not read`,
      taken: cacheablePfnmapSupported ? `vma_pagesize ${vmaSize}, is_vma_cacheable ${cacheable}` : `vma_pagesize ${vmaSize}`,
    },
  });
  const r = lookupPfn(w, input, pfn);
  if (!r.ok) {
    w.visit('a_err_fault', { detail: r.errorDetail });
    return { steps: w.steps, result: { kind: 'error', error: '-EFAULT', seenBy: 'KVM_RUN returns -EFAULT to the VMM', at: 'kvm_s2_fault_pin_pfn()' } };
  }
  const devicePfn = pfnmap && !m.pfnIsMapMemory;
  w.visit('a_pfnmap', {
    decision: {
      test: cacheablePfnmapSupported ? 'vm_flags & (VM_PFNMAP | VM_MIXEDMAP) && !pfn_is_map_memory(pfn)' : 'kvm_is_device_pfn(pfn) = !pfn_is_map_memory(pfn)',
      value: !pfnmap ? 'not PFNMAP' : m.pfnIsMapMemory ? 'PFNMAP, but the pfn is memblock memory' : 'PFNMAP and not map memory',
      taken: devicePfn ? 'yes: device pfn' : 'no: map memory',
    },
  });
  let attr: 'normal' | 'nc' | 'dev' = 'normal';
  if (devicePfn) {
    const useCacheable = cacheable && cacheablePfnmapSupported;
    w.visit('a_cacheable', {
      decision: {
        test: cacheablePfnmapSupported ? 'is_vma_cacheable' : 'device pfn',
        value: cacheablePfnmapSupported ? (cacheable ? 'true' : 'false') : `kernel ${p.kernel} < v6.17: cacheable PFNMAP not supported`,
        taken: useCacheable ? 'cacheable (≥ v6.17)' : 'not cacheable, or kernel < v6.17',
      },
    });
    if (useCacheable) {
      w.visit('a_fwb', { decision: { test: 'cpus_have_final_cap(FWB) && cpus_have_final_cap(DIC)', value: fwb ? 'yes' : 'no', taken: fwb ? 'yes' : 'no' } });
      if (!fwb) {
        w.visit('a_err_fault', { detail: 'cacheable PFNMAP needs FWB+DIC: KVM cannot do cache maintenance without a kernel VA' });
        return { steps: w.steps, result: { kind: 'error', error: '-EFAULT', seenBy: 'KVM_RUN returns -EFAULT to the VMM', at: 'kvm_s2_fault_pin_pfn()' } };
      }
      attr = 'normal';
    } else {
      const anyUncached = hasFlag(vma, 'VM_ALLOW_ANY_UNCACHED');
      w.visit('a_uncached', {
        decision: { test: 'vm_flags & VM_ALLOW_ANY_UNCACHED', value: anyUncached ? 'set' : 'clear', taken: 'map_non_cacheable' },
      });
      attr = anyUncached ? 'nc' : 'dev';
    }
  }
  if (p.mte && !mteAllowed) {
    w.visit('a_prot', { decision: { test: 'kvm_has_mte && !mte_allowed', value: 'true', taken: 'MTE VM, VMA not VM_MTE_ALLOWED' } });
    w.visit('a_err_fault');
    return { steps: w.steps, result: { kind: 'error', error: '-EFAULT', seenBy: 'KVM_RUN returns -EFAULT to the VMM', at: 'kvm_s2_fault_compute_prot()' } };
  }
  w.visit('a_prot', {
    decision: {
      test: 'kvm_s2_fault_compute_prot()',
      value: attr === 'normal' ? 'R W, no memtype bit (Normal)' : attr === 'nc' ? 'R W NORMAL_NC' : 'R W DEVICE',
      taken: 'prot computed',
    },
  });
  let level: LeafSize = vmaSize;
  let levelWhy = pfnmap ? `VMA geometry → ${vmaSize}` : 'THP: transparent_hugepage_adjust() raises to a PMD block';
  if (!pfnmap) level = vma.maxLeaf === '4K' ? '4K' : '2M';
  if (p.dirtyLog) {
    level = '4K';
    levelWhy = 'dirty logging forces PAGE_SIZE';
  }
  const hpaAligned = input.layout.hdmStart % SIZE_BYTES[level] === 0n;
  w.visit('a_map', {
    detail: `${levelWhy}${pfnmap && level !== '4K' && !hpaAligned ? `; the HPA 0x${hex(input.layout.hdmStart)} is not ${level}-aligned, yet the block assumes contiguous, aligned pfns (unverified design rule)` : ''}`,
    links: { pfn },
  }, pfnmap && level !== '4K' && !hpaAligned ? ['a64/huge-vma-geometry-inference'] : []);
  w.visit('a_attr');
  const resId = attr === 'normal' ? 'a_res_normal' : attr === 'nc' ? 'a_res_nc' : 'a_res_dev';
  w.visit(resId);
  const alignedPfn = pfn - (pfn % (SIZE_BYTES[level] >> 12n));
  return {
    steps: w.steps,
    result: {
      kind: 'mapped',
      table: 'stage-2',
      level,
      memtype: attr === 'normal' ? 'Normal' : attr === 'nc' ? 'Normal-NC' : 'Device-nGnRE',
      cacheable: attr === 'normal',
      writable: true,
      pfn: alignedPfn,
    },
  };
}

/** Walk the fault graph for this scenario: the taken path, each decision's value, and the final entry or error. */
export function faultPath(input: FaultInput): FaultTrace {
  const arch: Arch = input.platform.arch;
  const graph = faultGraph(arch, input.platform.kernel);
  if (!input.deviceBound) {
    return {
      arch,
      graph,
      steps: [],
      result: {
        kind: 'error',
        error: input.setupError?.error ?? 'no mapping',
        seenBy: input.unboundReason ?? 'the design did not set the memory up',
        at: input.setupError?.at ?? 'setup',
      },
    };
  }
  const r = arch === 'x86_64' ? x86(input, graph) : arm64(input, graph);
  return { arch, graph, steps: r.steps, result: r.result };
}
