/**
 * Laws of the kernel/resource.c operations in tree.ts, checked on random trees in a 64-byte address space where a
 * brute force over every address is cheap. Complements the example tests and the first laws in tree.test.ts:
 * region_intersects() with a descriptor and in the pre-fix (top-level only) mode, and the undo laws of every
 * mutating operation (a failed operation changes nothing; a successful one is undone by its release).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { overlapping } from '../memory/fromTree';
import { printIomem } from './iomem';
import {
  checkInvariants,
  cloneTree,
  descendants,
  insertResource,
  newRoot,
  regionIntersects,
  releaseRegion,
  releaseResource,
  removeResource,
  requestRegion,
  requestResource,
} from './tree';
import type { Resource } from './types';
import { IORESOURCE, IORESOURCE_SYSTEM_RAM, IORES_DESC } from './types';

const MEM = IORESOURCE.MEM;
const BUSY = IORESOURCE.BUSY;
const SPACE = 64;
const DESCS = [IORES_DESC.NONE, IORES_DESC.RESERVED, IORES_DESC.SOFT_RESERVED, IORES_DESC.CXL] as const;

type Op =
  | { k: 'request'; s: number; l: number; busy: boolean; sysram: boolean; d: number }
  | { k: 'region'; s: number; l: number; sysram: boolean }
  | { k: 'insert'; s: number; l: number; sysram: boolean; d: number }
  | { k: 'release'; pick: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ k: fc.constant('request' as const), s: fc.nat(SPACE - 1), l: fc.integer({ min: 1, max: 32 }), busy: fc.boolean(), sysram: fc.boolean(), d: fc.nat(3) }),
  fc.record({ k: fc.constant('region' as const), s: fc.nat(SPACE - 1), l: fc.integer({ min: 1, max: 32 }), sysram: fc.boolean() }),
  fc.record({ k: fc.constant('insert' as const), s: fc.nat(SPACE - 1), l: fc.integer({ min: 1, max: 48 }), sysram: fc.boolean(), d: fc.nat(3) }),
  fc.record({ k: fc.constant('release' as const), pick: fc.nat(100) }),
);

function build(ops: readonly Op[]): Resource {
  const root = newRoot();
  root.end = BigInt(SPACE - 1);
  let n = 0;
  for (const op of ops) {
    const name = `r${n++}`;
    const type = (o: { sysram: boolean }) => (o.sysram ? IORESOURCE_SYSTEM_RAM : MEM);
    if (op.k === 'request') {
      requestResource(root, { start: BigInt(op.s), end: BigInt(op.s + op.l - 1), name, flags: (type(op) | (op.busy ? BUSY : 0)) >>> 0, desc: DESCS[op.d]! });
    } else if (op.k === 'region') {
      requestRegion(root, BigInt(op.s), BigInt(op.l), name, { flags: op.sysram ? IORESOURCE_SYSTEM_RAM : 0 });
    } else if (op.k === 'insert') {
      insertResource(root, { start: BigInt(op.s), end: BigInt(op.s + op.l - 1), name, flags: type(op), desc: DESCS[op.d]! });
    } else {
      const all = [...descendants(root)];
      if (all.length) releaseResource(all[op.pick % all.length]!);
    }
  }
  return root;
}

/** Everything observable about a tree: ranges, names, flags, desc, nesting. */
function snapshot(root: Resource): string {
  const rec = (r: Resource): unknown => [r.start.toString(), r.end.toString(), r.name, r.flags, r.desc, r.children.map(rec)];
  return JSON.stringify(rec(root));
}

const matches = (r: Resource, flags: number, desc: number) => (r.flags & flags) >>> 0 === flags >>> 0 && (desc === IORES_DESC.NONE || r.desc === desc);

/**
 * Reference region_intersects(), address by address. Descendant-aware: an address of a top-level resource counts as
 * "type" when a matching resource at any depth covers it, else as "other" for that top-level resource. Old mode:
 * each overlapping top-level resource counts once, by its own flags/desc.
 */
function reference(root: Resource, start: number, size: number, flags: number, desc: number, descendantAware: boolean): string {
  let type = false;
  let other = false;
  const covered = (r: Resource, a: bigint): boolean =>
    a >= r.start && a <= r.end && (matches(r, flags, desc) || r.children.some((c) => covered(c, a)));
  for (const top of root.children) {
    const lo = BigInt(start) > top.start ? BigInt(start) : top.start;
    const hi = BigInt(start + size - 1) < top.end ? BigInt(start + size - 1) : top.end;
    if (lo > hi) continue;
    if (!descendantAware) {
      if (matches(top, flags, desc)) type = true;
      else other = true;
      continue;
    }
    for (let a = lo; a <= hi; a++) {
      if (covered(top, a)) type = true;
      else other = true;
    }
  }
  if (!type) return 'REGION_DISJOINT';
  return other ? 'REGION_MIXED' : 'REGION_INTERSECTS';
}

