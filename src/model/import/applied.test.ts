import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explainAll } from '../explain';
import { ARCHES, DEFAULT_PLATFORM, FIRMWARE_TYPES, type Platform } from '../scenario';
import { parseImport } from './parseImport';
import { layoutForRange } from './range';

const S = join(__dirname, '../../../../shared/samples');
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
