/**
 * A source's note (what was read, where, and what it says) by source id. The notes are the longest text the model
 * carries, so the page loads them after first paint (loadSourceNotes(), started when the browser is idle or when the
 * inspector first opens); the plain-text renderer, the CLI and the tests import sources/notes directly.
 */
import { lazyTable } from './lazyTable';
import type { SourceId } from './source';

const notes = lazyTable<string>(() => import('./sources/notes').then((m) => m.SOURCE_NOTES));

/** The note of `id` once the notes are loaded; undefined before, or when the source has none. */
export const sourceNote = (id: SourceId): string | undefined => notes.get(id);

/** Whether sourceNote() can answer yet. */
export const sourceNotesLoaded = (): boolean => notes.loaded();

/** Load the notes (once). A failed load (a network drop) can be retried by calling again. */
export const loadSourceNotes = (): Promise<Readonly<Record<SourceId, string>>> => notes.load();
