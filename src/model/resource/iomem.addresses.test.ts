/**
 * The parser compares addresses of up to 13 hex digits as doubles and longer ones as bigints (see BIG in iomem.ts).
 * These properties check that the two paths cannot be told apart: the same dump parses to the same tree whether its
 * addresses take the fast path or the bigint path, round trips hold for addresses anywhere in the 64-bit space
 * (around 2^52 where the paths meet, around 2^53 where doubles stop being exact, up to 2^64 - 1), and every
 * range/order/containment error is reported identically for small and large addresses.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIomem, printIomem } from './iomem';
import type { ParseError, ParseResult } from './iomem';
import { insertResource, newRoot, requestRegion, walk } from './tree';
import type { OpResult } from './tree';
import type { Resource } from './types';
import { IORESOURCE } from './types';

const TOP = (1n << 64n) - 1n;

/** Shape, ranges and names of a tree, with addresses mapped by `f`. */
function shape(r: Resource, f: (v: bigint) => bigint = (v) => v): unknown {
  return { s: f(r.start), e: f(r.end), n: r.name, c: r.children.map((c) => shape(c, f)) };
}

/** A message with every address in it (a run of ≥ 8 hex digits) replaced by `f` of its value, in plain hex. */
const addressesIn = (m: string, f: (v: bigint) => bigint) => m.replace(/\b[0-9a-f]{8,}\b/g, (h) => f(BigInt(`0x${h}`)).toString(16));
/** Line and message; the column of an error at the end address moves with how wide the start address is spelt. */
const located = (es: ParseError[], f: (v: bigint) => bigint) => es.map((e) => ({ line: e.line, message: addressesIn(e.message, f) }));

/** Everything but the addresses' spelling: the placed resources, errors, warnings, counts; addresses mapped by `f`. */
function outcome(r: ParseResult, f: (v: bigint) => bigint = (v) => v) {
  return {
    tree: r.tree.children.map((c) => shape(c, f)),
    errors: located(r.errors, f),
    warnings: located(r.warnings, f),
    nodeCount: r.nodeCount,
    nonRoot: r.nonRoot,
    lines: [...r.lineOf.values()],
  };
}

/** Bases where the two paths meet or doubles break: 2^52 (13 → 14 digits), 2^53 (doubles skip odd integers), 2^64. */
const edgeBase = fc.oneof(
  fc.constantFrom(1n << 52n, 1n << 53n, (1n << 53n) + 1n, 1n << 60n, TOP - 0xfffn).chain((b) => fc.bigInt({ min: -200n, max: 0n }).map((d) => b + d)),
  fc.bigInt({ min: 1n << 52n, max: TOP - 0xfffn }),
);

/** One dump line: nesting level (printed capped at depth 5, as r_show() does) and range, as offsets from a base. */
type Line = { level: number; s: number; e: number };

/** Lines with random levels and ranges in a 128-byte window: they collide, run backwards and fall outside parents. */
const chaotic = fc.array(
  fc.record({ level: fc.nat(8), s: fc.nat(96), l: fc.integer({ min: -2, max: 32 }) }).map(({ level, s, l }) => ({ level, s, e: s + l - 1 })),
  { minLength: 1, maxLength: 30 },
);

/**
 * A valid tree in a 128-byte window (chains nested past the capped depth, where lines are placed by containment) in
 * pre-order, then a few lines nudged, re-indented, repeated or dropped: mostly placed lines, with every kind of error.
 */
const perturbed = fc
  .tuple(
    fc.array(fc.record({ s: fc.nat(0x7f), l: fc.integer({ min: 1, max: 0x40 }), nest: fc.nat(3).map((n) => n > 0) }), { maxLength: 30 }),
    fc.array(fc.record({ at: fc.nat(), kind: fc.constantFrom('start', 'end', 'level', 'repeat', 'drop'), d: fc.integer({ min: -8, max: 8 }) }), { maxLength: 4 }),
  )
  .map(([specs, nudges]) => {
    const root = newRoot();
    let last: Resource | null = null;
    for (const sp of specs) {
      let start = BigInt(sp.s);
      let end = start + BigInt(sp.l) - 1n;
      if (sp.nest && last && last.end - last.start > 1n) {
        // Inside the last resource, a byte or none shorter at each end: long chains, same-range nesting included.
        start = last.start + BigInt(sp.s & 1);
        end = last.end - BigInt((sp.s >> 1) & 1);
      }
      const r = insertResource(root, { start, end, name: 'x', flags: IORESOURCE.MEM });
      if (r.ok) last = r.res;
    }
    const lines: Line[] = [];
    walk(root, (r, depth) => {
      if (r !== root) lines.push({ level: depth - 1, s: Number(r.start), e: Number(r.end) });
    });
    for (const { at, kind, d } of nudges) {
      if (lines.length === 0) break;
      const i = at % lines.length;
      const l = lines[i]!;
      if (kind === 'start') l.s += d;
      else if (kind === 'end') l.e += d;
      else if (kind === 'level') l.level = Math.max(0, l.level + Math.sign(d));
      else if (kind === 'repeat') lines.splice(i, 0, { ...l });
      else lines.splice(i, 1);
    }
    return lines;
  });

