import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { charCount, charsIn, firstLines, textWidth, wrapLines } from './text';

describe('wrapLines', () => {
  it('keeps every word and every line within the width, for any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.integer({ min: 1, max: 60 }), (s, n) => {
        const lines = wrapLines(s, n);
        for (const l of lines) expect(charCount(l)).toBeLessThanOrEqual(n);
        expect(lines.join('').replace(/\s+/g, '')).toBe(s.replace(/\s+/g, ''));
      }),
    );
  });

  it('breaks at spaces, then after separators, and never inside an errno', () => {
    expect(wrapLines('kvm_mmu_max_mapping_level(): lpage_info, host_pfn_mapping_level()', 31)).toEqual(['kvm_mmu_max_mapping_level():', 'lpage_info,', 'host_pfn_mapping_level()']);
    expect(wrapLines('arch/x86/kvm/mmu/mmu_internal.h', 12)).toEqual(['arch/x86/', 'kvm/mmu/mmu_', 'internal.h']);
    expect(wrapLines('request_mem_region() fails -EBUSY', 10)).toContain('-EBUSY');
  });

  it('gives nothing for an empty text', () => {
    expect(wrapLines('   ', 10)).toEqual([]);
  });
});

describe('text widths', () => {
  it('counts code points, and fits at least one character', () => {
    expect(charCount('→≈')).toBe(2);
    expect(textWidth('abcd', 10)).toBeCloseTo(24.4);
    expect(charsIn(0, 12)).toBe(1);
    expect(charsIn(73.2, 12)).toBe(10);
  });

  it('elides only what does not fit, and says so', () => {
    expect(firstLines(['a', 'b'], 2, 5)).toEqual({ lines: ['a', 'b'], elided: false });
    expect(firstLines(['abcdef', 'b'], 1, 4)).toEqual({ lines: ['abc…'], elided: true });
    expect(firstLines(['a'], 0, 4)).toEqual({ lines: [], elided: true });
  });
});
