import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explain, explainAll } from './explain';
import type { Explanation } from './explain-types';
import { faultGraph } from './kvm/fault';
import { printIomem } from './resource/iomem';
import { checkInvariants } from './resource/tree';
import type { Platform } from './scenario';
import { DEFAULT_PLATFORM, DESIGNS } from './scenario';
import { SOURCES, getSource } from './sources';
import { allPlatforms, platformArb } from './testing/arbitraries';
import { renderText } from './text/render';

const P = (over: Partial<Platform>): Platform => ({ ...DEFAULT_PLATFORM, ...over });
const fns = (ex: Explanation) => ex.fault.steps.map((s) => s.label);

describe('the domain findings, as the model derives them', () => {
  it('x86 VFIO-owned over Reserved reaches hva_to_pfn_remapped and ends in EPT UC (vma-and-kvm-fault-path.md §B3, spte.c make_spte, vmx.c vmx_get_mt_mask)', () => {
    const ex = explain({ design: 'vfio-owned', platform: P({ arch: 'x86_64', firmware: 'reserved' }) });
    expect(fns(ex)).toContain('hva_to_pfn_remapped()');
    expect(fns(ex)).toContain('make_spte()');
    expect(ex.fault.result).toMatchObject({ kind: 'mapped', table: 'EPT', memtype: 'UC', cacheable: false });
    const mmio = ex.fault.steps.find((s) => s.nodeId === 'x_mmio');
    expect(mmio?.decision?.value).toMatch(/→ true$/);
    expect(ex.verdicts.find((v) => v.id === 'guest-cacheable')?.status).toBe('bad');
  });

  it('arm64 without FWB+DIC refuses a cacheable PFNMAP memslot with -EINVAL (arch/arm64/kvm/mmu.c kvm_arch_prepare_memory_region, v7.1)', () => {
    const ex = explain({ design: 'vfio-owned', platform: P({ arch: 'arm64', fwb: false }) });
    expect(ex.fault.result).toMatchObject({ kind: 'error', error: '-EINVAL', at: 'kvm_arch_prepare_memory_region()' });
    expect(ex.fault.result.kind === 'error' && ex.fault.result.seenBy).toMatch(/KVM_SET_USER_MEMORY_REGION/);
  });

  it('arm64 with FWB+DIC maps the cacheable PFNMAP Normal (Ankit Agrawal series, v6.17)', () => {
    const ex = explain({ design: 'vfio-owned', platform: P({ arch: 'arm64', fwb: true }) });
    expect(ex.fault.result).toMatchObject({ kind: 'mapped', table: 'stage-2', memtype: 'Normal', cacheable: true });
    expect(fns(ex)).toContain('kvm_supports_cacheable_pfnmap(): FWB && DIC?');
  });

  it('arm64 before v6.17 forces a device PFNMAP non-cacheable: Normal-NC with VM_ALLOW_ANY_UNCACHED (kvm_s2_fault_compute_prot)', () => {
    const ex = explain({ design: 'memremap', platform: P({ arch: 'arm64', kernel: '6.12', fwb: false }) });
    expect(ex.fault.result).toMatchObject({ kind: 'mapped', memtype: 'Normal-NC' });
    const nv = explain({ design: 'nvgrace-gpu', platform: P({ arch: 'arm64', kernel: '6.12' }) });
    expect(nv.fault.result).toMatchObject({ kind: 'mapped', memtype: 'Device-nGnRE' });
  });

  it('memremap over System RAM returns the direct map (kernel/iomem.c memremap → try_ram_remap)', () => {
    const ex = explain({ design: 'memremap', platform: P({ firmware: 'conventional' }) });
    expect(ex.memory.systemRamIntersection).toBe('REGION_INTERSECTS');
    expect(ex.memory.kernelMapping?.kind).toBe('direct-map-alias');
    expect(ex.memory.kernelMapping?.via).toMatch(/try_ram_remap/);
    expect(ex.verdicts.find((v) => v.id === 'exclusive-ownership')?.status).toBe('bad');
  });

  it('memremap over Reserved gets a separate ioremap_cache mapping on x86 (arch_memremap_wb)', () => {
    const ex = explain({ design: 'memremap', platform: P({ firmware: 'reserved' }) });
    expect(ex.memory.kernelMapping?.kind).toBe('ioremap-wb');
    expect(ex.conflict).toBeNull();
    expect(ex.tree.children.find((c) => c.name === 'CXL Window 0')?.children[0]?.children[0]?.children).toEqual([]);
  });

  it('VFIO-owned over a kmem-onlined / firmware System RAM range fails -EBUSY (__request_region_locked; v3 cover)', () => {
    const ex = explain({ design: 'vfio-owned', platform: P({ firmware: 'conventional' }) });
    expect(ex.conflict?.errno).toBe('-EBUSY');
    expect(ex.conflict?.conflictWith.name).toBe('System RAM');
    expect(ex.conflict?.conflictWith.path).toEqual(['CXL Window 0', 'region0', 'System RAM']);
    expect(ex.fault.steps).toEqual([]);
    expect(ex.fault.result).toMatchObject({ kind: 'error', error: '-EBUSY' });
    expect(ex.vma.kind).toBe('none');
  });

  it('VFIO-owned over Reserved claims a busy leaf under the non-busy Reserved (domain §3.6)', () => {
    const ex = explain({ design: 'vfio-owned', platform: P({ firmware: 'reserved' }) });
    expect(ex.iomem).toContain('      1050000000-144fffffff : vfio-cxl-hdm\n');
    expect(ex.verdicts.find((v) => v.id === 'exclusive-ownership')?.status).toBe('good');
  });

  it('hotplug reaches WB through GUP (hva_to_pfn_fast; make_spte → not MMIO)', () => {
    const ex = explain({ design: 'hotplug', platform: P({ arch: 'x86_64', firmware: 'soft-reserved', kernel: '6.17' }) });
    expect(fns(ex)).toContain('kvm_resolve_pfn(): refcounted struct page');
    expect(fns(ex)).not.toContain('hva_to_pfn_remapped()');
    expect(ex.fault.result).toMatchObject({ kind: 'mapped', memtype: 'WB+IPAT', cacheable: true });
    expect(ex.iomem).toMatch(/Soft Reserved\n\s+1050000000-144fffffff : dax0\.0\n\s+1050000000-144fffffff : System RAM \(kmem\)/);
  });

  it('Soft Reserved is deferred out of iomem on x86 from 7.0 (e820__reserve_resources_late, unverified final form)', () => {
    expect(explain({ design: 'memremap', platform: P({ firmware: 'soft-reserved', kernel: '6.17' }) }).iomem).toContain('Soft Reserved');
    const ex = explain({ design: 'memremap', platform: P({ firmware: 'soft-reserved', kernel: '7.0' }) });
    expect(ex.iomem).not.toContain('Soft Reserved');
    expect(SOURCES['dax/soft-reserve-resource-7.0']?.verified).toBe(true);
  });

  it('region_intersects is descendant-aware only from 6.12: memremap over nested kmem RAM (kernel/resource.c)', () => {
    // hotplug leaves System RAM (kmem) nested; the memory state records region_intersects on that tree.
    expect(explain({ design: 'hotplug', platform: P({ firmware: 'reserved', kernel: '6.12' }) }).memory.systemRamIntersection).toBe('REGION_INTERSECTS');
    expect(explain({ design: 'hotplug', platform: P({ firmware: 'reserved', kernel: '6.11' }) }).memory.systemRamIntersection).toBe('REGION_DISJOINT');
  });

  it('x86 huge EPT only with a host PMD/PUD leaf (host_pfn_mapping_level); the .fault-only handler gives 4K', () => {
    expect(explain({ design: 'vfio-owned', platform: P({ hugeFault: true }) }).fault.result).toMatchObject({ level: '2M' });
    expect(explain({ design: 'vfio-owned', platform: P({ hugeFault: false }) }).fault.result).toMatchObject({ level: '4K' });
  });

  it('dirty logging forces 4K on x86 and is refused for PFNMAP on arm64 (-EINVAL)', () => {
    expect(explain({ design: 'vfio-owned', platform: P({ dirtyLog: true }) }).fault.result).toMatchObject({ level: '4K' });
    expect(explain({ design: 'vfio-owned', platform: P({ arch: 'arm64', dirtyLog: true }) }).fault.result).toMatchObject({ error: '-EINVAL' });
  });

  it('arm64 PFNMAP block size follows VMA geometry even over 4K host PTEs (get_vma_page_shift), and the walker splits a block whose phys is not aligned (kvm_block_mapping_supported)', () => {
    const ex = explain({ design: 'vfio-owned', platform: P({ arch: 'arm64', hugeFault: false }) });
    expect(ex.vma.maxLeaf).toBe('4K');
    // vm_start is 1 GiB aligned, so the geometry asks for 1G; the HDM at 0x1050000000 is only 256 MiB aligned.
    expect(ex.fault.result).toMatchObject({ level: '2M', requested: '1G', entries: 512, pfn: 0x1090200n });
    const aligned = explain({ design: 'vfio-owned', platform: P({ arch: 'arm64', hugeFault: false }) }, { layout: { windowStart: 0x10_4000_0000n, windowEnd: 0x30_4fff_ffffn, hdmStart: 0x10_4000_0000n, hdmEnd: 0x14_3fff_ffffn } });
    expect(aligned.fault.result).toMatchObject({ level: '1G', pfn: 0x1080000n });
    expect(aligned.fault.result).not.toHaveProperty('requested');
  });

  it('MTE guests cannot use a PFNMAP memslot on arm64 (-EINVAL)', () => {
    expect(explain({ design: 'vfio-owned', platform: P({ arch: 'arm64', mte: true }) }).fault.result).toMatchObject({ error: '-EINVAL' });
    expect(explain({ design: 'hotplug', platform: P({ arch: 'arm64', mte: true }) }).fault.result.kind).toBe('mapped');
  });

  it('a device reset makes the PFNMAP re-fault SIGBUS → KVM_RUN -EFAULT (vfio_cxl_zap_region_locked)', () => {
    const ex = explain({ design: 'vfio-owned', platform: P({ deviceReset: true }) });
    expect(ex.fault.result).toMatchObject({ kind: 'error', error: '-EFAULT' });
    expect(ex.fault.steps.find((s) => s.nodeId === 'd_handler')?.decision?.taken).toBe('VM_FAULT_SIGBUS');
  });

  it('private node claims "System RAM (CXL)" and is N_MEMORY_PRIVATE (RFC v4 patch 25)', () => {
    const ex = explain({ design: 'private-node', platform: P({}) });
    expect(ex.iomem).toContain('System RAM (CXL)');
    expect(ex.memory.nodeState).toBe('N_MEMORY_PRIVATE');
  });

  it('hotplug with blocks left offline gives no guest mapping', () => {
    const ex = explain({ design: 'hotplug', platform: P({ onlinePolicy: 'offline' }) });
    expect(ex.vma.kind).toBe('none');
    expect(ex.memory.zone).toBeNull();
  });

  it('v2\'s DPA region smaps VmFlags read "rd wr sh mr mw me ms pf io de dd ??"; the later vfio-cxl module and nvgrace usemem have no "??" (task_mmu.c; vo/vfio-cxl-module)', () => {
    expect(explain({ design: 'memremap', platform: P({}) }).vma.smaps).toBe('rd wr sh mr mw me ms pf io de dd ??');
    expect(explain({ design: 'vfio-owned', platform: P({}) }).vma.smaps).toBe('rd wr sh mr mw me ms pf io de dd');
    expect(explain({ design: 'nvgrace-gpu', platform: P({}) }).vma.smaps).toBe('rd wr sh mr mw me ms pf io de dd');
  });
});


