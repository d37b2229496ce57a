/**
 * The review notes of this tab, kept in step with storage and with other tabs, and never dropped without a word.
 *
 * The tab holds a record (notesRecord.ts) in memory; the view's notes are its live notes. A change in the view is
 * stamped and merged in, then written: each write reads what storage holds and merges it first, so another tab's
 * notes and deletions are kept, never overwritten. Other tabs' changes arrive by the `storage` event and by a
 * BroadcastChannel (which still works when storage does not) and are merged the same way; when that changes the live
 * notes, `onRemote` hands them to the view. A write the browser refuses is reported exactly (full, blocked, failed)
 * through `onStatus` and retried when space may have freed; the notes stay in the page and in its link meanwhile.
 */
import { changes, fromLink, latest, unseenIn, liveNotes, mergeRecords, sameNotes, type NoteEntry } from '../../model/share/notesRecord';
import type { ReviewNote } from '../../model/view-state';
import { storageFault, type StorageFault } from '../storage/storageFault';
import { whenSpaceMayFree } from '../storage/whenSpaceMayFree';
import { NOTES_KEY, NOTES_UNREADABLE_KEY, parseRecord, readNotes, writeNotes } from './notesStorage';

export interface NotesStatus {
  /** Why the notes are not saved in this browser (null: they are, or there are none to save). */
  fault: StorageFault | null;
  /** A stored record that could not be read at load: not used, moved aside (when possible), offered as a file. */
  unreadable: { raw: string; error: string } | null;
}

/** What a BroadcastChannel offers that the store needs (a fake in tests). */
export interface NotesChannel {
  postMessage(m: unknown): void;
  onmessage: ((e: MessageEvent) => void) | null;
  close(): void;
}

export const CHANNEL_NAME = 'hdm-atlas.notes';

export interface NotesStoreOptions {
  storage: Storage | null;
  /** Why there is no storage (reading window.localStorage threw), if that is why. */
  blocked: StorageFault | null;
  /** Try to reach storage again (the user may have allowed site data since): retry() uses it while there is none. */
  reopen?: () => { storage: Storage | null; fault: StorageFault | null };
  /** Opens the channel to other tabs (null: none), when listen() starts. */
  openChannel: () => NotesChannel | null;
  onRemote: (notes: ReviewNote[]) => void;
  onStatus: (s: NotesStatus) => void;
}

function isRecordMessage(m: unknown): m is { entries: NoteEntry[] } {
  return typeof m === 'object' && m !== null && 'entries' in m && Array.isArray((m as { entries: unknown }).entries);
}

export class NotesStore {
  private record: NoteEntry[] = [];
  private shown: ReviewNote[] = [];
  private status: NotesStatus = { fault: null, unreadable: null };
  private pending = false;
  private channel: NotesChannel | null = null;
  private lastInput: readonly ReviewNote[] | null = null;
  private storage: Storage | null;
  private blocked: StorageFault | null;

  constructor(private readonly o: NotesStoreOptions) {
    this.storage = o.storage;
    this.blocked = o.blocked;
  }

  /**
   * Load what storage holds and merge the notes the page's link brings; returns the notes to show. `ownLink`: the link
   * is one this tab wrote (a reload), so its notes are older than the record's (see linkEntries).
   */
  open(linkNotes: readonly ReviewNote[], ownLink = false): ReviewNote[] {
    const { storage } = this;
    if (storage) {
      try {
        const r = readNotes(storage);
        this.record = r.entries;
        if (r.unreadable) {
          this.status = { ...this.status, unreadable: r.unreadable };
          try {
            storage.setItem(NOTES_UNREADABLE_KEY, r.unreadable.raw);
          } catch {
            /* kept in memory and offered as a file */
          }
        }
      } catch (e) {
        this.status = { ...this.status, fault: storageFault(e) };
      }
    } else if (this.blocked) this.status = { ...this.status, fault: this.blocked };
    const fromUrl = this.linkEntries(linkNotes, ownLink);
    this.record = mergeRecords(this.record, fromUrl);
    this.shown = liveNotes(this.record);
    if (fromUrl.length) this.save();
    return this.shown;
  }

  /** Whether the notes are saved, and what could not be read at load. */
  getStatus(): NotesStatus {
    return this.status;
  }

  /** The notes the view shows now. */
  update(notes: readonly ReviewNote[]): void {
    if (notes === this.lastInput) return; // every state change of the app reaches here (a hover too)
    this.lastInput = notes;
    if (sameNotes(notes, this.shown)) return;
    this.record = mergeRecords(this.record, changes(this.shown, notes, this.tick()));
    this.shown = [...notes];
    this.save();
    this.broadcast();
  }

