/**
 * The what-it-takes worker client (issue 15) with a scripted stand-in for the browser's Worker: the worker path, the
 * fallback to the page when no worker can run, cancellation when the scenario changes, and failures that end a job.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_PLATFORM, type Scenario } from '../model/scenario';
import { whatItTakes, whatItTakesSteps } from '../model/search/search';
import { toWire } from '../model/search/wire';
import type { SearchReply, SearchRequest } from './searchProtocol';
import { cachedSearch, resetSearchClient, startSearch, warmSearch } from './searchClient';
import { runSliced } from './sliced';

const A: Scenario = { design: 'vfio-owned', platform: DEFAULT_PLATFORM };
const B: Scenario = { design: 'vfio-owned', platform: { ...DEFAULT_PLATFORM, region: 'committed' } };
const flags = (r: ReturnType<typeof whatItTakes>) => r.verdicts.map((v) => [v.id, v.status, v.why ?? '', v.needs.map((s) => s.map((i) => i.flag))]);

/** A stand-in for the browser's Worker, scripted per test. */
class FakeWorker {
  static script: (w: FakeWorker, req: SearchRequest) => void = () => {};
  static all: FakeWorker[] = [];
  onmessage: ((e: MessageEvent<SearchReply>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  terminated = false;
  received: SearchRequest[] = [];
  constructor() {
    FakeWorker.all.push(this);
  }
  postMessage(req: SearchRequest) {
    // As structured clone does: no functions, no shared objects.
    const copy = structuredClone(req);
    this.received.push(copy);
    setTimeout(() => FakeWorker.script(this, copy), 0);
  }
  reply(m: SearchReply) {
    if (!this.terminated) this.onmessage?.({ data: structuredClone(m) } as MessageEvent<SearchReply>);
  }
  fail(message = '') {
    if (!this.terminated) this.onerror?.({ message, preventDefault: () => {} } as ErrorEvent);
  }
  terminate() {
    this.terminated = true;
  }
}

/** The real worker's behaviour: acknowledge, search, answer. */
const answer = (w: FakeWorker, req: SearchRequest) => {
  w.reply({ id: req.id, type: 'progress', fraction: 0 });
  w.reply({ id: req.id, type: 'done', result: toWire(whatItTakes(req.scenario, req.opts)) });
};

beforeEach(() => {
  resetSearchClient();
  FakeWorker.all = [];
  FakeWorker.script = () => {};
});
afterEach(() => vi.unstubAllGlobals());

describe('startSearch', () => {
  it('runs in the worker: the result comes back whole (each item can apply itself again), the worker stays for the next search, a repeat is cached', async () => {
    FakeWorker.script = answer;
    vi.stubGlobal('Worker', FakeWorker);
    const r = await startSearch(A, {}, 'a').promise;
    expect(r.onPage).toBeUndefined();
    expect(flags(r.result)).toEqual(flags(whatItTakes(A)));
    const set = r.result.verdicts.find((v) => v.id === 'guest-cacheable')!.needs[0]!;
    expect(set.map((i) => i.apply(A.platform).patches)).toEqual([['kvm-x86/ept-host-pat']]);
    await startSearch(B, {}, 'b').promise;
    expect(FakeWorker.all).toHaveLength(1);
    expect(FakeWorker.all[0]!.terminated).toBe(false);
    expect(FakeWorker.all[0]!.received.map((q) => q.scenario)).toEqual([A, B]);
    expect(cachedSearch('a')?.result).toBe(r.result);
    expect(await startSearch(A, {}, 'a').promise).toBe(r);
    expect(FakeWorker.all[0]!.received).toHaveLength(2);
  });

  it('warmSearch starts the worker before the first search, which then uses it', async () => {
    FakeWorker.script = answer;
    vi.stubGlobal('Worker', FakeWorker);
    warmSearch();
    expect(FakeWorker.all).toHaveLength(1);
    await startSearch(A, {}, 'a').promise;
    expect(FakeWorker.all).toHaveLength(1);
  });

  it('a throwing Worker constructor: searches on the page in slices, with progress, and says why; later searches do not try again', async () => {
    let constructed = 0;
    vi.stubGlobal(
      'Worker',
      class {
        constructor() {
          constructed++;
          throw new DOMException('Worker creation is blocked', 'SecurityError');
        }
      },
    );
    const seen: [number, string | undefined][] = [];
    const r = await startSearch(A, {}, 'a', { onProgress: (f, why) => seen.push([f, why]) }).promise;
    expect(r.onPage).toBe('the search worker could not start (SecurityError: Worker creation is blocked)');
    expect(flags(r.result)).toEqual(flags(whatItTakes(A)));
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.every(([, why]) => why === r.onPage)).toBe(true);
    const fractions = seen.map(([f]) => f);
    expect([...fractions].sort((x, y) => x - y)).toEqual(fractions);
    await startSearch(B, {}, 'b').promise;
    expect(constructed).toBe(1);
  });

  it('no Worker at all: on the page', async () => {
    vi.stubGlobal('Worker', undefined);
    const r = await startSearch(A, {}, 'a').promise;
    expect(r.onPage).toBe('this browser has no Web Workers');
    expect(flags(r.result)).toEqual(flags(whatItTakes(A)));
  });

  it('a worker whose script does not load (error before any message): searched on the page, and the next search tries a worker again', async () => {
    FakeWorker.script = (w) => w.fail();
    vi.stubGlobal('Worker', FakeWorker);
    const r = await startSearch(A, {}, 'a').promise;
    expect(r.onPage).toBe("the search worker's script could not be loaded");
    expect(FakeWorker.all[0]!.terminated).toBe(true);
    FakeWorker.script = answer;
    expect((await startSearch(B, {}, 'b').promise).onPage).toBeUndefined();
    expect(FakeWorker.all).toHaveLength(2);
  });

  it('a worker that never answers: after startMs the page searches, and the worker is not tried again', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const r = await startSearch(A, {}, 'a', { startMs: 20 }).promise;
    expect(r.onPage).toBe('the search worker did not answer within 0.02 s');
    expect(FakeWorker.all[0]!.terminated).toBe(true);
    expect((await startSearch(B, {}, 'b').promise).onPage).toBe(r.onPage);
    expect(FakeWorker.all).toHaveLength(1);
  });

  it('a worker that dies mid-search fails the job with what happened; the next search starts a new worker', async () => {
    FakeWorker.script = (w, req) => {
      w.reply({ id: req.id, type: 'progress', fraction: 0 });
      w.fail('Uncaught RangeError: Maximum call stack size exceeded');
    };
    vi.stubGlobal('Worker', FakeWorker);
    await expect(startSearch(A, {}, 'a').promise).rejects.toThrow('the search worker failed (Uncaught RangeError: Maximum call stack size exceeded)');
    expect(FakeWorker.all[0]!.terminated).toBe(true);
    expect(cachedSearch('a')).toBeUndefined();
    FakeWorker.script = answer;
    await startSearch(A, {}, 'a').promise;
    expect(FakeWorker.all).toHaveLength(2);
  });

  it('a search the model refuses fails with its message, and the worker stays', async () => {
    FakeWorker.script = (w, req) => w.reply({ id: req.id, type: 'failed', message: 'layout: hdmEnd is below hdmStart' });
    vi.stubGlobal('Worker', FakeWorker);
    await expect(startSearch(A, {}, 'a').promise).rejects.toThrow('layout: hdmEnd is below hdmStart');
    expect(FakeWorker.all[0]!.terminated).toBe(false);
  });

  it('a worker that goes silent mid-search is stopped by the watchdog', async () => {
    FakeWorker.script = (w, req) => w.reply({ id: req.id, type: 'progress', fraction: 0 });
    vi.stubGlobal('Worker', FakeWorker);
    await expect(startSearch(A, {}, 'a', { watchdogMs: 30 }).promise).rejects.toThrow('the search worker stopped answering (nothing for 0.03 s) and was stopped');
    expect(FakeWorker.all[0]!.terminated).toBe(true);
  });

  it('a message that cannot be read fails the job', async () => {
    FakeWorker.script = (w) => w.onmessageerror?.();
    vi.stubGlobal('Worker', FakeWorker);
    await expect(startSearch(A, {}, 'a').promise).rejects.toThrow('a message from the search worker could not be read');
  });

  it('the scenario changes: cancel ends the job at once and stops the worker; the new scenario\'s search gets a fresh one and its own answer', async () => {
    const held: [FakeWorker, SearchRequest][] = [];
    FakeWorker.script = (w, req) => {
      w.reply({ id: req.id, type: 'progress', fraction: 0 });
      held.push([w, req]); // answers only when the test says
    };
    vi.stubGlobal('Worker', FakeWorker);
    const a = startSearch(A, {}, 'a');
    await new Promise((r) => setTimeout(r, 5));
    a.cancel();
    await expect(a.promise).rejects.toThrow('cancelled');
    expect(FakeWorker.all[0]!.terminated).toBe(true);
    const b = startSearch(B, {}, 'b');
    await new Promise((r) => setTimeout(r, 5));
    expect(FakeWorker.all).toHaveLength(2);
    held[0]![0].reply({ id: held[0]![1].id, type: 'done', result: toWire(whatItTakes(A)) }); // too late: ignored
    const [w, req] = held[1]!;
    w.reply({ id: req.id, type: 'done', result: toWire(whatItTakes(B)) });
    expect(flags((await b.promise).result)).toEqual(flags(whatItTakes(B)));
    expect(cachedSearch('a')).toBeUndefined();
  });

  it('a newer search while one runs takes the worker: the older job rejects with cancelled', async () => {
    let n = 0;
    FakeWorker.script = (w, req) => {
      w.reply({ id: req.id, type: 'progress', fraction: 0 });
      if (n++ > 0) answer(w, req);
    };
    vi.stubGlobal('Worker', FakeWorker);
    const a = startSearch(A, {}, 'a');
    await new Promise((r) => setTimeout(r, 5));
    const b = startSearch(B, {}, 'b');
    await expect(a.promise).rejects.toThrow('cancelled');
    await b.promise;
    expect(FakeWorker.all.map((w) => w.terminated)).toEqual([true, false]);
  });

  it('cancel on the page stops the slices', async () => {
    vi.stubGlobal('Worker', undefined);
    const seen: number[] = [];
    const heavy: Scenario = { design: 'nvgrace-gpu', platform: { ...DEFAULT_PLATFORM, firmware: 'soft-reserved', kernel: '6.17', config: { ...DEFAULT_PLATFORM.config, DEV_DAX_HMEM: 'n' }, region: 'committed', onlinePolicy: 'online' } };
    const j = startSearch(heavy, {}, 'h', { onProgress: (f) => seen.push(f) });
    await new Promise((r) => setTimeout(r, 5));
    j.cancel();
    await expect(j.promise).rejects.toThrow('cancelled');
    const n = seen.length;
    await new Promise((r) => setTimeout(r, 50));
    expect(seen.length).toBe(n);
    expect(cachedSearch('h')).toBeUndefined();
  });
});

describe('whatItTakesSteps', () => {
  it('sliced, gives the event loop turns and ends with what whatItTakes() finds', async () => {
    let ticks = 0;
    const iv = setInterval(() => ticks++, 0);
    const r = await runSliced(whatItTakesSteps(B), { sliceMs: 1 });
    clearInterval(iv);
    expect(flags(r)).toEqual(flags(whatItTakes(B)));
    expect(ticks).toBeGreaterThan(0);
  });
});
