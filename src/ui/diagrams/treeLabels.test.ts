import { describe, expect, it } from 'vitest';
import { boxText, TREE_FONT } from './treeLabels';
import { charCount, charsIn } from './text';

const base = { range: ['1050000000', '144fffffff'] as [string, string], size: '16 GiB', errno: '' };

describe('boxText', () => {
  it('shows the name, range and size whole when they fit', () => {
    expect(boxText({ ...base, name: 'vfio-cxl', w: 130, h: 80 })).toMatchObject({ name: ['vfio-cxl'], sub: ['1050000000-', '144fffffff', '16 GiB'], elided: false });
    expect(boxText({ ...base, name: 'vfio-cxl', w: 220, h: 80 }).sub).toEqual(['1050000000-144fffffff · 16 GiB']);
  });

  it('leaves out what does not fit whole, rather than cutting it', () => {
    const t = boxText({ ...base, name: 'System RAM', w: 130, h: 16 });
    expect(t.name).toEqual(['System RAM']);
    expect(t.sub).toEqual([]);
    expect(boxText({ ...base, name: 'x', w: 130, h: 6 }).name).toEqual([]);
  });

  it('puts the errno on a line of its own', () => {
    expect(boxText({ ...base, name: 'System RAM', errno: '-EBUSY', w: 130, h: 60 })).toMatchObject({ name: ['System RAM'], errno: '-EBUSY' });
  });

  it('cuts only an imported name too long for its box, says so, and does not wrap all of a huge one', () => {
    const huge = 'H'.repeat(1 << 20);
    const t0 = performance.now();
    const t = boxText({ ...base, name: huge, w: 130, h: 200 });
    expect(performance.now() - t0).toBeLessThan(50);
    expect(t.elided).toBe(true);
    expect(t.name.length).toBeLessThanOrEqual(3);
    expect(t.name.at(-1)!.endsWith('…')).toBe(true);
    for (const l of t.name) expect(charCount(l)).toBeLessThanOrEqual(charsIn(120, TREE_FONT.name));
  });
});
