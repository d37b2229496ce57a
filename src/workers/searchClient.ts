/**
 * Run the what-it-takes search (src/model/search) for one scenario off the main thread, so the page never blocks on
 * it, with progress, cancel and a cache by scenario.
 *
 * One worker serves the session (its JIT and memoised derivations stay warm). It runs one search at a time: a new
 * search, or cancel(), while one runs terminates it (a search cannot be interrupted from outside) and the next one
 * starts a fresh worker. Every job ends: with the result, with Error('cancelled') once cancel() is called or a newer
 * search took the worker, or with an error that says what happened.
 *
 * As in importClient.ts, when no worker can run — there is no Worker, `new Worker` throws (blocked by policy), its
 * script does not load (offline, a redeploy removed it), or it does not answer in time — the search runs on this page
 * a slice at a time between frames (sliced.ts: the page keeps painting and answering input), and the job says why
 * (`onPage`). A constructor that threw or a worker that never answered is remembered for the session; a script that
 * failed to load is not (the network may come back). A worker that dies after it started a search fails that job.
 */
import type { ExplainOptions } from '../model/explain';
import type { Scenario } from '../model/scenario';
import { whatItTakesSteps, type SearchResult } from '../model/search/search';
import { fromWire } from '../model/search/wire';
import type { SearchReply, SearchRequest } from './searchProtocol';
import { describeError, settler } from './job';
import { nextTask, runSliced } from './sliced';

export interface SearchOutcome {
  result: SearchResult;
  /** Set when the search ran on this page instead of in the worker: why the worker was not used. */
  onPage?: string;
}

export interface SearchJob {
  /** Resolves with the result; rejects with Error('cancelled') after cancel() or when a newer search took over. */
  promise: Promise<SearchOutcome>;
  cancel: () => void;
}

export interface SearchJobOptions {
  /** The fraction done (0..1) now and then, and whether (and why) the search runs on this page. */
  onProgress?: (fraction: number, onPage?: string) => void;
  /** A worker that has not acknowledged the search after this long is stopped and the page searches (ms, default 10 s). */
  startMs?: number;
  /** A worker silent this long during a search is stopped and the job fails (ms, default 15 s; it reports every 0.1 s). */
  watchdogMs?: number;
}

const CACHE_MAX = 40;
const cache = new Map<string, SearchOutcome>();

interface Live {
  worker: Worker;
  /** It has answered before: its script loaded. */
  heard: boolean;
}
let live: Live | null = null;
/** The job the worker is running, and how to drop it when another takes the worker. */
let current: { id: number; supersede: () => void } | null = null;
/** Why no worker can be used in this page, once that is known to last (see the header). */
let workerUnavailable: string | null = null;
let nextId = 1;

function spawn(): Live | string {
  try {
    return { worker: new Worker(new URL('./searchWorker.ts', import.meta.url), { type: 'module' }), heard: false };
  } catch (e) {
    return `the search worker could not start (${describeError(e)})`;
  }
}

/** Forget the worker, what was learnt about it, and the cache (tests). */
export function resetSearchClient(): void {
  live?.worker.terminate();
  live = null;
  current = null;
  workerUnavailable = null;
  cache.clear();
}

/** A result already computed for `key`, if any (lets a view draw it at once, without a loading state). */
export function cachedSearch(key: string): SearchOutcome | undefined {
  return cache.get(key);
}

function remember(key: string, r: SearchOutcome): void {
  cache.delete(key);
  cache.set(key, r);
  if (cache.size > CACHE_MAX) cache.delete(cache.keys().next().value!);
}

/**
 * Start the search for `s` (with explain()'s `opts`: an imported tree, a range). `key` names the scenario and its
 * options for the cache; a cached answer resolves at once.
 */
