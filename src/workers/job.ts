/**
 * What the import and search clients share about a job: a promise that ends once, however many things try to end it
 * (the worker's answer, its error, a watchdog, cancel()), with what the job held released first; and errors said in
 * words.
 */

/** An error in words: its name first when that says more than "Error" ("SecurityError: …"), else its message. */
export function describeError(e: unknown): string {
  if (e instanceof Error) return e.name && e.name !== 'Error' ? `${e.name}: ${e.message}` : e.message;
  return String(e);
}

export interface Settler<T> {
  promise: Promise<T>;
  /** Resolve, once: the cleanup runs first. Later calls (and fail()) do nothing. */
  ok: (v: T) => void;
  /** Reject, once, with `e` (made an Error if it is not one): the cleanup runs first. */
  fail: (e: unknown) => void;
  /** Fail with Error('cancelled'), and remember that the job was cancelled. */
  cancel: () => void;
  settled: () => boolean;
  cancelled: () => boolean;
  /** What to release when the job ends (a worker, its timers); replaces the previous cleanup. */
  setCleanup: (f: () => void) => void;
}

export function settler<T>(): Settler<T> {
  let settled = false;
  let cancelled = false;
  let cleanup = (): void => {};
  let resolve: (v: T) => void = () => {};
  let reject: (e: Error) => void = () => {};
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const fail = (e: unknown) => {
    if (settled) return;
    settled = true;
    cleanup();
    reject(e instanceof Error ? e : new Error(String(e)));
  };
  return {
    promise,
    ok: (v) => {
      if (settled) return;
      settled = true;
      cleanup();
      resolve(v);
    },
    fail,
    cancel: () => {
      cancelled = true;
      fail(new Error('cancelled'));
    },
    settled: () => settled,
    cancelled: () => cancelled,
    setCleanup: (f) => {
      cleanup = f;
    },
  };
}
