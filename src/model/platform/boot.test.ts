import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { printIomem } from '../resource/iomem';
import { checkInvariants, findAll } from '../resource/tree';
import { IORESOURCE, IORES_DESC } from '../resource/types';
import type { HdmLayout, KernelConfig, KernelVersion, Platform } from '../scenario';
import { DEFAULT_CONFIG, DEFAULT_LAYOUT, DEFAULT_PLATFORM, KERNEL_VERSIONS } from '../scenario';
import { buildBootTree, firmwareEntry } from './boot';

const P = (over: Partial<Platform>): Platform => ({ ...DEFAULT_PLATFORM, ...over });
const FIRMWARE = new Set(['System RAM', 'Soft Reserved', 'Reserved', 'reserved']);
const hdmHolder = (p: Platform) => {
  const t = buildBootTree(p, DEFAULT_LAYOUT).tree;
  return findAll(t, (r) => r.start === DEFAULT_LAYOUT.hdmStart && r.end === DEFAULT_LAYOUT.hdmEnd && FIRMWARE.has(r.name ?? ''));
};
/** The /proc/iomem lines at or below "CXL Window 0" (the part around the HDM range). */
const windowLines = (p: Platform, design: 'vfio-owned' | 'nvgrace-gpu' = 'vfio-owned') => {
  const text = printIomem(buildBootTree(p, DEFAULT_LAYOUT, design).tree);
  return text.slice(text.indexOf('1050000000-')).trimEnd().split('\n');
};

describe('firmware → /proc/iomem name (alternatives-and-resource-tree.md §3.1–§3.3)', () => {
  it('x86: CONVENTIONAL → busy "System RAM"; +SP → non-busy "Soft Reserved"; RESERVED → non-busy "Reserved"', () => {
    const [ram] = hdmHolder(P({ firmware: 'conventional' }));
    expect(ram?.name).toBe('System RAM');
    expect(ram!.flags & IORESOURCE.BUSY).not.toBe(0);
    const [sr] = hdmHolder(P({ firmware: 'soft-reserved', kernel: '6.17' }));
    expect(sr).toMatchObject({ name: 'Soft Reserved', desc: IORES_DESC.SOFT_RESERVED });
    expect(sr!.flags & IORESOURCE.BUSY).toBe(0);
    const [rs] = hdmHolder(P({ firmware: 'reserved' }));
    expect(rs).toMatchObject({ name: 'Reserved', desc: IORES_DESC.RESERVED });
    expect(rs!.flags & IORESOURCE.BUSY).toBe(0);
  });

  it('efi=nosoftreserve and CONFIG_EFI_SOFT_RESERVE=n make an SP range System RAM (fw/efi-nosoftreserve)', () => {
    expect(hdmHolder(P({ firmware: 'soft-reserved', nosoftreserve: true }))[0]?.name).toBe('System RAM');
    expect(hdmHolder(P({ firmware: 'soft-reserved', config: { ...DEFAULT_CONFIG, EFI_SOFT_RESERVE: 'n' } }))[0]?.name).toBe('System RAM');
  });

  it('x86 ≥ 7.0 keeps Soft Reserved in soft_reserve_resource, out of /proc/iomem; arm64 and older x86 print it (dax/soft-reserve-resource-7.0)', () => {
    for (const kernel of KERNEL_VERSIONS) {
      const deferred = kernel === '7.0' || kernel === '7.1';
      expect(hdmHolder(P({ firmware: 'soft-reserved', kernel })).length).toBe(deferred ? 0 : 1);
      expect(hdmHolder(P({ arch: 'arm64', firmware: 'soft-reserved', kernel }))[0]?.name).toBe('Soft Reserved');
    }
    expect(firmwareEntry(P({ firmware: 'soft-reserved', kernel: '7.0' }))).toMatchObject({ held: 'soft_reserve_resource', softReserved: true });
    expect(firmwareEntry(P({ firmware: 'soft-reserved', kernel: '7.0' })).sources).toContain('dax/soft-reserve-resource-7.0');
  });

  it('arm64 EFI_RESERVED with a WB attribute is a NOMAP "reserved" with a memmap; without one it never reaches iomem (a64/efi-is-memory, issue 13 item 7)', () => {
    expect(firmwareEntry(P({ arch: 'arm64', firmware: 'reserved', efiAttr: 'wb' }))).toMatchObject({ name: 'reserved', busy: false, mapMemory: false, memmap: true });
    expect(firmwareEntry(P({ arch: 'arm64', firmware: 'reserved', efiAttr: 'uc' }))).toMatchObject({ name: null, held: 'none', memmap: false });
    expect(hdmHolder(P({ arch: 'arm64', firmware: 'reserved', efiAttr: 'uc' }))).toEqual([]);
    // x86 never has a memmap for a Reserved range beyond RAM: the attribute is arm64's.
    expect(firmwareEntry(P({ firmware: 'reserved', efiAttr: 'wb' })).memmap).toBe(false);
  });
});

