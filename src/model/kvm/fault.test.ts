import fc from 'fast-check';
import { SOURCE_NOTES } from '../sources/notes';
import { describe, expect, it } from 'vitest';
import type { FaultTrace, MemoryState } from '../explain-types';
import type { DesignId, Platform } from '../scenario';
import { ARCHES, DEFAULT_LAYOUT, DEFAULT_PLATFORM, DESIGNS } from '../scenario';
import { getSource } from '../sources';
import { buildVma } from '../vma/build';
import { faultGraph, faultPath } from './fault';
import { devicePfnMemory, pageMemory } from './testMemory';
import { platformArb } from '../testing/arbitraries';

const P = (over: Partial<Platform>): Platform => ({ ...DEFAULT_PLATFORM, ...over });
const OFFSET = 0x20_0000n * 3n + 0x1000n;

function trace(design: DesignId, platform: Platform, memory: MemoryState, deviceBound = true): FaultTrace {
  const vma = buildVma({ design, platform, layout: DEFAULT_LAYOUT, memory, faultOffset: OFFSET, deviceBound });
  return faultPath({ design, platform, layout: DEFAULT_LAYOUT, memory, vma, faultOffset: OFFSET, write: true, deviceBound });
}
const pageBacked = (d: DesignId) => d === 'hotplug' || d === 'private-node';
const fns = (t: FaultTrace) => t.steps.map((s) => s.label);
const step = (t: FaultTrace, id: string) => t.steps.find((s) => s.nodeId === id);
const sourcesOf = (t: FaultTrace) => t.steps.flatMap((s) => s.sources);

