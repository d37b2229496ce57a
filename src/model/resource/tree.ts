/**
 * The iomem resource tree and the kernel/resource.c operations the designs perform on it.
 *
 * Faithful to kernel/resource.c (v6.12+, read at v7.1): siblings are kept sorted by start and disjoint,
 * children lie inside their parent, addresses are inclusive. Operations mutate the tree in place like the
 * kernel does; callers that need the previous state clone it first (cloneTree).
 */
import type { RegionIntersection, Resource } from './types';
import { IORESOURCE, IORES_DESC } from './types';

/** What a caller asks for: the fields of a struct resource before it is linked into the tree. */
export interface ResourceSpec {
  start: bigint;
  end: bigint;
  name: string | null;
  flags: number;
  desc?: number;
  owner?: string;
}

export type OpResult =
  | { ok: true; res: Resource }
  | {
      ok: false;
      errno: '-EBUSY' | '-EINVAL';
      /** The resource that made the operation fail (the parent itself when the range does not fit in it). */
      conflict: Resource | null;
    };

/** Largest physical address the model's root spans (iomem_resource covers the whole 64-bit space here). */
export const ROOT_END = (1n << 64n) - 1n;

/** iomem_resource: the root of the tree ("PCI mem", [0, -1]). It is never printed in /proc/iomem. */
export function newRoot(): Resource {
  return { start: 0n, end: ROOT_END, name: 'PCI mem', flags: IORESOURCE.MEM, desc: IORES_DESC.NONE, parent: null, children: [] };
}

function make(spec: ResourceSpec): Resource {
  const r: Resource = {
    start: spec.start,
    end: spec.end,
    name: spec.name,
    flags: spec.flags >>> 0,
    desc: spec.desc ?? IORES_DESC.NONE,
    parent: null,
    children: [],
  };
  if (spec.owner !== undefined) r.owner = spec.owner;
  return r;
}

/**
 * __request_resource(): link `res` under `root` unless it conflicts.
 * Returns null on success, `root` when the range is invalid or does not fit inside root,
 * or the first sibling that overlaps it.
 */
function linkUnder(root: Resource, res: Resource): Resource | null {
  if (res.end < res.start || res.start < root.start || res.end > root.end) return root;
  const kids = root.children;
  let i = 0;
  for (; i < kids.length; i++) {
    const tmp = kids[i]!;
    if (tmp.start > res.end) break;
    if (tmp.end < res.start) continue;
    return tmp;
  }
  kids.splice(i, 0, res);
  res.parent = root;
  return null;
}

/**
 * request_resource_conflict(): claim [start, end] directly under `parent`.
 * Any overlap with an existing child is a conflict (-EBUSY); the range must fit inside the parent.
 */
export function requestResource(parent: Resource, spec: ResourceSpec): OpResult {
  const res = make(spec);
  const conflict = linkUnder(parent, res);
  if (!conflict) return { ok: true, res };
  return { ok: false, errno: '-EBUSY', conflict };
}

export interface RequestRegionOptions {
  /** Extra flags ORed in (e.g. IORESOURCE_SYSTEM_RAM | SYSRAM_DRIVER_MANAGED for add_memory_driver_managed()). */
  flags?: number;
  owner?: string;
}

/**
 * __request_region() as request_mem_region() calls it: a BUSY resource that inherits the parent's type and
 * extended type bits and desc. On a conflict with a non-busy resource it descends into it and retries there;
 * a conflict with a busy resource, or a range that does not fit where it landed, fails with -EBUSY.
 */
export function requestRegion(root: Resource, start: bigint, size: bigint, name: string | null, opts: RequestRegionOptions = {}): OpResult {
  if (size <= 0n) return { ok: false, errno: '-EINVAL', conflict: null };
  let parent = root;
  const res = make({ start, end: start + size - 1n, name, flags: 0, ...(opts.owner !== undefined ? { owner: opts.owner } : {}) });
  for (;;) {
    res.flags = ((parent.flags & IORESOURCE.TYPE_BITS) | (parent.flags & IORESOURCE.EXT_TYPE_BITS) | IORESOURCE.BUSY | (opts.flags ?? 0)) >>> 0;
    res.desc = parent.desc;
    const conflict = linkUnder(parent, res);
    if (!conflict) return { ok: true, res };
    // A DEVICE_PRIVATE conflict only draws a warning in the kernel; the busy test below decides.
    if (conflict !== parent && (conflict.flags & IORESOURCE.BUSY) === 0) {
      parent = conflict;
      continue;
    }
    return { ok: false, errno: '-EBUSY', conflict };
  }
}

