import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkInvariants, cloneTree, descendants, findPath, insertResource, newRoot, regionIntersects, releaseRegion, releaseResource, requestRegion, requestResource } from './tree';
import type { Resource } from './types';
import { IORESOURCE, IORESOURCE_SYSTEM_RAM, IORES_DESC } from './types';

const MEM = IORESOURCE.MEM;
const BUSY = IORESOURCE.BUSY;

describe('__request_region() (kernel/resource.c __request_region_locked)', () => {
  it('descends through non-busy "CXL Window 0" and "region0" and claims a busy leaf', () => {
    const root = newRoot();
    const win = requestResource(root, { start: 0x1000n, end: 0x1fffn, name: 'CXL Window 0', flags: MEM, desc: IORES_DESC.CXL });
    if (!win.ok) throw new Error('setup');
    // construct_region() inserts under the window (cxlrd->res), not at the root.
    insertResource(win.res, { start: 0x1000n, end: 0x1fffn, name: 'region0', flags: MEM });
    const r = requestRegion(root, 0x1000n, 0x1000n, 'vfio-cxl');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(findPath(r.res)).toEqual(['CXL Window 0', 'region0', 'vfio-cxl']);
    expect(r.res.flags & BUSY).not.toBe(0);
  });

  it('fails -EBUSY on a busy "System RAM (kmem)" and names it as the conflict', () => {
    const root = newRoot();
    requestResource(root, { start: 0x1000n, end: 0x1fffn, name: 'CXL Window 0', flags: MEM });
    requestRegion(root, 0x1000n, 0x1000n, 'System RAM (kmem)', { flags: IORESOURCE_SYSTEM_RAM | IORESOURCE.SYSRAM_DRIVER_MANAGED });
    const r = requestRegion(root, 0x1000n, 0x1000n, 'vfio-cxl');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errno).toBe('-EBUSY');
    expect(r.conflict?.name).toBe('System RAM (kmem)');
  });

  it('fails when the request only partly fits inside a non-busy parent', () => {
    const root = newRoot();
    requestResource(root, { start: 0x1000n, end: 0x1fffn, name: 'Reserved', flags: MEM });
    const r = requestRegion(root, 0x1800n, 0x1000n, 'x');
    expect(r.ok).toBe(false);
  });

  it('inherits the parent desc and the SYSRAM extended type bit (kmem child of a SYSRAM dax)', () => {
    const root = newRoot();
    const dax = requestRegion(root, 0x1000n, 0x1000n, 'dax0.0');
    if (!dax.ok) throw new Error('setup');
    dax.res.flags = IORESOURCE_SYSTEM_RAM;
    const k = requestRegion(root, 0x1000n, 0x1000n, 'System RAM (kmem)');
    expect(k.ok && (k.res.flags & IORESOURCE.SYSRAM) !== 0).toBe(true);
  });
});

describe('insert_resource() (kernel/resource.c __insert_resource)', () => {
  it('re-parents a same-range child: hmem.0 → Soft Reserved → dax0.0 (commit 67feaba413ec)', () => {
    const root = newRoot();
    requestResource(root, { start: 0x340000000n, end: 0x43fffffffn, name: 'Soft Reserved', flags: MEM, desc: IORES_DESC.SOFT_RESERVED });
    requestRegion(root, 0x340000000n, 0x100000000n, 'dax0.0');
    const h = insertResource(root, { start: 0x340000000n, end: 0x43fffffffn, name: 'hmem.0', flags: MEM });
    expect(h.ok).toBe(true);
    expect(root.children.map((c) => c.name)).toEqual(['hmem.0']);
    expect(root.children[0]!.children[0]!.name).toBe('Soft Reserved');
    expect(root.children[0]!.children[0]!.children[0]!.name).toBe('dax0.0');
  });

  it('fails on a partial overlap', () => {
    const root = newRoot();
    requestResource(root, { start: 0x1000n, end: 0x2fffn, name: 'a', flags: MEM });
    const r = insertResource(root, { start: 0x2000n, end: 0x3fffn, name: 'b', flags: MEM });
    expect(r.ok).toBe(false);
  });
});

describe('region_intersects() (kernel/resource.c, descendant-aware since the Sep 2024 fix)', () => {
  const kmemTree = () => {
    const root = newRoot();
    const win = requestResource(root, { start: 0x490000000n, end: 0x50fffffffn, name: 'CXL Window 0', flags: MEM });
    if (!win.ok) throw new Error('setup');
    insertResource(win.res, { start: 0x490000000n, end: 0x50fffffffn, name: 'region0', flags: MEM });
    const dax = requestRegion(root, 0x490000000n, 0x80000000n, 'dax0.0');
    if (!dax.ok) throw new Error('setup');
    dax.res.flags = IORESOURCE_SYSTEM_RAM;
    requestRegion(root, 0x490000000n, 0x80000000n, 'System RAM (kmem)', { flags: IORESOURCE_SYSTEM_RAM | IORESOURCE.SYSRAM_DRIVER_MANAGED });
    return root;
  };
  it('finds the nested "System RAM (kmem)" (Huang Ying example, INTERSECTS)', () => {
    expect(regionIntersects(kmemTree(), 0x490000000n, 0x80000000n, IORESOURCE_SYSTEM_RAM, IORES_DESC.NONE)).toBe('REGION_INTERSECTS');
  });
  it('misses it before the fix (≤ v6.11: DISJOINT)', () => {
    expect(regionIntersects(kmemTree(), 0x490000000n, 0x80000000n, IORESOURCE_SYSTEM_RAM, IORES_DESC.NONE, { descendantAware: false })).toBe('REGION_DISJOINT');
  });
});