describe('explain() over every platform (fast-check)', () => {
  it('the taken path is a path in the static graph that starts at the entry and ends at a result or error node', () => {
    fc.assert(
      fc.property(platformArb, fc.constantFrom(...DESIGNS), (p, d) => {
        const ex = explain({ design: d, platform: p });
        const g = faultGraph(p.arch);
        const ids = new Set(g.nodes.map((n) => n.id));
        for (const e of g.edges) expect(ids.has(e.from) && ids.has(e.to)).toBe(true);
        const steps = ex.fault.steps;
        if (steps.length === 0) {
          expect(ex.fault.result.kind).toBe('error');
          return;
        }
        expect(steps[0]!.nodeId).toBe(p.arch === 'arm64' ? 'a_memslot' : p.vendor === 'amd' ? 'x_npf' : 'x_exit');
        for (let i = 1; i < steps.length; i++) {
          expect(g.edges.some((e) => e.from === steps[i - 1]!.nodeId && e.to === steps[i]!.nodeId)).toBe(true);
        }
        const last = g.nodes.find((n) => n.id === steps.at(-1)!.nodeId)!;
        expect(['result', 'error']).toContain(last.kind);
        expect(last.kind === 'error').toBe(ex.fault.result.kind === 'error');
      }),
      { numRuns: 400 },
    );
  });

  it('every cited source exists and every step and verdict cites one', () => {
    fc.assert(
      fc.property(platformArb, fc.constantFrom(...DESIGNS), (p, d) => {
        const ex = explain({ design: d, platform: p });
        for (const id of ex.sources) expect(SOURCES[id]).toBeDefined();
        for (const s of ex.fault.steps) expect(s.sources.length).toBeGreaterThan(0);
        for (const v of ex.verdicts) if (v.status !== 'n/a') expect(v.sources.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });

  it('the tree after any design keeps the kernel invariants and contains the boot tree', () => {
    fc.assert(
      fc.property(platformArb, fc.constantFrom(...DESIGNS), (p, d) => {
        const ex = explain({ design: d, platform: p });
        expect(checkInvariants(ex.tree)).toBeNull();
        // A design only adds resources (or adopts existing ones under a new region): every boot line is still there.
        for (const line of printIomem(ex.bootTree).split('\n').filter(Boolean)) expect(ex.iomem).toContain(line.trim());
      }),
      { numRuns: 100 },
    );
  });

  /** Every string in a value, following objects and arrays once each (the resource tree links back to parents). */
  const strings = (v: unknown, seen = new Set<object>(), out: string[] = []): string[] => {
    if (typeof v === 'string') out.push(v);
    else if (typeof v === 'number' && Number.isNaN(v)) out.push('NaN');
    else if (v && typeof v === 'object' && !seen.has(v)) {
      seen.add(v);
      for (const x of v instanceof Map || v instanceof Set ? [...v.values()] : Object.values(v)) strings(x, seen, out);
    }
    return out;
  };

  it('no text of any design reads "undefined", "NaN" or "[object", on every 7th platform of allPlatforms() (about 29,000 scenarios)', () => {
    // Every string the model builds ends up in a box, a note or the mail text; a hole in a template shows up here.
    // The structural invariants run over every scenario in invariants.test.ts; rendering text for all of them costs minutes.
    const bad = /\bundefined\b|\bNaN\b|\[object /;
    const found: string[] = [];
    for (const p of allPlatforms().filter((_, i) => i % 7 === 0))
      for (const d of DESIGNS) {
        const ex = explain({ design: d, platform: p });
        const m = bad.exec(strings(ex).join('\n')) ?? bad.exec(renderText(ex));
        if (m && found.length < 5) found.push(`${d} ${JSON.stringify(p)}: …${(m.input ?? '').slice(Math.max(0, m.index - 80), m.index + 20)}`);
      }
    expect(found).toEqual([]);
    // allPlatforms() is 40,960 platforms (204,800 scenarios) since the platform gained vendor, DIC, EFI attribute,
    // region and config: about 2.5 minutes of CPU on a two-core CI machine.
  }, 600_000);

  it('explainAll covers every design', () => {
    expect(Object.keys(explainAll(DEFAULT_PLATFORM)).sort()).toEqual([...DESIGNS].sort());
  });
});

describe('explain() options and citations', () => {
  it('every Explanation\'s sources resolve via getSource, every verdict cites, and verified verdicts cite only verified sources', () => {
    fc.assert(
      fc.property(platformArb, (p) => {
        for (const ex of Object.values(explainAll(p))) {
          for (const id of ex.sources) expect(() => getSource(id)).not.toThrow();
          for (const v of ex.verdicts) {
            expect(v.sources.length, v.id).toBeGreaterThan(0);
            for (const id of v.sources) expect(ex.sources).toContain(id);
            if (v.verified) for (const id of v.sources) expect(getSource(id).verified, `${v.id} cites ${id}`).toBe(true);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('range: inside the default window keeps the window; outside it the range is its own window', () => {
    const inside = explain({ design: 'vfio-owned', platform: DEFAULT_PLATFORM }, { range: { start: 0x20_0000_0000n, end: 0x20_3fff_ffffn } });
    expect(inside.layout).toMatchObject({ windowStart: 0x10_5000_0000n, hdmStart: 0x20_0000_0000n, hdmEnd: 0x20_3fff_ffffn });
    expect(inside.iomem).toContain('  2000000000-203fffffff : region0\n');
    const low = explain({ design: 'vfio-owned', platform: DEFAULT_PLATFORM }, { range: { start: 0x8000_0000n, end: 0xbfff_ffffn } });
    expect(low.layout.windowStart).toBe(0x8000_0000n);
    expect(low.conflict).toBeNull();
  });

  it('rejects an impossible layout with a message naming the field, instead of building a broken tree', () => {
    const l = { windowStart: 0x1000_0000n, windowEnd: 0x1fff_ffffn, hdmStart: 0x2000_0000n, hdmEnd: 0x2fff_ffffn };
    expect(() => explain({ design: 'hotplug', platform: DEFAULT_PLATFORM }, { layout: l })).toThrow(/not inside the CXL window/);
    expect(() => explain({ design: 'hotplug', platform: DEFAULT_PLATFORM }, { range: { start: 0x2000n, end: 0x1fffn } })).toThrow(/hdmEnd is below hdmStart/);
  });

  it('the ops list the boot steps first, then the design\'s, each citing a source', () => {
    const ex = explain({ design: 'hotplug', platform: { ...DEFAULT_PLATFORM, region: 'committed' } });
    expect(ex.ops.map((o) => o.fn).slice(0, 3)).toEqual(['e820__reserve_resources_late()', 'add_cxl_resources()', 'construct_region()']);
    // Without a committed region the design's driver assembles it when it binds, after the boot steps.
    const late = explain({ design: 'hotplug', platform: DEFAULT_PLATFORM });
    expect(late.ops.map((o) => o.fn).slice(0, 3)).toEqual(['e820__reserve_resources_late()', 'add_cxl_resources()', 'construct_region()']);
    expect(late.ops.filter((o) => o.fn === 'construct_region()')[0]!.result).toMatch(/no region existed at boot/);
    expect(ex.ops.map((o) => o.fn)).toEqual(expect.arrayContaining(['dev_dax_kmem_probe()', 'add_memory_driver_managed()']));
    for (const o of ex.ops) expect(o.sources.length).toBeGreaterThan(0);
  });
});

describe('citations match the architecture', () => {
  it('an arm64 explanation cites no x86 source and an x86 one no arm64 source (the nvgrace arm64-only note aside)', () => {
    fc.assert(
      fc.property(platformArb, (p) => {
        for (const ex of Object.values(explainAll(p))) {
          const foreign = ex.sources.filter((id) => (p.arch === 'arm64' ? /x86/.test(id) : /a64|arm64/.test(id) && id !== 'nv/arm64-only'));
          expect(foreign, `${ex.design}`).toEqual([]);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('verdicts judge one question at a time', () => {
  const v = (ex: Explanation, id: string) => ex.verdicts.find((x) => x.id === id)!;
  it('live migration on x86 is not blamed for a device reset, and arm64 PFNMAP dirty logging is refused at the memslot', () => {
    const x86 = explain({ design: 'vfio-owned', platform: P({ arch: 'x86_64', deviceReset: true }) });
    expect(v(x86, 'live-migration').status).not.toBe('bad');
    const arm = explain({ design: 'vfio-owned', platform: P({ arch: 'arm64', deviceReset: true }) });
    expect(v(arm, 'live-migration')).toMatchObject({ status: 'bad', short: 'dirty log: -EINVAL' });
    expect(v(arm, 'live-migration').sources).toContain('a64/kvm_arch_prepare_memory_region');
  });
  it('device reset is n/a when the guest had no mapping before it (arm64 without FWB+DIC)', () => {
    const ex = explain({ design: 'vfio-owned', platform: P({ arch: 'arm64', fwb: false }) });
    expect(v(ex, 'device-reset').status).toBe('n/a');
    const ok = explain({ design: 'vfio-owned', platform: P({ arch: 'arm64', dirtyLog: false }) });
    // A bare -EFAULT from KVM_RUN stops QEMU's VM (reset/qemu-kvm-run-failed): that is not "ok".
    expect(v(ok, 'device-reset')).toMatchObject({ status: 'bad', short: '-EFAULT stops the VM' });
    expect(v(ok, 'device-reset').detail).toMatch(/kvm run failed/);
  });
  it('turning the reset on does not change what "guest cacheable", "huge mappings" or "host aliases" say (issue 13 item 6)', () => {
    for (const d of DESIGNS)
      for (const arch of ['x86_64', 'arm64'] as const) {
        const a = explain({ design: d, platform: P({ arch }) });
        const b = explain({ design: d, platform: P({ arch, deviceReset: true }) });
        for (const id of ['guest-cacheable', 'huge-mappings', 'aliases']) expect(v(b, id), `${d} ${arch} ${id}`).toEqual(v(a, id));
      }
  });
  it('designs that zap and re-fault are judged by the same walk: nvgrace-gpu waits for the GPU, VFIO-CXL SIGBUSes until the decoder is restored', () => {
    const nv = explain({ design: 'nvgrace-gpu', platform: P({ arch: 'arm64', kernel: '7.1', deviceReset: true }) });
    const vo = explain({ design: 'vfio-owned', platform: P({ arch: 'arm64', kernel: '7.1', deviceReset: true }) });
    const path = (ex: Explanation) => ex.fault.steps.map((s) => s.nodeId).slice(0, ex.fault.steps.findIndex((s) => s.nodeId === 'd_handler') + 1);
    expect(path(nv)).toEqual(path(vo));
    expect(nv.fault.steps.find((s) => s.nodeId === 'd_handler')?.decision?.value).toMatch(/blocks on memory_lock/);
    expect(vo.fault.steps.find((s) => s.nodeId === 'd_handler')?.decision?.value).toMatch(/blocks on memory_lock/);
    expect(vo.fault.result).toMatchObject({ kind: 'error', error: '-EFAULT' });
    expect(nv.fault.result.kind).toBe('mapped');
  });
  it('nvgrace-gpu before 7.0 (remap_pfn_range() at mmap): the reset verdict says it is not modelled, unverified, not "zap and re-fault"', () => {
    const ex = explain({ design: 'nvgrace-gpu', platform: P({ arch: 'arm64', fwb: true, kernel: '6.17' }) });
    const r = ex.verdicts.find((v) => v.id === 'device-reset')!;
    expect(r).toMatchObject({ status: 'partial', short: 'not modelled', verified: false });
    expect(r.sources).toEqual(['nv/remap-pre-6.19', 'nv/reset-pre-6.19-unverified']);
  });

  it('nvgrace-gpu: the reset blocks the vCPU until the GPU is ready, then re-faults; not -EFAULT (nv/reset-ready @ e5f19b61)', () => {
    const ex = explain({ design: 'nvgrace-gpu', platform: P({ arch: 'arm64', fwb: true, kernel: '7.1' }) });
    const r = v(ex, 'device-reset');
    expect(r).toMatchObject({ status: 'partial', short: 'blocks, then re-faults' });
    expect(r.detail).toMatch(/nvgrace_gpu_check_device_ready\(\)/);
    expect(r.sources).not.toContain('kvm/reset-efault');
  });
});
