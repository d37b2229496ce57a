/**
 * A value that follows `value` one frame late: it changes only after the browser has painted the frame that shows
 * the urgent update, and then as a transition (interruptible by the next input).
 *
 * The verdict matrix uses it: a control change redraws the three diagrams of the current design in the frame of the
 * input, and the other designs' derivations and the matrix come in the next one. React's useDeferredValue is not
 * enough for that: its render is scheduled as a task that usually runs before the browser paints, so it delays the
 * frame it was meant to keep free.
 */
import { startTransition, useEffect, useState } from 'react';

/** Run `fn` in the first task after the next frame has been rendered; returns a cancel function. */
export function afterNextPaint(fn: () => void): () => void {
  let cancelled = false;
  const run = () => {
    if (!cancelled) fn();
  };
  if (typeof requestAnimationFrame !== 'function' || typeof MessageChannel !== 'function') {
    const t = setTimeout(run, 0);
    return () => {
      cancelled = true;
      clearTimeout(t);
    };
  }
  let channel: MessageChannel | null = null;
  const raf = requestAnimationFrame(() => {
    // A message posted from a frame callback is delivered after that frame's style, layout and paint.
    channel = new MessageChannel();
    channel.port1.onmessage = run;
    channel.port2.postMessage(null);
  });
  return () => {
    cancelled = true;
    cancelAnimationFrame(raf);
    if (channel) channel.port1.onmessage = null;
  };
}

export function useAfterPaint<T>(value: T): T {
  const [shown, setShown] = useState(value);
  useEffect(() => {
    if (Object.is(shown, value)) return;
    return afterNextPaint(() => startTransition(() => setShown(value)));
  }, [value, shown]);
  return shown;
}