// ---- Property tests --------------------------------------------------------------------------------------------

/** Small address space (64 addresses) so a brute force over every address is cheap. */
const SPACE = 64n;
type Op =
  | { k: 'request'; s: number; l: number; busy: boolean; sysram: boolean }
  | { k: 'region'; s: number; l: number; sysram: boolean }
  | { k: 'insert'; s: number; l: number; sysram: boolean }
  | { k: 'release'; pick: number }
  | { k: 'releaseRegion'; s: number; l: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ k: fc.constant('request' as const), s: fc.nat(63), l: fc.integer({ min: 1, max: 32 }), busy: fc.boolean(), sysram: fc.boolean() }),
  fc.record({ k: fc.constant('region' as const), s: fc.nat(63), l: fc.integer({ min: 1, max: 32 }), sysram: fc.boolean() }),
  fc.record({ k: fc.constant('insert' as const), s: fc.nat(63), l: fc.integer({ min: 1, max: 48 }), sysram: fc.boolean() }),
  fc.record({ k: fc.constant('release' as const), pick: fc.nat(100) }),
  fc.record({ k: fc.constant('releaseRegion' as const), s: fc.nat(63), l: fc.integer({ min: 1, max: 32 }) }),
);

function apply(root: Resource, ops: Op[]): void {
  let n = 0;
  for (const op of ops) {
    const name = `r${n++}`;
    const flags = (f: { sysram: boolean }) => (f.sysram ? IORESOURCE_SYSTEM_RAM : MEM);
    if (op.k === 'request') {
      requestResource(root, { start: BigInt(op.s), end: BigInt(op.s + op.l - 1), name, flags: (flags(op) | (op.busy ? BUSY : 0)) >>> 0 });
    } else if (op.k === 'region') {
      requestRegion(root, BigInt(op.s), BigInt(op.l), name, { flags: op.sysram ? IORESOURCE_SYSTEM_RAM : 0 });
    } else if (op.k === 'insert') {
      insertResource(root, { start: BigInt(op.s), end: BigInt(op.s + op.l - 1), name, flags: flags(op) });
    } else if (op.k === 'release') {
      const all = [...descendants(root)];
      if (all.length) releaseResource(all[op.pick % all.length]!);
    } else {
      releaseRegion(root, BigInt(op.s), BigInt(op.l));
    }
  }
}

/** Reference: decide region_intersects page by page (here: address by address). */
function bruteForce(root: Resource, start: bigint, size: bigint, flags: number): string {
  const match = (r: Resource) => (r.flags & flags) >>> 0 === flags >>> 0;
  const coveredByMatch = (r: Resource, a: bigint): boolean => {
    if (a < r.start || a > r.end) return false;
    if (match(r)) return true;
    return r.children.some((c) => coveredByMatch(c, a));
  };
  let anyMatch = false;
  let other = false;
  for (const top of root.children) {
    if (top.end < start || top.start > start + size - 1n) continue;
    let topOther = false;
    for (let a = start; a < start + size; a++) {
      if (a < top.start || a > top.end) continue;
      if (coveredByMatch(top, a)) anyMatch = true;
      else topOther = true;
    }
    if (topOther) other = true;
  }
  if (!anyMatch) return 'REGION_DISJOINT';
  return other ? 'REGION_MIXED' : 'REGION_INTERSECTS';
}

describe('resource tree laws (fast-check)', () => {
  it('after any sequence of requests, inserts and releases, siblings stay sorted and disjoint and children nest in parents', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), (ops) => {
        const root = newRoot();
        root.end = SPACE - 1n;
        apply(root, ops);
        expect(checkInvariants(root)).toBeNull();
        expect(checkInvariants(cloneTree(root))).toBeNull();
      }),
      { numRuns: 500 },
    );
  });

  it('region_intersects agrees with a brute-force reference over every address', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 30 }), fc.nat(63), fc.integer({ min: 1, max: 64 }), (ops, s, l) => {
        const root = newRoot();
        root.end = SPACE - 1n;
        apply(root, ops);
        const start = BigInt(s);
        const size = BigInt(Math.min(l, 64 - s));
        expect(regionIntersects(root, start, size, IORESOURCE_SYSTEM_RAM, IORES_DESC.NONE)).toBe(bruteForce(root, start, size, IORESOURCE_SYSTEM_RAM));
      }),
      { numRuns: 1000 },
    );
  });

  it('a successful request_mem_region is busy and lies inside every ancestor; a failed one changes nothing', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 30 }), fc.nat(63), fc.integer({ min: 1, max: 32 }), (ops, s, l) => {
        const root = newRoot();
        root.end = SPACE - 1n;
        apply(root, ops);
        const before = JSON.stringify(cloneTree(root), (k, v) => (k === 'parent' ? undefined : typeof v === 'bigint' ? v.toString() : v));
        const r = requestRegion(root, BigInt(s), BigInt(l), 'probe');
        if (r.ok) {
          expect(r.res.flags & BUSY).not.toBe(0);
          for (let p = r.res.parent; p; p = p.parent) expect(p.start <= r.res.start && p.end >= r.res.end).toBe(true);
        } else {
          const after = JSON.stringify(cloneTree(root), (k, v) => (k === 'parent' ? undefined : typeof v === 'bigint' ? v.toString() : v));
          expect(after).toBe(before);
        }
      }),
      { numRuns: 500 },
    );
  });
});
