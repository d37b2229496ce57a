import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIomem, printIomem } from './iomem';
import { checkInvariants, insertResource, newRoot, requestRegion, requestResource } from './tree';
import type { Resource } from './types';
import { IORESOURCE } from './types';

const SAMPLES = join(__dirname, '../../../tests/fixtures/samples');
const clean = readdirSync(join(SAMPLES, 'iomem'));
const damaged = readdirSync(join(SAMPLES, 'iomem-damaged'));

function shape(r: Resource): unknown {
  return { s: r.start.toString(16), e: r.end.toString(16), n: r.name, c: r.children.map(shape) };
}

describe('printIomem (kernel/resource.c r_show)', () => {
  it('indents two spaces per depth, pads to 8 hex digits and caps depth at MAX_IORES_LEVEL (5)', () => {
    const root = newRoot();
    let parent = root;
    for (let d = 0; d < 7; d++) {
      const r = requestResource(parent, { start: 0x1000n, end: 0x1fffn + BigInt(6 - d), name: `d${d}`, flags: IORESOURCE.MEM });
      if (!r.ok) throw new Error('setup');
      parent = r.res;
    }
    const lines = printIomem(root).split('\n');
    expect(lines[0]).toBe('00001000-00002005 : d0');
    expect(lines[1]).toBe('  00001000-00002004 : d1');
    expect(lines[5]).toBe('          00001000-00002000 : d5');
    expect(lines[6]).toBe('          00001000-00001fff : d6');
  });
  it('prints <BAD> for a null name and zeros for a non-root reader', () => {
    const root = newRoot();
    requestResource(root, { start: 0x10_0000_0000n, end: 0x10_ffff_ffffn, name: null, flags: IORESOURCE.MEM });
    expect(printIomem(root)).toBe('1000000000-10ffffffff : <BAD>\n');
    expect(printIomem(root, { nonRoot: true })).toBe('00000000-00000000 : <BAD>\n');
  });
});

describe('parseIomem on real samples (tests/fixtures/samples)', () => {
  it.each(clean)('%s round-trips byte for byte', (f) => {
    const text = readFileSync(join(SAMPLES, 'iomem', f), 'utf8');
    const r = parseIomem(text);
    expect(r.errors).toEqual([]);
    expect(printIomem(r.tree, { finalNewline: r.finalNewline, eol: r.eol })).toBe(text);
  });
  it('recognises the non-root dump (all addresses zero) instead of reporting overlaps', () => {
    const r = parseIomem(readFileSync(join(SAMPLES, 'iomem', 'laptop-x86-acer-nonroot-zeroed-addresses-lkml-dioputra.iomem'), 'utf8'));
    expect(r.nonRoot).toBe(true);
    expect(r.errors).toEqual([]);
    expect(r.nodeCount).toBe(74);
  });
  it('nests the format=flowed 3/5/7-space indents by relative indentation and warns', () => {
    const r = parseIomem(readFileSync(join(SAMPLES, 'iomem-damaged', 'cxl-3windows-formatflowed-3space-indent-lkml-smita.iomem'), 'utf8'));
    expect(r.errors).toEqual([]);
    expect(r.warnings.length).toBe(1);
    const w0 = r.tree.children[0]!;
    expect(w0.name).toMatch(/^CXL Window/);
    expect(w0.children[0]!.children[0]!.children[0]!.name).toBe('System RAM (kmem)');
    expect(checkInvariants(r.tree)).toBeNull();
  });
  it('rejects the [...snip...] line with its line number and keeps the rest (PJ Waskiewicz sample)', () => {
    const r = parseIomem(readFileSync(join(SAMPLES, 'iomem-damaged', 'cxl-type2-accelerator-softreserved-snip-lkml-ppwaskie.iomem'), 'utf8'));
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.line).toBe(1);
    expect(r.nodeCount).toBe(2);
    expect(r.tree.children[0]!.name).toBe('CXL Window 0');
    expect(r.tree.children[0]!.children[0]!.name).toBe('Soft Reserved');
  });
  it.each(damaged)('%s never throws and yields a partial tree', (f) => {
    const r = parseIomem(readFileSync(join(SAMPLES, 'iomem-damaged', f), 'utf8'));
    expect(r.nodeCount).toBeGreaterThan(0);
    expect(checkInvariants(r.tree)).toBeNull();
  });
});

