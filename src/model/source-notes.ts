/**
 * A source's note (what was read, where, and what it says) by source id. The notes are the longest text the model
 * carries, so the page loads them after first paint (loadSourceNotes(), started when the browser is idle or when the
 * inspector first opens); the plain-text renderer, the CLI and the tests import sources/notes directly.
 */
import type { SourceId } from './source';

let notes: Readonly<Record<SourceId, string>> | null = null;
let loading: Promise<Readonly<Record<SourceId, string>>> | null = null;

/** The note of `id` once the notes are loaded; undefined before, or when the source has none. */
export function sourceNote(id: SourceId): string | undefined {
  return notes?.[id];
}

/** Whether sourceNote() can answer yet. */
export function sourceNotesLoaded(): boolean {
  return notes !== null;
}

/** Load the notes (once). A failed load (a network drop) can be retried by calling again. */
export function loadSourceNotes(): Promise<Readonly<Record<SourceId, string>>> {
  loading ??= import('./sources/notes').then(
    (m) => (notes = m.SOURCE_NOTES),
    (e: unknown) => {
      loading = null;
      throw e;
    },
  );
  return loading;
}
