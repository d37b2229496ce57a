import { describe, expect, it } from 'vitest';
import { explain, explainAll } from '../../../model/explain';
import { DEFAULT_PLATFORM } from '../../../model/scenario';
import { LEGEND } from '../../legendItems';
import { charCount, charsIn } from '../../diagrams/text';
import { matrixContent, pathContent } from './slideContent';
import { slideFrame, SLIDE_H, SLIDE_W, type SlideLayout } from './slideLayout';

const inside = (l: SlideLayout) => {
  for (const t of l.texts) {
    for (const line of t.lines) expect(charCount(line), line).toBeLessThanOrEqual(charsIn(t.fit, t.font));
    expect(t.x).toBeGreaterThanOrEqual(0);
    expect(t.y + t.lines.length * Math.round(t.font * 1.25)).toBeLessThanOrEqual(SLIDE_H);
  }
  for (const r of l.rects) {
    expect(r.x + r.w).toBeLessThanOrEqual(SLIDE_W + 1e-9);
    expect(r.y + r.h).toBeLessThanOrEqual(SLIDE_H + 1e-9);
  }
};

describe('slideFrame', () => {
  it('keeps every text of the frame wrapped to its width and inside the 16:9 slide, notes as numbered callouts', () => {
    const l = slideFrame({
      title: 'VFIO-owned on x86-64: the verdicts of every design',
      subtitle: 'x86-64, Intel (VMX, EPT) · firmware: EFI_RESERVED_TYPE (Reserved) · kernel v7.1',
      result: { text: 'EPT 2M UC: the guest sees the memory uncached', tone: 'bad' },
      legend: LEGEND,
      notes: [{ target: 'Step 23: kvm_is_mmio_pfn(pfn)', text: 'EPT ignores the VMA here.' }],
    });
    inside(l);
    expect(l.callouts).toHaveLength(1);
    expect(l.content.w).toBeGreaterThan(1000);
    expect(l.content.h).toBeGreaterThan(600);
  });

  it('counts the notes that do not fit instead of cutting them', () => {
    const notes = Array.from({ length: 50 }, (_, i) => ({ target: `Resource ${i}`, text: 'x '.repeat(200) }));
    const l = slideFrame({ title: 't', subtitle: 's', result: null, legend: LEGEND, notes });
    inside(l);
    expect(l.callouts.length).toBeLessThan(50);
    expect(l.texts.some((t) => /more notes? in the text export/.test(t.lines.join(' ')))).toBe(true);
  });
});

describe('slide contents', () => {
  it('fits the verdict matrix and the whole fault path, words unbroken', () => {
    const frame = slideFrame({ title: 't', subtitle: 's', result: null, legend: LEGEND, notes: [] });
    matrixContent(explainAll(DEFAULT_PLATFORM), 'vfio-owned', frame.content, frame);
    inside(frame);
    const ex = explain({ design: 'vfio-owned', platform: DEFAULT_PLATFORM });
    const f2 = slideFrame({ title: 't', subtitle: 's', result: null, legend: LEGEND, notes: [] });
    const boxes = pathContent(ex, f2.content, f2, 3);
    inside(f2);
    expect(boxes.filter((b) => b.index >= 0)).toHaveLength(ex.fault.steps.length);
    expect(boxes.at(-1)!.index).toBe(-1);
    for (const b of boxes) expect(b.y + b.h).toBeLessThanOrEqual(f2.content.y + f2.content.h + 1e-9);
    expect(f2.rects.filter((r) => r.role === 'decided')).toHaveLength(1);
  });
});

describe('a slide of a view with kernel changes applied (issue 15)', () => {
  it('says NOT UPSTREAM and names the changes under its title, inside the slide', async () => {
    const { slideLayoutFor } = await import('./buildSlide');
    const platform = { ...DEFAULT_PLATFORM, patches: ['kvm/memory-fault-exit' as const, 'vmm/retry-after-reset' as const] };
    const ex = explain({ design: 'vfio-owned', platform });
    const { layout } = slideLayoutFor({ kind: 'summary', ex, all: explainAll(platform), notes: [], decided: null });
    inside(layout);
    const text = layout.texts.map((t) => t.lines.join(' ')).join('\n');
    expect(text).toContain('NOT UPSTREAM: posted and hypothetical changes applied.');
    expect(text).toContain('with KVM_EXIT_MEMORY_FAULT on -EFAULT (v5) · with a VMM that retries after a reset');
    const plain = slideLayoutFor({ kind: 'summary', ex: explain({ design: 'vfio-owned', platform: DEFAULT_PLATFORM }), all: explainAll(DEFAULT_PLATFORM), notes: [], decided: null });
    expect(plain.layout.texts.map((t) => t.lines.join(' ')).join('\n')).not.toContain('NOT UPSTREAM');
  });
});