describe('the CXL region exists only when committed (issue 13 item 2: dax/cxl_pci-class, dax/discover_region)', () => {
  it('a committed region nests CXL Window 0 › region0 › firmware entry, as in the illustrative baseline (§3.6), when the posted no-dax patch keeps dax off it (cxl/type2-no-dax)', () => {
    expect(windowLines(P({ firmware: 'reserved', region: 'committed', patches: ['cxl/type2-no-dax'] }))).toEqual([
      '1050000000-304fffffff : CXL Window 0',
      '  1050000000-144fffffff : region0',
      '    1050000000-144fffffff : Reserved',
    ]);
  });
  it('without that patch (v7.1 has no device-memory test in cxl_region_probe()) dax_cxl and kmem take the committed region at boot (dax/cxl_region_probe, pt/type2-region-dax)', () => {
    expect(windowLines(P({ firmware: 'reserved', region: 'committed' }))).toEqual([
      '1050000000-304fffffff : CXL Window 0',
      '  1050000000-144fffffff : region0',
      '    1050000000-144fffffff : Reserved',
      '      1050000000-144fffffff : dax0.0',
      '        1050000000-144fffffff : System RAM (kmem)',
    ]);
    const b = buildBootTree(P({ firmware: 'reserved', region: 'committed', config: { ...DEFAULT_CONFIG, DEV_DAX_KMEM: 'n' } }), DEFAULT_LAYOUT);
    expect(findAll(b.tree, (r) => r.name === 'dax0.0')[0]!.flags & IORESOURCE.BUSY).not.toBe(0);
  });

  it('with none (the default: cxl_pci binds only Type-3 class codes) the boot tree has no region0', () => {
    expect(windowLines(P({ firmware: 'reserved' }))).toEqual(['1050000000-304fffffff : CXL Window 0', '  1050000000-144fffffff : Reserved']);
  });

  it('no region can exist with CONFIG_CXL_REGION=n, and the setting says so', () => {
    const b = buildBootTree(P({ region: 'committed', config: { ...DEFAULT_CONFIG, CXL_REGION: 'n' } }), DEFAULT_LAYOUT);
    expect(b.regionCommitted).toBe(false);
    expect(b.warnings.join(' ')).toMatch(/CONFIG_CXL_REGION=n/);
  });

  it('nvgrace-gpu\'s usemem is Grace GPU memory from ACPI, not CXL: no window, no region', () => {
    const lines = windowLines(P({ firmware: 'reserved', region: 'committed' }), 'nvgrace-gpu');
    expect(lines).toEqual(['1050000000-144fffffff : Reserved']);
  });
});

