// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { idleWriter, IMPORT_STORAGE_KEY, type StoredImports } from './importStorage';

const deferredSaver = () => idleWriter((v: StoredImports) => localStorage.setItem(IMPORT_STORAGE_KEY, JSON.stringify(v)));

const v = (range: string | null): StoredImports => ({ version: 1, iomem: { name: 'pasted text', text: '0-fff : Reserved\n', savedAt: '2025-01-01T00:00:00Z', range } });
const stored = () => JSON.parse(localStorage.getItem(IMPORT_STORAGE_KEY) ?? 'null') as StoredImports | null;

describe('idleWriter', () => {
  let idle: (() => void)[] = [];
  const runIdle = () => {
    const cbs = idle;
    idle = [];
    for (const cb of cbs) cb();
  };
  beforeEach(() => {
    localStorage.clear();
    idle = [];
    vi.stubGlobal('requestIdleCallback', (cb: () => void) => idle.push(cb));
    vi.stubGlobal('cancelIdleCallback', (h: number) => {
      idle[h - 1] = () => {};
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('writes nothing in the calling task; when idle, only the latest value, once', () => {
    const setItem = vi.spyOn(Storage.prototype, 'setItem');
    const s = deferredSaver();
    s.save(v(null));
    s.save(v('1000-1fff'));
    expect(stored()).toBeNull();
    expect(idle).toHaveLength(1); // coalesced: one idle callback for both
    runIdle();
    expect(stored()?.iomem?.range).toBe('1000-1fff');
    expect(setItem).toHaveBeenCalledTimes(1);
    setItem.mockRestore();
  });

  it('writes at once when the page is hidden or unloaded, or on flush()', () => {
    const s = deferredSaver();
    s.save(v('1000-1fff'));
    window.dispatchEvent(new Event('pagehide'));
    expect(stored()?.iomem?.range).toBe('1000-1fff');
    s.save(v('2000-2fff'));
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    Reflect.deleteProperty(document, 'visibilityState');
    expect(stored()?.iomem?.range).toBe('2000-2fff');
    s.save(v('3000-3fff'));
    s.flush();
    expect(stored()?.iomem?.range).toBe('3000-3fff');
    runIdle(); // the cancelled idle callbacks write nothing more
    expect(stored()?.iomem?.range).toBe('3000-3fff');
  });
});
