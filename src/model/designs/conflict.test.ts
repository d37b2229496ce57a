import { describe, expect, it } from 'vitest';
import { explain } from '../explain';
import { conflictPhrase } from '../explain-types';
import { parseIomem } from '../resource/iomem';
import { DEFAULT_PLATFORM } from '../scenario';

describe('a conflict says "busy" only when the resource in the way is busy', () => {
  const run = (text: string, start: bigint, end: bigint) =>
    explain({ design: 'vfio-owned', platform: DEFAULT_PLATFORM }, { baseTree: parseIomem(text).tree, range: { start, end } });

  it('a busy System RAM in the way: "is busy at"', () => {
    const ex = run('100000000-1ffffffff : System RAM\n', 0x100000000n, 0x13fffffffn);
    expect(ex.conflict).toMatchObject({ conflictWith: { name: 'System RAM' }, busy: true });
    expect(ex.ops.find((o) => !o.ok)?.result).toMatch(/^-EBUSY: "System RAM" at 100000000-1ffffffff is busy/);
    expect(conflictPhrase(ex.conflict!)).toBe('"System RAM" is busy');
  });

  it('a window that is not busy but overlaps the range without containing it: said as such, never "busy"', () => {
    const ex = run('100000000-1ffffffff : CXL Window 0\n  100000000-17fffffff : region0\n', 0x180000000n, 0x27fffffffn);
    expect(ex.conflict).toMatchObject({ conflictWith: { name: 'CXL Window 0' }, busy: false });
    const op = ex.ops.find((o) => !o.ok)!;
    expect(op.result).toMatch(/^-EBUSY: the request overlaps "CXL Window 0" at 100000000-1ffffffff but is not contained in it/);
    expect(conflictPhrase(ex.conflict!)).not.toMatch(/busy/);
    expect(ex.verdicts.map((v) => v.detail).join(' ')).not.toMatch(/busy "CXL Window 0"|"CXL Window 0" already holds it busy/);
  });
});
