import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explain } from '../explain';
import type { HdmLayout } from '../scenario';
import { DEFAULT_LAYOUT, DEFAULT_PLATFORM, DESIGNS } from '../scenario';
import { getSource } from '../sources';
import { designArb, platformArb } from '../testing/arbitraries';
import { ceilings } from './ceiling';

describe('verdicts that cannot be good (ceiling.ts): the search does not look for what the model never derives', () => {
  it('none of them comes out good on any platform, with any changes applied', () => {
    fc.assert(
      fc.property(designArb, platformArb, (design, p) => {
        const ex = explain({ design, platform: p });
        for (const [id, c] of Object.entries(ceilings(design, DEFAULT_LAYOUT))) {
          expect(ex.verdicts.find((v) => v.id === id)?.status, `${design} ${id}: ${c.why}`).not.toBe('good');
        }
      }),
      { numRuns: 150 },
    );
  });

  it('huge mappings are capped only where the HDM range is not 1 GiB-aligned, or guest memory is anonymous', () => {
    const aligned: HdmLayout = { windowStart: 0x10_4000_0000n, windowEnd: 0x30_3fff_ffffn, hdmStart: 0x10_4000_0000n, hdmEnd: 0x14_3fff_ffffn };
    expect(ceilings('vfio-owned', DEFAULT_LAYOUT)['huge-mappings']?.why).toMatch(/0x1050000000/);
    expect(ceilings('vfio-owned', aligned)['huge-mappings']).toBeUndefined();
    expect(ceilings('hotplug', aligned)['huge-mappings']?.why).toMatch(/2 MiB/);
    // On x86 a 1 GiB-aligned range does get 1 GiB EPT entries: the cap is the layout's, not the design's.
    const r = explain({ design: 'vfio-owned', platform: DEFAULT_PLATFORM }, { layout: aligned });
    expect(r.verdicts.find((v) => v.id === 'huge-mappings')?.status).toBe('good');
  });

  it('every ceiling cites registered sources', () => {
    for (const d of DESIGNS) for (const c of Object.values(ceilings(d, DEFAULT_LAYOUT))) for (const id of c.sources) expect(() => getSource(id)).not.toThrow();
  });
});
