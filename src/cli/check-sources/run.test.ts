import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkedLinesSchema } from '../../model/source-check/checked';
import type { Source } from '../../model/source';
import { main } from '../main';
import { runCheckSources } from './run';
import { fixtureSources, makeFixtureRepo } from './testing/fixture';
import { makeKernelRepo, type KernelRepo } from './testing/kernel-repo';

let repo: KernelRepo;
let sources: Record<string, Source>;
const scratch = mkdtempSync(join(tmpdir(), 'hdm-check-out-'));

beforeAll(() => {
  repo = makeFixtureRepo();
  sources = fixtureSources(repo.commits[0]!);
});
afterAll(() => {
  repo.remove();
  rmSync(scratch, { recursive: true, force: true });
});

async function run(argv: string[], reg: Record<string, Source> | undefined = sources) {
  let out = '';
  let err = '';
  const io = { readFile: () => '', readStdin: () => '', out: (s: string) => (out += s), err: (s: string) => (err += s) };
  const code = await runCheckSources(argv, io, { sources: reg, now: () => new Date('2026-05-04T12:00:00Z') }).catch((e: unknown) => {
    err += (e as Error).message;
    return 2;
  });
  return { code, out, err };
}

interface Row { id: string; file: string; symbol: string | null; version: string; outcome: string; at: { file: string; line: number } | null; rev: string | null; reason: string | null }
const byId = (rows: Row[], id: string) => rows.filter((r) => r.id === id);

describe('check-sources against a kernel-shaped git repository', () => {
  let rows: Row[];
  let json: { tree: string; rev: string | null; sources: Row[] };
  let code: number;
  beforeAll(async () => {
    const r = await run(['--tree', repo.dir, '--format', 'json']);
    code = r.code;
    json = JSON.parse(r.out);
    rows = json.sources;
  });

  it('prints { tree, rev, sources: [ { id, file, symbol, version, outcome, at } ] }', () => {
    expect(json.tree).toBe(repo.git('rev-parse', '--show-toplevel').trim());
    expect(json.rev).toBeNull();
    for (const r of rows) {
      expect(Object.keys(r)).toEqual(expect.arrayContaining(['id', 'file', 'symbol', 'version', 'outcome', 'at']));
      expect(['found', 'moved', 'gone', 'not-checkable']).toContain(r.outcome);
      expect(r.at === null || (typeof r.at.file === 'string' && Number.isInteger(r.at.line))).toBe(true);
    }
    expect(rows.some((r) => r.id === 't/patch')).toBe(false);
  });

  it('finds a function at the tag its source cites, with its line', () => {
    expect(byId(rows, 't/found')).toMatchObject([{ symbol: 'follow_pfnmap_start', outcome: 'found', at: { file: 'mm/memory.c', line: 14 }, rev: 'v7.1' }]);
    expect(byId(rows, 't/old-name')).toMatchObject([{ symbol: 'follow_pte', outcome: 'found', at: { file: 'mm/memory.c', line: 5 }, rev: 'v6.11' }]);
  });

  it('reports a function renamed away at the cited version as gone, though comments still mention it', () => {
    expect(byId(rows, 't/renamed')).toMatchObject([{ outcome: 'gone', at: null, rev: 'v7.1' }]);
    expect(code).toBe(1);
  });

  it('looks at the cited commit when the tree has it', () => {
    expect(byId(rows, 't/by-commit')).toMatchObject([{ outcome: 'found', rev: repo.commits[0]!.slice(0, 8) }]);
  });

  it('says where a moved function is defined', () => {
    expect(byId(rows, 't/moved')).toMatchObject([{ outcome: 'moved', at: { file: 'arch/arm64/include/asm/kvm_mmu.h', line: 4 } }]);
  });

  it('finds a macro, a struct, a member, an enum constant and a Kconfig entry', () => {
    expect(byId(rows, 't/macro')).toMatchObject([{ outcome: 'found', at: { line: 4 }, rev: 'working tree' }]);
    expect(byId(rows, 't/struct')).toMatchObject([{ outcome: 'found', at: { line: 11 } }]);
    expect(byId(rows, 't/member')).toMatchObject([{ symbol: 'pgoff', outcome: 'found', at: { line: 14 } }]);
    expect(byId(rows, 't/enum')).toMatchObject([{ outcome: 'found', at: { line: 7 } }]);
    expect(byId(rows, 't/kconfig')).toMatchObject([{ outcome: 'found', at: { file: 'mm/Kconfig', line: 4 } }]);
    expect(byId(rows, 't/kconfig-early')).toMatchObject([{ outcome: 'gone' }]);
  });

  it('checks each name of a citation naming two', () => {
    expect(byId(rows, 't/two').map((r) => [r.symbol, r.outcome])).toEqual([['e820_type_to_string', 'found'], ['do_mark_busy', 'gone']]);
  });

  it('reports what it cannot check, with the reason, instead of failing', () => {
    expect(byId(rows, 't/missing-file')).toMatchObject([{ outcome: 'not-checkable', reason: 'no drivers/cxl/acpi.c at v7.1' }]);
    expect(byId(rows, 't/no-such-tag')).toMatchObject([{ outcome: 'not-checkable', reason: 'no v6.19 in the tree', rev: null }]);
    expect(byId(rows, 't/out-of-tree')[0]!.reason).toMatch(/in NVIDIA\/NV-Kernels, not in a kernel tree/);
    expect(byId(rows, 't/prose')).toMatchObject([{ symbol: null, outcome: 'not-checkable', reason: '"host-nodes=N,policy=bind (mbind)" is not a C identifier' }]);
    expect(byId(rows, 't/metachars').map((r) => r.outcome)).toEqual(['not-checkable', 'not-checkable', 'not-checkable']);
  });

  it('checks citations of a version the tree lacks at --rev', async () => {
    const r = await run(['--tree', repo.dir, '--rev', 'v7.1', '--format', 'json']);
    const j = JSON.parse(r.out) as { rev: string; sources: Row[] };
    expect(j.rev).toBe('v7.1');
    expect(byId(j.sources, 't/no-such-tag')).toMatchObject([{ outcome: 'found', rev: 'v7.1' }]);
    expect(byId(j.sources, 't/macro')).toMatchObject([{ outcome: 'found', rev: 'v7.1' }]);
  });

  it('prints text within 80 columns, problems first, and the same outcomes', async () => {
    const r = await run(['--tree', repo.dir]);
    expect(r.code).toBe(1);
    const lines = r.out.split('\n');
    for (const l of lines) expect(l.length, l).toBeLessThanOrEqual(80);
    expect(r.out.indexOf('GONE')).toBeLessThan(r.out.indexOf('MOVED'));
    expect(r.out.indexOf('MOVED')).toBeLessThan(r.out.indexOf('NOT CHECKABLE'));
    expect(r.out.indexOf('NOT CHECKABLE')).toBeLessThan(r.out.indexOf('FOUND'));
    expect(r.out).toMatch(/t\/moved kvm_vma_is_cacheable\n {6}arch\/arm64\/include\/asm\/kvm_mmu\.h:4 at v7\.1; not defined in\n {6}arch\/arm64\/kvm\/mmu\.c at v7\.1/);
    expect(r.out).toContain('t/found follow_pfnmap_start mm/memory.c:14 (v7.1)');
    expect(r.out).toContain('t/two do_mark_busy\n      not defined in arch/x86/kernel/e820.c or elsewhere in the working tree');
    expect(r.out).toMatch(/17 citations, 20 names: 9 found, 1 moved, 3 gone, 7 not-checkable/);
  });

  it('exits 0 when nothing is gone', async () => {
    const ok = { 't/found': sources['t/found']!, 't/moved': sources['t/moved']!, 't/missing-file': sources['t/missing-file']! };
    expect((await run(['--tree', repo.dir], ok)).code).toBe(0);
  });
});

