import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeImports, newerIn, stamp, withoutTexts } from './importMerge';
import type { StoredImports } from './importStorage';

const T = (m: number) => new Date(Date.UTC(2026, 0, 1, 0, m)).toISOString();
const iomem = (name: string, m: number, range: string | null = null): StoredImports['iomem'] => ({ name, text: `0-fff : ${name}\n`, savedAt: T(m), range });

describe('stamp', () => {
  it('keeps the time of an unchanged slot, stamps a new or changed one, and records a removal', () => {
    const prev: StoredImports = { version: 1, iomem: iomem('a', 1) };
    expect(stamp(prev, { version: 1, iomem: { ...iomem('a', 1)!, savedAt: T(9) } }, T(5)).iomem?.savedAt).toBe(T(1));
    expect(stamp(prev, { version: 1, iomem: iomem('a', 1, '1000-1fff') }, T(5)).iomem?.savedAt).toBe(T(5));
    expect(stamp(prev, { version: 1 }, T(5))).toEqual({ version: 1, removed: { iomem: T(5) } });
    expect(stamp({ version: 1, removed: { iomem: T(5) } }, { version: 1, iomem: iomem('b', 0) }, T(6))).toEqual({ version: 1, iomem: { ...iomem('b', 0), savedAt: T(6) } });
  });
});

describe('mergeImports', () => {
  it('keeps per slot the newest copy or removal, so two tabs do not overwrite each other', () => {
    const tabA: StoredImports = { version: 1, iomem: iomem('A', 2) };
    const tabB: StoredImports = { version: 1, iomem: iomem('old', 1), trace: { name: 't', text: 'x', savedAt: T(3), functions: null } };
    const m = mergeImports(tabB, tabA);
    expect(m.iomem?.name).toBe('A');
    expect(m.trace?.name).toBe('t');
    expect(mergeImports({ version: 1, removed: { iomem: T(4) } }, tabA)).toEqual({ version: 1, removed: { iomem: T(4) } });
  });
  it('is commutative apart from exact ties, and idempotent', () => {
    const slot = fc.option(fc.integer({ min: 0, max: 50 }).map((m) => iomem(`n${m}`, m)), { nil: undefined });
    const rec = fc.record({ s: slot, r: fc.option(fc.integer({ min: 0, max: 50 }).map((m) => T(m) + 'r'), { nil: undefined }) }).map(({ s, r }) => {
      const v: StoredImports = { version: 1 };
      if (s) v.iomem = s;
      if (r) v.removed = { iomem: r.slice(0, -1) };
      return v;
    });
    fc.assert(
      fc.property(rec, rec, (a, b) => {
        const times = [a.iomem?.savedAt, a.removed?.iomem, b.iomem?.savedAt, b.removed?.iomem].filter(Boolean);
        if (new Set(times).size === times.length) expect(mergeImports(a, b)).toEqual(mergeImports(b, a));
        expect(mergeImports(a, a)).toEqual(mergeImports(a, {version: 1}));
        const ab = mergeImports(a, b);
        expect(mergeImports(ab, b)).toEqual(ab);
      }),
    );
  });
});

describe('newerIn', () => {
  it('names the slots another tab imported, changed or removed after this one', () => {
    const mine: StoredImports = { version: 1, iomem: iomem('mine', 2) };
    expect(newerIn({ version: 1, iomem: iomem('theirs', 3) }, mine)).toEqual(['iomem']);
    expect(newerIn({ version: 1, iomem: iomem('older', 1) }, mine)).toEqual([]);
    expect(newerIn({ version: 1, removed: { iomem: T(3) } }, mine)).toEqual(['iomem']);
    expect(newerIn({ version: 1, removed: { iomem: T(3) } }, { version: 1 })).toEqual([]);
    expect(newerIn({ ...mine, iomem: { ...mine.iomem!, savedAt: T(4) } }, mine)).toEqual([]);
  });
});

describe('withoutTexts', () => {
  it('drops every text and says why', () => {
    expect(withoutTexts({ version: 1, iomem: iomem('a', 1) }).iomem).toEqual({ ...iomem('a', 1), text: null, why: 'storage-full' });
  });
});
