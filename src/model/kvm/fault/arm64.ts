/**
 * The arm64 stage-2 fault path (arch/arm64/kvm/mmu.c @ fb9888fd, v7.1 rework; older kernels with their names): the
 * memslot checks at KVM_SET_USER_MEMORY_REGION, user_mem_abort() with the VMA geometry, the PFNMAP decision, the
 * attributes, and the entries the walker installs (vma-and-kvm-fault-path.md §B6–§B7; research R2).
 */
import { hex } from '../../addr';
import type { FaultGraph, FaultResult, FaultStep } from '../../explain-types';
import { kernelAtLeast } from '../../scenario';
import type { FaultInput } from './input';
import { GPA_BASE, efaultSeen, hasFlag, isPfnmap } from './input';
import { leafAt, lookupPfn } from './lookup';
import { stage2Geometry } from './stage2Geometry';
import { Walker } from './walker';

/** KVM_RUN's -EFAULT as the VMM sees it (efaultSeen()): bare, or annotated by the posted KVM_EXIT_MEMORY_FAULT patch. */
const EFAULT = (at: string, seen: ReturnType<typeof efaultSeen>): FaultResult => ({ kind: 'error', error: '-EFAULT', seenBy: seen.seenBy, at, vmm: seen.vmm });

export function arm64Path(input: FaultInput, graph: FaultGraph): { steps: FaultStep[]; result: FaultResult } {
  const w = new Walker(graph);
  const { vma, memory: m, platform: p } = input;
  const pfnmap = isPfnmap(vma);
  const cacheable = vma.pgprot.cacheable;
  const fwbDic = p.fwb && p.dic;
  const cacheablePfnmapSupported = kernelAtLeast(p, '6.17');
  const hpa = input.layout.hdmStart + input.faultOffset;
  const pfn = hpa >> 12n;
  const mteAllowed = !pfnmap; // anonymous/shmem mappings get VM_MTE_ALLOWED; VM_PFNMAP device mappings do not
  // Memslot checks (KVM_SET_USER_MEMORY_REGION): they run when the slot is created, moved, or its flags change.
  let memslotError: { why: string; when: string; sources: string[] } | null = null;
  if (p.mte && !mteAllowed) memslotError = { why: 'MTE VM and the VMA lacks VM_MTE_ALLOWED', when: 'at VM setup', sources: [] };
  else if (pfnmap && p.dirtyLog) {
    memslotError = { why: 'VM_PFNMAP with KVM_MEM_LOG_DIRTY_PAGES', when: 'when dirty logging is switched on for the slot (migration start)', sources: ['a64/memslot-flags-only'] };
  } else if (pfnmap && cacheable && cacheablePfnmapSupported && !fwbDic) {
    memslotError = {
      why: `VM_PFNMAP, kvm_vma_is_cacheable() and no FWB+DIC (FWB ${p.fwb ? 'present' : 'absent'}, DIC ${p.dic ? 'present' : 'absent'})`,
      when: 'at VM setup',
      sources: ['a64/kvm_supports_cacheable_pfnmap'],
    };
  }
  w.visit('a_memslot', {
    decision: {
      test: cacheablePfnmapSupported
        ? 'MTE allowed / PFNMAP without dirty log / cacheable PFNMAP needs FWB and DIC'
        : 'MTE allowed / PFNMAP without dirty log (the cacheable-PFNMAP check came in v6.17)',
      value: memslotError?.why ?? 'all checks pass',
      taken: memslotError ? 'a check fails' : 'memslot created; guest faults',
    },
  }, memslotError?.sources ?? []);
  if (memslotError) {
    w.visit('a_einval');
    return {
      steps: w.steps,
      result: { kind: 'error', error: '-EINVAL', seenBy: `KVM_SET_USER_MEMORY_REGION(2) fails -EINVAL ${memslotError.when}`, at: 'kvm_arch_prepare_memory_region()' },
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
  const host = leafAt(input);
  const geo = stage2Geometry({
    vma,
    paAtVmStart: input.layout.hdmStart,
    gpaBase: GPA_BASE,
    faultOffset: input.faultOffset,
    dirtyLog: p.dirtyLog,
    // The THP upgrade is skipped for device and non-cacheable mappings; since 6.17 a cacheable PFNMAP qualifies.
    thpUpgrade: !pfnmap || (cacheablePfnmapSupported && cacheable),
    hostLeaf: host?.size ?? vma.maxLeaf,
  });
  w.visit('a_vmainfo', {
    decision: {
      test: cacheablePfnmapSupported ? 'vma_pagesize, ALIGN_DOWN(fault_ipa), kvm_vma_is_cacheable(vma)' : 'vma_pagesize, ALIGN_DOWN(fault_ipa)',
      value:
        `${geo.why}; IPA aligned to 0x${hex(geo.ipaAligned)}, pfn looked up at the aligned address` +
        (cacheablePfnmapSupported ? `; ${cacheable ? 'cacheable (MT_NORMAL)' : 'not cacheable'}` : `; kernel ${p.kernel} has no kvm_vma_is_cacheable() (added in v6.17): the VMA's cacheability is not read`),
      taken: cacheablePfnmapSupported ? `vma_pagesize ${geo.vmaPageSize}, is_vma_cacheable ${cacheable}` : `vma_pagesize ${geo.vmaPageSize}`,
    },
    ...(pfnmap && !vma.populatedAtMmap
      ? {
          detail:
            'vm_pgoff here is VFIO\'s region-offset cookie (region index << 40), not a pfn, so the alignment test only sees vm_start and the mmap offset, never the HDM address. The stage-2 walker then refuses a block the physical address is not aligned to and installs smaller entries; wrong memory would need a host mapping that is not physically linear across the block, or a memslot spanning several VMAs with the fault on a block boundary.',
        }
      : {}),
  }, pfnmap ? ['a64/vfio-pgoff-cookie', 'a64/kvm_block_mapping_supported'] : []);
  const gpa = GPA_BASE + input.faultOffset;
  const seen = (duringReset: boolean) => efaultSeen(p, gpa, duringReset);
  const r = lookupPfn(w, input, pfn);
  if (!r.ok) {
    const e = seen(p.deviceReset);
    w.visit('a_err_fault', { detail: `${r.errorDetail}; ${e.seenBy}` }, e.sources);
    return { steps: w.steps, result: EFAULT('kvm_s2_fault_pin_pfn()', e) };
  }
  const devicePfn = pfnmap && !m.pfnIsMapMemory;
  w.visit('a_pfnmap', {
    decision: {
      test: cacheablePfnmapSupported ? 'vm_flags & (VM_PFNMAP | VM_MIXEDMAP) && !pfn_is_map_memory(pfn)' : 'kvm_is_device_pfn(pfn) = !pfn_is_map_memory(pfn)',
      value: !pfnmap
        ? 'not PFNMAP'
        : m.pfnIsMapMemory
          ? 'PFNMAP, but the pfn is memblock memory'
          : m.pages === 'reserved'
            ? 'PFNMAP, and the pfn is NOMAP: it has a memmap but pfn_is_map_memory() is false'
            : 'PFNMAP and not map memory',
      taken: devicePfn ? 'yes: device pfn' : 'no: map memory',
    },
  }, m.pages === 'reserved' ? ['a64/pfn_is_map_memory-nomap'] : []);
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
      w.visit('a_fwb', {
        decision: {
          test: 'cpus_have_final_cap(ARM64_HAS_STAGE2_FWB) && cpus_have_final_cap(ARM64_HAS_CACHE_DIC)',
          value: `FWB ${p.fwb ? 'yes' : 'no'}, DIC ${p.dic ? 'yes' : 'no'}`,
          taken: fwbDic ? 'yes' : 'no',
        },
      });
      if (!fwbDic) {
        const e = seen(false);
        w.visit('a_err_fault', { detail: 'cacheable PFNMAP needs FWB and DIC: KVM cannot do cache maintenance without a kernel VA' }, e.sources);
        return { steps: w.steps, result: EFAULT('kvm_s2_fault_pin_pfn()', e) };
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
  if (p.mte && !mteAllowed && attr === 'normal') {
    w.visit('a_prot', { decision: { test: 'kvm_has_mte && !mte_allowed', value: 'true', taken: 'MTE VM, VMA not VM_MTE_ALLOWED' } }, ['a64/mte-fault']);
    const e = seen(false);
    w.visit('a_err_fault', {}, e.sources);
    return { steps: w.steps, result: EFAULT('kvm_s2_fault_compute_prot()', e) };
  }
  w.visit('a_prot', {
    decision: {
      test: 'kvm_s2_fault_compute_prot()',
      value: attr === 'normal' ? `R W, no memtype bit (Normal)${p.dic ? ', X allowed (DIC)' : ''}` : attr === 'nc' ? 'R W NORMAL_NC' : 'R W DEVICE',
      taken: 'prot computed',
    },
  }, attr === 'normal' && p.dic ? ['a64/dic-exec'] : []);
  w.visit('a_map', {
    detail: geo.thpUpgraded
      ? `transparent_hugepage_adjust(): the host ${host?.size ?? '2M'} leaf raises the 4K vma_pagesize to a 2M block`
      : p.dirtyLog
        ? 'dirty logging forces PAGE_SIZE'
        : `map ${geo.mapSize} at IPA 0x${hex(geo.ipaAligned)} → pfn 0x${hex(geo.pfn)}`,
    links: { pfn },
  }, geo.thpUpgraded ? ['a64/thp-adjust-cacheable-pfnmap'] : []);
  w.visit('a_attr');
  const split = geo.entry !== geo.mapSize;
  w.visit('a_block', {
    decision: {
      test: `kvm_block_mapping_supported(${geo.mapSize})`,
      value: split
        ? `phys 0x${hex(geo.pfn << 12n)} is not ${geo.mapSize}-aligned: a table and ${geo.entries} × ${geo.entry} entries instead` +
          (geo.entries > 512 ? ' (more than the page-table cache holds: a WARN and atomic allocations)' : '')
        : `IPA and phys ${geo.mapSize}-aligned: one ${geo.mapSize} ${geo.mapSize === '4K' ? 'page' : 'block'}`,
      taken: attr === 'normal' ? 'prot 0 → NORMAL' : attr === 'nc' ? 'NORMAL_NC' : 'DEVICE',
    },
    links: { pfn: geo.entryPfn },
  });
  const resId = attr === 'normal' ? 'a_res_normal' : attr === 'nc' ? 'a_res_nc' : 'a_res_dev';
  w.visit(resId);
  return {
    steps: w.steps,
    result: {
      kind: 'mapped',
      table: 'stage-2',
      level: geo.entry,
      memtype: attr === 'normal' ? 'Normal' : attr === 'nc' ? 'Normal-NC' : 'Device-nGnRE',
      cacheability: attr === 'normal' ? 'cacheable' : 'uncached',
      cacheable: attr === 'normal',
      writable: true,
      pfn: geo.entryPfn,
      ...(split ? { requested: geo.mapSize, entries: geo.entries } : {}),
    },
  };
}