describe('who owns a Soft Reserved range (ERRATA item 1; dax/hmem-defer-cxl-region, dax/hmem-gate-dev-dax-cxl, dax/hmem-resolve-7.1)', () => {
  const cfg = (c: Partial<KernelConfig>): KernelConfig => ({ ...DEFAULT_CONFIG, ...c });
  const sr = (kernel: KernelVersion, over: Partial<Platform> = {}) => buildBootTree(P({ firmware: 'soft-reserved', kernel, ...over }), DEFAULT_LAYOUT);

  it('6.11–6.17 with CONFIG_CXL_REGION=y: hmem defers to CXL and nothing claims the range', () => {
    for (const kernel of ['6.11', '6.12', '6.17'] as const) {
      const b = sr(kernel);
      expect(b.softReservedOwner?.by).toBe('nobody');
      expect(windowLines(P({ firmware: 'soft-reserved', kernel }))).toEqual(['1050000000-304fffffff : CXL Window 0', '  1050000000-144fffffff : Soft Reserved']);
    }
  });

  it('≤ 7.0 with CONFIG_CXL_REGION=n: hmem registers it and kmem onlines it ("daxX.Y" with BUSY cleared › "System RAM (kmem)")', () => {
    expect(windowLines(P({ firmware: 'soft-reserved', kernel: '6.17', config: cfg({ CXL_REGION: 'n' }) }))).toEqual([
      '1050000000-304fffffff : CXL Window 0',
      '  1050000000-144fffffff : Soft Reserved',
      '    1050000000-144fffffff : dax0.0',
      '      1050000000-144fffffff : System RAM (kmem)',
    ]);
    // On 7.0 x86 Soft Reserved is not in iomem: the claim lands directly under the window.
    expect(windowLines(P({ firmware: 'soft-reserved', kernel: '7.0', config: cfg({ CXL_REGION: 'n' }) }))).toEqual([
      '1050000000-304fffffff : CXL Window 0',
      '  1050000000-144fffffff : dax0.0',
      '    1050000000-144fffffff : System RAM (kmem)',
    ]);
  });

  it('7.1: after the initial probe hmem registers every range no committed region contains, and drops one that a region does', () => {
    const none = sr('7.1');
    expect(none.softReservedOwner).toMatchObject({ by: 'hmem', driver: 'kmem' });
    expect(none.softReservedOwner?.sources).toContain('dax/hmem-resolve-7.1');
    const committed = sr('7.1', { region: 'committed' });
    expect(committed.softReservedOwner?.by).toBe('cxl');
    expect(windowLines(P({ firmware: 'soft-reserved', kernel: '7.1', region: 'committed', patches: ['cxl/type2-no-dax'] }))).toEqual(['1050000000-304fffffff : CXL Window 0', '  1050000000-144fffffff : region0']);
    // Without the no-dax patch dax_cxl binds the region after hmem's work is flushed, and kmem onlines it.
    expect(windowLines(P({ firmware: 'soft-reserved', kernel: '7.1', region: 'committed' })).at(-1)).toBe('      1050000000-144fffffff : System RAM (kmem)');
  });

  it('CONFIG_DEV_DAX_KMEM=n: device_dax binds instead and holds a busy "dax0.0" (dax/dax_match_type)', () => {
    const b = sr('7.1', { config: cfg({ DEV_DAX_KMEM: 'n' }) });
    expect(b.softReservedOwner).toMatchObject({ by: 'hmem', driver: 'device_dax' });
    const [dax] = findAll(b.tree, (r) => r.name === 'dax0.0');
    expect(dax!.flags & IORESOURCE.BUSY).not.toBe(0);
  });

  it('CONFIG_DEV_DAX_HMEM=n: no hmem, nobody claims it', () => {
    expect(sr('7.1', { config: cfg({ DEV_DAX_HMEM: 'n' }) }).softReservedOwner?.by).toBe('nobody');
  });

  it('arm64 ≥ 7.0: hmem looks only at x86\'s private tree, so nobody claims an arm64 Soft Reserved range — an unverified inference, said so', () => {
    const b = sr('7.1', { arch: 'arm64' });
    expect(b.softReservedOwner).toMatchObject({ by: 'nobody', verified: false });
    expect(b.softReservedOwner?.sources).toContain('dax/arm64-soft-reserved-7.0-inference');
  });

  it('nvgrace-gpu\'s range is in no CXL window: hmem registers it at once on any kernel', () => {
    for (const kernel of KERNEL_VERSIONS) {
      const b = buildBootTree(P({ firmware: 'soft-reserved', kernel }), DEFAULT_LAYOUT, 'nvgrace-gpu');
      expect(b.softReservedOwner?.by).toBe('hmem');
    }
  });
});

