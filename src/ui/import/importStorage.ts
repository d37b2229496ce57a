/**
 * Imports kept in localStorage across reloads until the user removes them. Versioned key, validated on load:
 * corrupt or foreign data is ignored and reported, never trusted.
 */
// valibot, as in share/link.ts (model/validation.ts says why not zod).
import * as v from 'valibot';
import { describeIssue, int, list, object } from '../../model/validation';
import { whenIdle } from '../hooks/whenIdle';
import { describeError } from '../storage/storageFault';

export const IMPORT_STORAGE_KEY = 'hdm-atlas.imports.v1';
/** Texts above this are not stored (localStorage holds ~5 MB); what was derived from them is. */
export const MAX_STORED_TEXT = 2 * 1024 * 1024;

const str = (max: number) => v.pipe(v.string(), v.maxLength(max));

const Slot = {
  /** File name or "pasted". */
  name: str(500),
  /** The imported text, or null when it was too large to keep (or, with `why`, could not be kept). */
  text: v.nullable(v.string()),
  /** When this slot was last imported or changed (ISO 8601): two tabs' slots are merged by it (importMerge.ts). */
  savedAt: str(40),
  /** 'storage-full': the text was dropped because the browser's storage was full, so an older text is not kept instead. */
  why: v.optional(v.literal('storage-full')),
};

/** When each slot was last removed (ISO 8601), so another tab's older copy does not bring it back. */
const Removed = object({
  iomem: v.optional(str(40)),
  maps: v.optional(str(40)),
  trace: v.optional(str(40)),
  cxl: v.optional(str(40)),
  bundle: v.optional(str(40)),
});

export const StoredImports = object({
  version: v.literal(1),
  iomem: v.optional(object({ ...Slot, range: v.nullable(str(80)) })),
  maps: v.optional(
    object({
      ...Slot,
      /** Line of the chosen VMA. */
      vmaLine: v.nullable(v.pipe(int(), v.gtValue(0))),
      /** Kept for texts too large to store: the chosen VMA's flags. */
      vmFlags: v.nullable(object({ label: str(300), mnemonics: list(str(4), 64) })),
    }),
  ),
  trace: v.optional(
    object({
      ...Slot,
      /** Kept for texts too large to store: the functions seen. */
      functions: v.nullable(list(str(200), 5000)),
    }),
  ),
  removed: v.optional(Removed),
  /** `cxl list` output. */
  cxl: v.optional(object({ ...Slot })),
  /** A machine bundle (scripts/collect.sh); the range picked on its /proc/iomem. */
  bundle: v.optional(object({ ...Slot, range: v.nullable(str(80)) })),
});
export type StoredImports = v.InferOutput<typeof StoredImports>;

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
  const r = v.safeParse(StoredImports, json);
  if (!r.success) {
    const where = describeIssue(r.issues[0]);
    return { value: EMPTY_IMPORTS, message: `Saved imports were ignored: they do not match the expected format (${where}).` };
  }
  return { value: r.output, message: null };
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
