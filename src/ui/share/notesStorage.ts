/**
 * Review notes kept in localStorage (versioned key, validated with zod on load; corrupt data is ignored and
 * reported) and merged with the notes a link brings.
 */
import { ReviewNotesSchema } from '../../model/share/link';
import type { ReviewNote } from '../../model/view-state';

export const NOTES_KEY = 'hdm-atlas.notes.v1';

export function loadNotes(storage: Storage | undefined = globalThis.localStorage): { notes: ReviewNote[]; error: string | null } {
  try {
    const raw = storage?.getItem(NOTES_KEY);
    if (!raw) return { notes: [], error: null };
    const r = ReviewNotesSchema.safeParse(JSON.parse(raw));
    if (!r.success) return { notes: [], error: 'Saved review notes were unreadable and have been ignored.' };
    return { notes: r.data.map((n) => ({ id: n.id, target: n.target, text: n.text, ...(n.author ? { author: n.author } : {}) })), error: null };
  } catch {
    return { notes: [], error: 'Saved review notes were unreadable and have been ignored.' };
  }
}

export function saveNotes(notes: ReviewNote[], storage: Storage | undefined = globalThis.localStorage): void {
  try {
    if (notes.length === 0) storage?.removeItem(NOTES_KEY);
    else storage?.setItem(NOTES_KEY, JSON.stringify(notes));
  } catch {
    /* storage full or disabled: notes still live in the page and the link */
  }
}

/** Notes from a link win over saved ones with the same id; the rest are kept, link notes first. */
export function mergeNotes(fromLink: ReviewNote[], saved: ReviewNote[]): ReviewNote[] {
  const ids = new Set(fromLink.map((n) => n.id));
  return [...fromLink, ...saved.filter((n) => !ids.has(n.id))].slice(0, 50);
}
