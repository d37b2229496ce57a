// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import type { StoredImports } from './importStorage';
import { beginRestore, checkRestore, endRestore, failRestore, RESTORE_MARKER_KEY } from './restoreGuard';

const v: StoredImports = { version: 1, iomem: { name: 'pasted text', text: '0-fff : Reserved\n', savedAt: '2026-01-01T00:00:00.000Z', range: null } };

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});

describe('restore guard', () => {
  it('restores when no attempt is pending, and after one that ended', () => {
    expect(checkRestore(v)).toBeNull();
    beginRestore(v);
    endRestore();
    expect(checkRestore(v)).toBeNull();
  });
  it('sets aside imports whose last restore did not end, or failed, and says which', () => {
    beginRestore(v);
    expect(checkRestore(v)?.reason).toMatch(/did not finish/);
    failRestore(v, 'pasted text: the import worker failed mid-parse');
    expect(checkRestore(v)?.reason).toBe('restoring them failed last time (pasted text: the import worker failed mid-parse)');
  });
  it('a marker for other imports is stale: cleared, and the new ones are restored', () => {
    beginRestore(v);
    expect(checkRestore({ ...v, iomem: { ...v.iomem!, savedAt: '2026-02-01T00:00:00.000Z' } })).toBeNull();
    expect(localStorage.getItem(RESTORE_MARKER_KEY)).toBeNull();
  });
  it('finds the marker in sessionStorage when localStorage refused it', () => {
    beginRestore(v);
    localStorage.removeItem(RESTORE_MARKER_KEY);
    expect(checkRestore(v)?.reason).toMatch(/did not finish/);
  });
});
