import { describe, expect, it } from 'vitest';
import { explain } from '../explain';
import { conflictPhrase, type Conflict } from '../explain-types';
import { DEFAULT_PLATFORM } from '../scenario';

describe('conflictPhrase: "busy" only when the resource in the way is busy', () => {
  it('a busy System RAM in the way (VFIO-owned over RAM from boot)', () => {
    const ex = explain({ design: 'vfio-owned', platform: { ...DEFAULT_PLATFORM, firmware: 'conventional' } });
    expect(ex.conflict).toMatchObject({ busy: true });
    expect(conflictPhrase(ex.conflict!)).toBe(`"${ex.conflict!.conflictWith.name}" is busy`);
  });

  it('a non-busy entry the request straddles is never called busy', () => {
    const c: Conflict = {
      fn: 'request_mem_region()', errno: '-EBUSY', busy: false, sources: [],
      conflictWith: { start: 0x100000000n, end: 0x1ffffffffn, name: 'CXL Window 0', path: ['CXL Window 0'] },
    };
    expect(conflictPhrase(c)).toBe('the request overlaps "CXL Window 0" but is not contained in it (a non-busy parent must hold the whole request)');
  });
});
