import { describe, expect, it } from 'vitest';
import { explain } from '../explain';
import { buildBootTree } from '../platform/boot';
import { daxClaim } from '../platform/dax';
import { parseIomem, printIomem } from '../resource/iomem';
import { checkInvariants, cloneTree, findAll } from '../resource/tree';
import { IORESOURCE } from '../resource/types';
import type { Platform } from '../scenario';
import { DEFAULT_LAYOUT, DEFAULT_PLATFORM, DESIGNS } from '../scenario';
import { runDesign } from './run';

const P = (over: Partial<Platform>): Platform => ({ ...DEFAULT_PLATFORM, ...over });

/** Huang Ying's CXL expander onlined by kmem (alternatives-and-resource-tree.md §3.5 example 1, real addresses). */
const KMEM_IOMEM = [
  '490000000-50fffffff : CXL Window 0',
  '  490000000-50fffffff : region0',
  '    490000000-50fffffff : dax0.0',
  '      490000000-50fffffff : System RAM (kmem)',
  '',
].join('\n');
const KMEM_RANGE = { start: 0x4_9000_0000n, end: 0x5_0fff_ffffn };

function kmemTree() {
  const r = parseIomem(KMEM_IOMEM);
  expect(r.errors).toEqual([]);
  return r.tree;
}