/**
 * insert_resource_conflict(): insert `spec` into the tree below `parent`, descending into a resource that strictly
 * contains it and adopting as children the existing resources it fully contains. A partial overlap is unfixable:
 * the overlapping resource is returned as the conflict (-EBUSY). An existing resource with the same range
 * becomes the new resource's child.
 */
export function insertResource(parent: Resource, spec: ResourceSpec): OpResult {
  const res = make(spec);
  let p = parent;
  let first: Resource | null;
  for (;;) {
    first = linkUnder(p, res);
    if (!first) return { ok: true, res };
    if (first === p) return { ok: false, errno: '-EBUSY', conflict: first };
    if (first.start > res.start || first.end < res.end) break;
    if (first.start === res.start && first.end === res.end) break;
    p = first;
  }
  const kids = p.children;
  const i0 = kids.indexOf(first);
  let i1 = i0;
  for (;;) {
    const next = kids[i1]!;
    if (next.start < res.start || next.end > res.end) return { ok: false, errno: '-EBUSY', conflict: next };
    const sib = kids[i1 + 1];
    if (!sib || sib.start > res.end) break;
    i1++;
  }
  const adopted = kids.splice(i0, i1 - i0 + 1, res);
  res.parent = p;
  res.children = adopted;
  for (const c of adopted) c.parent = res;
  return { ok: true, res };
}

/** release_resource(): unlink `res` together with its children. */
export function releaseResource(res: Resource): OpResult {
  const parent = res.parent;
  if (!parent) return { ok: false, errno: '-EINVAL', conflict: null };
  const i = parent.children.indexOf(res);
  if (i < 0) return { ok: false, errno: '-EINVAL', conflict: null };
  parent.children.splice(i, 1);
  res.parent = null;
  return { ok: true, res };
}

/** remove_resource(): unlink `res` and move its children up to its parent in its place. */
export function removeResource(res: Resource): OpResult {
  const parent = res.parent;
  if (!parent) return { ok: false, errno: '-EINVAL', conflict: null };
  const i = parent.children.indexOf(res);
  if (i < 0) return { ok: false, errno: '-EINVAL', conflict: null };
  for (const c of res.children) c.parent = parent;
  parent.children.splice(i, 1, ...res.children);
  res.children = [];
  res.parent = null;
  return { ok: true, res };
}

/**
 * __release_region(): find the BUSY resource exactly covering [start, start+size-1], descending through non-busy
 * resources that contain the range, and unlink it. Fails (-EINVAL, "Trying to free nonexistent resource") otherwise.
 */
export function releaseRegion(root: Resource, start: bigint, size: bigint): OpResult {
  const end = start + size - 1n;
  let parent = root;
  outer: for (;;) {
    for (const r of parent.children) {
      if (r.start <= start && r.end >= end) {
        if ((r.flags & IORESOURCE.BUSY) === 0) {
          parent = r;
          continue outer;
        }
        if (r.start !== start || r.end !== end) break outer;
        return releaseResource(r);
      }
    }
    break;
  }
  return { ok: false, errno: '-EINVAL', conflict: null };
}

function overlaps(r: Resource, start: bigint, end: bigint): boolean {
  return r.start <= end && r.end >= start;
}

function isType(r: Resource, flags: number, desc: number): boolean {
  return (r.flags & flags) >>> 0 === flags >>> 0 && (desc === IORES_DESC.NONE || desc === r.desc);
}

/** Pre-order walk of every descendant of `root` (not root itself), in address order. */
export function* descendants(root: Resource): Generator<Resource> {
  for (const c of root.children) {
    yield c;
    yield* descendants(c);
  }
}

