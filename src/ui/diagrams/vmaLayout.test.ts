import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explain } from '../../model/explain';
import { DESIGNS } from '../../model/scenario';
import { platformArb } from '../../model/testing/arbitraries';
import { textWidth } from './text';
import { layoutVma, VMA_FONT, VMA_W } from './vmaLayout';

describe('layoutVma', () => {
  it('keeps every text of every VMA inside the drawing, sections in order without overlap', () => {
    fc.assert(
      fc.property(platformArb, fc.constantFrom(...DESIGNS), (p, d) => {
        const vma = explain({ design: d, platform: p }).vma;
        if (vma.kind === 'none') return;
        const l = layoutVma(vma, undefined);
        for (const s of l.sections) for (const line of [...s.title, ...s.lines]) expect(textWidth(line, VMA_FONT)).toBeLessThanOrEqual(VMA_W - 20);
        for (const c of l.chips) expect(c.x + c.w).toBeLessThanOrEqual(VMA_W - 10 + 1e-9);
        for (const r of l.leaves) for (const line of r.lines) expect(textWidth(line, VMA_FONT)).toBeLessThanOrEqual(VMA_W - 32);
        l.sections.forEach((s, i) => i > 0 && expect(s.y).toBeGreaterThanOrEqual(l.sections[i - 1]!.y + l.sections[i - 1]!.h));
        expect(l.height).toBeGreaterThanOrEqual(l.sections.at(-1)!.y + l.sections.at(-1)!.h);
      }),
      { numRuns: 60 },
    );
  });
});