describe('VFIO-owned (request_mem_region on the HPA; __request_region_locked, v3 cover 20260625165407.1769572-1-mhonap@nvidia.com)', () => {
  it('fails -EBUSY over a kmem-onlined range, naming the busy "System RAM (kmem)" by path', () => {
    const ex = explain({ design: 'vfio-owned', platform: P({}) }, { baseTree: kmemTree(), range: KMEM_RANGE });
    expect(ex.conflict?.errno).toBe('-EBUSY');
    expect(ex.conflict?.conflictWith.path).toEqual(['CXL Window 0', 'region0', 'dax0.0', 'System RAM (kmem)']);
    expect(ex.conflict?.sources).toContain('res/__request_region');
    expect(ex.fault.result).toMatchObject({ kind: 'error', error: '-EBUSY' });
    expect(ex.iomem).not.toContain('vfio-cxl');
  });

  it('succeeds over Reserved: request_mem_region_exclusive("vfio-cxl-hdm") under the non-busy "Reserved" inside the region assembled at bind (vo/v3-acquire, vo/vfio-cxl-module)', () => {
    for (const arch of ['x86_64', 'arm64'] as const) {
      const ex = explain({ design: 'vfio-owned', platform: P({ arch, firmware: 'reserved' }) });
      const fwName = arch === 'x86_64' ? 'Reserved' : 'reserved';
      expect(ex.conflict).toBeNull();
      expect(ex.ops.map((o) => o.fn)).toEqual(expect.arrayContaining(['construct_region()', 'request_mem_region_exclusive()']));
      expect(ex.ops.find((o) => o.fn === 'request_mem_region_exclusive()')?.resourcePath).toEqual(['CXL Window 0', 'region0', fwName, 'vfio-cxl-hdm']);
      expect(ex.memory.structPages).toBe(false);
      // arm64: an EFI_RESERVED range with a WB attribute is NOMAP memblock memory with a memmap (a64/efi-is-memory).
      expect(ex.memory.pages).toBe(arch === 'x86_64' ? 'none' : 'reserved');
      expect(ex.memory.kernelMapping?.kind).toBe(arch === 'x86_64' ? 'ioremap-wb' : 'ioremap-prot-normal');
    }
  });

  it('fails -EBUSY when efi=nosoftreserve (or CONFIG_EFI_SOFT_RESERVE=n) turned a Soft Reserved range into System RAM', () => {
    expect(explain({ design: 'vfio-owned', platform: P({ firmware: 'soft-reserved', nosoftreserve: true }) }).conflict?.conflictWith.name).toBe('System RAM');
    expect(explain({ design: 'vfio-owned', platform: P({ firmware: 'soft-reserved', config: { ...DEFAULT_PLATFORM.config, EFI_SOFT_RESERVE: 'n' } }) }).conflict?.conflictWith.name).toBe('System RAM');
  });

  it('on 7.1 hmem and kmem take a Soft Reserved range no committed region covers, so VFIO-owned fails -EBUSY on "System RAM (kmem)" (dax/hmem-resolve-7.1, dax/kmem-probe)', () => {
    const ex = explain({ design: 'vfio-owned', platform: P({ firmware: 'soft-reserved', kernel: '7.1' }) });
    expect(ex.conflict).toMatchObject({ errno: '-EBUSY', busy: true, conflictWith: { name: 'System RAM (kmem)', path: ['CXL Window 0', 'region0', 'dax0.0', 'System RAM (kmem)'] } });
    expect(ex.ops.map((o) => o.fn)).toEqual(expect.arrayContaining(['hmem_register_device()', 'dev_dax_kmem_probe()', 'add_memory_driver_managed()']));
    expect(ex.fault.result).toMatchObject({ kind: 'error', error: '-EBUSY' });
    // The same range on 6.17 with CONFIG_CXL_REGION=y is deferred to CXL and left unowned: VFIO claims it.
    const old = explain({ design: 'vfio-owned', platform: P({ firmware: 'soft-reserved', kernel: '6.17' }) });
    expect(old.conflict).toBeNull();
    expect(old.iomem).toMatch(/Soft Reserved\n\s+1050000000-144fffffff : vfio-cxl-hdm\n/);
    // A region committed before hmem decides makes hmem drop the range ("CXL claims resource, dropping"); with the
    // posted no-dax patch the region stays the accelerator's and VFIO claims it.
    expect(explain({ design: 'vfio-owned', platform: P({ firmware: 'soft-reserved', kernel: '7.1', region: 'committed', patches: ['cxl/type2-no-dax'] }) }).conflict).toBeNull();
  });

  it('without "cxl: Avoid dax creation for accelerators" (cxl/type2-no-dax, posted v20 19/22) a region committed at boot goes to dax_cxl and kmem, so VFIO-owned fails -EBUSY (dax/cxl_region_probe)', () => {
    for (const firmware of ['reserved', 'soft-reserved'] as const) {
      const ex = explain({ design: 'vfio-owned', platform: P({ firmware, kernel: '7.1', region: 'committed' }) });
      expect(ex.ops.find((o) => o.fn === 'cxl_region_probe()')?.sources).toEqual(expect.arrayContaining(['dax/cxl_region_probe', 'pt/type2-region-dax']));
      expect(ex.conflict).toMatchObject({ errno: '-EBUSY', busy: true, conflictWith: { name: 'System RAM (kmem)' } });
      const patched = explain({ design: 'vfio-owned', platform: P({ firmware, kernel: '7.1', region: 'committed', patches: ['cxl/type2-no-dax'] }) });
      expect(patched.conflict).toBeNull();
      expect(patched.ops.find((o) => o.fn === 'cxl_region_probe()')?.sources).toContain('cxl/type2-no-dax');
    }
    // Firmware System RAM already in the region: cxl_region_probe() adds no dax ("has System RAM"), patch or not.
    const ram = explain({ design: 'vfio-owned', platform: P({ firmware: 'conventional', region: 'committed' }) });
    expect(ram.ops.find((o) => o.fn === 'cxl_region_probe()')?.result).toMatch(/has System RAM/);
  });

  it('with CONFIG_DEV_DAX_KMEM=n device_dax holds the range busy, and VFIO-owned fails -EBUSY on "dax0.0" (dax/dax_match_type, dax/device-dax-probe)', () => {
    const ex = explain({ design: 'vfio-owned', platform: P({ firmware: 'soft-reserved', kernel: '7.1', config: { ...DEFAULT_PLATFORM.config, DEV_DAX_KMEM: 'n' } }) });
    expect(ex.conflict).toMatchObject({ busy: true, conflictWith: { name: 'dax0.0' } });
  });

  it('a request overlapping a non-busy entry it is not contained in fails -EBUSY too: kmem\'s "could not reserve region" when Soft Reserved spans two windows (__request_region_locked; dax/tomasz-straddle-log)', () => {
    const tree = parseIomem('a90000000-ccfffffff : Soft Reserved\n  a90000000-bcfffffff : CXL Window 0\n  bd0000000-ccfffffff : CXL Window 1\n').tree;
    const layout = { windowStart: 0xa_9000_0000n, windowEnd: 0xc_cfff_ffffn, hdmStart: 0xa_9000_0000n, hdmEnd: 0xc_cfff_ffffn };
    const claim = daxClaim(tree, layout, P({}), 'kmem', 'dax2.0', ['dax/kmem-probe']);
    expect(claim).toMatchObject({ ok: false, errno: '-EBUSY', failedAt: 'request_mem_region()' });
    expect(claim.conflict?.name).toBe('CXL Window 0');
    expect(claim.ops.at(-1)?.result).toMatch(/not contained in it/);
  });
});