const queryArb = fc.record({
  s: fc.nat(SPACE - 1),
  l: fc.integer({ min: 1, max: SPACE }),
  flags: fc.constantFrom(MEM, IORESOURCE_SYSTEM_RAM, (MEM | BUSY) >>> 0, 0),
  d: fc.nat(3),
});

describe('region_intersects() against a brute-force reference (kernel/resource.c)', () => {
  it('descendant-aware (v6.12+): any flags and descriptor', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 30 }), queryArb, (ops, q) => {
        const root = build(ops);
        const size = Math.min(q.l, SPACE - q.s);
        const got = regionIntersects(root, BigInt(q.s), BigInt(size), q.flags, DESCS[q.d]!, { descendantAware: true });
        expect(got).toBe(reference(root, q.s, size, q.flags, DESCS[q.d]!, true));
      }),
      { numRuns: 1000 },
    );
  });

  it('before the Sep 2024 fix (≤ v6.11): top-level siblings only', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 30 }), queryArb, (ops, q) => {
        const root = build(ops);
        const size = Math.min(q.l, SPACE - q.s);
        const got = regionIntersects(root, BigInt(q.s), BigInt(size), q.flags, DESCS[q.d]!, { descendantAware: false });
        expect(got).toBe(reference(root, q.s, size, q.flags, DESCS[q.d]!, false));
      }),
      { numRuns: 1000 },
    );
  });

  it('both modes agree when no top-level resource has children', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 30 }), queryArb, (ops, q) => {
        const root = build(ops);
        fc.pre(root.children.every((c) => c.children.length === 0));
        const size = BigInt(Math.min(q.l, SPACE - q.s));
        const a = regionIntersects(root, BigInt(q.s), size, q.flags, DESCS[q.d]!, { descendantAware: true });
        const b = regionIntersects(root, BigInt(q.s), size, q.flags, DESCS[q.d]!, { descendantAware: false });
        expect(a).toBe(b);
      }),
      { numRuns: 300 },
    );
  });
});

