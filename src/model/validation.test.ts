import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { describeIssue, int, list, number, object, record, variant } from './validation';
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

  it('a discriminator that matches no form is named exactly, as zod named it', () => {
    const note = { id: 'n1', target: { kind: 'step', nodeId: 'x_exit' }, text: 'ok' };
    expect(first(ReviewNotesSchema, [{ ...note, target: { kind: 'nope' } }])).toBe('0.target.kind: matches none of the allowed forms');
    expect(first(ReviewNotesSchema, [{ ...note, target: {} }])).toBe('0.target.kind: matches none of the allowed forms');
    expect(first(ReviewNotesSchema, [{ ...note, target: { kind: 'step' } }])).toBe('0.target.nodeId: expected string');
  });
});

// What the helpers are for: valibot differs from zod here, and the page accepted, refused and said what zod did.
// Every expectation below is what the zod/mini schemas gave for the same input (checked against them when ported).
describe('object, record, variant, list, number, int: zod\'s acceptance and words on valibot', () => {
  it('objects, records and variants refuse arrays (valibot takes an array for an object)', () => {
    expect(first(object({ a: v.optional(v.string()) }), [])).toBe('top level: expected object');
    expect(first(object({ a: v.optional(object({ b: v.optional(v.string()) })) }), { a: [] })).toBe('a: expected object');
    expect(first(record(v.string()), [])).toBe('top level: expected record');
    expect(first(record(v.string()), { a: 1 })).toBe('a: expected string');
    const V = variant('kind', [object({ kind: v.literal('a') }), object({ kind: v.literal('b'), n: number() })]);
    expect(first(V, [])).toBe('top level: expected object');
    expect(first(V, 'a')).toBe('top level: expected object');
    expect(v.safeParse(V, { kind: 'a', extra: 1 }).output).toEqual({ kind: 'a' });
  });

  it('a missing field says what the field expected, as a field of the wrong type does', () => {
    const S = object({ s: v.string(), n: v.nullable(number()), o: object({}), l: v.literal(2), k: v.picklist(['x', 'y']), a: v.array(v.string()), opt: v.optional(v.string()) });
    const ok = { s: '', n: null, o: {}, l: 2, k: 'x', a: [] };
    expect(v.safeParse(S, ok).output).toEqual(ok);
    const said: [keyof typeof ok, string][] = [['s', 'expected string'], ['n', 'expected number'], ['o', 'expected object'], ['l', 'not one of 2'], ['k', 'not one of "x", "y"'], ['a', 'expected array']];
    for (const [key, what] of said) {
      const { [key]: _drop, ...missing } = ok;
      expect(first(S, missing)).toBe(`${key}: ${what}`);
    }
  });

  it('a list that is too long is refused for its length before any item is read', () => {
    expect(first(list(v.string(), 2), [1, 2, 3])).toBe('top level: more than 2 items');
    expect(first(list(v.string(), 2), ['a', 2])).toBe('1: expected string');
    expect(first(list(v.string(), 2, 1), [])).toBe('top level: fewer than 1 items');
  });

  it('numbers are finite (JSON.parse reads 1e999 as Infinity), and int() is a safe integer', () => {
    expect(first(number(), JSON.parse('1e999'))).toBe('top level: expected number');
    expect(first(number(), '1')).toBe('top level: expected number');
    const positive = v.pipe(int(), v.gtValue(0));
    expect(first(positive, 1.5)).toBe('top level: expected int');
    expect(first(positive, -1.5)).toBe('top level: expected int');
    expect(first(positive, -Infinity)).toBe('top level: expected number');
    expect(first(positive, 2 ** 60)).toBe('top level: above 9007199254740991');
    expect(first(positive, -(2 ** 60))).toBe('top level: below -9007199254740991');
    expect(first(positive, 0)).toBe('top level: not above 0');
    expect(v.safeParse(positive, 3).output).toBe(3);
  });
});