describe('x86-64 EPT fault path', () => {
  it('VFIO-owned over Reserved reaches hva_to_pfn_remapped and ends EPT UC (kvm-x86 x86/kvm_is_mmio_pfn, x86/vmx_get_mt_mask)', () => {
    const t = trace('vfio-owned', P({ arch: 'x86_64', firmware: 'reserved' }), devicePfnMemory());
    expect(fns(t)).toContain('hva_to_pfn_remapped()');
    expect(step(t, 'd_slow')?.decision?.taken).toBe('-EFAULT');
    expect(step(t, 'd_vma')?.decision).toMatchObject({ value: 'set', taken: 'hva_to_pfn_remapped()' });
    expect(step(t, 'x_mmio')?.decision?.taken).toBe('true');
    expect(step(t, 'x_mmio')?.sources).toContain('x86/kvm_is_mmio_pfn');
    expect(t.result).toMatchObject({ kind: 'mapped', table: 'EPT', memtype: 'UC', cacheable: false });
    expect(t.steps.at(-1)?.sources).toContain('x86/vmx_get_mt_mask');
  });

  it('a struct-less pfn that firmware lists as E820 RAM is not MMIO: WB (x86/e820_mapped_raw_any)', () => {
    const t = trace('vfio-owned', P({ arch: 'x86_64' }), devicePfnMemory({ firmwareE820Ram: true }));
    expect(step(t, 'x_mmio')?.decision?.taken).toBe('false');
    expect(sourcesOf(t)).toContain('x86/e820_mapped_raw_any');
    expect(t.result).toMatchObject({ kind: 'mapped', memtype: 'WB+IPAT', cacheable: true });
  });

  it('hotplug reaches WB through GUP-fast with a refcounted page (kvm/hva_to_pfn_fast, kvm/refcounted_page)', () => {
    const t = trace('hotplug', P({ arch: 'x86_64' }), pageMemory());
    expect(step(t, 'd_fast')?.decision?.taken).toBe('page');
    expect(fns(t)).not.toContain('hva_to_pfn_remapped()');
    expect(step(t, 'resolve_page')?.sources).toContain('kvm/refcounted_page');
    expect(t.result).toMatchObject({ kind: 'mapped', table: 'EPT', memtype: 'WB+IPAT', cacheable: true });
  });

  it('dirty logging forces 4K where the host has a huge leaf: kvm_mmu_hugepage_adjust() returns before kvm_mmu_max_mapping_level() (x86/dirty-log-4k, mmu.c @ 6422060a)', () => {
    const huge = trace('vfio-owned', P({ arch: 'x86_64', hugeFault: true }), devicePfnMemory());
    expect(huge.result.kind === 'mapped' && huge.result.level).not.toBe('4K');
    expect(step(huge, 'x_huge')?.decision?.taken).toBe('no');
    expect(step(huge, 'x_level')).toBeDefined();
    const t = trace('vfio-owned', P({ arch: 'x86_64', hugeFault: true, dirtyLog: true }), devicePfnMemory());
    expect(step(t, 'x_huge')?.sources).toContain('x86/dirty-log-4k');
    expect(step(t, 'x_huge')?.decision?.taken).toBe('dirty logging: stays 4K');
    // The dirty-tracking test is not part of kvm_mmu_max_mapping_level(): that step is skipped.
    expect(step(t, 'x_level')).toBeUndefined();
    expect(step(t, 'x_level')?.sources ?? []).not.toContain('x86/dirty-log-4k');
    expect(t.steps.map((s) => s.nodeId)).toEqual(expect.arrayContaining(['x_huge', 'x_spte']));
    expect(t.result).toMatchObject({ kind: 'mapped', level: '4K' });
  });

  it('__kvm_mmu_faultin_pfn() sends only private faults and gmem-only memslots to guest_memfd (mmu.c @ 6422060a)', () => {
    const src = getSource('x86/__kvm_mmu_faultin_pfn');
    expect(src.kind === 'upstream' && SOURCE_NOTES['x86/__kvm_mmu_faultin_pfn']).toMatch(/kvm_memslot_is_gmem_only/);
    expect(src.kind === 'upstream' && SOURCE_NOTES['x86/__kvm_mmu_faultin_pfn']).not.toMatch(/^guest_memfd slots/);
    const edge = faultGraph('x86_64').edges.find((e) => e.from === 'x___faultin' && e.to === 'kfaultin');
    expect(edge?.label).toMatch(/shared fault/);
  });

  it('the dirty-logging source cites kvm_mmu_hugepage_adjust(), and kvm_mmu_max_mapping_level() is not labelled with dirty logging', () => {
    expect(getSource('x86/dirty-log-4k')).toMatchObject({ kind: 'upstream', fn: 'kvm_mmu_hugepage_adjust()', commit: '6422060a' });
    const g = faultGraph('x86_64');
    const level = g.nodes.find((n) => n.id === 'x_level');
    expect(level?.label).not.toMatch(/dirty/i);
    expect(level?.sources).not.toContain('x86/dirty-log-4k');
    expect(g.edges).toContainEqual(expect.objectContaining({ from: 'x_huge', to: 'x_spte' }));
  });

  it('without .huge_fault the host leaf is a PTE, so EPT is 4K (x86/host_pfn_mapping_level)', () => {
    const t = trace('vfio-owned', P({ arch: 'x86_64', hugeFault: false }), devicePfnMemory());
    expect(step(t, 'x_level')?.sources).toContain('x86/host_pfn_mapping_level');
    expect(t.result).toMatchObject({ kind: 'mapped', level: '4K' });
  });

  it('after a device reset the VFIO handler SIGBUSes and KVM_RUN returns -EFAULT (vma/vfio_cxl_zap, kvm/reset-efault)', () => {
    const t = trace('vfio-owned', P({ arch: 'x86_64', deviceReset: true }), devicePfnMemory());
    expect(step(t, 'd_handler')?.decision?.taken).toBe('VM_FAULT_SIGBUS');
    expect(step(t, 'd_handler')?.decision?.value).toMatch(/blocks on memory_lock.*hdm_valid/);
    expect(sourcesOf(t)).toEqual(expect.arrayContaining(['vo/vfio-cxl-module', 'reset/memory-lock-block', 'kvm/reset-efault', 'reset/qemu-kvm-run-failed']));
    // A bare -EFAULT: only guest_memfd paths fill KVM_EXIT_MEMORY_FAULT, and QEMU stops the VM (issue 13 item 6).
    expect(t.result).toMatchObject({ kind: 'error', error: '-EFAULT', at: 'kvm_handle_error_pfn()', vmm: expect.stringMatching(/kvm run failed/) });
  });
});

