import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareExplanations } from '../../model/compare';
import { explain } from '../../model/explain';
import { DEFAULT_PLATFORM, DESIGNS } from '../../model/scenario';
import { platformArb } from '../../model/testing/arbitraries';
import { DEFAULT_COMPARE_PATHS, layoutComparePaths } from './comparePathsLayout';
import { charCount, charsIn } from './text';

describe('layoutComparePaths', () => {
  it('draws both whole paths: the shared prefix once, then each path, then both results, in order and never overlapping', () => {
    fc.assert(
      fc.property(platformArb, fc.constantFrom(...DESIGNS), fc.constantFrom(...DESIGNS), (p, da, db) => {
        const a = explain({ design: da, platform: p });
        const b = explain({ design: db, platform: { ...p, arch: p.arch } });
        const d = compareExplanations(a, b).firstDivergence;
        const l = layoutComparePaths(a, b, d, { a: 'A', b: 'B' });
        const shared = l.boxes.filter((x) => x.side === 'shared');
        const sideA = l.boxes.filter((x) => x.side === 'a' && x.kind === 'step');
        const sideB = l.boxes.filter((x) => x.side === 'b' && x.kind === 'step');
        expect(shared.length + sideA.length).toBe(a.fault.steps.length);
        expect(shared.length + sideB.length).toBe(b.fault.steps.length);
        expect(l.boxes.filter((x) => x.kind === 'result').map((x) => x.side)).toEqual(['a', 'b']);
        for (const x of l.boxes) {
          expect(x.x + x.w).toBeLessThanOrEqual(l.width);
          expect(x.y + x.h).toBeLessThanOrEqual(l.height);
          for (const line of x.label) expect(charCount(line)).toBeLessThanOrEqual(charsIn(x.w - 43, DEFAULT_COMPARE_PATHS.font));
          for (const y of l.boxes) if (x !== y) expect(x.x < y.x + y.w && y.x < x.x + x.w && x.y < y.y + y.h && y.y < x.y + x.h).toBe(false);
        }
        // The first divergence is marked in both columns when both paths reach it.
        if (d && d.a && d.b) expect(l.boxes.filter((x) => x.diverges).map((x) => x.side)).toEqual(['a', 'b']);
      }),
      { numRuns: 40 },
    );
  });

  it('marks the divergence of the default comparison at the step the model finds', () => {
    const a = explain({ design: 'vfio-owned', platform: DEFAULT_PLATFORM });
    const b = explain({ design: 'hotplug', platform: DEFAULT_PLATFORM });
    const d = compareExplanations(a, b).firstDivergence!;
    const l = layoutComparePaths(a, b, d, { a: 'VFIO-owned', b: 'Memory hotplug' });
    expect(l.divergence?.label).toBe(`first divergence: step ${d.index + 1}`);
    expect(l.boxes.filter((x) => x.diverges).every((x) => x.index === d.index)).toBe(true);
  });
});
