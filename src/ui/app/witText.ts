/** Words for "what would it take" items (WhatItTakes.tsx and the applied notice). */
import { catalogueEntry, statusLabel } from '../../model/patches/catalogue';
import type { ChangeItem } from '../../model/search/items';

/** The kind of step an item is, in words: the badge beside it ("config", "merged release", "posted v20", "hypothetical"). */
export function itemBadge(i: ChangeItem): string {
  if (i.kind === 'patch') {
    const e = catalogueEntry(i.id);
    return e ? statusLabel(e) : i.status;
  }
  if (i.status === 'release') return i.rank > 1 ? 'older release' : 'merged release';
  return i.status;
}
