/**
 * What went wrong with the browser's storage, said exactly. Chromium throws a SecurityError on *reading*
 * `window.localStorage` when the user (or a policy) blocks site data; setItem throws a QuotaExceededError when the
 * site's quota is used up; anything else is reported with its own name.
 */
export type StorageFaultKind = 'blocked' | 'full' | 'failed';

export interface StorageFault {
  kind: StorageFaultKind;
  /** The browser's own words: "QuotaExceededError: …". */
  detail: string;
}

function errorName(e: unknown): string {
  return e && typeof e === 'object' && 'name' in e && typeof e.name === 'string' ? e.name : '';
}

export function describeError(e: unknown): string {
  const name = errorName(e);
  const message = e instanceof Error || (e && typeof e === 'object' && 'message' in e) ? String((e as { message: unknown }).message) : String(e);
  return name && name !== 'Error' ? `${name}: ${message}` : message;
}

/** Classify an exception thrown by localStorage. */
export function storageFault(e: unknown): StorageFault {
  const name = errorName(e);
  const code = e && typeof e === 'object' && 'code' in e ? (e as { code: unknown }).code : undefined;
  const detail = describeError(e);
  if (name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || code === 22 || code === 1014) return { kind: 'full', detail };
  if (name === 'SecurityError' || code === 18) return { kind: 'blocked', detail };
  return { kind: 'failed', detail };
}

/** One sentence for a fault, naming what was not saved: "Review notes are not saved in this browser: …". */
export function faultSentence(what: string, f: StorageFault): string {
  const detail = f.detail.replace(/\.$/, '');
  switch (f.kind) {
    case 'blocked':
      return `${what} not saved in this browser: it blocks this site from storing data (${detail}).`;
    case 'full':
      return `${what} not saved in this browser: its storage for this site is full (${detail}).`;
    case 'failed':
      return `${what} not saved in this browser: storing failed (${detail}).`;
  }
}

export interface StorageAccess {
  /** The Storage object, or null when there is none or reading `localStorage` itself throws. */
  storage: Storage | null;
  /** Why there is none: blocked (SecurityError on access), or absent (no localStorage in this environment). */
  fault: StorageFault | null;
}

/** Read `globalThis.localStorage` without letting its getter throw. */
export function openLocalStorage(): StorageAccess {
  try {
    const s = globalThis.localStorage;
    if (!s) return { storage: null, fault: null };
    return { storage: s, fault: null };
  } catch (e) {
    return { storage: null, fault: storageFault(e) };
  }
}
