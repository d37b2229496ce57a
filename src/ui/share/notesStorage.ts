/**
 * Review notes in localStorage: a versioned record of entries (notesRecord.ts: each note with the time of its last
 * change, and tombstones for deleted ones), validated on load (model/validation.ts). Version 1 (a plain list) is read and migrated.
 * These functions throw what storage throws; notesStore.ts decides what to say about it.
 */
import * as v from 'valibot';
import { ReviewNoteSchema } from '../../model/share/link';
import { pruneTombstones, type NoteEntry } from '../../model/share/notesRecord';
import { describeIssue, list, number, object } from '../../model/validation';
import type { ReviewNote } from '../../model/view-state';

export const NOTES_KEY_V1 = 'hdm-atlas.notes.v1';
export const NOTES_KEY = 'hdm-atlas.notes.v2';
/** Where an unreadable stored record is moved, so saving new notes does not destroy it. */
export const NOTES_UNREADABLE_KEY = 'hdm-atlas.notes.unreadable';

const EntrySchema = object({ id: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,40}$/)), at: number(), note: v.nullable(ReviewNoteSchema) });
const RecordSchema = object({ version: v.literal(2), entries: list(EntrySchema, 5000) });
const V1Schema = v.array(ReviewNoteSchema);

type ParsedNote = v.InferOutput<typeof ReviewNoteSchema>;
const toNote = (n: ParsedNote): ReviewNote => ({ id: n.id, target: n.target, text: n.text, ...(n.author ? { author: n.author } : {}) });

export type ParsedRecord = { ok: true; entries: NoteEntry[] } | { ok: false; error: string };

/** Parse a stored version-2 record. Never throws. */
export function parseRecord(raw: string): ParsedRecord {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, error: 'not JSON' };
  }
  const r = v.safeParse(RecordSchema, json);
  if (!r.success) return { ok: false, error: describeIssue(r.issues[0]) };
  return { ok: true, entries: r.output.entries.filter((e) => !e.note || e.note.id === e.id).map((e) => ({ id: e.id, at: e.at, note: e.note ? toNote(e.note) : null })) };
}

export interface ReadNotes {
  entries: NoteEntry[];
  /** What was stored but could not be read (it is not used), and why. */
  unreadable: { raw: string; error: string } | null;
}

/** Read the stored record; a version-1 list comes back as entries at time 0 (any later change wins). Throws what storage throws. */
export function readNotes(storage: Storage): ReadNotes {
  const raw = storage.getItem(NOTES_KEY);
  if (raw !== null) {
    const r = parseRecord(raw);
    return r.ok ? { entries: r.entries, unreadable: null } : { entries: [], unreadable: { raw, error: r.error } };
  }
  const old = storage.getItem(NOTES_KEY_V1);
  if (old === null) return { entries: [], unreadable: null };
  let json: unknown;
  try {
    json = JSON.parse(old);
  } catch {
    return { entries: [], unreadable: { raw: old, error: 'not JSON' } };
  }
  const r = v.safeParse(V1Schema, json);
  if (!r.success) return { entries: [], unreadable: { raw: old, error: describeIssue(r.issues[0]) } };
  return { entries: r.output.map((n) => ({ id: n.id, at: 0, note: toNote(n) })), unreadable: null };
}

/** Store the record (tombstones beyond the limit dropped) and retire the version-1 key. Throws what storage throws. */
export function writeNotes(storage: Storage, entries: readonly NoteEntry[]): void {
  if (entries.length === 0) storage.removeItem(NOTES_KEY);
  else storage.setItem(NOTES_KEY, JSON.stringify({ version: 2, entries: pruneTombstones(entries) }));
  if (storage.getItem(NOTES_KEY_V1) !== null) storage.removeItem(NOTES_KEY_V1);
}
