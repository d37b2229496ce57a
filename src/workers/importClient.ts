/**
 * Start a parse in the import worker, with progress and cancel. Small pastes are parsed on the main thread after
 * yielding once, so callers see the same asynchronous interface. That yield is a microtask: the parse stays in the task
 * of the user's click, and the result can be drawn in the frame after it (a timer let the browser paint a frame with
 * "Parsing…" first, for a parse that takes a few milliseconds).
 *
 * Every job ends: with the result, with Error('cancelled') as soon as cancel() is called, or with an error that says
 * what happened. When no worker can run — `new Worker` throws (blocked by policy), its script does not load (offline,
 * a redeploy removed it), it does not answer in time, or there is no Worker at all — the text is parsed on this page
 * in slices between frames (sliced.ts), with progress and Cancel, and the job says why (`onPage`). A worker that dies
 * after it started (an error event, a message that cannot be read, or silence past the watchdog) fails the job: the
 * page does not retry a parse that may have exhausted a worker's memory on its own main thread.
 */
import { importSteps, parseImport, type ImportKind, type ImportResult } from '../model/import/parseImport';
import type { WorkerReply, WorkerRequest } from './importProtocol';
import { describeError, settler } from './job';
import { nextTask, runSliced } from './sliced';

export interface ImportProgress {
  phase: 'reading' | 'parsing';
  fraction: number;
  /** Set when the text is parsed on this page instead of in the import worker: why the worker was not used. */
  onPage?: string;
}

export interface ImportOutcome {
  result: ImportResult;
  /** The text parsed. */
  text: string;
  /** As in ImportProgress: why this was parsed on the page, when it was for want of a worker. */
  onPage?: string;
}

export interface ImportJob {
  /** Resolves with the result and the text parsed; rejects with Error('cancelled') after cancel(). */
  promise: Promise<ImportOutcome>;
  cancel: () => void;
}

export interface ImportOptions {
  /** Parse as this kind instead of detecting it. */
  kind?: ImportKind;
  /** A new worker that has not answered after this long is stopped and the page parses instead (ms, default 10 s). */
  startMs?: number;
  /**
   * A worker silent for this long after it started is stopped and the job fails (ms, default 30 s). It reports at
   * least every 5,000 lines; a /proc/iomem is one step, 0.2 s for 100,000 lines here (a 6× slower CPU stays far below).
   */
  watchdogMs?: number;
}

let nextId = 1;

/**
 * Pastes up to this size are parsed on the main thread (a 1,000-line /proc/iomem takes about a millisecond), which
 * saves the worker start-up and the structured clone of the result; larger ones go to the worker.
 */
export const MAIN_THREAD_LIMIT = 256 * 1024;

/**
 * Why the worker cannot be used in this page, once that is known to last: its constructor threw (a policy will not
 * change until a reload) or it never answered. Its script failing to load is not remembered: the network may return.
 */
let workerUnavailable: string | null = null;

/** Forget a remembered worker failure and any parse done ahead (tests). */
export function resetImportWorker(): void {
  workerUnavailable = null;
  ahead = null;
}

/**
 * A paste parsed ahead of the Import click (parseAhead), for the next startImport() of that same text. A user takes
 * far longer to reach the button than the parse takes, so that time is spent while the page is idle, not between the
 * click and the result. Only main-thread-sized texts, and one at a time.
 */
let ahead: { text: string; result: ImportResult } | null = null;

/**
 * Parse `text` now (call it when the page is idle after the text changed), so that importing the same text uses this
 * result. Texts the worker would take, blank texts and a parse that throws leave nothing behind: the import then
 * parses as usual and reports what it finds.
 */
export function parseAhead(text: string): void {
  if (ahead?.text === text) return;
  ahead = null;
  if (text.length > MAIN_THREAD_LIMIT || !/\S/.test(text)) return;
  try {
    ahead = { text, result: parseImport(text) };
  } catch {
    ahead = null;
  }
}

/** The result parsed ahead for exactly this text with no kind forced, once (each import gets its own objects). */
function takeAhead(text: string, kind: ImportKind | undefined): ImportResult | null {
  if (kind !== undefined || ahead?.text !== text) return null;
  const { result } = ahead;
  ahead = null;
  return result;
}