describe('memremap(MEMREMAP_WB) (kernel/iomem.c memremap, torvalds @ 0470fb7f)', () => {
  it('over System RAM returns the direct map via try_ram_remap(), with no resource claimed', () => {
    for (const arch of ['x86_64', 'arm64'] as const) {
      const ex = explain({ design: 'memremap', platform: P({ arch, firmware: 'conventional' }) });
      expect(ex.memory.systemRamIntersection).toBe('REGION_INTERSECTS');
      expect(ex.memory.kernelMapping).toMatchObject({ kind: 'direct-map-alias', via: 'try_ram_remap() → __va()' });
      // Only the region the driver's registration assembles is new; nothing busy is added.
      const busy = (t: typeof ex.tree) => findAll(t, (r) => (r.flags & IORESOURCE.BUSY) !== 0).map((r) => r.name);
      expect(busy(ex.tree)).toEqual(busy(ex.bootTree));
      expect(ex.ops.some((o) => /request_mem_region/.test(o.fn))).toBe(false);
    }
  });

  it('on 7.1 over a Soft Reserved range that kmem onlined: a silent direct-map alias of kmem RAM (Dan Williams\'s argument)', () => {
    const ex = explain({ design: 'memremap', platform: P({ firmware: 'soft-reserved', kernel: '7.1' }) });
    expect(ex.memory).toMatchObject({ pages: 'buddy', owner: 'hotplug', systemRamIntersection: 'REGION_INTERSECTS' });
    expect(ex.memory.kernelMapping?.kind).toBe('direct-map-alias');
  });

  it('over nested kmem RAM: INTERSECTS from 6.12; before the fix DISJOINT, and x86 ioremap refuses RAM (NULL) while arm64 returns the linear map', () => {
    const tree = kmemTree();
    const new612 = explain({ design: 'memremap', platform: P({ kernel: '6.12' }) }, { baseTree: tree, range: KMEM_RANGE });
    expect(new612.memory.kernelMapping?.kind).toBe('direct-map-alias');
    const oldX86 = explain({ design: 'memremap', platform: P({ kernel: '6.11' }) }, { baseTree: tree, range: KMEM_RANGE });
    expect(oldX86.memory.systemRamIntersection).toBe('REGION_DISJOINT');
    expect(oldX86.memory.kernelMapping?.kind).toBe('null');
    expect(oldX86.fault.result.kind).toBe('error');
    const oldArm = explain({ design: 'memremap', platform: P({ arch: 'arm64', kernel: '6.11' }) }, { baseTree: tree, range: KMEM_RANGE });
    expect(oldArm.memory.kernelMapping?.kind).toBe('direct-map-alias');
  });

  it('over a range only partly System RAM: REGION_MIXED → WARN + NULL, registration fails', () => {
    const tree = parseIomem('100000000-17fffffff : CXL Window 0\n  100000000-13fffffff : System RAM\n  140000000-17fffffff : Reserved\n').tree;
    const ex = explain({ design: 'memremap', platform: P({}) }, { baseTree: tree, range: { start: 0x1_0000_0000n, end: 0x1_7fff_ffffn } });
    expect(ex.memory.systemRamIntersection).toBe('REGION_MIXED');
    expect(ex.memory.kernelMapping?.kind).toBe('null');
    expect(ex.ops.find((o) => o.fn === 'vfio_pci_core_register_dev_region()')?.ok).toBe(false);
  });
});

describe('memory hotplug (drivers/dax/kmem.c dev_dax_kmem_probe, mm/memory_hotplug.c add_memory_driver_managed)', () => {
  it('nests dax0.0 (BUSY cleared) › "System RAM (kmem)" (SYSTEM_RAM|BUSY|DRIVER_MANAGED) and maps WB / Normal', () => {
    const x86 = explain({ design: 'hotplug', platform: P({ firmware: 'reserved' }) });
    expect(x86.iomem).toMatch(/Reserved\n\s+1050000000-144fffffff : dax0\.0\n\s+1050000000-144fffffff : System RAM \(kmem\)\n/);
    expect(x86.memory).toMatchObject({ structPages: true, zone: 'ZONE_MOVABLE', nodeState: 'N_MEMORY', directMap: true });
    expect(x86.fault.result).toMatchObject({ kind: 'mapped', table: 'EPT', cacheable: true });
    const arm = explain({ design: 'hotplug', platform: P({ arch: 'arm64', firmware: 'reserved' }) });
    expect(arm.fault.result).toMatchObject({ kind: 'mapped', table: 'stage-2', memtype: 'Normal', cacheable: true });
  });

  it('online_kernel puts the blocks in ZONE_NORMAL', () => {
    expect(explain({ design: 'hotplug', platform: P({ onlinePolicy: 'online_kernel' }) }).memory.zone).toBe('ZONE_NORMAL');
  });

  it('on firmware System RAM there is nothing to hotplug, and the arm64 explanation cites arm64 firmware code', () => {
    const ex = explain({ design: 'hotplug', platform: P({ arch: 'arm64', firmware: 'conventional' }) });
    expect(ex.ops.some((o) => o.fn === 'add_memory_driver_managed()')).toBe(false);
    expect(ex.sources).not.toContain('fw/e820-x86');
    expect(ex.sources).toContain('fw/arm64-request-standard-resources');
  });
});