describe('nvgrace-gpu after a device reset (drivers/vfio/pci/nvgrace-gpu/main.c @ e5f19b61)', () => {
  it('the re-fault waits in nvgrace_gpu_check_device_ready() and re-inserts the pfn instead of SIGBUS (nv/reset-ready)', () => {
    for (const arch of ARCHES) {
      const t = trace('nvgrace-gpu', P({ arch, fwb: true, kernel: '7.1', deviceReset: true }), devicePfnMemory());
      const h = step(t, 'd_handler');
      expect(h?.decision?.taken).toBe('inserted; follow again');
      expect(h?.decision?.value).toMatch(/nvgrace_gpu_check_device_ready\(\).*30 s/);
      expect(h?.sources).toContain('nv/reset-ready');
      expect(sourcesOf(t)).not.toContain('kvm/reset-efault');
      expect(t.result.kind).toBe('mapped');
    }
  });

});

describe('nvgrace-gpu before its fault handler (v6.19 cycle; nv/remap-pre-6.19)', () => {
  it('the PTE is present on the first touch: follow_pfnmap_start() finds it, no fixup_user_fault() and no handler', () => {
    for (const arch of ARCHES)
      for (const kernel of ['6.11', '6.12', '6.17'] as const) {
        const t = trace('nvgrace-gpu', P({ arch, fwb: true, kernel }), devicePfnMemory());
        const ids = t.steps.map((s) => s.nodeId);
        expect(step(t, 'd_pte')?.decision).toMatchObject({ taken: 'present', value: expect.stringMatching(/remap_pfn_range\(\)/) });
        expect(ids.indexOf('resolve_pfnmap')).toBe(ids.indexOf('d_pte') + 1);
        expect(ids).not.toContain('fixup');
        expect(ids).not.toContain('d_handler');
        expect(step(t, 'd_pte')?.sources).toContain('nv/remap-pre-6.19');
      }
  });

  it('a device reset is not modelled there: the mapping is kept and the step cites the unverified inference', () => {
    const t = trace('nvgrace-gpu', P({ arch: 'arm64', fwb: true, kernel: '6.17', deviceReset: true }), devicePfnMemory());
    expect(step(t, 'd_pte')?.sources).toContain('nv/reset-pre-6.19-unverified');
    expect(step(t, 'd_pte')?.detail).toMatch(/not modelled/);
    expect(getSource('nv/reset-pre-6.19-unverified').verified).toBe(false);
    expect(t.result.kind).toBe('mapped');
  });

  it('from 7.0 the first touch still goes through the fault handler', () => {
    const t = trace('nvgrace-gpu', P({ arch: 'arm64', fwb: true, kernel: '7.0' }), devicePfnMemory());
    expect(step(t, 'd_pte')?.decision?.taken).toBe('fixup_user_fault()');
    expect(t.steps.map((s) => s.nodeId)).toContain('d_handler');
  });
});