describe('parseIomem errors are located', () => {
  it.each([
    ['00001000-00000fff : backwards\n', 1, /below start/],
    ['00001000-00001fff : a\n00001800-00002fff : b\n', 2, /overlaps its sibling a \(line 1\)/],
    ['00002000-00002fff : a\n00001000-00001fff : b\n', 2, /out of order/],
    ['00001000-00001fff : a\n  00000000-00002fff : b\n', 2, /not inside its parent a/],
    ['zzzz-00001fff : a\n', 1, /start address/],
    ['00001000-00001fff a\n', 1, /not a resource line/],
    ['\t00001000-00001fff : a\n', 1, /tab/],
    ['00001000-10000000000000000 : a\n', 1, /end address/],
  ])('%j → line %d', (text, line, msg) => {
    const r = parseIomem(text);
    expect(r.errors[0]?.line).toBe(line);
    expect(r.errors[0]?.message).toMatch(msg);
  });
  it('skips the children of a rejected line, saying why', () => {
    const r = parseIomem('00001000-00000fff : bad\n  00001000-00001fff : child\n00002000-00002fff : ok\n');
    expect(r.errors.map((e) => e.line)).toEqual([1, 2]);
    expect(r.errors[1]!.message).toMatch(/parent at line 1 was rejected/);
    expect(r.tree.children.map((c) => c.name)).toEqual(['ok']);
  });
  it('accepts CRLF line ends and names containing " : "', () => {
    const text = '00001000-00001fff : a : b\r\n  00001000-000017ff : c\r\n';
    const r = parseIomem(text);
    expect(r.errors).toEqual([]);
    expect(r.tree.children[0]!.name).toBe('a : b');
    expect(printIomem(r.tree, { eol: r.eol, finalNewline: r.finalNewline })).toBe(text);
  });
});

// Random valid trees built through the kernel operations.
const treeArb = fc
  .array(fc.record({ s: fc.bigInt({ min: 0n, max: (1n << 52n) - 1n }), l: fc.bigInt({ min: 1n, max: 1n << 40n }), ins: fc.boolean(), name: fc.string({ minLength: 1, maxLength: 12 }).map((s) => s.replace(/[\r\n]/g, '_').trim() || 'x') }), { maxLength: 30 })
  .map((specs) => {
    const root = newRoot();
    for (const sp of specs) {
      const spec = { start: sp.s, end: sp.s + sp.l - 1n, name: sp.name, flags: IORESOURCE.MEM };
      if (sp.ins) insertResource(root, spec);
      else requestRegion(root, sp.s, sp.l, sp.name);
    }
    return root;
  });

describe('parse ∘ print (fast-check)', () => {
  it('parse(print(t)) has the shape of t when depth ≤ 5', () => {
    fc.assert(
      fc.property(treeArb, (t) => {
        let deep = false;
        const depth = (r: Resource, d: number): void => {
          if (d > 6) deep = true;
          r.children.forEach((c) => depth(c, d + 1));
        };
        depth(t, 0);
        fc.pre(!deep);
        const text = printIomem(t);
        const r = parseIomem(text);
        expect(r.errors).toEqual([]);
        expect(shape(r.tree)).toEqual(shape(t));
        expect(printIomem(r.tree)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('hostile input never throws, errors carry line numbers, and the tree keeps its invariants', () => {
    const line = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.tuple(fc.nat(12), fc.bigInt({ min: 0n, max: (1n << 64n) + 5n }), fc.bigInt({ min: 0n, max: (1n << 64n) + 5n }), fc.string({ maxLength: 20 })).map(
        ([ind, a, b, n]) => `${' '.repeat(ind)}${a.toString(16)}-${b.toString(16)} : ${n}`,
      ),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), fc.constantFrom('\n', '\r\n'), fc.boolean(), (lines, eol, cut) => {
        let text = lines.join(eol);
        if (cut) text = text.slice(0, Math.floor(text.length / 2));
        const r = parseIomem(text);
        for (const e of r.errors) expect(e.line).toBeGreaterThanOrEqual(1);
        if (!r.nonRoot) expect(checkInvariants(r.tree)).toBeNull();
      }),
      { numRuns: 1000 },
    );
  });
});
