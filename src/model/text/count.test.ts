import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { count } from './count';

describe('count', () => {
  it('groups digits by three', () => {
    expect(count(0)).toBe('0');
    expect(count(999)).toBe('999');
    expect(count(1000)).toBe('1,000');
    expect(count(1234567)).toBe('1,234,567');
    expect(count(-4096)).toBe('-4,096');
  });
  it('prints what toLocaleString("en-US") prints for every safe integer', () => {
    fc.assert(fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (n) => count(n) === n.toLocaleString('en-US')));
  });
});
