/**
 * The wrappers of a kept-alive drawing (see hooks/useKeptAlive): the live one carries data-testid=`name`, and page
 * queries for boxes look inside it; the others are `.kept`, which app.css hides with `content-visibility: hidden`.
 *
 * A drawing built in advance has never been laid out, and `content-visibility: hidden` would leave it so until the
 * first switch, which would then lay out every box. So it starts as `.kept.prelayout`: in place, zero height,
 * invisible (not painted, not in the accessibility tree, not focusable), where the browser lays it out at the width
 * it will have on screen; once a frame has been drawn and the page is idle it becomes `.kept`.
 *
 * A kept drawing rebuilt later for a new scenario (in idle time) is laid out again at once, in the same task as its
 * commit: `.relayout` lifts the containment for a forced layout and is taken off before anything can paint or take
 * focus, and `content-visibility: hidden` keeps that layout for the next switch.
 */
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { Arch } from '../../model/scenario';
import type { KeptDrawing } from '../hooks/useKeptAlive';
import { whenIdle } from '../hooks/whenIdle';

export function KeptAlive<P>({ name, arch, drawings, draw }: { name: string; arch: Arch; drawings: KeptDrawing<P>[]; draw: (p: P) => ReactNode }) {
  const [laidOut, setLaidOut] = useState(false);
  const pending = !laidOut && drawings.some(([, , fresh]) => fresh);
  const wrappers = useRef(new Map<Arch, HTMLDivElement>());
  useEffect(() => {
    if (!pending || typeof requestAnimationFrame !== 'function') return;
    let cancelIdle = () => {};
    const raf = requestAnimationFrame(() => {
      cancelIdle = whenIdle(() => setLaidOut(true));
    });
    return () => {
      cancelAnimationFrame(raf);
      cancelIdle();
    };
  }, [pending]);
  const relayout = drawings.filter(([a, , fresh, refreshed]) => refreshed && a !== arch && !(fresh && !laidOut)).map(([a]) => a);
  useLayoutEffect(() => {
    for (const a of relayout) {
      const el = wrappers.current.get(a);
      if (!el) continue;
      el.classList.add('relayout');
      void el.offsetHeight; // style and layout of the rebuilt drawing, now, while it is idle time
      el.classList.remove('relayout');
    }
  });
  return drawings.map(([a, p, fresh]) => (
    <div
      key={a}
      ref={(el) => {
        if (el) wrappers.current.set(a, el);
        else wrappers.current.delete(a);
      }}
      className={a === arch ? name : `${name} kept${fresh && !laidOut ? ' prelayout' : ''}`}
      data-testid={a === arch ? name : undefined}
    >
      {draw(p)}
    </div>
  ));
}
