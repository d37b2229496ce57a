import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decidedBy, NO_DECIDER } from './decider';
import { explain } from './explain';
import type { Explanation } from './explain-types';
import { DEFAULT_PLATFORM, DESIGNS } from './scenario';
import { platformArb } from './testing/arbitraries';

const vfio = explain({ design: 'vfio-owned', platform: DEFAULT_PLATFORM });

describe('decidedBy', () => {
  it('finds the x86 EPT UC answer at kvm_is_mmio_pfn(), the decision the guest-cacheable verdict cites', () => {
    const d = decidedBy(vfio, 'guest-cacheable');
    expect(vfio.fault.steps[d.step!]!.nodeId).toBe('x_mmio');
  });

  it('finds the claimed resource for exclusive ownership and the conflict when the claim failed', () => {
    expect(decidedBy(vfio, 'exclusive-ownership').resourcePath).toEqual(['CXL Window 0', 'region0', 'Reserved', 'vfio-cxl-hdm']);
    const ram = explain({ design: 'vfio-owned', platform: { ...DEFAULT_PLATFORM, firmware: 'conventional' } });
    expect(decidedBy(ram, 'exclusive-ownership').resourcePath).toEqual(ram.conflict!.conflictWith.path);
  });

  it('gives nothing for an unknown verdict id', () => {
    expect(decidedBy(vfio, 'no-such-verdict')).toEqual(NO_DECIDER);
  });

  it('only ever points at steps, resources and VMA parts the explanation has, whatever the scenario', () => {
    const has = (ex: Explanation, path: string[]) => {
      let r = ex.tree;
      for (const name of path) {
        const c = r.children.find((x) => (x.name ?? '<BAD>') === name);
        if (!c) return false;
        r = c;
      }
      return true;
    };
    fc.assert(
      fc.property(platformArb, fc.constantFrom(...DESIGNS), (p, design) => {
        const ex = explain({ design, platform: p });
        for (const v of ex.verdicts) {
          const d = decidedBy(ex, v.id);
          if (d.step !== null) {
            expect(d.step).toBeGreaterThanOrEqual(0);
            expect(d.step).toBeLessThan(ex.fault.steps.length);
            expect(ex.fault.steps[d.step]!.sources.some((s) => v.sources.includes(s))).toBe(true);
          }
          if (d.resourcePath) expect(has(ex, d.resourcePath), d.resourcePath.join('/')).toBe(true);
          if (d.vma) expect(ex.vma.kind).not.toBe('none');
        }
      }),
      { numRuns: 60 },
    );
  });
});
