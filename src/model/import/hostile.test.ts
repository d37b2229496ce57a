import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIomem } from '../resource/iomem';
import { suggestCandidates } from './candidates';
import { parseMaps } from './maps';
import { IMPORT_KINDS, parseImport } from './parseImport';
import { parseRange } from './range';
import { parseTrace } from './trace';

const hex64 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }).map((v) => v.toString(16));
const name = fc.oneof(fc.constantFrom('System RAM', 'CXL Window 0', 'region0', 'Soft Reserved', 'a : b : c', 'dax0.0'), fc.string());
const iomemLine = fc.tuple(fc.nat({ max: 12 }), hex64, hex64, name).map(([ind, a, b, n]) => `${' '.repeat(ind)}${a}-${b} : ${n}`);
const mapsLine = fc.tuple(hex64, hex64, fc.constantFrom('rw-s', 'r--p', 'rwxp', 'bad!'), hex64, name).map(
  ([a, b, p, o, n]) => `${a}-${b} ${p} ${o} 00:0f 1050 ${n}`,
);
const traceLine = fc.oneof(
  fc.tuple(fc.nat({ max: 300 }), fc.nat({ max: 20 }), fc.constantFrom('hva_to_pfn', 'make_spte [kvm]', 'x.isra.0')).map(
    ([cpu, d, f]) => `${cpu}) ${'  '.repeat(d)}|  ${f}() {`,
  ),
  fc.nat({ max: 3 }).map((c) => ` ${c})   1.2 us   |  }`),
  fc.tuple(hex64, hex64).map(([a, e]) => `CPU 1/KVM-1 [001] ..... 1.5: kvm_page_fault: vcpu 1 rip 0x${a} address 0x${a} error_code 0x${e}`),
);

/** Lines joined with random EOLs, then maybe truncated anywhere. */
const doc = (line: fc.Arbitrary<string>) =>
  fc.tuple(fc.array(fc.oneof(line, fc.string()), { maxLength: 40 }), fc.constantFrom('\n', '\r\n'), fc.nat()).map(([ls, eol, cut]) => {
    const t = ls.join(eol);
    return t.slice(0, t.length === 0 ? 0 : cut % (t.length + 1));
  });

function located(errs: { line: number; column?: number; message: string }[], lineCount: number): void {
  for (const e of errs) {
    expect(e.line).toBeGreaterThanOrEqual(1);
    expect(e.line).toBeLessThanOrEqual(Math.max(lineCount, 1));
    if (e.column !== undefined) expect(e.column).toBeGreaterThanOrEqual(1);
    expect(e.message.length).toBeGreaterThan(0);
  }
}

describe('hostile input never throws and errors are located', () => {
  it('maps/smaps/pmap', () => {
    fc.assert(
      fc.property(doc(mapsLine), (t) => {
        const r = parseMaps(t);
        located(r.errors, r.lineCount);
        for (const v of r.vmas) expect(v.end >= v.start).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('traces', () => {
    fc.assert(
      fc.property(doc(traceLine), (t) => {
        const r = parseTrace(t);
        located([...r.errors, ...r.warnings], r.lineCount);
        for (const f of r.functions) expect(f.count).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('iomem candidates over unsorted, overlapping, 64-bit, " : " names', () => {
    fc.assert(
      fc.property(doc(iomemLine), (t) => {
        const p = parseIomem(t);
        const c = suggestCandidates(p.tree, { nonRoot: p.nonRoot, lineOf: p.lineOf });
        for (const x of c.candidates) {
          expect(x.end >= x.start).toBe(true);
          expect(x.line).toBeGreaterThanOrEqual(1);
        }
        if (p.nonRoot) expect(c.candidates).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('random bytes through the detector and every parser', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const t = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
        const r = parseImport(t);
        if (r.kind === 'rejected') expect(r.message.length).toBeGreaterThan(0);
        for (const k of IMPORT_KINDS) parseImport(t, { kind: k });
        const rr = parseRange(t);
        if (!rr.ok) expect(rr.column).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });

  it('a name containing " : " is not mistaken for the name before it', () => {
    const p = parseImport('1000-1fff : CXL Window 0\n  1000-1fff : Soft Reserved : x\n');
    expect(p.kind).toBe('iomem');
    if (p.kind !== 'iomem') return;
    expect(p.candidates.candidates.map((c) => [c.kind, c.name])).toEqual([['cxl-window', 'CXL Window 0']]);
    expect(p.iomem.tree.children[0]!.children[0]!.name).toBe('Soft Reserved : x');
  });
});

describe('huge damaged input stays linear', () => {
  const MB20 = 20 * 1024 * 1024;
  const fill = (line: string) => line.repeat(Math.ceil(MB20 / line.length));

  it('20 MB of quoted, wrapped /proc/iomem: restored and parsed', () => {
    const t0 = performance.now();
    const r = parseImport(fill('> 00001000-00001fff : a name\n'), { kind: 'iomem' });
    expect(r.kind).toBe('iomem');
    expect(performance.now() - t0).toBeLessThan(30_000);
  });

  it('20 MB of maps lines wrapped before their path: rejoined and parsed', () => {
    const t0 = performance.now();
    const r = parseImport(fill('7f2ad4110000-7f2ad4114000 rw-s 40000000000 00:0f 3091\nanon_inode:[vfio-device]\n'), { kind: 'maps' });
    expect(r.kind === 'maps' && r.maps.vmas[0]!.vfio).toBe(true);
    expect(performance.now() - t0).toBeLessThan(30_000);
  });

  it('a 20 MB bundle', () => {
    const t0 = performance.now();
    const r = parseImport('# hdm-atlas bundle v1\n=== /proc/iomem\n' + fill('00001000-00001fff : x\n'), { kind: 'bundle' });
    expect(r.kind).toBe('bundle');
    expect(performance.now() - t0).toBeLessThan(30_000);
  });

  it('cxl list JSON nested 100,000 deep is refused with a located error, never a stack overflow', () => {
    const r = parseImport('[\n' + '{"a":['.repeat(100_000), { kind: 'cxl' });
    expect(r).toMatchObject({ kind: 'rejected', line: 2 });
  });
});
