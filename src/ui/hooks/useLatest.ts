/**
 * A ref that holds the value of the last commit, for handlers and effects that must read the current value without
 * being recreated when it changes. Updated in a layout effect, so it is current before any effect or event runs.
 */
import { useLayoutEffect, useRef, type RefObject } from 'react';

export function useLatest<T>(value: T): RefObject<T> {
  const ref = useRef(value);
  useLayoutEffect(() => {
    ref.current = value;
  });
  return ref;
}
