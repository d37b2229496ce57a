import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from './io';
import { UsageError } from './io';
import { runIomem } from './iomem';

const SAMPLES = join(__dirname, '../../tests/fixtures/samples');

/** A fake CliIo: files from a map (or the fixtures directory), stdin from a string, output captured. */
function fakeIo(stdin = '', files: Record<string, string> = {}) {
  const cap = { out: '', err: '' };
  const io: CliIo = {
    readFile: (p) => {
      if (p in files) return files[p]!;
      if (p.startsWith(SAMPLES)) return readFileSync(p, 'utf8');
      throw new Error('ENOENT: no such file');
    },
    readStdin: () => stdin,
    out: (s) => (cap.out += s),
    err: (s) => (cap.err += s),
  };
  return { io, cap };
}

describe('runIomem (iomem <file|->)', () => {
  it.each(readdirSync(join(SAMPLES, 'iomem')))('prints %s back byte for byte and exits 0', (f) => {
    const path = join(SAMPLES, 'iomem', f);
    const { io, cap } = fakeIo();
    expect(runIomem([path], io)).toBe(0);
    expect(cap.out).toBe(readFileSync(path, 'utf8'));
  });

  it('reads stdin for "-" and keeps CRLF line ends and a missing final newline', () => {
    const text = '00001000-00001fff : a : b\r\n  00001000-000017ff : c';
    const { io, cap } = fakeIo(text);
    expect(runIomem(['-'], io)).toBe(0);
    expect(cap.out).toBe(text);
  });

  it('damaged input: exit 1, every error as "line N, column C: …" on stderr, nothing on stdout', () => {
    const { io, cap } = fakeIo('[...snip...]\n00001000-00001fff : a\n  00000800-00001fff : b\n00001800-00002fff : c\n');
    expect(runIomem(['-'], io)).toBe(1);
    expect(cap.out).toBe('');
    const lines = cap.err.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^line 1, column 1: not a resource line/);
    expect(lines[1]).toMatch(/^line 3, column 3: range 00000800-00001fff is not inside its parent a \(line 2\)/);
    expect(lines[2]).toMatch(/^line 4, column 1: overlaps its sibling a \(line 2\)/);
    expect(lines[3]).toBe('3 error(s); 1 of 4 lines understood');
  });

  it('the snipped Type-2 sample fails at line 1', () => {
    const { io, cap } = fakeIo();
    expect(runIomem([join(SAMPLES, 'iomem-damaged', 'cxl-type2-accelerator-softreserved-snip-lkml-ppwaskie.iomem')], io)).toBe(1);
    expect(cap.err).toMatch(/^line 1, column 1: /);
    expect(cap.out).toBe('');
  });

  it('mail-mangled indentation is a located warning: the tree is printed with the kernel\'s two-space indent', () => {
    const { io, cap } = fakeIo();
    expect(runIomem([join(SAMPLES, 'iomem-damaged', 'cxl-3windows-formatflowed-3space-indent-lkml-smita.iomem')], io)).toBe(0);
    expect(cap.err).toMatch(/^warning: line 2: indented 3 spaces at depth 1 \(the kernel prints 2\)/);
    expect(cap.out.split('\n').slice(0, 4)).toEqual([
      '850000000-284fffffff : CXL Window 0',
      '  850000000-284fffffff : region0',
      '    850000000-284fffffff : dax0.0',
      '      850000000-284fffffff : System RAM (kmem)',
    ]);
  });

  it('says when the addresses are hidden (non-root dump)', () => {
    const { io, cap } = fakeIo('00000000-00000000 : Reserved\n  00000000-00000000 : pnp 00:05\n');
    expect(runIomem(['-'], io)).toBe(0);
    expect(cap.err).toMatch(/read without CAP_SYS_ADMIN/);
    expect(cap.out).toBe('00000000-00000000 : Reserved\n  00000000-00000000 : pnp 00:05\n');
  });

  it('empty input is an error, not an empty success', () => {
    const { io, cap } = fakeIo('');
    expect(runIomem(['-'], io)).toBe(1);
    expect(cap.err).toMatch(/^stdin: no resource lines/);
  });

  it('bad usage and unreadable files throw UsageError (exit 2 in main) naming the path', () => {
    const { io } = fakeIo();
    expect(() => runIomem([], io)).toThrow(UsageError);
    expect(() => runIomem(['a', 'b'], io)).toThrow(/usage: iomem <file\|->/);
    expect(() => runIomem(['/nope/iomem'], io)).toThrow(/cannot read \/nope\/iomem: ENOENT/);
  });
});
