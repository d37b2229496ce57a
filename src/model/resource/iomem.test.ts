import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inferFlags, MAX_PARSE_DEPTH, parseIomem, printIomem } from './iomem';
import { checkInvariants, insertResource, newRoot, requestRegion, requestResource, walk } from './tree';
import type { OpResult } from './tree';
import type { Resource } from './types';
import { IORESOURCE, IORESOURCE_SYSTEM_RAM, IORES_DESC } from './types';

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
  it('pads to 4 digits when the root ends below 0x10000 (r_show width rule, as for /proc/ioports)', () => {
    const root = newRoot();
    root.end = 0xffffn;
    requestResource(root, { start: 0x60n, end: 0x60n, name: 'keyboard', flags: IORESOURCE.IO });
    requestResource(root, { start: 0xcf8n, end: 0xcffn, name: 'PCI conf1', flags: IORESOURCE.IO });
    expect(printIomem(root)).toBe('0060-0060 : keyboard\n0cf8-0cff : PCI conf1\n');
  });
  it('prints nothing for an empty tree', () => {
    expect(printIomem(newRoot())).toBe('');
  });
});

describe('parseIomem beyond MAX_IORES_LEVEL', () => {
  /** A chain d0 ⊃ d1 ⊃ … of `n` levels, each 16 bytes shorter than its parent, and a sibling after the deepest. */
  function chain(n: number): Resource {
    const root = newRoot();
    let parent = root;
    for (let d = 0; d < n; d++) {
      const r = requestResource(parent, { start: 0x1000n, end: 0x2fffn - 0x10n * BigInt(d), name: `d${d}`, flags: IORESOURCE.MEM });
      if (!r.ok) throw new Error('setup');
      parent = r.res;
    }
    const sib = requestResource(parent.parent!, { start: parent.end + 1n, end: parent.end + 1n, name: 'sib', flags: IORESOURCE.MEM });
    if (!sib.ok) throw new Error('setup');
    return root;
  }
  it('rebuilds 9 levels printed at the capped indent (each capped line goes under the deepest earlier line containing it)', () => {
    const t = chain(9);
    const text = printIomem(t);
    expect(text.split('\n').filter((l) => l.startsWith('          0')).length).toBe(5);
    const r = parseIomem(text);
    expect(r.errors).toEqual([]);
    expect(shape(r.tree)).toEqual(shape(t));
    expect(printIomem(r.tree)).toBe(text);
  });
  it('a non-root dump cannot recover nesting past the cap: capped lines stay siblings, no error', () => {
    const text = printIomem(chain(8), { nonRoot: true });
    const r = parseIomem(text);
    expect(r.nonRoot).toBe(true);
    expect(r.errors).toEqual([]);
    let q = r.tree;
    for (let d = 0; d < 5; d++) q = q.children[0]!;
    expect(q.children.map((c) => c.name)).toEqual(['d5', 'd6', 'd7', 'sib']);
  });
});

describe('parseIomem: non-root detection', () => {
  it('an all-zero line in a dump with real addresses is checked like any other line (not taken as hidden)', () => {
    const r = parseIomem('00001000-00001fff : a\n  00000000-00000000 : b\n00000000-00000000 : c\n');
    expect(r.nonRoot).toBe(false);
    expect(r.errors.map((e) => [e.line, e.message])).toEqual([
      [2, 'range 00000000-00000000 is not inside its parent a (line 1)'],
      [3, 'siblings out of order: starts below a (line 1)'],
    ]);
    expect(checkInvariants(r.tree)).toBeNull();
  });
  it('a one-byte resource at address 0 in a root dump is a real range', () => {
    const r = parseIomem('00000000-00000000 : zero page\n00001000-00001fff : a\n');
    expect(r.nonRoot).toBe(false);
    expect(r.errors).toEqual([]);
    expect(r.tree.children.map((c) => [c.start, c.end])).toEqual([[0n, 0n], [0x1000n, 0x1fffn]]);
  });
  it('a garbage line with a non-zero digit does not hide the zero lines\' problems, and an all-zero dump with a snip is still non-root', () => {
    const r = parseIomem('[...snip...]\n00000000-00000000 : Reserved\n  00000000-00000000 : pnp 00:05\n');
    expect(r.nonRoot).toBe(true);
    expect(r.errors.map((e) => e.line)).toEqual([1]);
    expect(r.nodeCount).toBe(2);
  });
});