export interface RegionIntersectsOptions {
  /**
   * Look into descendants of non-matching top-level resources (the Sep 2024 fix "resource: fix region_intersects()
   * vs add_memory_driver_managed()", in v6.12 and Cc stable). False models older kernels: top level only.
   */
  descendantAware: boolean;
}

/**
 * region_intersects(start, size, flags, desc) over the children of `root`.
 * DISJOINT: no matching resource overlaps the range. INTERSECTS: every top-level resource overlapping the range is
 * matching or, descendant-aware, has its overlapped part covered by matching descendants. MIXED otherwise.
 * Parts of the range covered by no resource at all do not count.
 */
export function regionIntersects(
  root: Resource,
  start: bigint,
  size: bigint,
  flags: number,
  desc: number,
  opts: RegionIntersectsOptions = { descendantAware: true },
): RegionIntersection {
  const end = start + size - 1n;
  let type = 0;
  let other = 0;
  for (const p of root.children) {
    if (!overlaps(p, start, end)) continue;
    if (isType(p, flags, desc)) {
      type++;
      continue;
    }
    if (!opts.descendantAware) {
      other++;
      continue;
    }
    let covered = false;
    let ostart = start > p.start ? start : p.start;
    const oend = end < p.end ? end : p.end;
    for (const dp of descendants(p)) {
      if (!overlaps(dp, start, end)) continue;
      if (isType(dp, flags, desc)) {
        type++;
        if (dp.start > ostart) break;
        if (dp.end >= oend) {
          covered = true;
          break;
        }
        ostart = ostart > dp.end + 1n ? ostart : dp.end + 1n;
      }
    }
    if (!covered) other++;
  }
  if (type === 0) return 'REGION_DISJOINT';
  if (other === 0) return 'REGION_INTERSECTS';
  return 'REGION_MIXED';
}

/** Names from the root (exclusive) down to `res`, for linked highlighting and conflict reports. */
export function findPath(res: Resource): string[] {
  const out: string[] = [];
  for (let r: Resource | null = res; r && r.parent; r = r.parent) out.push(r.name ?? '<BAD>');
  return out.reverse();
}

/** Find a resource by its path of names from the root (first match at each level). */
export function findByPath(root: Resource, path: readonly string[]): Resource | null {
  let cur: Resource | undefined = root;
  for (const name of path) {
    cur = cur.children.find((c) => (c.name ?? '<BAD>') === name);
    if (!cur) return null;
  }
  return cur;
}

/** Every resource (depth-first, address order) for which `pred` holds. */
export function findAll(root: Resource, pred: (r: Resource) => boolean): Resource[] {
  const out: Resource[] = [];
  for (const r of descendants(root)) if (pred(r)) out.push(r);
  return out;
}

/** Visit root and every descendant with its depth (root = 0). */
export function walk(root: Resource, fn: (r: Resource, depth: number) => void, depth = 0): void {
  fn(root, depth);
  for (const c of root.children) walk(c, fn, depth + 1);
}

/** Deep copy with parent links rebuilt. */
export function cloneTree(root: Resource, parent: Resource | null = null): Resource {
  const copy: Resource = { ...root, parent, children: [] };
  copy.children = root.children.map((c) => cloneTree(c, copy));
  return copy;
}

/** Deepest resource containing the whole range [start, end] (root when none does). */
export function deepestContaining(root: Resource, start: bigint, end: bigint): Resource {
  let cur = root;
  for (;;) {
    const next = cur.children.find((c) => c.start <= start && c.end >= end);
    if (!next) return cur;
    cur = next;
  }
}

/** Check the tree invariants; returns a description of the first violation or null. */
export function checkInvariants(root: Resource): string | null {
  let err: string | null = null;
  walk(root, (r) => {
    if (err) return;
    if (r.end < r.start) err = `${r.name}: end before start`;
    for (let i = 0; i < r.children.length; i++) {
      const c = r.children[i]!;
      if (c.parent !== r) err = `${c.name}: wrong parent link`;
      if (c.start < r.start || c.end > r.end) err = `${c.name}: not inside parent ${r.name}`;
      const prev = r.children[i - 1];
      if (prev && prev.end >= c.start) err = `${prev.name} and ${c.name}: siblings overlap or unsorted`;
    }
  });
  return err;
}