/** Parse `input` on this page in slices between frames (see sliced.ts). */
async function parseOnPage(
  input: string | Blob,
  kind: ImportKind | undefined,
  onProgress: (p: ImportProgress) => void,
  cancelled: () => boolean,
): Promise<{ result: ImportResult; text: string }> {
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    onProgress({ phase: 'reading', fraction: 0 });
    text = await input.text();
  }
  onProgress({ phase: 'parsing', fraction: 0 });
  // Let the browser paint "Parsing on this page" (and why) before the first slice.
  await nextTask();
  const result = await runSliced(importSteps(text, kind ? { kind } : {}), {
    onProgress: (f) => onProgress({ phase: 'parsing', fraction: f }),
    cancelled,
  });
  return { result, text };
}

/** Parse `input` (a string or a File/Blob), off the main thread when it is large and a worker can run. */
export function startImport(input: string | Blob, onProgress: (p: ImportProgress) => void, opts: ImportOptions = {}): ImportJob {
  const { kind } = opts;
  const id = nextId++;
  const { promise, ok, fail, cancel, settled, cancelled, setCleanup } = settler<ImportOutcome>();
  const progress = (p: ImportProgress) => {
    if (!settled()) onProgress(p);
  };
  const job: ImportJob = { promise, cancel };

  if (typeof input === 'string' && input.length <= MAIN_THREAD_LIMIT) {
    void (async () => {
      await Promise.resolve(); // see the header: not a timer
      if (cancelled()) return;
      let result = takeAhead(input, kind);
      if (!result) {
        progress({ phase: 'parsing', fraction: 0 });
        result = parseImport(input, { kind, onProgress: (f) => progress({ phase: 'parsing', fraction: f }) });
      }
      ok({ result, text: input });
    })().catch(fail);
    return job;
  }

  const onPage = (reason: string) => {
    setCleanup(() => {});
    parseOnPage(input, kind, (p) => progress({ ...p, onPage: reason }), () => cancelled() || settled()).then(
      (r) => ok({ ...r, onPage: reason }),
      fail,
    );
  };
  if (typeof Worker === 'undefined') {
    onPage('this browser has no Web Workers');
    return job;
  }
  if (workerUnavailable) {
    onPage(workerUnavailable);
    return job;
  }
  let worker: Worker;
  try {
    worker = new Worker(new URL('./importWorker.ts', import.meta.url), { type: 'module' });
  } catch (e) {
    workerUnavailable = `the import worker could not start (${describeError(e)})`;
    onPage(workerUnavailable);
    return job;
  }

  const startMs = opts.startMs ?? 10_000;
  const watchdogMs = opts.watchdogMs ?? 30_000;
  let heard = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = () => {
    clearTimeout(timer);
    worker.onmessage = null;
    worker.onmessageerror = null;
    worker.onerror = null;
    worker.terminate();
  };
  setCleanup(stop);
  const onSilence = () => {
    if (!heard) {
      workerUnavailable = `the import worker did not answer within ${startMs / 1000} s`;
      stop();
      onPage(workerUnavailable);
    } else fail(new Error(`the import worker stopped answering (no progress for ${watchdogMs / 1000} s) and was stopped`));
  };
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(onSilence, heard ? watchdogMs : startMs);
  };
  worker.onmessage = (ev: MessageEvent<WorkerReply>) => {
    const m = ev.data;
    if (m.id !== id) return;
    heard = true;
    arm();
    if (m.type === 'progress') progress({ phase: m.phase, fraction: m.fraction });
    else if (m.type === 'done') ok({ result: m.result, text: typeof input === 'string' ? input : (m.text ?? '') });
    else fail(new Error(m.message));
  };
  worker.onmessageerror = () => fail(new Error('a message from the import worker could not be read'));
  worker.onerror = (e: ErrorEvent) => {
    e.preventDefault();
    const why = e.message ? ` (${e.message})` : '';
    if (!heard) {
      // Nothing was parsed yet: the script did not load or did not start. The page parses instead.
      stop();
      onPage(`the import worker's script could not be loaded${why}`);
    } else fail(new Error(`the import worker failed mid-parse${why}`));
  };
  const req: WorkerRequest = typeof input === 'string' ? { id, text: input, kind } : { id, file: input, kind };
  try {
    worker.postMessage(req);
  } catch (e) {
    stop();
    onPage(`the text could not be handed to the import worker (${describeError(e)})`);
    return job;
  }
  arm();
  return job;
}
