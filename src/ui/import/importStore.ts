/**
 * Keeps the imports in localStorage without losing them and without two tabs overwriting each other:
 * - each write reads what storage holds and merges it slot by slot (importMerge.ts), so another tab's newer import
 *   or removal survives; a slot another tab changed after this one is reported (`onElsewhere`), never overwritten;
 * - a write the browser refuses is said exactly (full, blocked, failed). When storage is full, the texts are dropped
 *   from storage (their names kept) so a reload does not bring back an older import as if it were the latest, and the
 *   full write is retried when space may have freed (whenSpaceMayFree). The imports stay on the page meanwhile.
 * Writes happen when the browser is idle (idleWriter), and at once when the page is hidden or closed.
 */
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
  const meta = (v: StoredImports) => JSON.stringify({ ...v, iomem: v.iomem && { ...v.iomem, text: null }, maps: v.maps && { ...v.maps, text: null }, trace: v.trace && { ...v.trace, text: null } });
  return KINDS.every((k) => a[k]?.text === b[k]?.text) && meta(a) === meta(b);
}

function put(storage: Storage, v: StoredImports): void {
  if (!hasImports(v) && !v.removed) storage.removeItem(IMPORT_STORAGE_KEY);
  else storage.setItem(IMPORT_STORAGE_KEY, JSON.stringify(v));
}

export class ImportStore {
  private mine: StoredImports;
  private pending = false;
  private readonly writer: { save: (v: StoredImports) => void; flush: () => void };

  /**
   * @param storage where imports persist (null: nowhere)
   * @param initial what storage held when the panel loaded
   */
  constructor(
    private readonly storage: Storage | null,
    initial: StoredImports,
    private readonly onProblem: (p: ImportSaveProblem | null) => void,
    private readonly onElsewhere: (e: Elsewhere) => void,
  ) {
    this.mine = initial;
    this.writer = idleWriter((v: StoredImports) => this.write(v));
  }

  /** What the panel holds now: stamped (importMerge.stamp) and written when idle if anything changed. */
  update(value: StoredImports): void {
    if (!this.storage) return;
    const next = stamp(this.mine, value, new Date().toISOString());
    if (same(next, this.mine) && !this.pending) return;
    this.mine = next;
    this.writer.save(next);
  }

  /** Write now what the last write could not. */
  retry(): void {
    if (this.pending) this.write(this.mine);
  }

  flush(): void {
    this.writer.flush();
  }

  /** Retry refused writes when space may have freed, and report what other tabs save. Returns the stop function. */
  listen(): () => void {
    if (!this.storage || typeof window === 'undefined') return () => {};
    const stop = whenSpaceMayFree(() => this.retry());
    const onStorage = (e: StorageEvent) => {
      if (e.key !== IMPORT_STORAGE_KEY || e.newValue === null) return;
      let json: unknown;
      try {
        json = JSON.parse(e.newValue);
      } catch {
        return;
      }
      const r = Schema.safeParse(json);
      if (!r.success) return;
      const kinds = newerIn(r.data, this.mine);
      if (kinds.length) this.onElsewhere({ kinds, value: r.data });
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
      this.onProblem({ fault: storageFault(e), holds: 'before' });
      return;
    }
    const newer = newerIn(theirs, v);
    if (newer.length) this.onElsewhere({ kinds: newer, value: theirs });
    const merged = mergeImports(v, theirs);
    try {
      put(storage, merged);
      this.pending = false;
      this.onProblem(null);
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
      this.onProblem({ fault, holds });
    }
  }
}
