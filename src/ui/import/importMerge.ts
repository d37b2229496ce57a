/**
 * Stored imports from two tabs, merged slot by slot instead of last-writer-wins: each slot (iomem, maps, trace, cxl, bundle) keeps
 * whichever is newest of the two tabs' copies and their removals. A slot's `savedAt` is when it was imported or last
 * changed (stamp()), not when it was last written, so a tab that only re-saves what it loaded never overrides another
 * tab's newer import or removal.
 */
import type { StoredImports } from './importStorage';

export const KINDS = ['iomem', 'maps', 'trace', 'cxl', 'bundle'] as const;
export type SlotKind = (typeof KINDS)[number];

const time = (iso: string | undefined): number => (iso ? Date.parse(iso) || 0 : -Infinity);

/** Whether two stored slots hold the same import and choices (ignoring savedAt). */
function sameSlot(a: StoredImports[SlotKind], b: StoredImports[SlotKind]): boolean {
  if (!a || !b) return a === b;
  const { savedAt: _a, ...ra } = a;
  const { savedAt: _b, ...rb } = b;
  const ka = Object.keys(ra) as (keyof typeof ra)[];
  if (ka.length !== Object.keys(rb).length) return false;
  return ka.every((k) => JSON.stringify(ra[k]) === JSON.stringify((rb as typeof ra)[k]));
}

/**
 * `next` with each slot's time kept from `prev` when the slot did not change, set to `now` when it is new or changed,
 * and a removal recorded at `now` for a slot `prev` had and `next` does not.
 */
export function stamp(prev: StoredImports, next: StoredImports, now: string): StoredImports {
  const out: StoredImports = { version: 1 };
  const removed: NonNullable<StoredImports['removed']> = { ...prev.removed, ...next.removed };
  for (const k of KINDS) {
    const p = prev[k];
    const n = next[k];
    if (n) {
      setSlot(out, k, sameSlot(p, n) && p ? { ...n, savedAt: p.savedAt } : { ...n, savedAt: now });
      delete removed[k];
    } else if (p) removed[k] = now;
  }
  if (Object.keys(removed).length) out.removed = removed;
  return out;
}

function setSlot<K extends SlotKind>(v: StoredImports, k: K, slot: StoredImports[K]): void {
  if (slot) v[k] = slot;
}

/** Per slot the newest of `a`'s and `b`'s copies and removals; on a tie, `a` (the caller's own) wins. */
export function mergeImports(a: StoredImports, b: StoredImports): StoredImports {
  const out: StoredImports = { version: 1 };
  const removed: NonNullable<StoredImports['removed']> = {};
  for (const k of KINDS) {
    const cands: { t: number; slot: StoredImports[SlotKind]; removedAt?: string }[] = [
      { t: time(a[k]?.savedAt), slot: a[k] },
      { t: time(a.removed?.[k]), slot: undefined, removedAt: a.removed?.[k] },
      { t: time(b[k]?.savedAt), slot: b[k] },
      { t: time(b.removed?.[k]), slot: undefined, removedAt: b.removed?.[k] },
    ];
    let best = cands[0]!;
    for (const c of cands.slice(1)) if (c.t > best.t) best = c;
    if (best.t === -Infinity) continue;
    if (best.slot) setSlot(out, k, best.slot);
    else if (best.removedAt) removed[k] = best.removedAt;
  }
  if (Object.keys(removed).length) out.removed = removed;
  return out;
}

/** The slots where `theirs` is newer than `mine`: another tab imported, changed or removed them since. */
export function newerIn(theirs: StoredImports, mine: StoredImports): SlotKind[] {
  return KINDS.filter((k) => {
    const mineAt = Math.max(time(mine[k]?.savedAt), time(mine.removed?.[k]));
    const t = theirs[k];
    if (t) return time(t.savedAt) > mineAt && !sameSlot(t, mine[k]);
    return mine[k] !== undefined && time(theirs.removed?.[k]) > mineAt;
  });
}

/** `v` with every text dropped (marked 'storage-full'): what still fits when the storage is full. */
export function withoutTexts(v: StoredImports): StoredImports {
  const out: StoredImports = { ...v };
  for (const k of KINDS) {
    const s = v[k];
    if (s?.text) setSlot(out, k, { ...s, text: null, why: 'storage-full' });
  }
  return out;
}

/** Whether `v` holds any import. */
export const hasImports = (v: StoredImports): boolean => KINDS.some((k) => v[k] !== undefined);
