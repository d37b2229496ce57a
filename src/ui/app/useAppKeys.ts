/**
 * The page's keys: ←/→ step, space play/pause, Home/End, Escape leaves presentation or clears the selection. Keys a
 * focused control needs for itself (text entry, selects, space/Enter on buttons) are left to it.
 */
import { useEffect } from 'react';
import type { Action } from '../state';

/** Keys the focused element needs for itself: text entry, selects, and space/Enter on buttons and checkboxes. */
export function ownsKey(t: EventTarget | null, key: string): boolean {
  if (!(t instanceof HTMLElement)) return false;
  if (t.isContentEditable || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA') return true;
  if (t instanceof HTMLInputElement) return t.type === 'checkbox' ? key === ' ' || key === 'Enter' : true;
  if (t.tagName === 'BUTTON' || t.tagName === 'SUMMARY' || t.tagName === 'A') return key === ' ' || key === 'Enter';
  return false;
}

export function useAppKeys(dispatch: (a: Action) => void, steps: number, playing: boolean, presentation: boolean): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'Escape' && !(e.target instanceof HTMLTextAreaElement) && !(e.target instanceof HTMLInputElement)) {
        if (presentation) {
          dispatch({ type: 'presentation', on: false });
          if (document.fullscreenElement) document.exitFullscreen?.().catch(() => {});
        } else dispatch({ type: 'select', target: null });
        return;
      }
      if (ownsKey(e.target, e.key)) return;
      if (e.key === 'ArrowRight') dispatch({ type: 'stepBy', delta: 1, count: steps });
      else if (e.key === 'ArrowLeft') dispatch({ type: 'stepBy', delta: -1, count: steps });
      else if (e.key === 'Home') dispatch({ type: 'step', step: steps ? 0 : -1 });
      else if (e.key === 'End') dispatch({ type: 'step', step: steps - 1 });
      else if (e.key === ' ') dispatch({ type: 'play', playing: !playing });
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dispatch, steps, playing, presentation]);
}

/** Playback: one step per tick until the end. */
export function usePlayback(dispatch: (a: Action) => void, playing: boolean, step: number, steps: number): void {
  useEffect(() => {
    if (!playing) return;
    if (step >= steps - 1) {
      if (step < 0 && steps > 0) dispatch({ type: 'step', step: 0 });
      else dispatch({ type: 'play', playing: false });
      return;
    }
    const t = setTimeout(() => dispatch({ type: 'stepBy', delta: 1, count: steps }), 650);
    return () => clearTimeout(t);
  }, [dispatch, playing, step, steps]);
}
