// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import type { ReviewNote } from '../../model/view-state';
import { NOTES_KEY, NOTES_UNREADABLE_KEY } from './notesStorage';
import { NotesStore, type NotesChannel, type NotesStatus } from './notesStore';

const note = (id: string, text = id): ReviewNote => ({ id, target: { kind: 'vma', part: 'flags' }, text });

/** BroadcastChannels of one origin: a message reaches every other open channel. */
function hub() {
  const open = new Set<NotesChannel>();
  return () => {
    const ch: NotesChannel = {
      onmessage: null,
      postMessage: (m) => {
        for (const o of open) if (o !== ch) o.onmessage?.({ data: structuredClone(m) } as MessageEvent);
      },
      close: () => open.delete(ch),
    };
    open.add(ch);
    return ch;
  };
}

function tab(storage: Storage | null, opts: { channel?: () => NotesChannel | null; link?: ReviewNote[]; own?: boolean; blocked?: NotesStatus['fault'] } = {}) {
  const t = { notes: [] as ReviewNote[], status: null as NotesStatus | null, store: null as unknown as NotesStore };
  t.store = new NotesStore({
    storage,
    blocked: opts.blocked ?? null,
    openChannel: opts.channel ?? (() => null),
    onRemote: (n) => (t.notes = n),
    onStatus: (s) => (t.status = s),
  });
  t.notes = t.store.open(opts.link ?? [], opts.own);
  t.store.listen();
  return t;
}
const texts = (ns: ReviewNote[]) => ns.map((n) => n.text).sort();

beforeEach(() => localStorage.clear());

describe('NotesStore', () => {
  it('two tabs: a note added in each survives both; a deletion in one reaches the other and does not come back', () => {
    const channel = hub();
    const a = tab(localStorage, { channel });
    const b = tab(localStorage, { channel });
    a.store.update((a.notes = [note('na', 'from A')]));
    b.store.update((b.notes = [...b.notes, note('nb', 'from B')]));
    expect(texts(b.notes)).toEqual(['from A', 'from B']);
    expect(texts(a.notes)).toEqual(['from A', 'from B']);
    // B deletes A's note; A closes; a new tab sees only B's.
    b.store.update((b.notes = b.notes.filter((n) => n.id !== 'na')));
    expect(texts(a.notes)).toEqual(['from B']);
    expect(texts(tab(localStorage).notes)).toEqual(['from B']);
  });

  it('without a channel, the storage event of the other tab brings its notes', () => {
    const a = tab(localStorage);
    const b = tab(localStorage);
    a.store.update([note('na')]);
    window.dispatchEvent(new StorageEvent('storage', { key: NOTES_KEY, newValue: localStorage.getItem(NOTES_KEY) }));
    expect(texts(b.notes)).toEqual(['na']);
  });

  it('a link the tab wrote itself (reload, Back) does not bring back a note deleted since; a new link shows its notes', () => {
    const a = tab(localStorage);
    a.store.update([note('n1'), note('n2')]);
    a.store.update([note('n2')]);
    expect(texts(tab(localStorage, { link: [note('n1'), note('n2')], own: true }).notes)).toEqual(['n2']);
    expect(texts(tab(localStorage, { link: [note('n1', 'shared again')] }).notes)).toEqual(['n2', 'shared again']);
  });

  it('storage full: says so, keeps the notes in memory, and saves them once space frees', () => {
    const a = tab(localStorage);
    localStorage.setItem('filler', 'x');
    const setItem = Storage.prototype.setItem;
    let full = true;
    Storage.prototype.setItem = function (k: string, v: string) {
      if (full && k === NOTES_KEY) throw new DOMException("Setting the value of 'hdm-atlas.notes.v2' exceeded the quota.", 'QuotaExceededError');
      setItem.call(this, k, v);
    };
    try {
      a.store.update([note('n1', 'kept')]);
      expect(a.status?.fault).toEqual({ kind: 'full', detail: "QuotaExceededError: Setting the value of 'hdm-atlas.notes.v2' exceeded the quota." });
      expect(a.store.notes().map((n) => n.text)).toEqual(['kept']);
      full = false;
      window.dispatchEvent(new StorageEvent('storage', { key: 'filler', newValue: null }));
      expect(a.status?.fault).toBeNull();
      expect(localStorage.getItem(NOTES_KEY)).toContain('kept');
    } finally {
      Storage.prototype.setItem = setItem;
    }
  });

  it('blocked storage: says so once there is a note, and keeps the link notes', () => {
    const blocked = { kind: 'blocked' as const, detail: 'SecurityError: The operation is insecure.' };
    const a = tab(null, { blocked, link: [note('n1')] });
    expect(texts(a.notes)).toEqual(['n1']);
    expect(a.store.getStatus().fault).toEqual(blocked);
    a.store.update([note('n1'), note('n2')]);
    expect(a.status?.fault).toEqual(blocked);
  });

  it('an unreadable record is reported, moved aside, and not used', () => {
    localStorage.setItem(NOTES_KEY, '{"version":2,"entries":"oops"}');
    const a = tab(localStorage);
    expect(a.store.getStatus().unreadable).toEqual({ raw: '{"version":2,"entries":"oops"}', error: expect.stringMatching(/entries/) });
    expect(localStorage.getItem(NOTES_UNREADABLE_KEY)).toBe('{"version":2,"entries":"oops"}');
    expect(a.notes).toEqual([]);
  });
});
