/**
 * Restoring stored imports must not fail the same way on every reload. Before the panel re-parses what storage holds,
 * it writes a marker naming those imports (their savedAt); when every restore has ended it removes the marker, or
 * records why restoring failed. A page that loads and finds the marker for the same imports knows the last attempt
 * did not end (the page was closed, reloaded or crashed while parsing) or failed: it sets them aside and asks,
 * instead of trying again. The marker is written to localStorage and sessionStorage (the same tab reloading finds it
 * even when localStorage is full).
 */
import type { StoredImports } from './importStorage';
import { KINDS } from './importMerge';

export const RESTORE_MARKER_KEY = 'hdm-atlas.imports.restoring.v1';

export interface SetAside {
  /** Why the stored imports were not restored, as a sentence fragment. */
  reason: string;
  value: StoredImports;
}

const ident = (v: StoredImports): string =>
  KINDS.map((k) => (v[k]?.text ? `${k}@${v[k].savedAt}` : ''))
    .filter(Boolean)
    .join(' ');

function stores(): Storage[] {
  const out: Storage[] = [];
  for (const get of [() => globalThis.localStorage, () => globalThis.sessionStorage]) {
    try {
      const s = get();
      if (s) out.push(s);
    } catch {
      /* blocked: nothing to mark there */
    }
  }
  return out;
}

function write(value: string | null): void {
  for (const s of stores()) {
    try {
      if (value === null) s.removeItem(RESTORE_MARKER_KEY);
      else s.setItem(RESTORE_MARKER_KEY, value);
    } catch {
      /* full: the other store may hold it */
    }
  }
}

/** Whether `v` must be set aside instead of restored, and why. Null: restore it (and a stale marker is cleared). */
export function checkRestore(v: StoredImports): SetAside | null {
  const id = ident(v);
  for (const s of stores()) {
    let raw: string | null;
    try {
      raw = s.getItem(RESTORE_MARKER_KEY);
    } catch {
      continue;
    }
    if (!raw) continue;
    let m: { id?: unknown; failed?: unknown };
    try {
      m = JSON.parse(raw) as typeof m;
    } catch {
      continue;
    }
    if (id !== '' && m.id === id) {
      return {
        value: v,
        reason:
          typeof m.failed === 'string'
            ? `restoring them failed last time (${m.failed})`
            : 'the last attempt to restore them did not finish (the page was closed, reloaded or stopped while they were parsed)',
      };
    }
  }
  write(null);
  return null;
}

/** About to restore `v`. */
export function beginRestore(v: StoredImports): void {
  write(JSON.stringify({ id: ident(v) }));
}

/** Every restore ended well. */
export function endRestore(): void {
  write(null);
}

/** Restoring `v` failed: say so on the next load instead of trying again. */
export function failRestore(v: StoredImports, why: string): void {
  write(JSON.stringify({ id: ident(v), failed: why.slice(0, 300) }));
}
