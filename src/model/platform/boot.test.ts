import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { printIomem } from '../resource/iomem';
import { checkInvariants, findAll } from '../resource/tree';
import { IORESOURCE, IORES_DESC } from '../resource/types';
import type { HdmLayout, Platform } from '../scenario';
import { DEFAULT_LAYOUT, DEFAULT_PLATFORM, KERNEL_VERSIONS } from '../scenario';
import { buildBootTree, firmwareEntry } from './boot';

const P = (over: Partial<Platform>): Platform => ({ ...DEFAULT_PLATFORM, ...over });
const hdmHolder = (p: Platform) => {
  const t = buildBootTree(p, DEFAULT_LAYOUT).tree;
  return findAll(t, (r) => r.start === DEFAULT_LAYOUT.hdmStart && r.end === DEFAULT_LAYOUT.hdmEnd && r.name !== 'region0');
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

  it('efi=nosoftreserve makes an SP range System RAM', () => {
    expect(hdmHolder(P({ firmware: 'soft-reserved', nosoftreserve: true }))[0]?.name).toBe('System RAM');
  });

  it('x86 ≥ 7.0 defers Soft Reserved out of iomem (unverified final form); arm64 and older x86 keep it', () => {
    for (const kernel of KERNEL_VERSIONS) {
      const deferred = kernel === '7.0' || kernel === '7.1';
      expect(hdmHolder(P({ firmware: 'soft-reserved', kernel })).length).toBe(deferred ? 0 : 1);
      expect(hdmHolder(P({ arch: 'arm64', firmware: 'soft-reserved', kernel }))[0]?.name).toBe('Soft Reserved');
    }
    expect(firmwareEntry(P({ firmware: 'soft-reserved', kernel: '7.0' })).sources).toContain('fw/soft-reserve-deferral');
  });

  it('arm64 EFI_RESERVED is a lowercase NOMAP "reserved" (not busy, not map memory)', () => {
    const fw = firmwareEntry(P({ arch: 'arm64', firmware: 'reserved' }));
    expect(fw).toMatchObject({ name: 'reserved', busy: false, mapMemory: false });
  });

  it('nests CXL Window 0 › region0 › firmware entry, as in the illustrative baseline (§3.6)', () => {
    const t = buildBootTree(P({ firmware: 'reserved' }), DEFAULT_LAYOUT).tree;
    expect(printIomem(t)).toContain(
      '1050000000-304fffffff : CXL Window 0\n  1050000000-144fffffff : region0\n    1050000000-144fffffff : Reserved\n',
    );
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
  it('never throws and keeps the kernel tree invariants, with the HDM range under region0', () => {
    fc.assert(
      fc.property(layoutArb, fc.constantFrom('x86_64', 'arm64' as const), fc.constantFrom('conventional', 'soft-reserved', 'reserved' as const), (l, arch, firmware) => {
        const b = buildBootTree(P({ arch, firmware }), l);
        expect(checkInvariants(b.tree)).toBeNull();
        expect(findAll(b.tree, (r) => r.name === 'region0' && r.start === l.hdmStart && r.end === l.hdmEnd)).toHaveLength(1);
      }),
      { numRuns: 300 },
    );
  });
});

describe('firmware sources match the architecture', () => {
  it('arm64 never cites the x86 e820 code, x86 never cites arm64 setup code', () => {
    for (const firmware of ['conventional', 'soft-reserved', 'reserved'] as const) {
      for (const nosoftreserve of [false, true]) {
        expect(firmwareEntry(P({ arch: 'arm64', firmware, nosoftreserve })).sources.some((id) => id.includes('x86'))).toBe(false);
        expect(firmwareEntry(P({ arch: 'x86_64', firmware, nosoftreserve, kernel: '6.17' })).sources.some((id) => id.includes('arm64'))).toBe(false);
      }
    }
  });
});