const dumpLines = fc.oneof(chaotic, perturbed);

/** The lines as a dump at `base`, addresses zero-padded to `pad` digits; line i is named "n<i>" so messages are unambiguous. */
function dump(lines: Line[], base: bigint, pad: number): string {
  const h = (off: number) => (base + BigInt(off)).toString(16).padStart(pad, '0');
  return lines.map(({ level, s, e }, i) => `${'  '.repeat(Math.min(level, 5))}${h(s)}-${h(e)} : n${i}`).join('\n') + '\n';
}

describe('addresses: the double fast path and the bigint path agree', () => {
  it('the same dump parses identically with 8-digit addresses (doubles) and 16-digit zero-padded ones (bigints)', () => {
    fc.assert(
      fc.property(dumpLines, fc.bigInt({ min: 0x1000n, max: (1n << 44n) - 1n }), (lines, base) => {
        const fast = parseIomem(dump(lines, base, 8));
        const big = parseIomem(dump(lines, base, 16));
        expect(outcome(big)).toEqual(outcome(fast));
      }),
      { numRuns: 500 },
    );
  });

  it('errors and trees are the same for small addresses and the same dump shifted above 2^52 / 2^53 / near 2^64', () => {
    fc.assert(
      fc.property(dumpLines, edgeBase, fc.constantFrom(8, 16), (lines, base, pad) => {
        const small = parseIomem(dump(lines, 0x1000n, 8));
        const large = parseIomem(dump(lines, base, pad));
        const back = (v: bigint) => v - base + 0x1000n;
        expect(outcome(large, back)).toEqual(outcome(small));
      }),
      { numRuns: 1000 },
    );
  });

  it('parse(print(t)) gives back t for trees anywhere in the 64-bit space, adjacent ranges included', () => {
    const tree = fc
      .tuple(
        edgeBase,
        fc.array(
          fc.record({ s: fc.nat(0xfff), l: fc.integer({ min: 1, max: 0x200 }), op: fc.constantFrom('insert', 'region', 'nest', 'nest') }),
          { maxLength: 30 },
        ),
      )
      .map(([base, specs]) => {
        const root = newRoot();
        let last: Resource | null = null;
        specs.forEach((sp, i) => {
          let start = base + BigInt(sp.s);
          let end = start + BigInt(sp.l) - 1n;
          if (sp.op === 'nest' && last && last.end - last.start > 1n) {
            // Inside the last resource, a byte or none shorter at each end (chains past the capped depth).
            start = last.start + BigInt(sp.s & 1);
            end = last.end - BigInt((sp.s >> 1) & 1);
          }
          if (end > TOP) return;
          const r: OpResult =
            sp.op === 'region'
              ? requestRegion(root, start, end - start + 1n, `r${i}`)
              : insertResource(root, { start, end, name: `r${i}`, flags: IORESOURCE.MEM });
          if (r.ok) last = r.res;
        });
        return root;
      });
    fc.assert(
      fc.property(tree, (t) => {
        const text = printIomem(t);
        const r = parseIomem(text);
        expect(r.errors).toEqual([]);
        expect(shape(r.tree)).toEqual(shape(t));
        expect(printIomem(r.tree)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('neighbours that a double cannot tell apart (2^53 and 2^53 + 1) are kept apart', () => {
    const a = 1n << 53n;
    const h = (v: bigint) => v.toString(16);
    const r = parseIomem(`${h(a)}-${h(a)} : a\n${h(a + 1n)}-${h(a + 1n)} : b\n  ${h(a + 1n)}-${h(a + 2n)} : c\n${h(a)}-${h(a + 1n)} : d\n`);
    expect(r.tree.children.map((c) => [c.start, c.end, c.name])).toEqual([[a, a, 'a'], [a + 1n, a + 1n, 'b']]);
    expect(r.errors.map((e) => [e.line, e.message])).toEqual([
      [3, `range ${h(a + 1n)}-${h(a + 2n)} is not inside its parent b (line 2)`],
      [4, 'siblings out of order: starts below b (line 2)'],
    ]);
  });
});