describe('check-sources --all-versions', () => {
  it('says where a name appears and disappears between the model\'s kernel versions', async () => {
    const r = await run(['--tree', repo.dir, '--all-versions', '--format', 'json']);
    const j = JSON.parse(r.out) as { versions: string[]; sources: Array<{ id: string; outcomes: Array<{ rev: string; outcome: string }>; changes: unknown[]; gone: boolean }> };
    expect(j.versions).toEqual(['v6.11', 'v6.12', 'v6.17', 'v7.0', 'v7.1']);
    const one = (id: string) => j.sources.find((s) => s.id === id)!;
    expect(one('t/found').outcomes.map((o) => o.outcome)).toEqual(['gone', 'not-checkable', 'not-checkable', 'not-checkable', 'found']);
    expect(one('t/found').changes).toEqual([{ rev: 'v7.1', what: 'appears', since: 'v6.11', at: { file: 'mm/memory.c', line: 14 } }]);
    expect(one('t/old-name').changes).toEqual([{ rev: 'v7.1', what: 'disappears', since: 'v6.11', at: null }]);
    expect(one('t/moved').changes).toEqual([{ rev: 'v7.1', what: 'moves', since: 'v6.11', at: { file: 'arch/arm64/include/asm/kvm_mmu.h', line: 4 } }]);
    expect(one('t/renamed').gone).toBe(true);
    expect(one('t/old-name').gone).toBe(false);
    expect(r.code).toBe(1);
  });

  it('prints a grid within 80 columns', async () => {
    const r = await run(['--tree', repo.dir, '--all-versions']);
    for (const l of r.out.split('\n')) expect(l.length, l).toBeLessThanOrEqual(80);
    expect(r.out).toContain('v6.11 v6.12 v6.17 v7.0 v7.1');
    expect(r.out).toContain('  -     ?     ?     ?    F   t/found follow_pfnmap_start\n                               appears in v7.1 (mm/memory.c:14), not defined in\n');
  });
});

