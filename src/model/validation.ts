/**
 * Plain-English text for a zod issue. The app validates with zod/mini, which ships no message locale (its messages
 * read "Invalid input"), so the located errors users see for a stored import or a share link say what was wrong here.
 */
import type * as z from 'zod/mini';

type Issue = z.core.$ZodIssue;

export function describeIssue(i: Issue): string {
  const where = i.path.length ? i.path.join('.') : 'top level';
  return `${where}: ${what(i)}`;
}

function what(i: Issue): string {
  switch (i.code) {
    case 'invalid_type':
      // zod does not report the input unless asked, so a missing field and a wrong type read the same.
      return `expected ${i.expected}${i.input === undefined ? '' : `, got ${typeOf(i.input)}`}`;
    case 'too_big':
      return i.origin === 'string'
        ? `longer than ${String(i.maximum)} characters`
        : i.origin === 'array'
          ? `more than ${String(i.maximum)} items`
          : `above ${String(i.maximum)}`;
    case 'too_small':
      if (i.origin === 'string') return Number(i.minimum) <= 1 ? 'empty' : `shorter than ${String(i.minimum)} characters`;
      if (i.origin === 'array') return `fewer than ${String(i.minimum)} items`;
      return i.inclusive === false ? `not above ${String(i.minimum)}` : `below ${String(i.minimum)}`;
    case 'invalid_format':
      return 'not in the expected format';
    case 'invalid_value':
      return `not one of ${i.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_union':
      return 'matches none of the allowed forms';
    case 'unrecognized_keys':
      return `unknown field${i.keys.length > 1 ? 's' : ''} ${i.keys.join(', ')}`;
    default:
      return i.message;
  }
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v;
}