describe('inferFlags (flags are not printed by r_show; what the parser assumes)', () => {
  const f = (name: string, children: Resource[] = []) => inferFlags(name, children);
  const BUSY = IORESOURCE.BUSY;
  it.each([
    ['System RAM', (IORESOURCE_SYSTEM_RAM | BUSY) >>> 0, IORES_DESC.NONE],
    ['System RAM (kmem)', (IORESOURCE_SYSTEM_RAM | BUSY | IORESOURCE.SYSRAM_DRIVER_MANAGED) >>> 0, IORES_DESC.NONE],
    ['Kernel rodata', (IORESOURCE_SYSTEM_RAM | BUSY) >>> 0, IORES_DESC.NONE],
    ['Soft Reserved', IORESOURCE.MEM, IORES_DESC.SOFT_RESERVED],
    ['Reserved', IORESOURCE.MEM, IORES_DESC.RESERVED],
    ['reserved', IORESOURCE.MEM, IORES_DESC.RESERVED],
    ['CXL Window 0', IORESOURCE.MEM, IORES_DESC.CXL],
    ['region9', IORESOURCE.MEM, IORES_DESC.NONE],
    ['ACPI Tables', (IORESOURCE.MEM | BUSY) >>> 0, IORES_DESC.ACPI_TABLES],
    ['PCI ECAM', (IORESOURCE.MEM | BUSY) >>> 0, IORES_DESC.NONE],
    ['PCI ECAM 0000 [bus 00-ff]', IORESOURCE.MEM, IORES_DESC.NONE],
    ['PCI MMCONFIG 0000 [bus 00-3f]', IORESOURCE.MEM, IORES_DESC.NONE],
    ['PCI Bus 0000:00', IORESOURCE.MEM, IORES_DESC.NONE],
    ['nvme', (IORESOURCE.MEM | BUSY) >>> 0, IORES_DESC.NONE],
  ])('%s', (name, flags, desc) => {
    expect(f(name)).toEqual({ flags, desc });
  });
  it('a dax device is busy unless kmem onlined it (then its child is "System RAM (kmem)")', () => {
    const root = newRoot();
    const kmem = requestRegion(root, 0x1000n, 0x1000n, 'System RAM (kmem)');
    if (!kmem.ok) throw new Error('setup');
    expect(f('dax0.0').flags & BUSY).not.toBe(0);
    expect(f('dax0.0', [kmem.res]).flags & BUSY).toBe(0);
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
/**
 * Random valid trees built through the kernel operations. `nest` places the range inside the last resource created
 * (insert_resource() descends into it), which builds chains deeper than MAX_IORES_LEVEL.
 */
const treeArbIn = (maxStart: bigint, maxLen: bigint) => fc
  .array(
    fc.record({
      s: fc.bigInt({ min: 0n, max: maxStart }),
      l: fc.bigInt({ min: 1n, max: maxLen }),
      op: fc.constantFrom('insert', 'region', 'nest', 'nest', 'nest'),
      name: fc.string({ minLength: 1, maxLength: 12 }).map((s) => s.replace(/[\r\n]/g, '_').trim() || 'x'),
    }),
    { maxLength: 30 },
  )
  .map((specs) => {
    const root = newRoot();
    let last: Resource | null = null;
    for (const sp of specs) {
      let start = sp.s;
      let end = sp.s + sp.l - 1n;
      if (sp.op === 'nest' && last) {
        const size = last.end - last.start + 1n;
        start = last.start + (sp.s % size);
        end = start + ((sp.l - 1n) % (last.end - start + 1n));
        // Strictly inside, so the insert descends into `last` instead of wrapping it.
        if (start === last.start && end === last.end && size > 1n) end--;
      }
      const r: OpResult =
        sp.op === 'region'
          ? requestRegion(root, start, end - start + 1n, sp.name)
          : insertResource(root, { start, end, name: sp.name, flags: IORESOURCE.MEM });
      if (r.ok) last = r.res;
    }
    return root;
  });
/** Wide 52-bit addresses (long hex), and a 256-byte space where ranges collide and nest. */
const treeArb = fc.oneof(treeArbIn((1n << 52n) - 1n, 1n << 40n), treeArbIn(255n, 64n));

describe('parse ∘ print (fast-check)', () => {
  it('parse(print(t)) has the shape of t at any depth (capped lines are rebuilt from containment)', () => {
    fc.assert(
      fc.property(treeArb, (t) => {
        // A tree whose every range is [0, 0] prints like a non-root dump; its nesting past the cap is not recoverable.
        let real = false;
        walk(t, (r) => {
          if (r !== t && (r.start !== 0n || r.end !== 0n)) real = true;
        });
        fc.pre(real || t.children.length === 0);
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

// Behaviour on huge inputs; how fast is measured by `npm run bench`, not here.
describe('parseIomem on large and hostile input', () => {
  const run = (f: () => void) => f();
  const hex = (v: bigint) => v.toString(16).padStart(8, '0');

  it('100,000 lines of a realistic dump parse and print back', () => {
    const lines: string[] = [];
    for (let b = 0; b < 20_000; b++) {
      const base = 0x100000000n + BigInt(b) * 0x100000n;
      lines.push(`${hex(base)}-${hex(base + 0xfffffn)} : PCI Bus 0000:${b}`);
      lines.push(`  ${hex(base)}-${hex(base + 0x3fffn)} : 0000:${b}:00.0`);
      lines.push(`    ${hex(base)}-${hex(base + 0x3fffn)} : nvme`);
      lines.push(`  ${hex(base + 0x4000n)}-${hex(base + 0x4fffn)} : 0000:${b}:00.1`);
      lines.push(`    ${hex(base + 0x4000n)}-${hex(base + 0x4fffn)} : xhci-hcd`);
    }
    const text = lines.join('\n') + '\n';
    let r: ReturnType<typeof parseIomem> | undefined;
    run(() => {
      r = parseIomem(text);
    });
    expect(r!.errors).toEqual([]);
    expect(r!.nodeCount).toBe(100_000);
    expect(printIomem(r!.tree)).toBe(text);
  });

  it('100,000 nested lines at the capped indent: refused past MAX_PARSE_DEPTH with located errors', () => {
    const lines: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      const ind = ' '.repeat(Math.min(i, 5) * 2);
      lines.push(`${ind}${hex(0x10000000n + BigInt(i))}-${hex(0x20000000n - BigInt(i))} : n${i}`);
    }
    let r: ReturnType<typeof parseIomem> | undefined;
    run(() => {
      r = parseIomem(lines.join('\n'));
    });
    expect(r!.nodeCount).toBe(MAX_PARSE_DEPTH);
    expect(r!.errors[0]).toEqual({ line: MAX_PARSE_DEPTH + 1, column: 11, message: expect.stringMatching(/nested deeper than 256 levels/) });
    expect(r!.errors.at(-1)!.message).toMatch(/more errors not shown/);
    expect(printIomem(r!.tree).split('\n')).toHaveLength(MAX_PARSE_DEPTH + 1);
  });

  it('ever-deeper indentation, 100,000 garbage lines and a 1 MB line: no throw, located errors', () => {
    const deep = Array.from({ length: 100_000 }, (_, i) => `${' '.repeat(i % 300)}00001000-00001fff : x`).join('\n');
    const junk = Array.from({ length: 100_000 }, (_, i) => `${'-'.repeat(i % 7)} : ${'x'.repeat(i % 13)} :: -- : `).join('\r\n');
    const long = `00001000-00001fff : ${'a : b - '.repeat(131_072)}\n`;
    for (const text of [deep, junk, long]) {
      run(() => {
        const r = parseIomem(text);
        for (const e of r.errors) expect(e.line).toBeGreaterThanOrEqual(1);
        printIomem(r.tree);
      });
    }
  });
});
