/**
 * True once the browser has been idle after the component mounted: the cue for work done in advance (the other
 * architecture's drawings, built hidden so the first architecture switch is cheap). Stays false where there are no
 * idle callbacks (jsdom), so nothing is built in advance there.
 */
import { useEffect, useState } from 'react';

export function usePageIdle(timeout = 2000): boolean {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    if (typeof requestIdleCallback !== 'function') return;
    const id = requestIdleCallback(() => setIdle(true), { timeout });
    return () => cancelIdleCallback(id);
  }, [timeout]);
  return idle;
}