describe('arm64 stage-2 fault path', () => {
  it('without FWB+DIC a cacheable PFNMAP memslot is refused -EINVAL (a64/kvm_arch_prepare_memory_region)', () => {
    const t = trace('vfio-owned', P({ arch: 'arm64', fwb: false, kernel: '7.1' }), devicePfnMemory());
    expect(t.steps.map((s) => s.nodeId)).toEqual(['a_memslot', 'a_einval']);
    expect(step(t, 'a_memslot')?.sources).toContain('a64/kvm_arch_prepare_memory_region');
    expect(t.result).toMatchObject({ kind: 'error', error: '-EINVAL', at: 'kvm_arch_prepare_memory_region()' });
  });

  it('with FWB+DIC the cacheable PFNMAP maps Normal (a64/cacheable-pfnmap, a64/stage2_set_prot_attr)', () => {
    const t = trace('vfio-owned', P({ arch: 'arm64', fwb: true, kernel: '7.1' }), devicePfnMemory());
    expect(step(t, 'a_cacheable')?.decision?.taken).toBe('cacheable (≥ v6.17)');
    expect(step(t, 'a_fwb')?.decision).toMatchObject({ value: 'FWB yes, DIC yes', taken: 'yes' });
    expect(t.result).toMatchObject({ kind: 'mapped', table: 'stage-2', memtype: 'Normal', cacheable: true });
  });

  it('6.11 vs 6.17: before Ankit Agrawal\'s series the same VMA is forced non-cacheable (a64/pre-6.17, a64/ankit-series)', () => {
    const old = trace('vfio-owned', P({ arch: 'arm64', fwb: true, kernel: '6.11' }), devicePfnMemory());
    const neu = trace('vfio-owned', P({ arch: 'arm64', fwb: true, kernel: '6.17' }), devicePfnMemory());
    // The later vfio-cxl module sets no VM_ALLOW_ANY_UNCACHED, so the non-cacheable fallback is Device, not Normal-NC.
    expect(old.result).toMatchObject({ kind: 'mapped', memtype: 'Device-nGnRE', cacheable: false });
    expect(neu.result).toMatchObject({ kind: 'mapped', memtype: 'Normal', cacheable: true });
    expect(step(old, 'a_cacheable')?.sources).toContain('a64/pre-6.17');
    expect(fns(old)).not.toContain(step(neu, 'a_fwb')?.function);
    // Without FWB+DIC, 6.11 has no memslot check for cacheable PFNMAP: it still maps (non-cacheable) instead of -EINVAL.
    const oldNoFwb = trace('vfio-owned', P({ arch: 'arm64', fwb: false, kernel: '6.11' }), devicePfnMemory());
    expect(oldNoFwb.result.kind).toBe('mapped');
  });

  it('non-cacheable PFNMAP: Normal-NC only with VM_ALLOW_ANY_UNCACHED, else Device (a64/kvm_s2_fault_compute_prot)', () => {
    // v2's DPA region sets VM_ALLOW_ANY_UNCACHED; nvgrace usemem and the later vfio-cxl module do not.
    const vfio = trace('memremap', P({ arch: 'arm64', kernel: '6.12' }), devicePfnMemory());
    const nv = trace('nvgrace-gpu', P({ arch: 'arm64', kernel: '6.12' }), devicePfnMemory());
    expect(step(vfio, 'a_uncached')?.decision?.value).toBe('set');
    expect(step(nv, 'a_uncached')?.decision?.value).toBe('clear');
    expect(vfio.result).toMatchObject({ memtype: 'Normal-NC' });
    expect(nv.result).toMatchObject({ memtype: 'Device-nGnRE' });
  });

  it('PFNMAP with dirty logging, and MTE without VM_MTE_ALLOWED, are refused at memslot time', () => {
    for (const over of [{ dirtyLog: true }, { mte: true }]) {
      const t = trace('vfio-owned', P({ arch: 'arm64', ...over }), devicePfnMemory());
      expect(t.result).toMatchObject({ kind: 'error', error: '-EINVAL', at: 'kvm_arch_prepare_memory_region()' });
    }
    // Page-backed memory may dirty-log: it maps at 4K instead (a64/dirty-4k).
    const hp = trace('hotplug', P({ arch: 'arm64', dirtyLog: true }), pageMemory());
    expect(hp.result).toMatchObject({ kind: 'mapped', level: '4K', memtype: 'Normal' });
  });

  it('hotplugged memory is map memory: it never takes the PFNMAP branch (a64/pfn_is_map_memory)', () => {
    const t = trace('hotplug', P({ arch: 'arm64', fwb: false }), pageMemory());
    expect(step(t, 'a_pfnmap')?.decision?.taken).toBe('no: map memory');
    expect(step(t, 'a_pfnmap')?.sources).toContain('a64/pfn_is_map_memory');
    expect(fns(t)).not.toContain('hva_to_pfn_remapped()');
    expect(t.result).toMatchObject({ kind: 'mapped', memtype: 'Normal', cacheable: true });
  });

  it('block size comes from VMA geometry, even over 4K host PTEs (a64/get_vma_page_shift)', () => {
    const t = trace('vfio-owned', P({ arch: 'arm64', hugeFault: false }), devicePfnMemory());
    const vma = buildVma({ design: 'vfio-owned', platform: P({ arch: 'arm64', hugeFault: false }), layout: DEFAULT_LAYOUT, memory: devicePfnMemory(), faultOffset: OFFSET, deviceBound: true });
    expect(vma.maxLeaf).toBe('4K');
    expect(t.result.kind === 'mapped' && t.result.level).not.toBe('4K');
    expect(step(t, 'a_vmainfo')?.sources).toContain('a64/get_vma_page_shift');
  });
});