  /**
   * Notes a link brings when the page navigates to it: a pasted link shows what it holds (its notes are stamped now);
   * Back/Forward to an entry this tab wrote (`ownLink`) keeps the notes as they are now, adding only ones never seen.
   * Returns the notes to show.
   */
  addFromLink(linkNotes: readonly ReviewNote[], ownLink: boolean): ReviewNote[] {
    const add = this.linkEntries(linkNotes, ownLink);
    if (add.length === 0) return this.shown;
    this.record = mergeRecords(this.record, add);
    this.shown = liveNotes(this.record);
    this.save();
    this.broadcast();
    return this.shown;
  }

  private linkEntries(linkNotes: readonly ReviewNote[], ownLink: boolean): NoteEntry[] {
    return ownLink ? unseenIn(this.record, linkNotes) : fromLink(this.record, linkNotes, this.tick());
  }

  notes(): ReviewNote[] {
    return this.shown;
  }

  /** Try the refused write again now (the user asked); without storage, first try to reach it again. */
  retry(): void {
    if (!this.reopen()) this.save();
    else if (this.pending) this.save();
  }

  /** The same when space may have freed: says nothing new while storage stays out of reach. */
  private retryQuietly(): void {
    if (this.reopen() && this.pending) this.save();
  }

  /** Whether there is storage, reaching it again if there was none (then what is in memory is saved). */
  private reopen(): boolean {
    if (this.storage) return true;
    const a = this.o.reopen?.();
    if (!a?.storage) {
      if (a?.fault) this.blocked = a.fault;
      return false;
    }
    this.storage = a.storage;
    this.blocked = null;
    this.pending = true;
    return true;
  }

  /** Follow other tabs (storage event, BroadcastChannel) and retry refused writes when space may free. Returns stop. */
  listen(): () => void {
    const channel = this.o.openChannel();
    this.channel = channel;
    if (channel) channel.onmessage = (e) => isRecordMessage(e.data) && this.receive(e.data.entries);
    if (typeof window === 'undefined') return () => channel?.close();
    const onStorage = (e: StorageEvent) => {
      if (e.key !== NOTES_KEY || e.newValue === null) return;
      const r = parseRecord(e.newValue);
      if (r.ok) this.receive(r.entries);
    };
    window.addEventListener('storage', onStorage);
    const stop = this.storage || this.o.reopen ? whenSpaceMayFree(() => this.retryQuietly()) : () => {};
    return () => {
      window.removeEventListener('storage', onStorage);
      stop();
      channel?.close();
      if (this.channel === channel) this.channel = null;
    };
  }

  /** Entries from another tab. */
  private receive(entries: readonly NoteEntry[]): void {
    this.record = mergeRecords(this.record, entries.filter((e) => typeof e.id === 'string' && typeof e.at === 'number'));
    this.showMerged();
    if (this.pending) this.save();
  }

  private showMerged(): void {
    const live = liveNotes(this.record);
    if (sameNotes(live, this.shown)) return;
    this.shown = live;
    this.o.onRemote(live);
  }

  /** A time later than every entry seen: stamps stay ordered even if the clock steps back. */
  private tick(): number {
    return Math.max(Date.now(), latest(this.record) + 1);
  }

  private broadcast(): void {
    try {
      this.channel?.postMessage({ entries: this.record });
    } catch {
      /* a closed channel: storage events still carry the change */
    }
  }

  private setFault(fault: StorageFault | null): void {
    if (fault?.kind === this.status.fault?.kind && fault?.detail === this.status.fault?.detail) return;
    this.status = { ...this.status, fault };
    this.o.onStatus(this.status);
  }

  private save(): void {
    const { storage } = this;
    if (!storage) {
      this.pending = false;
      // Said again with every change: the notice counts the notes that are not saved.
      if (this.blocked) {
        this.status = { ...this.status, fault: this.blocked };
        this.o.onStatus(this.status);
      }
      return;
    }
    try {
      const stored = readNotes(storage);
      this.record = mergeRecords(this.record, stored.entries);
      this.showMerged();
      writeNotes(storage, this.record);
      this.pending = false;
      this.setFault(null);
    } catch (e) {
      this.pending = true;
      this.status = { ...this.status, fault: storageFault(e) };
      this.o.onStatus(this.status);
    }
  }
}
