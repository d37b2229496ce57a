/**
 * Drive parser steps (src/model/import/steps.ts) on the main thread a slice at a time: run steps for about `sliceMs`,
 * then give the browser a task boundary (it paints, handles input: the Cancel button works) before the next slice.
 * Used when no worker can run (blocked by policy, its script did not load, offline).
 */
import type { Steps } from '../model/import/steps';

/** Resolve in a new task. A MessageChannel message, unlike setTimeout(0), is not clamped or throttled to 1 s. */
export function nextTask(): Promise<void> {
  if (typeof MessageChannel !== 'function') return new Promise((r) => setTimeout(r, 0));
  return new Promise((r) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      r();
    };
    ch.port2.postMessage(null);
  });
}

export interface SliceOptions {
  /** Main-thread time per slice, ms (default 12: a slice and a frame fit in two frames at 60 Hz). */
  sliceMs?: number;
  onProgress?: (fraction: number) => void;
  /** Checked between slices; when true the run stops with Error('cancelled'). */
  cancelled?: () => boolean;
}

/** Run `steps` to the end in slices; rejects with Error('cancelled') once `cancelled()` is true. */
export async function runSliced<T>(steps: Steps<T>, opts: SliceOptions = {}): Promise<T> {
  const budget = opts.sliceMs ?? 12;
  for (;;) {
    if (opts.cancelled?.()) {
      steps.return(undefined as T);
      throw new Error('cancelled');
    }
    const t0 = performance.now();
    let last: number;
    for (;;) {
      const r = steps.next();
      if (r.done) {
        opts.onProgress?.(1);
        return r.value;
      }
      last = r.value;
      if (performance.now() - t0 >= budget) break;
    }
    opts.onProgress?.(last);
    await nextTask();
  }
}
