/**
 * Very large imported trees are cut down to the part the designs can touch before they run: every resource that
 * overlaps the accelerator range (with its ancestors) plus the nearest top-level neighbours for context. The designs'
 * operations (request_mem_region, insert_resource, region_intersects, add_memory on the range) only ever look at
 * resources overlapping the range, so their results do not change; the drawing gets smaller.
 */
import type { Resource } from '../resource/types';

/** Trees with more resources than this are focused (typical laptop and server dumps, up to a few hundred lines, are kept whole; the 100 ms budget for a 1,000-line dump needs the cut). */
export const FOCUS_ABOVE = 400;

export interface FocusResult {
  tree: Resource;
  /** Resources left out (0 when the tree was small enough to keep whole). */
  hidden: number;
}

function count(r: Resource): number {
  let n = 0;
  const stack = [...r.children];
  while (stack.length) {
    const x = stack.pop()!;
    n++;
    for (const c of x.children) stack.push(c);
  }
  return n;
}

/** Keep resources overlapping [start, end] and up to `neighbours` top-level entries on each side. */
export function focusTree(tree: Resource, start: bigint, end: bigint, neighbours = 20): FocusResult {
  const total = count(tree);
  if (total <= FOCUS_ABOVE) return { tree, hidden: 0 };
  const overlaps = (r: Resource) => r.start <= end && r.end >= start;
  const copy = (r: Resource, parent: Resource): Resource => {
    const n: Resource = { ...r, parent, children: [] };
    for (const c of r.children) if (overlaps(c)) n.children.push(copy(c, n));
    return n;
  };
  const root: Resource = { ...tree, parent: null, children: [] };
  const top = tree.children;
  let first = top.findIndex((c) => c.end >= start);
  if (first < 0) first = top.length;
  let last = first;
  while (last < top.length && top[last]!.start <= end) last++;
  for (let i = Math.max(0, first - neighbours); i < Math.min(top.length, last + neighbours); i++) {
    const c = top[i]!;
    root.children.push(overlaps(c) ? copy(c, root) : { ...c, parent: root, children: [] });
  }
  return { tree: root, hidden: total - count(root) };
}
