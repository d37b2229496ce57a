import { describe, expect, it } from 'vitest';
import { parseIomem } from './iomem';

describe('parseIomem: errors that say what is wrong and where', () => {
  it('counts every error past maxErrors: errorCount is the total, errors ends with "N more errors not shown"', () => {
    const text = Array.from({ length: 9744 }, () => 'garbage').join('\n');
    const r = parseIomem(text);
    expect(r.errorCount).toBe(9744);
    expect(r.errors).toHaveLength(201);
    expect(r.errors.at(-1)!.message).toBe('9544 more errors not shown');
  });

  it('an end below its start points at the end address', () => {
    const r = parseIomem('00002000-00001fff : a\n');
    expect(r.errors).toEqual([{ line: 1, column: 10, message: 'end 00001fff is below start 00002000' }]);
  });

  it('a range running past its parent points at the end when the start is inside, at the start when it is not', () => {
    const r = parseIomem('00001000-00001fff : a\n  00001800-00002fff : b\n  00000800-00001100 : c\n');
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([[2, 12], [3, 3]]);
  });

  it('a child of a rejected line reports its own error, not only "skipped: parent rejected"', () => {
    const r = parseIomem('00002000-00001fff : bad parent\n  00005000-00004fff : bad child\n  00002000-00002fff : fine child\n');
    expect(r.errors.map((e) => [e.line, e.column, e.message])).toEqual([
      [1, 10, 'end 00001fff is below start 00002000'],
      [2, 12, 'end 00004fff is below start 00005000 (and its parent at line 1 was rejected)'],
      [3, 3, 'skipped: its parent at line 1 was rejected'],
    ]);
  });
});
