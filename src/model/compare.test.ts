import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareExplanations, type Comparison } from './compare';
import { explain } from './explain';
import type { Explanation } from './explain-types';
import { DEFAULT_PLATFORM, type Scenario } from './scenario';
import { designArb, platformArb } from './testing/arbitraries';

const scenarioArb: fc.Arbitrary<Scenario> = fc.record({ design: designArb, platform: platformArb });

const stepKey = (ex: Explanation) => ex.fault.steps.map((s) => `${s.nodeId}=${s.decision?.value ?? ''}`);

describe('compareExplanations', () => {
  it('finds nothing when an explanation is compared with itself (or an identical re-derivation)', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const a = explain(s);
        for (const c of [compareExplanations(a, a), compareExplanations(a, explain(s))]) {
          expect(c.firstDivergence).toBeNull();
          expect(c.resultDiffers).toBe(false);
          expect(c.verdictDiffs).toEqual([]);
          expect(c.treeDiff).toEqual({ onlyA: [], onlyB: [] });
        }
      }),
      { numRuns: 60 },
    );
  });

  it('is symmetric: same divergence index with the sides swapped, same verdicts with a/b swapped, tree sides swapped', () => {
    fc.assert(
      fc.property(scenarioArb, scenarioArb, (s, t) => {
        const a = explain(s);
        const b = explain(t);
        const ab = compareExplanations(a, b);
        const ba = compareExplanations(b, a);
        expect(ba.firstDivergence?.index).toBe(ab.firstDivergence?.index);
        expect(ba.firstDivergence?.a?.nodeId).toBe(ab.firstDivergence?.b?.nodeId);
        expect(ba.firstDivergence?.b?.nodeId).toBe(ab.firstDivergence?.a?.nodeId);
        expect(ba.resultDiffers).toBe(ab.resultDiffers);
        expect(ba.verdictDiffs).toEqual(ab.verdictDiffs.map((d) => ({ id: d.id, a: d.b, b: d.a })));
        expect(ba.treeDiff).toEqual({ onlyA: ab.treeDiff.onlyB, onlyB: ab.treeDiff.onlyA });
      }),
      { numRuns: 80 },
    );
  });

  it('reports the first differing step: everything before it agrees, the step at it does not', () => {
    fc.assert(
      fc.property(scenarioArb, scenarioArb, (s, t) => {
        const a = explain(s);
        const b = explain(t);
        const c: Comparison = compareExplanations(a, b);
        const ka = stepKey(a);
        const kb = stepKey(b);
        if (c.firstDivergence === null) {
          expect(ka).toEqual(kb);
          return;
        }
        const i = c.firstDivergence.index;
        expect(ka.slice(0, i)).toEqual(kb.slice(0, i));
        if (ka[i] === undefined && kb[i] === undefined) expect(c.resultDiffers).toBe(true); // same path, different entry
        else expect(ka[i]).not.toBe(kb[i]);
        expect(c.firstDivergence.a?.nodeId).toBe(a.fault.steps[i]?.nodeId);
        expect(c.firstDivergence.b?.nodeId).toBe(b.fault.steps[i]?.nodeId);
      }),
      { numRuns: 80 },
    );
  });

  it('x86-64 and arm64 diverge at the first step, and hotplug vs VFIO-owned differ in the tree and verdicts', () => {
    const x = explain({ design: 'vfio-owned', platform: DEFAULT_PLATFORM });
    const arm = explain({ design: 'vfio-owned', platform: { ...DEFAULT_PLATFORM, arch: 'arm64' } });
    expect(compareExplanations(x, arm).firstDivergence?.index).toBe(0);
    const hp = explain({ design: 'hotplug', platform: DEFAULT_PLATFORM });
    const c = compareExplanations(x, hp);
    expect(c.firstDivergence).not.toBeNull();
    expect(c.verdictDiffs.map((d) => d.id)).toContain('guest-cacheable');
    expect(c.treeDiff.onlyA.length + c.treeDiff.onlyB.length).toBeGreaterThan(0);
    // Every verdict diff really differs.
    for (const d of c.verdictDiffs) expect(d.a).not.toBe(d.b);
  });

  it('marks a verdict that only one side has as absent on the other', () => {
    const a = explain({ design: 'memremap', platform: DEFAULT_PLATFORM });
    const b: Explanation = { ...a, verdicts: a.verdicts.slice(1) };
    const id = a.verdicts[0]!.id;
    expect(compareExplanations(a, b).verdictDiffs).toEqual([{ id, a: `${a.verdicts[0]!.status}: ${a.verdicts[0]!.short}`, b: 'absent' }]);
    expect(compareExplanations(b, a).verdictDiffs[0]).toMatchObject({ id, a: 'absent' });
  });
});
