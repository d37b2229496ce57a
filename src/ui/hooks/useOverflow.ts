/**
 * Whether a scroll container's content is wider than the container, and whether it is scrolled to its end: for a
 * visible "scroll for more" hint. Measured on resize and scroll only (a ResizeObserver), never on a control change.
 */
import { useEffect, useState, type RefObject } from 'react';

export function useOverflow(ref: RefObject<HTMLElement | null>): { overflowing: boolean; atEnd: boolean } {
  const [s, setS] = useState({ overflowing: false, atEnd: true });
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver !== 'function') return;
    const measure = () => {
      const overflowing = el.scrollWidth > el.clientWidth + 1;
      const atEnd = el.scrollLeft + el.clientWidth >= el.scrollWidth - 2;
      setS((p) => (p.overflowing === overflowing && p.atEnd === atEnd ? p : { overflowing, atEnd }));
    };
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    if (el.firstElementChild) ro.observe(el.firstElementChild);
    el.addEventListener('scroll', measure, { passive: true });
    return () => {
      ro.disconnect();
      el.removeEventListener('scroll', measure);
    };
  }, [ref]);
  return s;
}
