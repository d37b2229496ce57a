// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { ImportStore } from './importStore';
import { IMPORT_STORAGE_KEY, loadImports, type StoredImports } from './importStorage';

/** A Storage with a quota (characters of key + value, like Chromium's 5 MB in UTF-16 units). */
class QuotaStorage implements Storage {
  private m = new Map<string, string>();
  constructor(public quota: number) {}
  get length() {
    return this.m.size;
  }
  clear() {
    this.m.clear();
  }
  getItem(k: string) {
    return this.m.get(k) ?? null;
  }
  key(i: number) {
    return [...this.m.keys()][i] ?? null;
  }
  removeItem(k: string) {
    this.m.delete(k);
  }
  setItem(k: string, v: string) {
    let used = 0;
    for (const [kk, vv] of this.m) if (kk !== k) used += kk.length + vv.length;
    if (used + k.length + v.length > this.quota) throw new DOMException("Setting the value of 'x' exceeded the quota.", 'QuotaExceededError');
    this.m.set(k, v);
  }
}

const slot = (name: string, text: string): NonNullable<StoredImports['iomem']> => ({ name, text, savedAt: '', range: null });
const tab = (s: Storage, initial: StoredImports = loadImports(s).value) => {
  const problems: unknown[] = [];
  const elsewhere: unknown[] = [];
  const store = new ImportStore({ storage: s, initial, onProblem: (p) => problems.push(p), onElsewhere: (e) => elsewhere.push(e) });
  const set = (v: StoredImports) => {
    store.update(v);
    store.flush();
  };
  return { store, set, problems, elsewhere, last: () => problems[problems.length - 1] };
};

describe('ImportStore', () => {
  it('two tabs importing different things keep both; the older tab is told what the other saved', async () => {
    const s = new QuotaStorage(1e6);
    const a = tab(s);
    const b = tab(s);
    a.set({ version: 1, iomem: slot('dump A', '0-fff : A\n') });
    await new Promise((r) => setTimeout(r, 2));
    b.set({ version: 1, trace: { name: 'trace B', text: 'x', savedAt: '', functions: null } });
    const v = loadImports(s).value;
    expect(v.iomem?.name).toBe('dump A');
    expect(v.trace?.name).toBe('trace B');
    expect(b.elsewhere).toEqual([expect.objectContaining({ kinds: ['iomem'] })]);
  });

  it('a removal in one tab is not undone by another tab saving something else', async () => {
    const s = new QuotaStorage(1e6);
    tab(s).set({ version: 1, iomem: slot('dump', '0-fff : A\n') });
    const a = tab(s);
    const b = tab(s);
    await new Promise((r) => setTimeout(r, 2));
    b.set({ version: 1 });
    expect(loadImports(s).value.iomem).toBeUndefined();
    await new Promise((r) => setTimeout(r, 2));
    // Tab A still shows the dump it loaded (unchanged since) and imports a trace.
    a.set({ version: 1, iomem: slot('dump', '0-fff : A\n'), trace: { name: 't', text: 'x', savedAt: '', functions: null } });
    const v = loadImports(s).value;
    expect(v.iomem).toBeUndefined();
    expect(v.trace?.name).toBe('t');
    expect(a.elsewhere).toEqual([expect.objectContaining({ kinds: ['iomem'] })]);
  });

  it('storage full: says so, keeps only the names so a reload does not show the older import, and saves in full once space frees', () => {
    const s = new QuotaStorage(2000);
    const a = tab(s);
    a.set({ version: 1, iomem: slot('older dump', '0-fff : old\n') });
    expect(loadImports(s).value.iomem?.name).toBe('older dump');
    s.setItem('other-data', 'x'.repeat(1500));
    a.set({ version: 1, iomem: slot('newer dump', `0-fff : ${'n'.repeat(800)}\n`) });
    expect(a.last()).toEqual({ fault: { kind: 'full', detail: expect.stringMatching(/^QuotaExceededError: /) }, holds: 'names' });
    const afterReload = loadImports(s).value;
    expect(afterReload.iomem).toMatchObject({ name: 'newer dump', text: null, why: 'storage-full' });
    s.removeItem('other-data');
    window.dispatchEvent(new StorageEvent('storage', { key: 'other-data' }));
    a.store.retry();
    expect(a.last()).toBeNull();
    expect(loadImports(s).value.iomem?.text).toMatch(/^0-fff : n+/);
  });

  it('reports a blocked read and retries on the next chance', () => {
    let blocked = true;
    const s = new QuotaStorage(1e6);
    const get = vi.spyOn(s, 'getItem').mockImplementation(() => {
      if (blocked) throw new DOMException('The operation is insecure.', 'SecurityError');
      return null;
    });
    const a = tab(s, { version: 1 });
    a.set({ version: 1, iomem: slot('dump', '0-fff : A\n') });
    expect(a.last()).toEqual({ fault: { kind: 'blocked', detail: 'SecurityError: The operation is insecure.' }, holds: 'before' });
    blocked = false;
    get.mockRestore();
    a.store.retry();
    expect(a.last()).toBeNull();
    expect(s.getItem(IMPORT_STORAGE_KEY)).toContain('dump');
  });
});
