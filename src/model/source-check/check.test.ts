import { describe, expect, it } from 'vitest';
import type { Source } from '../source';
import { changesOf } from './all-versions';
import { checkSources } from './check';
import { citedRevision, outOfTree } from './cited';
import type { SourceTree } from './tree';
import { worstOutcome } from './types';

type Up = Extract<Source, { kind: 'upstream' }>;
const up = (file: string, fn: string, version: string, extra: Partial<Up> = {}): Up => ({ kind: 'upstream', file, fn, version, verified: true, ...extra });

/** A tree in memory: revision → path → text. */
function memTree(revs: Record<string, Record<string, string>>): SourceTree {
  const files = (rev: string | null) => revs[rev ?? 'WORK'] ?? {};
  return {
    resolve: async (r) => (r in revs ? r : null),
    read: async (rev, path) => files(rev)[path] ?? null,
    candidates: async (rev, name) => Object.keys(files(rev)).filter((p) => files(rev)[p]!.includes(name)),
  };
}

describe('citedRevision', () => {
  it('takes a release tag from elixirTag or version, and a commit hash', () => {
    expect(citedRevision(up('a.c', 'f()', 'v6.19'))).toEqual({ commit: null, tag: 'v6.19' });
    expect(citedRevision(up('a.c', 'f()', '6.19'))).toEqual({ commit: null, tag: 'v6.19' });
    expect(citedRevision(up('a.c', 'f()', 'v6.17+'))).toEqual({ commit: null, tag: 'v6.17' });
    expect(citedRevision(up('a.c', 'f()', 'v6.x', { elixirTag: 'v6.19', commit: 'fb9888fd' }))).toEqual({ commit: 'fb9888fd', tag: 'v6.19' });
    for (const v of ['v6.x', '~v6.12', 'v5.2–6.13', '7.0 (for-7.0/cxl-init)', 'NV-Kernels (commit unknown)']) expect(citedRevision(up('a.c', 'f()', v)).tag, v).toBeNull();
    expect(citedRevision(up('a.c', 'f()', 'v6.x', { commit: 'not-a-hash' })).commit).toBeNull();
  });
});

describe('outOfTree', () => {
  it('names code outside mainline and paths that are not tree paths', () => {
    expect(outOfTree(up('backends/hostmem.c (QEMU)', 'x', 'QEMU'))).toBe('backends/hostmem.c is in QEMU, not in a kernel tree');
    expect(outOfTree(up('../etc/passwd', 'x', 'v6.x'))).toMatch(/not a path in a kernel tree/);
    expect(outOfTree(up('/etc/passwd', 'x', 'v6.x'))).toMatch(/not a path in a kernel tree/);
    expect(outOfTree(up('mm/memory.c', 'x', 'v6.x'))).toBeNull();
  });
});

describe('checkSources over an in-memory tree', () => {
  const tree = memTree({
    'v6.19': { 'mm/a.c': 'int f(void)\n{\n}\n', 'mm/b.c': 'int g(void)\n{\n}\n' },
    WORK: { 'mm/a.c': '\nint f(void)\n{\n}\n' },
  });
  const opts = { tree, fallback: { commit: null, label: 'working tree' }, fallbackForMissing: false };
  it('gives found, moved, gone and not-checkable rows in registry order', async () => {
    const rows = await checkSources({
      ...opts,
      sources: { a: up('mm/a.c', 'f()', 'v6.19'), b: up('mm/a.c', 'g()', 'v6.19'), c: up('mm/a.c', 'h()', 'v6.19'), d: up('mm/a.c', 'f()', 'v6.x'), e: up('mm/a.c', 'f()', 'v7.0') },
    });
    expect(rows.map((r) => [r.id, r.outcome, r.at && `${r.at.file}:${r.at.line}`])).toEqual([
      ['a', 'found', 'mm/a.c:1'], ['b', 'moved', 'mm/b.c:1'], ['c', 'gone', null], ['d', 'found', 'mm/a.c:2'], ['e', 'not-checkable', null],
    ]);
  });
  it('turns a failing lookup into a not-checkable row with the reason, not a crash', async () => {
    const broken: SourceTree = { ...tree, read: async () => { throw new Error('git cat-file: no answer within 60 s'); } };
    const rows = await checkSources({ ...opts, tree: broken, sources: { a: up('mm/a.c', 'f()', 'v6.19') } });
    expect(rows).toMatchObject([{ id: 'a', outcome: 'not-checkable', reason: 'lookup failed: git cat-file: no answer within 60 s' }]);
  });
  it('is deterministic', async () => {
    const sources = { a: up('mm/a.c', 'f()', 'v6.19'), b: up('mm/a.c', 'g()', 'v6.19') };
    expect(await checkSources({ ...opts, sources })).toEqual(await checkSources({ ...opts, sources }));
  });
});

describe('changesOf and worstOutcome', () => {
  const cell = (rev: string, outcome: 'found' | 'moved' | 'gone' | 'not-checkable', file: string | null = null) => ({ rev, outcome, at: file ? { file, line: 1 } : null, reason: null });
  it('reports appearances, disappearances and moves across unknown versions', () => {
    expect(changesOf([cell('v6.11', 'gone'), cell('v6.12', 'not-checkable'), cell('v6.17', 'found', 'a.c'), cell('v7.0', 'moved', 'b.c'), cell('v7.1', 'gone')]).map((c) => `${c.what}@${c.rev}<${c.since}`)).toEqual([
      'appears@v6.17<v6.11', 'moves@v7.0<v6.17', 'disappears@v7.1<v7.0',
    ]);
  });
  it('ranks gone over moved over not-checkable over found', () => {
    expect(worstOutcome(['found', 'not-checkable'])).toBe('not-checkable');
    expect(worstOutcome(['found', 'moved', 'not-checkable'])).toBe('moved');
    expect(worstOutcome(['gone', 'moved'])).toBe('gone');
    expect(worstOutcome([])).toBe('not-checkable');
  });
});
