/**
 * Run work that nothing on screen waits for (storing an import, emptying the import textarea) once the browser is
 * idle, so it stays out of the task and the frame that show the user's action. `timeout` bounds the wait on a page
 * that is never idle. Where there are no idle callbacks (Safari, jsdom) it runs in a task of its own.
 */
export function whenIdle(fn: () => void, timeout = 1000): () => void {
  if (typeof requestIdleCallback === 'function') {
    const h = requestIdleCallback(fn, { timeout });
    return () => globalThis.cancelIdleCallback?.(h);
  }
  const t = setTimeout(fn, 0);
  return () => clearTimeout(t);
}