describe('hotplug on a pasted tree that is already kmem-onlined', () => {
  it('adds nothing, names the existing resource, and reports mm as the owner', () => {
    const ex = explain({ design: 'hotplug', platform: P({}) }, { baseTree: kmemTree(), range: KMEM_RANGE });
    expect(ex.ops.some((o) => o.fn === 'add_memory_driver_managed()')).toBe(false);
    expect(ex.warnings.join(' ')).toContain('already hotplugged ("CXL Window 0 › region0 › dax0.0 › System RAM (kmem)")');
    // kmem-onlined memory follows the online policy, not boot RAM's ZONE_NORMAL (issue 13 item 8).
    expect(ex.memory).toMatchObject({ owner: 'hotplug', zone: 'ZONE_MOVABLE', numaNode: 1 });
    expect(ex.verdicts.find((v) => v.id === 'exclusive-ownership')?.status).toBe('bad');
  });
});

describe('private node (RFC v4, 20260222084842.1824063-1-gourry@gourry.net)', () => {
  it('builds regionN › cxl_sysramN › "System RAM (CXL)" (RFC patch 25, dax/private-node-sysram)', () => {
    const ex = explain({ design: 'private-node', platform: P({}) });
    expect(ex.iomem).toMatch(/region0\n\s+1050000000-144fffffff : Reserved\n\s+1050000000-144fffffff : cxl_sysram0\n\s+1050000000-144fffffff : System RAM \(CXL\)\n/);
    expect(ex.memory.nodeState).toBe('N_MEMORY_PRIVATE');
  });

  it('fails -EBUSY at the first request_mem_region("cxl_sysram0") on firmware System RAM, with Gregory Price\'s "should splat" as a warning', () => {
    const ex = explain({ design: 'private-node', platform: P({ firmware: 'conventional' }) });
    expect(ex.conflict).toMatchObject({ errno: '-EBUSY', fn: 'request_mem_region()' });
    expect(ex.conflict?.sources).toContain('dax/private-node-firmware-ram-ebusy');
    expect(ex.warnings.join(' ')).toMatch(/splat/);
  });
});

describe('nvgrace-gpu precedent (drivers/vfio/pci/nvgrace-gpu/main.c @ e5f19b61)', () => {
  it('warns on x86 only, and claims nothing in the resource tree', () => {
    const x86 = explain({ design: 'nvgrace-gpu', platform: P({ arch: 'x86_64' }) });
    const arm = explain({ design: 'nvgrace-gpu', platform: P({ arch: 'arm64' }) });
    expect(x86.warnings.join(' ')).toMatch(/arm64/);
    expect(arm.warnings.join(' ')).not.toMatch(/arm64 \(Grace\) driver/);
    expect(printIomem(arm.tree)).toBe(printIomem(arm.bootTree));
  });
});

describe('runDesign', () => {
  it('mutates only the tree it is given, and leaves it valid', () => {
    for (const d of DESIGNS) {
      const boot = buildBootTree(DEFAULT_PLATFORM, DEFAULT_LAYOUT);
      const before = printIomem(boot.tree);
      const copy = cloneTree(boot.tree);
      runDesign(d, DEFAULT_PLATFORM, copy, DEFAULT_LAYOUT, boot.firmware, boot);
      expect(printIomem(boot.tree)).toBe(before);
      expect(checkInvariants(copy)).toBeNull();
    }
  });
});

describe('firmware System RAM before the region_intersects fix (≤ 6.11)', () => {
  it('x86: "CXL Window 0" wraps the RAM, so region_intersects reads DISJOINT and ioremap_cache refuses RAM → NULL; arm64 returns the linear map', () => {
    const x86 = explain({ design: 'memremap', platform: P({ firmware: 'conventional', kernel: '6.11' }) });
    expect(x86.memory.systemRamIntersection).toBe('REGION_DISJOINT');
    expect(x86.memory.kernelMapping?.kind).toBe('null');
    expect(x86.verdicts.find((v) => v.id === 'firmware-ram')).toMatchObject({ status: 'partial', short: 'memremap() NULL' });
    const arm = explain({ design: 'memremap', platform: P({ arch: 'arm64', firmware: 'conventional', kernel: '6.11' }) });
    expect(arm.memory.kernelMapping?.kind).toBe('direct-map-alias');
    expect(arm.verdicts.find((v) => v.id === 'firmware-ram')?.short).toBe('silent direct-map alias');
  });
});
