/**
 * Start a parse in the import worker, with progress and cancel. Small pastes, and everything where Worker does not
 * exist (tests, old browsers), are parsed on the main thread after yielding once, so callers see the same
 * asynchronous interface. That yield is a microtask: the parse stays in the task of the user's click, and the result
 * can be drawn in the frame after it (a timer let the browser paint a frame with "Parsing…" first, for a parse that
 * takes a few milliseconds).
 */
import { parseImport, type ImportKind, type ImportResult } from '../model/import/parseImport';
import type { WorkerReply, WorkerRequest } from './importProtocol';

export interface ImportProgress {
  phase: 'reading' | 'parsing';
  fraction: number;
}

export interface ImportJob {
  /** Resolves with the result and the text parsed; rejects with Error('cancelled') after cancel(). */
  promise: Promise<{ result: ImportResult; text: string }>;
  cancel: () => void;
}

let nextId = 1;

/**
 * Pastes up to this size are parsed on the main thread (a 1,000-line /proc/iomem takes about a millisecond), which
 * saves the worker start-up and the structured clone of the result; larger ones go to the worker.
 */
export const MAIN_THREAD_LIMIT = 256 * 1024;

/** Parse `input` (a string or a File/Blob) off the main thread. */
export function startImport(input: string | Blob, onProgress: (p: ImportProgress) => void, kind?: ImportKind): ImportJob {
  const id = nextId++;
  if (typeof Worker === 'undefined' || (typeof input === 'string' && input.length <= MAIN_THREAD_LIMIT)) {
    let cancelled = false;
    const promise = (async () => {
      await Promise.resolve(); // see the header: not a timer
      const text = typeof input === 'string' ? input : await input.text();
      if (cancelled) throw new Error('cancelled');
      onProgress({ phase: 'parsing', fraction: 0 });
      const result = parseImport(text, { kind, onProgress: (f) => onProgress({ phase: 'parsing', fraction: f }) });
      if (cancelled) throw new Error('cancelled');
      return { result, text };
    })();
    return { promise, cancel: () => (cancelled = true) };
  }
  const worker = new Worker(new URL('./importWorker.ts', import.meta.url), { type: 'module' });
  let reject: (e: Error) => void = () => {};
  const promise = new Promise<{ result: ImportResult; text: string }>((res, rej) => {
    reject = rej;
    worker.onmessage = (ev: MessageEvent<WorkerReply>) => {
      const m = ev.data;
      if (m.id !== id) return;
      if (m.type === 'progress') onProgress({ phase: m.phase, fraction: m.fraction });
      else {
        worker.terminate();
        if (m.type === 'done') res({ result: m.result, text: typeof input === 'string' ? input : (m.text ?? '') });
        else rej(new Error(m.message));
      }
    };
    worker.onerror = (e) => {
      worker.terminate();
      rej(new Error(e.message || 'the import worker failed'));
    };
  });
  const req: WorkerRequest = typeof input === 'string' ? { id, text: input, kind } : { id, file: input, kind };
  worker.postMessage(req);
  return {
    promise,
    cancel: () => {
      worker.terminate();
      reject(new Error('cancelled'));
    },
  };
}
