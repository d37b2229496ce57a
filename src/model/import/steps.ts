/**
 * Parsers written as steps: a generator that yields the fraction done (0..1) now and then and returns its result.
 * One parser then serves both callers: runSteps() drives it to the end in one go (the worker, the CLI, tests), and the
 * page's fallback drives it a slice at a time between frames (src/workers/sliced.ts) when no worker can run.
 */
export type Steps<T> = Generator<number, T, void>;

/** Run `steps` to the end, reporting each fraction and then 1. */
export function runSteps<T>(steps: Steps<T>, onProgress?: (fraction: number) => void): T {
  for (;;) {
    const r = steps.next();
    if (r.done) {
      onProgress?.(1);
      return r.value;
    }
    onProgress?.(r.value);
  }
}
