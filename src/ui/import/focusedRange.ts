/**
 * focusTree() and layoutForRange() for a range of a parsed dump, memoised per dump and range. Picking a range checks
 * it with one derivation and then applies it; both need the same tree and layout, and each costs a walk over the
 * whole dump (1,000 resources in a server's), so the second use is a lookup. One tree object per dump and range
 * also lets the panel tell whether the app's derivations (Explanation.bootTree) are of this range yet. Not
 * bounded: a user tries a handful of ranges per dump, and the entries go with the dump.
 */
import { focusTree } from '../../model/import/focusTree';
import { layoutForRange } from '../../model/import/range';
import type { Resource } from '../../model/resource/types';
import type { HdmLayout } from '../../model/scenario';

export interface Focused {
  /** The tree the designs run on: the dump, cut down by focusTree() when large. */
  tree: Resource;
  /** Resources focusTree() left out. */
  hidden: number;
  layout: HdmLayout;
}

const focusedRanges = new WeakMap<Resource, Map<string, Focused>>();

export function focusedRange(tree: Resource, start: bigint, end: bigint): Focused {
  let byRange = focusedRanges.get(tree);
  if (!byRange) focusedRanges.set(tree, (byRange = new Map()));
  const k = `${start}-${end}`;
  let f = byRange.get(k);
  if (!f) {
    const cut = focusTree(tree, start, end);
    f = { tree: cut.tree, hidden: cut.hidden, layout: layoutForRange(tree, start, end) };
    byRange.set(k, f);
  }
  return f;
}