describe('check-sources --write', () => {
  it('writes each source\'s outcome and line with the tree\'s describe string and the date', async () => {
    const file = join(scratch, 'lines.json');
    const r = await run(['--tree', repo.dir, '--write=' + file, '--note', 'test tree']);
    expect(r.err).toMatch(/^wrote .*lines\.json: 17 sources, checked against /);
    const c = parse(checkedLinesSchema, JSON.parse(readFileSync(file, 'utf8')));
    const describe = repo.git('describe', '--tags', '--always', '--dirty').trim();
    expect(c).toMatchObject({ tree: describe, date: '2026-05-04', note: 'test tree' });
    expect(c.sources['t/found']).toMatchObject({ rev: 'v7.1', outcome: 'found', symbols: [{ symbol: 'follow_pfnmap_start', at: { file: 'mm/memory.c', line: 14 } }] });
    expect(c.sources['t/macro']!.rev).toBe(describe);
    expect(c.sources['t/two']!.outcome).toBe('gone');
    expect(readFileSync(file, 'utf8').split('\n').filter((l) => l.startsWith('    "t/')).length).toBe(17);
  });
});

describe('check-sources on bad input', () => {
  it.each([
    [['--tree', '/nonexistent/linux'], /--tree \/nonexistent\/linux: no such directory/],
    [['--tree', tmpdir()], /not a git work tree/],
    [[], /--tree is required/],
    [['--tree'], /--tree needs a directory/],
    [['--tree', '.', '--format', 'xml'], /--format: unknown value "xml"/],
    [['--tree', '.', '--bogus'], /unknown option "--bogus"/],
    [['--tree', '.', '--rev', '-x'], /--rev "-x": not a revision name/],
    [['--tree', '.', '--rev', 'a b'], /not a revision name/],
    [['--tree', '.', '--all-versions', '--write'], /does not go with --all-versions/],
    [['--tree', '.', '--note', 'x'], /--note goes with --write/],
  ])('%j exits 2 with a located message', async (argv, msg) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(msg);
  });

  it('rejects a revision the tree does not have, and a directory inside the tree', async () => {
    expect((await run(['--tree', repo.dir, '--rev', 'v9.9'])).err).toMatch(/--rev v9\.9: no such revision in /);
    expect((await run(['--tree', join(repo.dir, 'mm')])).err).toMatch(/inside the git tree .*; give its top directory/);
  });

  it('rejects a file given as the tree', async () => {
    const f = join(scratch, 'plain-file');
    writeFileSync(f, 'x');
    expect((await run(['--tree', f])).err).toMatch(/not a directory/);
  });

  it('treats a tree path with shell metacharacters as a path, and runs nothing from it', async () => {
    const odd = makeKernelRepo([{ files: { 'mm/memory.c': 'int follow_pfnmap_start(void)\n{\n}\n' }, tags: ['v7.1'] }], "hdm k $(touch PWNED); `id` '\"-");
    try {
      const r = await run(['--tree', odd.dir, '--format', 'json'], { 't/found': sources['t/found']! });
      expect(JSON.parse(r.out).sources[0]).toMatchObject({ outcome: 'found', at: { line: 1 } });
      expect(existsSync('PWNED')).toBe(false);
      expect(existsSync(join(odd.dir, 'PWNED'))).toBe(false);
    } finally {
      odd.remove();
    }
  });

  it('does not read outside the tree through a symlink in the working tree', async () => {
    const outside = join(scratch, 'secret.c');
    writeFileSync(outside, '#define VM_PFNMAP 1\n');
    const t = makeKernelRepo([{ files: { 'README': 'x' } }]);
    try {
      symlinkSync(outside, join(t.dir, 'include-link.h'));
      const reg = { s: { kind: 'upstream', file: 'include-link.h', fn: 'VM_PFNMAP', version: 'v6.x', verified: true } as Source };
      const r = await run(['--tree', t.dir, '--format', 'json'], reg);
      expect(JSON.parse(r.out).sources[0]).toMatchObject({ outcome: 'not-checkable' });
    } finally {
      t.remove();
    }
  });

  it('is reached from the command line entry, with its exit codes', async () => {
    let err = '';
    const io = { readFile: () => '', readStdin: () => '', out: () => undefined, err: (s: string) => (err += s) };
    expect(await main(['check-sources', '--tree', '/nonexistent'], io)).toBe(2);
    expect(err).toMatch(/^error: --tree \/nonexistent: no such directory/);
    let out = '';
    expect(await main(['check-sources', '--help'], { ...io, out: (s: string) => (out += s) })).toBe(0);
    // The same page as hdm-atlas help check-sources: man(1) layout from manual.ts, sections from CHECK_SOURCES_HELP.
    expect(out).toMatch(/^HDM-ATLAS-CHECK-SOURCES\(1\).*\n\nNAME\n {7}hdm-atlas check-sources - /);
    for (const l of out.split('\n')) expect(l.length, l).toBeLessThanOrEqual(80);
  });
});
