/**
 * Keeps the imports in localStorage without losing them and without two tabs overwriting each other:
 * - each write reads what storage holds and merges it slot by slot (importMerge.ts), so another tab's newer import
 *   or removal survives; a slot another tab changed after this one is reported (`onElsewhere`), never overwritten;
 * - a write the browser refuses is said exactly (full, blocked, failed). When storage is full, the texts are dropped
 *   from storage (their names kept) so a reload does not bring back an older import as if it were the latest, and the
 *   full write is retried when space may have freed (whenSpaceMayFree). The imports stay on the page meanwhile.
 * Writes happen when the browser is idle (idleWriter), and at once when the page is hidden or closed.
 */
import { safeParse } from 'valibot';
import { storageFault, type StorageFault } from '../storage/storageFault';
import { whenSpaceMayFree } from '../storage/whenSpaceMayFree';
import { hasImports, KINDS, mergeImports, newerIn, stamp, withoutTexts, type SlotKind } from './importMerge';
import { IMPORT_STORAGE_KEY, idleWriter, loadImports, StoredImports as Schema, type StoredImports } from './importStorage';

export interface ImportSaveProblem {
  fault: StorageFault;
  /**
   * What storage holds now: 'names' (the texts were dropped, so a reload shows which imports were not kept instead of
   * older ones), 'nothing' (even that did not fit, or storage cannot be used: no saved imports), 'before' (what was
   * saved earlier: a reload would show that).
   */
  holds: 'names' | 'nothing' | 'before';
}

export interface Elsewhere {
  kinds: SlotKind[];
  /** What the other tab saved. */
  value: StoredImports;
}

function same(a: StoredImports, b: StoredImports): boolean {
  const meta = (v: StoredImports) => JSON.stringify({ ...v, ...Object.fromEntries(KINDS.map((k) => [k, v[k] && { ...v[k], text: null }])) });
  return KINDS.every((k) => a[k]?.text === b[k]?.text) && meta(a) === meta(b);
}

function put(storage: Storage, v: StoredImports): void {
  if (!hasImports(v) && !v.removed) storage.removeItem(IMPORT_STORAGE_KEY);
  else storage.setItem(IMPORT_STORAGE_KEY, JSON.stringify(v));
}

export interface ImportStoreOptions {
  /** Where imports persist (null: nowhere). */
  storage: Storage | null;
  /** Why there is no storage, when reading it threw: said as soon as there is something to save. */
  blocked?: StorageFault | null;
  /** Try to reach storage again (the user may have allowed site data since): retry() uses it while there is none. */
  reopen?: () => { storage: Storage | null; fault: StorageFault | null };
  /** What storage held when the panel loaded. */
  initial: StoredImports;
  onProblem: (p: ImportSaveProblem | null) => void;
  onElsewhere: (e: Elsewhere) => void;
}

export class ImportStore {
  private mine: StoredImports;
  private pending = false;
  private storage: Storage | null;
  private blocked: StorageFault | null;
  private readonly writer: { save: (v: StoredImports) => void; flush: () => void };

  constructor(private readonly o: ImportStoreOptions) {
    this.mine = o.initial;
    this.storage = o.storage;
    this.blocked = o.blocked ?? null;
    this.writer = idleWriter((v: StoredImports) => this.write(v));
  }

  /** What the panel holds now: stamped (importMerge.stamp) and written when idle if anything changed. */
  update(value: StoredImports): void {
    if (!this.storage) {
      if (this.blocked) this.o.onProblem(hasImports(value) ? { fault: this.blocked, holds: 'nothing' } : null);
      this.mine = value;
      return;
    }
    const next = stamp(this.mine, value, new Date().toISOString());
    if (same(next, this.mine) && !this.pending) return;
    this.mine = next;
    this.writer.save(next);
  }

  /** Write now what the last write could not; without storage, first try to reach it again. */
  retry(): void {
    if (this.storage) {
      if (this.pending) this.write(this.mine);
      return;
    }
    const a = this.o.reopen?.();
    if (!a?.storage) {
      if (a?.fault) this.blocked = a.fault;
      return;
    }
    // Reached: everything on the page is new to storage.
    this.storage = a.storage;
    this.blocked = null;
    const v = this.mine;
    this.mine = { version: 1 };
    this.update(v);
    this.writer.flush();
  }

  flush(): void {
    this.writer.flush();
  }

  /** Retry refused writes when space may have freed, and report what other tabs save. Returns the stop function. */
  listen(): () => void {
    if ((!this.storage && !this.o.reopen) || typeof window === 'undefined') return () => {};
    const stop = whenSpaceMayFree(() => this.retry());
    const onStorage = (e: StorageEvent) => {
      if (e.key !== IMPORT_STORAGE_KEY || e.newValue === null) return;
      let json: unknown;
      try {
        json = JSON.parse(e.newValue);
      } catch {
        return;
      }
      const r = safeParse(Schema, json);
      if (!r.success) return;
      const kinds = newerIn(r.output, this.mine);
      if (kinds.length) this.o.onElsewhere({ kinds, value: r.output });
    };
    window.addEventListener('storage', onStorage);
    return () => {
      stop();
      window.removeEventListener('storage', onStorage);
    };
  }

  private write(v: StoredImports): void {
    const storage = this.storage;
    if (!storage) return;
    let theirs: StoredImports = { version: 1 };
    try {
      if (storage.getItem(IMPORT_STORAGE_KEY) !== null) theirs = loadImports(storage).value;
    } catch (e) {
      this.pending = true;
      this.o.onProblem({ fault: storageFault(e), holds: 'before' });
      return;
    }
    const newer = newerIn(theirs, v);
    if (newer.length) this.o.onElsewhere({ kinds: newer, value: theirs });
    const merged = mergeImports(v, theirs);
    try {
      put(storage, merged);
      this.pending = false;
      this.o.onProblem(null);
      return;
    } catch (e) {
      this.pending = true;
      const fault = storageFault(e);
      let holds: ImportSaveProblem['holds'] = 'before';
      if (fault.kind === 'full') {
        try {
          put(storage, withoutTexts(merged));
          holds = 'names';
        } catch {
          try {
            storage.removeItem(IMPORT_STORAGE_KEY);
            holds = 'nothing';
          } catch {
            /* it holds what it held */
          }
        }
      }
      this.o.onProblem({ fault, holds });
    }
  }
}
