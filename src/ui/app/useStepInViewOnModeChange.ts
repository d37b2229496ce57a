/**
 * Entering or leaving presentation mode re-lays out the whole page (the controls, the matrix and two panels come and
 * go, and the browser may go full screen), which leaves the window wherever the old scroll offset now falls. Bring the
 * current fault step back to the middle of the window: in the next frame, and again when the window resizes (full
 * screen arrives a few frames later) for a short while after. Without a current step there is nothing to follow.
 */
import { useEffect, useRef } from 'react';
import { useLatest } from '../hooks/useLatest';

/** How long after the switch a resize (entering or leaving full screen) still re-centres the step. */
const RESIZE_WINDOW_MS = 1500;

function currentStepBox(step: number): Element | null {
  return document.querySelector(`[data-testid="fault-graph"] [data-step-index="${step}"]`);
}

export function useStepInViewOnModeChange(presentation: boolean, step: number): void {
  const stepRef = useLatest(step);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      // A link that opens in presentation mode: the fault path's own effect brings its step into view.
      first.current = false;
      return;
    }
    const centre = () => {
      const el = stepRef.current >= 0 ? currentStepBox(stepRef.current) : null;
      if (el && 'scrollIntoView' in el) el.scrollIntoView({ block: 'center' });
    };
    if (typeof requestAnimationFrame !== 'function') return;
    const raf = requestAnimationFrame(centre);
    window.addEventListener('resize', centre);
    const stop = setTimeout(() => window.removeEventListener('resize', centre), RESIZE_WINDOW_MS);
    return () => {
      cancelAnimationFrame(raf);
      clearTimeout(stop);
      window.removeEventListener('resize', centre);
    };
  }, [presentation, stepRef]);
}
