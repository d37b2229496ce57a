/**
 * Imports kept in localStorage across reloads until the user removes them. Versioned key, validated with zod on load:
 * corrupt or foreign data is ignored and reported, never trusted.
 */
// zod/mini, as in share/link.ts: one zod API in the app, so the main bundle carries only the core that API needs.
import * as z from 'zod/mini';
import { describeIssue } from '../../model/validation';
import { whenIdle } from '../hooks/whenIdle';
import { describeError } from '../storage/storageFault';

export const IMPORT_STORAGE_KEY = 'hdm-atlas.imports.v1';
/** Texts above this are not stored (localStorage holds ~5 MB); what was derived from them is. */
export const MAX_STORED_TEXT = 2 * 1024 * 1024;

const str = (max: number) => z.string().check(z.maxLength(max));

const Slot = {
  /** File name or "pasted". */
  name: str(500),
  /** The imported text, or null when it was too large to keep (or, with `why`, could not be kept). */
  text: z.nullable(z.string()),
  /** When this slot was last imported or changed (ISO 8601): two tabs' slots are merged by it (importMerge.ts). */
  savedAt: str(40),
  /** 'storage-full': the text was dropped because the browser's storage was full, so an older text is not kept instead. */
  why: z.optional(z.literal('storage-full')),
};

/** When each slot was last removed (ISO 8601), so another tab's older copy does not bring it back. */
const Removed = z.object({
  iomem: z.optional(str(40)),
  maps: z.optional(str(40)),
  trace: z.optional(str(40)),
  cxl: z.optional(str(40)),
  bundle: z.optional(str(40)),
});

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
  removed: z.optional(Removed),
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
  } catch (e) {
    return { value: EMPTY_IMPORTS, message: `Saved imports could not be read: ${describeError(e)}; nothing was restored.` };
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

/** The text to store for an import: itself, or null when too large. */
export function storableText(text: string): string | null {
  return text.length <= MAX_STORED_TEXT ? text : null;
}

/**
 * Runs `write` with the latest value saved when the browser is idle instead of in the task that shows an import.
 * Writing an import means JSON.stringify of the whole pasted text and a synchronous localStorage.setItem of it —
 * milliseconds that would otherwise hold up the frame that draws the candidates or the diagrams on the picked range.
 * Saves are coalesced (the latest value wins); a queued save is written at once when the page is hidden or unloaded
 * (visibilitychange, pagehide) or on flush() (the panel flushes when it unmounts), so a reload right after an import
 * still finds it.
 */
export function idleWriter<T>(write: (v: T) => void, timeout = 1000): { save: (v: T) => void; flush: () => void } {
  let queued: { v: T } | null = null;
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
    const q = queued!;
    queued = null;
    write(q.v);
  }
  return {
    save(v) {
      queued = { v };
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