export function startSearch(s: Scenario, opts: ExplainOptions, key: string, o: SearchJobOptions = {}): SearchJob {
  const hit = cache.get(key);
  if (hit) {
    remember(key, hit);
    return { promise: Promise.resolve(hit), cancel: () => {} };
  }
  const id = nextId++;
  const { promise, ok: resolve, fail, cancel, settled, cancelled, setCleanup } = settler<SearchOutcome>();
  const ok = (v: SearchOutcome) => {
    if (settled()) return;
    remember(key, v);
    resolve(v);
  };
  const progress = (f: number, onPage?: string) => {
    if (!settled()) o.onProgress?.(f, onPage);
  };
  const job: SearchJob = { promise, cancel };

  const onPage = (reason: string) => {
    setCleanup(() => {});
    progress(0, reason);
    void (async () => {
      // Let the browser paint "Searching on this page" (and why) before the first slice.
      await nextTask();
      const result = await runSliced(whatItTakesSteps(s, opts), { onProgress: (f) => progress(f, reason), cancelled: () => cancelled() || settled() });
      ok({ result, onPage: reason });
    })().catch(fail);
  };

  if (typeof Worker === 'undefined') {
    onPage('this browser has no Web Workers');
    return job;
  }
  if (workerUnavailable) {
    onPage(workerUnavailable);
    return job;
  }
  // One search at a time: the one running is dropped (its job rejects with 'cancelled' and the worker is stopped).
  current?.supersede();
  if (!live) {
    const l = spawn();
    if (typeof l === 'string') {
      workerUnavailable = l;
      onPage(l);
      return job;
    }
    live = l;
  }
  const l = live;
  const w = l.worker;
  const startMs = o.startMs ?? 10_000;
  const watchdogMs = o.watchdogMs ?? 15_000;
  let started = false;
  let keepWorker = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const detach = () => {
    clearTimeout(timer);
    w.onmessage = null;
    w.onmessageerror = null;
    w.onerror = null;
    if (current?.id === id) current = null;
  };
  const stop = () => {
    detach();
    w.terminate();
    if (live === l) live = null;
  };
  // A job that ends with the worker's own answer leaves it running for the next; any other end stops it.
  setCleanup(() => (keepWorker ? detach() : stop()));
  current = { id, supersede: () => fail(new Error('cancelled')) };
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(onSilence, started ? watchdogMs : startMs);
  };
  const onSilence = () => {
    if (started) {
      fail(new Error(`the search worker stopped answering (nothing for ${watchdogMs / 1000} s) and was stopped`));
      return;
    }
    const why = `the search worker did not answer within ${startMs / 1000} s`;
    if (!l.heard) workerUnavailable = why;
    stop();
    onPage(why);
  };
  w.onmessage = (ev: MessageEvent<SearchReply>) => {
    const m = ev.data;
    if (m.id !== id) return;
    started = true;
    l.heard = true;
    arm();
    if (m.type === 'progress') progress(m.fraction);
    else if (m.type === 'done') {
      keepWorker = true;
      let result: SearchResult;
      try {
        result = fromWire(m.result, s);
      } catch (e) {
        fail(e);
        return;
      }
      ok({ result });
    } else {
      keepWorker = true;
      fail(new Error(m.message));
    }
  };
  w.onmessageerror = () => fail(new Error('a message from the search worker could not be read'));
  w.onerror = (e: ErrorEvent) => {
    e.preventDefault();
    const why = e.message ? ` (${e.message})` : '';
    if (!started && !l.heard) {
      // Nothing ran yet: the script did not load or did not start. The page searches instead.
      stop();
      onPage(`the search worker's script could not be loaded${why}`);
    } else fail(new Error(`the search worker failed${why}`));
  };
  const req: SearchRequest = { id, scenario: s, opts };
  try {
    w.postMessage(req);
  } catch (e) {
    stop();
    onPage(`the scenario could not be handed to the search worker (${describeError(e)})`);
    return job;
  }
  arm();
  return job;
}

/**
 * Start the worker ahead of the first search (call when the page is idle and a search is likely), so the first answer
 * does not wait for the worker's script. Does nothing when no worker can run or one is already up.
 */
export function warmSearch(): void {
  if (typeof Worker === 'undefined' || workerUnavailable || live) return;
  const l = spawn();
  if (typeof l === 'string') {
    workerUnavailable = l;
    return;
  }
  live = l;
  // A script that fails to load before any search: forget this worker, so the first search starts another and
  // learns why (instead of waiting for an answer that will not come).
  l.worker.onerror = (e: ErrorEvent) => {
    e.preventDefault();
    if (live === l && current === null) {
      l.worker.terminate();
      live = null;
    }
  };
}
