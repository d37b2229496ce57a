/**
 * Review notes as a mergeable record: one entry per note id with the time of its last change, and a tombstone
 * (note: null) for a deleted note. Two tabs, a link and storage each hold such a record; merging keeps, for every id,
 * the newest entry, so a note added anywhere survives and a deletion stays deleted — never last-writer-wins of the
 * whole list. The merge is commutative, associative and idempotent (a join of a semilattice), so records can arrive
 * in any order and more than once (storage events, BroadcastChannel, reloads). Property-tested in notesRecord.test.ts.
 */
import type { NoteTarget, ReviewNote } from '../view-state';

export interface NoteEntry {
  id: string;
  /** When the note was last added, changed or deleted (ms since the epoch, made strictly increasing per tab). */
  at: number;
  /** The note, or null once it was deleted (a tombstone). */
  note: ReviewNote | null;
}

/** Tombstones kept beyond this are dropped, oldest first (a deletion older than all of them can no longer be undone by a stale peer, which is the price of a bounded record). */
export const MAX_TOMBSTONES = 200;

function targetKey(t: NoteTarget): unknown[] {
  switch (t.kind) {
    case 'resource':
      return [t.kind, t.path];
    case 'step':
      return [t.kind, t.nodeId];
    case 'verdict':
      return [t.kind, t.design, t.verdict];
    case 'vma':
      return [t.kind, t.part];
  }
}

/** A canonical string for a note (independent of property order), to compare notes and break ties. */
export function noteKey(n: ReviewNote): string {
  return JSON.stringify([n.id, targetKey(n.target), n.text, n.author ?? null]);
}

/** The entry that wins for one id: the newer; at the same time a deletion; between two notes, the larger key. */
export function newer(a: NoteEntry, b: NoteEntry): NoteEntry {
  if (a.at !== b.at) return a.at > b.at ? a : b;
  if (a.note === null) return a;
  if (b.note === null) return b;
  return noteKey(a.note) >= noteKey(b.note) ? a : b;
}

/** Merge records: per id the newer entry (see newer()). The result is sorted by id (a canonical form). */
export function mergeRecords(...records: readonly (readonly NoteEntry[])[]): NoteEntry[] {
  const byId = new Map<string, NoteEntry>();
  for (const r of records) {
    for (const e of r) {
      const cur = byId.get(e.id);
      byId.set(e.id, cur ? newer(cur, e) : e);
    }
  }
  return [...byId.values()].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

/** The notes still alive, oldest change first. */
export function liveNotes(record: readonly NoteEntry[]): ReviewNote[] {
  return record
    .filter((e): e is NoteEntry & { note: ReviewNote } => e.note !== null)
    .sort((x, y) => x.at - y.at || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))
    .map((e) => e.note);
}

/** Whether two lists hold the same notes (same ids and contents, in any order). */
export function sameNotes(a: readonly ReviewNote[], b: readonly ReviewNote[]): boolean {
  if (a.length !== b.length) return false;
  const keys = new Set(a.map(noteKey));
  return b.every((n) => keys.has(noteKey(n)));
}

/** The latest time in a record (0 when empty). */
export function latest(record: readonly NoteEntry[]): number {
  let m = 0;
  for (const e of record) if (e.at > m) m = e.at;
  return m;
}

/**
 * Entries for what changed between the notes a view showed (`before`) and shows now (`after`), stamped `at`:
 * a new or edited note, or a tombstone for one that is gone.
 */
export function changes(before: readonly ReviewNote[], after: readonly ReviewNote[], at: number): NoteEntry[] {
  const prev = new Map(before.map((n) => [n.id, noteKey(n)]));
  const out: NoteEntry[] = [];
  const ids = new Set<string>();
  for (const n of after) {
    ids.add(n.id);
    if (prev.get(n.id) !== noteKey(n)) out.push({ id: n.id, at, note: n });
  }
  for (const id of prev.keys()) if (!ids.has(id)) out.push({ id, at, note: null });
  return out;
}

/**
 * Notes a link brings, as entries: a note the record already holds with the same content keeps its entry; any other
 * (new, or different from the record's) is stamped `at` — opening a link shows what it holds.
 */
export function fromLink(record: readonly NoteEntry[], notes: readonly ReviewNote[], at: number): NoteEntry[] {
  const have = new Map(record.filter((e) => e.note).map((e) => [e.id, noteKey(e.note!)]));
  return notes.filter((n) => have.get(n.id) !== noteKey(n)).map((n) => ({ id: n.id, at, note: n }));
}

/**
 * Notes of a link this tab wrote itself (Back/Forward to one of its history entries, a reload): the record is newer
 * for every id it knows, so only notes it has never seen are added, at time 0 (so any other entry for them wins).
 */
export function unseenIn(record: readonly NoteEntry[], notes: readonly ReviewNote[]): NoteEntry[] {
  const known = new Set(record.map((e) => e.id));
  return notes.filter((n) => !known.has(n.id)).map((n) => ({ id: n.id, at: 0, note: n }));
}

/** Drop the oldest tombstones beyond `max`. */
export function pruneTombstones(record: readonly NoteEntry[], max = MAX_TOMBSTONES): NoteEntry[] {
  const dead = record.filter((e) => e.note === null);
  if (dead.length <= max) return [...record];
  const drop = new Set(dead.sort((x, y) => x.at - y.at).slice(0, dead.length - max).map((e) => e.id));
  return record.filter((e) => !drop.has(e.id));
}
