/**
 * The wrappers of a kept-alive drawing (see hooks/useKeptAlive): the live one carries data-testid=`name`, and page
 * queries for boxes look inside it; the others are `.kept`, which app.css hides with `content-visibility: hidden`.
 *
 * A drawing built in advance has never been laid out, and `content-visibility: hidden` would leave it so until the
 * first switch, which would then lay out every box. So it starts as `.kept.prelayout`: in place, zero height,
 * invisible (not painted, not in the accessibility tree, not focusable), where the browser lays it out at the width
 * it will have on screen; once a frame has been drawn and the page is idle it becomes `.kept`.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { Arch } from '../../model/scenario';
import type { KeptDrawing } from '../hooks/useKeptAlive';
import { whenIdle } from '../hooks/whenIdle';

export function KeptAlive<P>({ name, arch, drawings, draw }: { name: string; arch: Arch; drawings: KeptDrawing<P>[]; draw: (p: P) => ReactNode }) {
  const [laidOut, setLaidOut] = useState(false);
  const pending = !laidOut && drawings.some(([, , fresh]) => fresh);
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
  return drawings.map(([a, p, fresh]) => (
    <div key={a} className={a === arch ? name : `${name} kept${fresh && !laidOut ? ' prelayout' : ''}`} data-testid={a === arch ? name : undefined}>
      {draw(p)}
    </div>
  ));
}
