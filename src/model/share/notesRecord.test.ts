import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReviewNote } from '../view-state';
import { changes, fromLink, unseenIn, liveNotes, mergeRecords, newer, noteKey, pruneTombstones, sameNotes, type NoteEntry } from './notesRecord';

const id = fc.constantFrom('a', 'b', 'c', 'd');
const note = (i: string): fc.Arbitrary<ReviewNote> =>
  fc.record({
    id: fc.constant(i),
    target: fc.oneof(
      fc.record({ kind: fc.constant('vma' as const), part: fc.constantFrom('flags', 'pgprot') }),
      fc.record({ kind: fc.constant('step' as const), nodeId: fc.constantFrom('x_exit', 'x_do_pf') }),
    ),
    text: fc.string({ minLength: 1, maxLength: 5 }),
  });
const entry: fc.Arbitrary<NoteEntry> = id.chain((i) => fc.record({ id: fc.constant(i), at: fc.integer({ min: 0, max: 5 }), note: fc.option(note(i), { nil: null }) }));
const record = fc.array(entry, { maxLength: 8 }).map((r) => mergeRecords(r));

describe('mergeRecords (notes merged by id, with tombstones)', () => {
  it('is commutative', () => {
    fc.assert(fc.property(record, record, (a, b) => {
      expect(mergeRecords(a, b)).toEqual(mergeRecords(b, a));
    }));
  });
  it('is associative', () => {
    fc.assert(fc.property(record, record, record, (a, b, c) => {
      expect(mergeRecords(mergeRecords(a, b), c)).toEqual(mergeRecords(a, mergeRecords(b, c)));
    }));
  });
  it('is idempotent: merging a record again, or a record with itself, changes nothing', () => {
    fc.assert(
      fc.property(record, record, (a, b) => {
        expect(mergeRecords(a, a)).toEqual(a);
        const ab = mergeRecords(a, b);
        expect(mergeRecords(ab, b)).toEqual(ab);
      }),
    );
  });
  it('loses no note: every id of either side is in the merge, and a note survives unless something at least as new replaced it', () => {
    fc.assert(
      fc.property(record, record, (a, b) => {
        const m = new Map(mergeRecords(a, b).map((e) => [e.id, e]));
        for (const e of [...a, ...b]) {
          const w = m.get(e.id)!;
          expect(w.at).toBeGreaterThanOrEqual(e.at);
        }
      }),
    );
  });
  it('a deletion wins over older edits and over an edit made at the same time', () => {
    fc.assert(
      fc.property(note('a'), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), (n, t1, t2) => {
        const [edit, del] = [Math.min(t1, t2), Math.max(t1, t2)];
        const m = mergeRecords([{ id: 'a', at: edit, note: n }], [{ id: 'a', at: del, note: null }]);
        expect(liveNotes(m)).toEqual([]);
      }),
    );
  });
  it('an edit made after a deletion brings the note back', () => {
    const n: ReviewNote = { id: 'a', target: { kind: 'vma', part: 'flags' }, text: 'again' };
    expect(liveNotes(mergeRecords([{ id: 'a', at: 1, note: null }], [{ id: 'a', at: 2, note: n }]))).toEqual([n]);
  });
  it('two tabs that each add a note keep both; one deleting a note the other has deletes it in both', () => {
    const base: NoteEntry[] = [{ id: 'old', at: 1, note: { id: 'old', target: { kind: 'vma', part: 'flags' }, text: 'shared' } }];
    const tabA = mergeRecords(base, [{ id: 'a', at: 5, note: { id: 'a', target: { kind: 'vma', part: 'pgprot' }, text: 'from A' } }]);
    const tabB = mergeRecords(base, [{ id: 'b', at: 6, note: { id: 'b', target: { kind: 'step', nodeId: 'x_exit' }, text: 'from B' } }, { id: 'old', at: 7, note: null }]);
    expect(liveNotes(mergeRecords(tabA, tabB)).map((n) => n.text)).toEqual(['from A', 'from B']);
  });
});

describe('newer', () => {
  it('breaks a tie between two different notes the same way whichever comes first', () => {
    const x: NoteEntry = { id: 'a', at: 3, note: { id: 'a', target: { kind: 'vma', part: 'flags' }, text: 'x' } };
    const y: NoteEntry = { ...x, note: { ...x.note!, text: 'y' } };
    expect(newer(x, y)).toBe(newer(y, x));
  });
});

describe('changes and fromLink', () => {
  const n1: ReviewNote = { id: 'n1', target: { kind: 'vma', part: 'flags' }, text: 'one' };
  const n2: ReviewNote = { id: 'n2', target: { kind: 'verdict', design: 'hotplug', verdict: 'exclusive-ownership' }, text: 'two' };
  it('stamps added and edited notes, and a tombstone for a removed one', () => {
    expect(changes([n1], [n1, n2], 9)).toEqual([{ id: 'n2', at: 9, note: n2 }]);
    expect(changes([n1, n2], [n2], 9)).toEqual([{ id: 'n1', at: 9, note: null }]);
    expect(changes([n1], [{ ...n1, text: 'edited' }], 9)).toEqual([{ id: 'n1', at: 9, note: { ...n1, text: 'edited' } }]);
    expect(changes([n1, n2], [n2, n1], 9)).toEqual([]);
  });
  it('a link note equal to the stored one keeps its entry; a new or different one is stamped', () => {
    const rec: NoteEntry[] = [{ id: 'n1', at: 2, note: n1 }];
    expect(fromLink(rec, [n1], 9)).toEqual([]);
    expect(fromLink(rec, [{ ...n1, text: 'other' }, n2], 9).map((e) => [e.id, e.at])).toEqual([['n1', 9], ['n2', 9]]);
  });
  it("notes of the tab's own older link: only unseen ids are added, at time 0, so a deletion is not undone", () => {
    const rec: NoteEntry[] = [{ id: 'n1', at: 4, note: null }];
    expect(unseenIn(rec, [n1, n2])).toEqual([{ id: 'n2', at: 0, note: n2 }]);
  });
  it('noteKey does not depend on property order', () => {
    expect(noteKey({ text: 'one', target: { part: 'flags', kind: 'vma' }, id: 'n1' } as ReviewNote)).toBe(noteKey(n1));
    expect(sameNotes([n1, n2], [n2, n1])).toBe(true);
    expect(sameNotes([n1], [{ ...n1, text: 'x' }])).toBe(false);
  });
  it('prunes only the oldest tombstones', () => {
    const rec: NoteEntry[] = [
      { id: 'a', at: 1, note: null },
      { id: 'b', at: 3, note: null },
      { id: 'c', at: 2, note: n1 },
    ];
    expect(pruneTombstones(rec, 1).map((e) => e.id)).toEqual(['b', 'c']);
  });
});
