import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { describeIssue } from './validation';
import { ReviewNotesSchema } from './share/link';

const first = (schema: z.ZodMiniType, v: unknown) => {
  const r = schema.safeParse(v);
  if (r.success) throw new Error('expected a failure');
  return describeIssue(r.error.issues[0]!);
};

describe('describeIssue: located, plain-English zod/mini issues (mini has no message locale)', () => {
  it('says where and what, for each kind of issue the app can meet', () => {
    const S = z.object({ name: z.string().check(z.maxLength(3)), n: z.int().check(z.positive()), list: z.array(z.string()).check(z.maxLength(1)), k: z.enum(['a', 'b']), v: z.literal(1) });
    const ok = { name: 'abc', n: 1, list: [], k: 'a', v: 1 };
    expect(first(S, { ...ok, name: 'abcd' })).toBe('name: longer than 3 characters');
    expect(first(S, { ...ok, n: 0 })).toBe('n: not above 0');
    expect(first(S, { ...ok, n: 'x' })).toBe('n: expected number');
    expect(first(S, { ...ok, list: ['a', 'b'] })).toBe('list: more than 1 items');
    expect(first(S, { ...ok, k: 'c' })).toBe('k: not one of "a", "b"');
    expect(first(S, { ...ok, v: 2 })).toBe('v: not one of 1');
    const { name: _drop, ...noName } = ok;
    expect(first(S, noName)).toBe('name: expected string');
    expect(first(z.string().check(z.minLength(1)), '')).toBe('top level: empty');
    expect(first(z.string().check(z.regex(/^a$/)), 'b')).toBe('top level: not in the expected format');
  });

  it('a hostile review note in a share link names the field that is wrong', () => {
    const note = { id: 'n1', target: { kind: 'step', nodeId: 'x_exit' }, text: 'ok' };
    expect(first(ReviewNotesSchema, [{ ...note, text: '' }])).toBe('0.text: empty');
    expect(first(ReviewNotesSchema, [{ ...note, id: 'bad id!' }])).toBe('0.id: not in the expected format');
    expect(first(ReviewNotesSchema, [{ ...note, target: { kind: 'nope' } }])).toMatch(/^0\.target(\.kind)?: /);
  });
});