const layoutArb: fc.Arbitrary<HdmLayout> = fc
  .tuple(fc.bigInt(1n, 0xfff_ffffn), fc.bigInt(0n, 0xffffn), fc.bigInt(1n, 0xffffn), fc.bigInt(0n, 0xffffn))
  .map(([ws, pre, len, post]) => {
    const windowStart = ws << 20n;
    const hdmStart = windowStart + (pre << 20n);
    const hdmEnd = hdmStart + (len << 20n) - 1n;
    return { windowStart, hdmStart, hdmEnd, windowEnd: hdmEnd + (post << 20n) };
  });

describe('buildBootTree over any layout', () => {
  it('never throws and keeps the kernel tree invariants; a committed region holds exactly the HDM range', () => {
    fc.assert(
      fc.property(
        layoutArb, fc.constantFrom('x86_64', 'arm64' as const), fc.constantFrom('conventional', 'soft-reserved', 'reserved' as const), fc.constantFrom('committed', 'none' as const),
        (l, arch, firmware, region) => {
          const b = buildBootTree(P({ arch, firmware, region }), l);
          expect(checkInvariants(b.tree)).toBeNull();
          expect(findAll(b.tree, (r) => r.name === 'region0' && r.start === l.hdmStart && r.end === l.hdmEnd)).toHaveLength(region === 'committed' ? 1 : 0);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('firmware sources match the architecture', () => {
  it('arm64 never cites the x86 e820 code, x86 never cites arm64 setup code', () => {
    for (const firmware of ['conventional', 'soft-reserved', 'reserved'] as const) {
      for (const nosoftreserve of [false, true]) {
        expect(firmwareEntry(P({ arch: 'arm64', firmware, nosoftreserve })).sources.some((id) => id.includes('x86'))).toBe(false);
        expect(firmwareEntry(P({ arch: 'x86_64', firmware, nosoftreserve, kernel: '6.17' })).sources.some((id) => /arm64|a64/.test(id))).toBe(false);
      }
    }
  });
});

describe('dax/soft-reserve-iomem (posted v8 9/9 <20260322195343.206900-10-Smita.KoralahalliChannabasappa@amd.com>)', () => {
  it('x86 ≥ 7.0: hmem puts "Soft Reserved" back into iomem before its dax claim; elsewhere, and when CXL claims the range, nothing changes', () => {
    const on = (over: Partial<Platform>) => windowLines(P({ firmware: 'soft-reserved', kernel: '7.1', patches: ['dax/soft-reserve-iomem'], ...over }));
    expect(on({})).toEqual([
      '1050000000-304fffffff : CXL Window 0',
      '  1050000000-144fffffff : Soft Reserved',
      '    1050000000-144fffffff : dax0.0',
      '      1050000000-144fffffff : System RAM (kmem)',
    ]);
    expect(buildBootTree(P({ firmware: 'soft-reserved', kernel: '7.1', patches: ['dax/soft-reserve-iomem'] }), DEFAULT_LAYOUT).ops.map((o) => o.sources).flat()).toContain('pt/soft-reserve-iomem');
    // 6.17 (Soft Reserved is in iomem already) and arm64: the same tree as without the patch.
    for (const over of [{ kernel: '6.17' as const, config: { ...DEFAULT_CONFIG, CXL_REGION: 'n' as const } }, { arch: 'arm64' as const }]) {
      expect(on(over)).toEqual(windowLines(P({ firmware: 'soft-reserved', kernel: '7.1', ...over })));
    }
    expect(on({ region: 'committed', patches: ['cxl/type2-no-dax', 'dax/soft-reserve-iomem'] })).toEqual(['1050000000-304fffffff : CXL Window 0', '  1050000000-144fffffff : region0']);
  });
});
