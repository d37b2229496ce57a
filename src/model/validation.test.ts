import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { describeIssue, int, list, object } from './validation';
import { ReviewNotesSchema } from './share/link';

const first = (schema: v.GenericSchema, x: unknown) => {
  const r = v.safeParse(schema, x);
  if (r.success) throw new Error('expected a failure');
  return describeIssue(r.issues[0]);
};

describe('describeIssue: located, plain-English valibot issues, worded as the zod/mini version worded zod\'s', () => {
  it('says where and what, for each kind of issue the app can meet', () => {
    const S = object({ name: v.pipe(v.string(), v.maxLength(3)), n: v.pipe(int(), v.gtValue(0)), list: list(v.string(), 1), k: v.picklist(['a', 'b']), v: v.literal(1) });
    const ok = { name: 'abc', n: 1, list: [], k: 'a', v: 1 };
    expect(first(S, { ...ok, name: 'abcd' })).toBe('name: longer than 3 characters');
    expect(first(S, { ...ok, n: 0 })).toBe('n: not above 0');
    expect(first(S, { ...ok, n: 'x' })).toBe('n: expected number');
    expect(first(S, { ...ok, list: ['a', 'b'] })).toBe('list: more than 1 items');
    expect(first(S, { ...ok, k: 'c' })).toBe('k: not one of "a", "b"');
    expect(first(S, { ...ok, v: 2 })).toBe('v: not one of 1');
    const { name: _drop, ...noName } = ok;
    expect(first(S, noName)).toBe('name: expected string');
    expect(first(v.pipe(v.string(), v.minLength(1)), '')).toBe('top level: empty');
    expect(first(v.pipe(v.string(), v.regex(/^a$/)), 'b')).toBe('top level: not in the expected format');
  });

  it('a hostile review note in a share link names the field that is wrong', () => {
    const note = { id: 'n1', target: { kind: 'step', nodeId: 'x_exit' }, text: 'ok' };
    expect(first(ReviewNotesSchema, [{ ...note, text: '' }])).toBe('0.text: empty');
    expect(first(ReviewNotesSchema, [{ ...note, id: 'bad id!' }])).toBe('0.id: not in the expected format');
    expect(first(ReviewNotesSchema, [{ ...note, target: { kind: 'nope' } }])).toMatch(/^0\.target(\.kind)?: /);
  });
});