describe('undo laws of the mutating operations', () => {
  const rangeArb = fc.record({ s: fc.nat(SPACE - 1), l: fc.integer({ min: 1, max: 48 }) });

  it('request_resource: a conflict changes nothing and names the parent or an overlapping child; success is undone by release_resource', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 30 }), rangeArb, fc.nat(100), (ops, q, pick) => {
        const root = build(ops);
        const all = [root, ...descendants(root)];
        const parent = all[pick % all.length]!;
        const before = snapshot(root);
        const start = BigInt(q.s);
        const end = BigInt(q.s + q.l - 1);
        const r = requestResource(parent, { start, end, name: 'new', flags: MEM });
        if (!r.ok) {
          expect(snapshot(root)).toBe(before);
          const c = r.conflict!;
          const fits = start >= parent.start && end <= parent.end;
          if (c === parent) expect(fits).toBe(false);
          else expect(c.parent === parent && c.start <= end && c.end >= start).toBe(true);
          return;
        }
        expect(r.res.parent).toBe(parent);
        expect(checkInvariants(root)).toBeNull();
        releaseResource(r.res);
        expect(snapshot(root)).toBe(before);
      }),
      { numRuns: 500 },
    );
  });

  it('insert_resource: success adopts exactly the resources it contains and remove_resource undoes it; failure changes nothing', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 30 }), rangeArb, (ops, q) => {
        const root = build(ops);
        const before = snapshot(root);
        const start = BigInt(q.s);
        const end = BigInt(Math.min(q.s + q.l - 1, SPACE - 1));
        const r = insertResource(root, { start, end, name: 'new', flags: MEM });
        if (!r.ok) {
          expect(snapshot(root)).toBe(before);
          return;
        }
        expect(checkInvariants(root)).toBeNull();
        // Its parent contains it; no sibling it could have adopted was left outside.
        const p = r.res.parent!;
        for (const sib of p.children) {
          if (sib !== r.res) expect(sib.start >= start && sib.end <= end).toBe(false);
        }
        for (const c of r.res.children) expect(c.start >= start && c.end <= end).toBe(true);
        removeResource(r.res);
        expect(snapshot(root)).toBe(before);
      }),
      { numRuns: 500 },
    );
  });

  it('__request_region: success is a busy leaf under non-busy ancestors, undone by __release_region; failure changes nothing', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 30 }), rangeArb, (ops, q) => {
        const root = build(ops);
        const before = snapshot(root);
        const size = BigInt(Math.min(q.l, SPACE - q.s));
        const r = requestRegion(root, BigInt(q.s), size, 'probe');
        if (!r.ok) {
          expect(snapshot(root)).toBe(before);
          // It stopped at a busy resource overlapping the range, or at a non-busy one it could not fit inside.
          const c = r.conflict!;
          expect(c.start <= BigInt(q.s) + size - 1n && c.end >= BigInt(q.s)).toBe(true);
          return;
        }
        expect(r.res.flags & BUSY).not.toBe(0);
        expect(r.res.children).toEqual([]);
        for (let p = r.res.parent; p && p !== root; p = p.parent) expect(p.flags & BUSY).toBe(0);
        expect(r.res.desc).toBe(r.res.parent!.desc);
        expect(releaseRegion(root, BigInt(q.s), size).ok).toBe(true);
        expect(snapshot(root)).toBe(before);
      }),
      { numRuns: 500 },
    );
  });

  it('cloneTree is deep: mutating the clone leaves the original printing the same', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 30 }), fc.array(opArb, { maxLength: 10 }), (ops, more) => {
        const root = build(ops);
        const text = printIomem(root);
        const copy = cloneTree(root);
        expect(printIomem(copy)).toBe(text);
        for (const op of more) {
          if (op.k === 'insert') insertResource(copy, { start: BigInt(op.s), end: BigInt(Math.min(op.s + op.l - 1, SPACE - 1)), name: 'x', flags: MEM });
          else if (op.k === 'release') {
            const all = [...descendants(copy)];
            if (all.length) releaseResource(all[op.pick % all.length]!);
          } else requestRegion(copy, BigInt(op.s), BigInt(Math.min(op.l, SPACE - op.s)), 'x');
        }
        expect(printIomem(root)).toBe(text);
        expect(checkInvariants(copy)).toBeNull();
      }),
      { numRuns: 300 },
    );
  });
});

describe('__request_region() vs a DEVICE_PRIVATE conflict (kernel/resource.c __request_region_locked)', () => {
  // The kernel only pr_warn()s when the conflict carries IORES_DESC_DEVICE_PRIVATE_MEMORY; the busy test alone decides
  // (a non-busy conflict is descended into). tree.ts fails -EBUSY on the descriptor instead. Known deviation, reported
  // to the owner of tree.ts: drop `.fails` once requestRegion() no longer returns early on the descriptor.
  it('descends into a non-busy DEVICE_PRIVATE resource like any other non-busy conflict', () => {
    const root = newRoot();
    requestResource(root, { start: 0x1000n, end: 0x1fffn, name: 'dp', flags: MEM, desc: IORES_DESC.DEVICE_PRIVATE_MEMORY });
    const r = requestRegion(root, 0x1000n, 0x800n, 'drv');
    expect(r.ok).toBe(true);
  });
  it('fails -EBUSY on a busy one (request_free_mem_region() makes them busy), naming it', () => {
    const root = newRoot();
    requestResource(root, { start: 0x1000n, end: 0x1fffn, name: 'dp', flags: (MEM | BUSY) >>> 0, desc: IORES_DESC.DEVICE_PRIVATE_MEMORY });
    const r = requestRegion(root, 0x1000n, 0x800n, 'drv');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.conflict?.name).toBe('dp');
  });

  it('overlapping() finds, in tree order, exactly the resources at any depth that overlap the range', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), fc.nat(SPACE - 1), fc.integer({ min: 1, max: 40 }), (ops, s, l) => {
        const root = build(ops);
        const start = BigInt(s);
        const end = BigInt(s + l - 1);
        // Reference: every descendant in tree order whose range meets [start, end] and whose ancestors all do.
        const want: Resource[] = [];
        const walk = (r: Resource): void => {
          for (const c of r.children) {
            if (c.start <= end && c.end >= start) {
              want.push(c);
              walk(c);
            }
          }
        };
        walk(root);
        const got = overlapping(root, start, end);
        expect(got.length).toBe(want.length);
        got.forEach((r, i) => expect(r).toBe(want[i]));
      }),
    );
  });
});
