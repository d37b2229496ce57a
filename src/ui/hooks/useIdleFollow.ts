/**
 * A value that follows `value` once the page has been idle after it last changed: undefined until then. The kept
 * drawings of the other architecture (useKeptAlive) are brought up to date with it, in idle time, so that an
 * architecture switch after other changes shows drawings already built and laid out for the scenario on screen.
 * Where there are no idle callbacks (jsdom) it stays undefined, so nothing is built in advance there.
 */
import { useEffect, useState } from 'react';

export function useIdleFollow<T>(value: T, timeout = 2000): T | undefined {
  const [idle, setIdle] = useState<{ value: T } | null>(null);
  useEffect(() => {
    if (typeof requestIdleCallback !== 'function') return;
    const id = requestIdleCallback(() => setIdle({ value }), { timeout });
    return () => globalThis.cancelIdleCallback?.(id);
  }, [value, timeout]);
  return idle && Object.is(idle.value, value) ? idle.value : undefined;
}