describe('unbound device', () => {
  it('stops before KVM with the setup error', () => {
    const memory = devicePfnMemory();
    const platform = P({});
    const vma = buildVma({ design: 'vfio-owned', platform, layout: DEFAULT_LAYOUT, memory, faultOffset: OFFSET, deviceBound: false });
    const t = faultPath({
      design: 'vfio-owned', platform, layout: DEFAULT_LAYOUT, memory, vma, faultOffset: OFFSET, write: true, deviceBound: false,
      unboundReason: 'vfio-pci probe fails', setupError: { error: '-EBUSY', at: 'request_mem_region()' },
    });
    expect(t.steps).toEqual([]);
    expect(t.result).toEqual({ kind: 'error', error: '-EBUSY', seenBy: 'vfio-pci probe fails', at: 'request_mem_region()' });
  });
});

describe('graph integrity', () => {
  for (const arch of ARCHES) {
    it(`${arch}: every edge endpoint is a node, ids are unique, every node source resolves`, () => {
      const g = faultGraph(arch);
      const ids = new Set(g.nodes.map((n) => n.id));
      expect(ids.size).toBe(g.nodes.length);
      for (const e of g.edges) {
        expect(ids.has(e.from), `${e.from}`).toBe(true);
        expect(ids.has(e.to), `${e.to}`).toBe(true);
      }
      for (const n of g.nodes) {
        expect(n.sources.length).toBeGreaterThan(0);
        for (const s of n.sources) expect(() => getSource(s)).not.toThrow();
        // a node the notes mark unverified has an unverified source behind it, and vice versa for results
        if (!n.verified) expect(n.sources.some((s) => !getSource(s).verified)).toBe(true);
      }
      // terminals have no way out; everything else does
      for (const n of g.nodes) {
        const out = g.edges.filter((e) => e.from === n.id).length;
        if (n.kind === 'result' || n.kind === 'error') expect(out).toBe(0);
        else expect(out, n.id).toBeGreaterThan(0);
      }
    });
  }


  it('for any platform and design, faultPath is a path in the graph ending in a result/error node that matches the result', () => {
    fc.assert(
      fc.property(platformArb, fc.constantFrom(...DESIGNS), fc.boolean(), fc.bigInt({ min: 0n, max: 0x3_ffff_ffffn }), (p, d, e820, off) => {
        const memory = pageBacked(d) ? pageMemory() : devicePfnMemory({ firmwareE820Ram: e820 });
        const faultOffset = off & ~0xfffn;
        const vma = buildVma({ design: d, platform: p, layout: DEFAULT_LAYOUT, memory, faultOffset, deviceBound: true });
        const t = faultPath({ design: d, platform: p, layout: DEFAULT_LAYOUT, memory, vma, faultOffset, write: true, deviceBound: true });
        const g = faultGraph(p.arch);
        const byId = new Map(g.nodes.map((n) => [n.id, n]));
        expect(t.steps.length).toBeGreaterThan(0);
        for (const s of t.steps) expect(byId.has(s.nodeId)).toBe(true);
        for (let i = 1; i < t.steps.length; i++) {
          expect(g.edges.some((e) => e.from === t.steps[i - 1]!.nodeId && e.to === t.steps[i]!.nodeId)).toBe(true);
        }
        const last = byId.get(t.steps.at(-1)!.nodeId)!;
        expect(last.kind).toBe(t.result.kind === 'mapped' ? 'result' : 'error');
        for (const s of t.steps) {
          expect(s.sources.length).toBeGreaterThan(0);
          for (const id of s.sources) expect(() => getSource(id)).not.toThrow();
        }
        if (t.result.kind === 'mapped') {
          expect(t.result.table).toBe(p.arch === 'arm64' ? 'stage-2' : p.vendor === 'amd' ? 'NPT' : 'EPT');
          if (p.dirtyLog) expect(t.result.level).toBe('4K');
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('arm64 memslot check reads the VMA, not the pfn', () => {
  it('a cacheable PFNMAP over memblock memory is still refused without FWB+DIC (a64/kvm_arch_prepare_memory_region)', () => {
    const t = trace('memremap', P({ arch: 'arm64', fwb: false, kernel: '7.1' }), devicePfnMemory({ structPages: true, pfnValid: true, pfnIsMapMemory: true }));
    expect(t.result).toMatchObject({ kind: 'error', error: '-EINVAL', at: 'kvm_arch_prepare_memory_region()' });
    const ok = trace('memremap', P({ arch: 'arm64', fwb: true, kernel: '7.1' }), devicePfnMemory({ structPages: true, pfnValid: true, pfnIsMapMemory: true }));
    expect(step(ok, 'a_pfnmap')?.decision?.taken).toBe('no: map memory');
    expect(ok.result).toMatchObject({ kind: 'mapped', memtype: 'Normal' });
  });
});

describe('arm64 names per kernel version', () => {
  it('before v7.1 the kvm_s2_fault_* helpers are flagged as inline in user_mem_abort() (a64/user_mem_abort-rework); before v6.17 kvm_vma_is_cacheable() is not tested', () => {
    const t612 = trace('vfio-owned', P({ arch: 'arm64', kernel: '6.12' }), devicePfnMemory());
    expect(step(t612, 'a_pin')?.sources).toContain('a64/user_mem_abort-rework');
    expect(step(t612, 'a_vmainfo')?.decision?.test).not.toMatch(/kvm_vma_is_cacheable/);
    const t71 = trace('vfio-owned', P({ arch: 'arm64', kernel: '7.1' }), devicePfnMemory());
    expect(step(t71, 'a_pin')?.sources).not.toContain('a64/user_mem_abort-rework');
    expect(step(t71, 'a_vmainfo')?.decision?.test).toMatch(/kvm_vma_is_cacheable/);
  });
});

describe('function names of older kernels (kvm/pre-6.13-names, vma/huge-pfnmap-6.12)', () => {
  const labels = (arch: (typeof ARCHES)[number], kernel: Platform['kernel']) => new Map(faultGraph(arch, kernel).nodes.map((n) => [n.id, n.label]));

  it('every kernel draws the same graph shape: same nodes, kinds and edges; only labels, files and sources differ', () => {
    for (const arch of ARCHES)
      for (const kernel of ['6.11', '6.12', '6.17', '7.0'] as const) {
        const g = faultGraph(arch, kernel);
        const now = faultGraph(arch);
        expect(g.nodes.map((n) => [n.id, n.kind])).toEqual(now.nodes.map((n) => [n.id, n.kind]));
        expect(g.edges.map((e) => [e.from, e.to, e.label])).toEqual(now.edges.map((e) => [e.from, e.to, e.label]));
      }
  });

  it('before v6.13 no box names a function v6.13 introduced or renamed', () => {
    for (const arch of ARCHES)
      for (const kernel of ['6.11', '6.12'] as const) {
        const all = [...labels(arch, kernel).values()].join(' ');
        expect(all).not.toMatch(/kvm_resolve_pfn|refcounted_page|kvm_mmu_faultin_pfn|__kvm_mmu_faultin_pfn/);
        expect(labels(arch, kernel).get('kfaultin')).toBe('__gfn_to_pfn_memslot()');
      }
    expect(labels('x86_64', '6.12').get('x_faultin')).toBe('kvm_faultin_pfn()');
    expect(labels('x86_64', '6.12').get('x___faultin')).toBe('__kvm_faultin_pfn()');
    expect(labels('x86_64', '6.17').get('x_faultin')).toBe('kvm_mmu_faultin_pfn()');
    expect(labels('arm64', '7.1').get('kfaultin')).toBe('__kvm_faultin_pfn()');
  });

  it('arm64 before v6.17 tests kvm_is_device_pfn() and has no kvm_vma_is_cacheable() (a64/ankit-series)', () => {
    for (const kernel of ['6.11', '6.12'] as const) {
      expect(labels('arm64', kernel).get('a_pfnmap')).toMatch(/^kvm_is_device_pfn\(\)/);
      expect([...labels('arm64', kernel).values()].join(' ')).not.toMatch(/kvm_vma_is_cacheable/);
    }
    expect(labels('arm64', '6.17').get('a_pfnmap')).toBe('VM_PFNMAP && !pfn_is_map_memory(pfn)?');
    const t = trace('vfio-owned', P({ arch: 'arm64', kernel: '6.12', fwb: false }), devicePfnMemory());
    expect(step(t, 'a_pfnmap')?.decision?.test).toMatch(/^kvm_is_device_pfn/);
  });

  it('v6.11 reads the PTE with follow_pte(), v6.12 with follow_pfnmap_start()', () => {
    expect(labels('x86_64', '6.11').get('d_pte')).toMatch(/^follow_pte\(\)/);
    expect(labels('x86_64', '6.12').get('d_pte')).toMatch(/^follow_pfnmap_start\(\)/);
    const t = trace('vfio-owned', P({ arch: 'x86_64', kernel: '6.11' }), devicePfnMemory());
    expect(step(t, 'd_pte')?.decision?.test).toBe('follow_pte(vma, hva)');
    expect(getSource('vma/huge-pfnmap-6.12')).toMatchObject({ kind: 'patch', verified: true });
  });

  it('before v6.13 a PFNMAP pfn with a struct page gets a page reference from kvm_try_get_pfn(); one without gets none', () => {
    const withPages = trace('memremap', P({ arch: 'x86_64', kernel: '6.12' }), pageMemory());
    expect(step(withPages, 'resolve_pfnmap')?.detail).toMatch(/takes a page reference/);
    const device = trace('vfio-owned', P({ arch: 'x86_64', kernel: '6.12' }), devicePfnMemory());
    expect(step(device, 'resolve_pfnmap')?.detail).toMatch(/takes no reference/);
    const now = trace('vfio-owned', P({ arch: 'x86_64', kernel: '7.1' }), devicePfnMemory());
    expect(step(now, 'resolve_pfnmap')?.detail).toMatch(/uses only pfn and writable/);
    expect(step(device, 'x_exit')?.sources).toContain('kvm/pre-6.13-names');
  });
});
