/**
 * Imports kept in localStorage across reloads until the user removes them. Versioned key, validated with zod on load:
 * corrupt or foreign data is ignored and reported, never trusted.
 */
// zod/mini, as in share/link.ts: one zod API in the app, so the main bundle carries only the core that API needs.
import * as z from 'zod/mini';
import { describeIssue } from '../../model/validation';
import { whenIdle } from '../hooks/whenIdle';

export const IMPORT_STORAGE_KEY = 'hdm-atlas.imports.v1';
/** Texts above this are not stored (localStorage holds ~5 MB); what was derived from them is. */
export const MAX_STORED_TEXT = 2 * 1024 * 1024;

const str = (max: number) => z.string().check(z.maxLength(max));

const Slot = {
  /** File name or "pasted". */
  name: str(500),
  /** The imported text, or null when it was too large to keep. */
  text: z.nullable(z.string()),
  savedAt: str(40),
};

export const StoredImports = z.object({
  version: z.literal(1),
  iomem: z.optional(z.object({ ...Slot, range: z.nullable(str(80)) })),
  maps: z.optional(
    z.object({
      ...Slot,
      /** Line of the chosen VMA. */
      vmaLine: z.nullable(z.int().check(z.positive())),
      /** Kept for texts too large to store: the chosen VMA's flags. */
      vmFlags: z.nullable(z.object({ label: str(300), mnemonics: z.array(str(4)).check(z.maxLength(64)) })),
    }),
  ),
  trace: z.optional(
    z.object({
      ...Slot,
      /** Kept for texts too large to store: the functions seen. */
      functions: z.nullable(z.array(str(200)).check(z.maxLength(5000))),
    }),
  ),
  /** `cxl list` output. */
  cxl: z.optional(z.object({ ...Slot })),
  /** A machine bundle (scripts/collect.sh); the range picked on its /proc/iomem. */
  bundle: z.optional(z.object({ ...Slot, range: z.nullable(str(80)) })),
});
export type StoredImports = z.infer<typeof StoredImports>;

export const EMPTY_IMPORTS: StoredImports = { version: 1 };

/** Read stored imports. Returns a message (and empty imports) when storage holds something invalid. */
export function loadImports(storage: Storage | null): { value: StoredImports; message: string | null } {
  if (!storage) return { value: EMPTY_IMPORTS, message: null };
  let raw: string | null;
  try {
    raw = storage.getItem(IMPORT_STORAGE_KEY);
  } catch {
    return { value: EMPTY_IMPORTS, message: 'Saved imports could not be read (storage is blocked); nothing was restored.' };
  }
  if (raw === null) return { value: EMPTY_IMPORTS, message: null };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { value: EMPTY_IMPORTS, message: 'Saved imports were corrupt (not JSON) and were ignored.' };
  }
  const r = StoredImports.safeParse(json);
  if (!r.success) {
    const first = r.error.issues[0];
    const where = first ? describeIssue(first) : 'unknown problem';
    return { value: EMPTY_IMPORTS, message: `Saved imports were ignored: they do not match the expected format (${where}).` };
  }
  return { value: r.data, message: null };
}

/** Store imports. Returns an error message when the browser refuses (quota), null on success. */
export function saveImports(storage: Storage | null, v: StoredImports): string | null {
  if (!storage) return null;
  try {
    if (!v.iomem && !v.maps && !v.trace && !v.cxl && !v.bundle) storage.removeItem(IMPORT_STORAGE_KEY);
    else storage.setItem(IMPORT_STORAGE_KEY, JSON.stringify(v));
    return null;
  } catch {
    return 'The browser refused to save the imports (storage full?); they last until this page is closed.';
  }
}

/** The text to store for an import: itself, or null when too large. */
export function storableText(text: string): string | null {
  return text.length <= MAX_STORED_TEXT ? text : null;
}

export interface DeferredSaver {
  /** Queue `v` to be stored; it replaces a queued value not written yet. */
  save: (v: StoredImports) => void;
  /** Write the queued value now (nothing when none is queued). */
  flush: () => void;
}

/**
 * Stores imports when the browser is idle instead of in the task that shows them. Writing an import means
 * JSON.stringify of the whole pasted text and a synchronous localStorage.setItem of it — milliseconds that would
 * otherwise hold up the frame that draws the candidates or the diagrams on the picked range. Saves are coalesced
 * (the latest value wins); a queued save is written at once when the page is hidden or unloaded (visibilitychange,
 * pagehide) or on flush() (the panel flushes when it unmounts), so a reload right after an import still finds it.
 * `onError` gets saveImports()'s message when the browser refuses.
 */
export function deferredSaver(storage: Storage | null, onError: (message: string) => void, timeout = 1000): DeferredSaver {
  let queued: StoredImports | null = null;
  let cancel: (() => void) | null = null;
  const onHidden = () => {
    if (document.visibilityState === 'hidden') flush();
  };
  function flush() {
    if (!cancel) return;
    cancel();
    cancel = null;
    if (typeof window !== 'undefined') {
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onHidden);
    }
    const v = queued!;
    queued = null;
    const err = saveImports(storage, v);
    if (err) onError(err);
  }
  return {
    save(v) {
      if (!storage) return;
      queued = v;
      if (cancel) return;
      cancel = whenIdle(flush, timeout);
      if (typeof window !== 'undefined') {
        window.addEventListener('pagehide', flush);
        document.addEventListener('visibilitychange', onHidden);
      }
    },
    flush,
  };
}
