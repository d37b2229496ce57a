import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explainAll } from '../explain';
import { ARCHES, DEFAULT_PLATFORM, FIRMWARE_TYPES, type Platform } from '../scenario';
import { parseImport } from './parseImport';
import { layoutForRange } from './range';

const S = join(__dirname, '../../../tests/fixtures/samples');
const dumps = ['iomem', 'iomem-damaged'].flatMap((d) => readdirSync(join(S, d)).map((f) => join(d, f)));

describe('every design runs on every suggested range of the real dumps', () => {
  for (const f of dumps) {
    it(f, () => {
      const r = parseImport(readFileSync(join(S, f), 'utf8'), { kind: 'iomem' });
      if (r.kind !== 'iomem') throw new Error('not iomem');
      for (const c of r.candidates.candidates) {
        const layout = layoutForRange(r.iomem.tree, c.start, c.end);
        for (const arch of ARCHES) {
          for (const firmware of FIRMWARE_TYPES) {
            const p: Platform = { ...DEFAULT_PLATFORM, arch, firmware };
            const all = explainAll(p, { baseTree: r.iomem.tree, layout });
            for (const ex of Object.values(all)) {
              expect(ex.layout.hdmStart).toBe(c.start);
              expect(ex.iomem.length).toBeGreaterThan(0);
            }
          }
        }
      }
    });
  }
});

describe('user-typed ranges', () => {
  it('explain never throws and never mutates the imported tree, for any page-aligned range', async () => {
    const fc = (await import('fast-check')).default;
    const { printIomem } = await import('../resource/iomem');
    const r = parseImport(readFileSync(join(S, 'iomem-damaged/cxl-3windows-formatflowed-3space-indent-lkml-smita.iomem'), 'utf8'));
    if (r.kind !== 'iomem') throw new Error('not iomem');
    const before = printIomem(r.iomem.tree);
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 40n) - 1n }), fc.bigInt({ min: 1n, max: 1n << 24n }), fc.constantFrom(...ARCHES), (page, pages, arch) => {
        const start = page << 12n;
        const end = start + (pages << 12n) - 1n;
        const all = explainAll({ ...DEFAULT_PLATFORM, arch }, { baseTree: r.iomem.tree, layout: layoutForRange(r.iomem.tree, start, end) });
        expect(Object.keys(all)).toHaveLength(5);
      }),
      { numRuns: 60 },
    );
    expect(printIomem(r.iomem.tree)).toBe(before);
  });
});

describe('focusTree', () => {
  it('keeps small trees whole and cuts big ones to the range without changing what the designs do', async () => {
    const { focusTree } = await import('./focusTree');
    const { printIomem } = await import('../resource/iomem');
    const small = parseImport(readFileSync(join(S, 'iomem/laptop-x86-intel-tigerlake-icekit.iomem'), 'utf8'));
    if (small.kind !== 'iomem') throw new Error('not iomem');
    expect(focusTree(small.iomem.tree, 0n, 0xfffn).tree).toBe(small.iomem.tree);

    const lines = ['c050000000-c08fffffff : CXL Window 0', '  c050000000-c06fffffff : Soft Reserved', '  c070000000-c08fffffff : region1'];
    for (let i = 0; i < 5000; i++) {
      const s = 0x100000000n + BigInt(i) * 0x1000n;
      lines.push(`${s.toString(16)}-${(s + 0xfffn).toString(16)} : System RAM`);
    }
    lines.sort((a, b) => (BigInt('0x' + a.trim().split('-')[0]) < BigInt('0x' + b.trim().split('-')[0]) ? -1 : 1));
    const big = parseImport(lines.join('\n') + '\n');
    if (big.kind !== 'iomem') throw new Error('not iomem');
    expect(big.iomem.errors).toEqual([]);
    const start = 0xc050000000n;
    const end = 0xc06fffffffn;
    const f = focusTree(big.iomem.tree, start, end, 3);
    expect(f.hidden).toBe(5003 - 5); // 3 neighbours below, the window, Soft Reserved
    expect(printIomem(f.tree)).toContain('c050000000-c06fffffff : Soft Reserved');
    expect(printIomem(f.tree)).not.toContain('region1');
    for (const arch of ARCHES) {
      const p = { ...DEFAULT_PLATFORM, arch };
      const layout = layoutForRange(big.iomem.tree, start, end);
      const whole = explainAll(p, { baseTree: big.iomem.tree, layout });
      const cut = explainAll(p, { baseTree: f.tree, layout });
      for (const d of Object.keys(whole) as (keyof typeof whole)[]) {
        expect(cut[d].ops.map((o) => [o.fn, o.result, o.ok])).toEqual(whole[d].ops.map((o) => [o.fn, o.result, o.ok]));
        expect(cut[d].fault.result).toEqual(whole[d].fault.result);
        expect(cut[d].verdicts.map((v) => v.status)).toEqual(whole[d].verdicts.map((v) => v.status));
      }
    }
  });
});
