/**
 * The app with sharing mounted: the view lives in the URL fragment (decoded on load and on hashchange, written back
 * as the view changes), review notes persist in localStorage, and the toolbar offers plain text, slides and SVG/PNG
 * exports (ExportMenu) and presentation mode.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { decodeLink, encodeLink } from '../../model/share/link';
import type { ViewState } from '../../model/view-state';
import type { AppContext } from '../App';
import type { AppState } from '../state';
import { ImportedApp } from '../import/ImportedApp';
import { copyText } from './clipboard';
import { ExportMenu } from './ExportMenu';
import { loadNotes, mergeNotes, saveNotes } from './notesStorage';

function initial(): { view: ViewState; message: string | null } {
  const link = decodeLink(typeof location !== 'undefined' ? location.hash : '');
  const saved = loadNotes();
  const view = { ...link.view, notes: mergeNotes(link.view.notes, saved.notes) };
  return { view, message: link.error ?? saved.error };
}

function ShareToolbar({ ctx }: { ctx: AppContext }) {
  const [status, setStatus] = useState<string | null>(null);
  const { ex, state, dispatch } = ctx;
  const flash = (s: string) => {
    setStatus(s);
    setTimeout(() => setStatus(null), 2500);
  };
  const run = (f: () => Promise<void> | void, done: string) => async () => {
    try {
      await f();
      flash(done);
    } catch (e) {
      flash(`Failed: ${(e as Error).message}`);
    }
  };
  return (
    <div className="share-toolbar" role="group" aria-label="Share and export">
      <button type="button" data-testid="copy-link" onClick={run(() => copyText(location.href), 'Link copied')}>Copy link</button>
      <button type="button" data-testid="copy-text" onClick={run(async () => copyText((await import('../../model/text/render')).renderText(ex, { notes: state.view.notes })), 'Text copied (≤ 80 columns)')}>Copy as text</button>
      <ExportMenu ctx={ctx} run={run} />
      <button
        type="button"
        data-testid="present"
        aria-pressed={state.view.presentation}
        onClick={() => {
          const on = !state.view.presentation;
          dispatch({ type: 'presentation', on });
          if (on && ex.fault.steps.length && state.view.step < 0) dispatch({ type: 'step', step: 0 });
          if (on) document.documentElement.requestFullscreen?.().catch(() => {});
          else if (document.fullscreenElement) document.exitFullscreen?.().catch(() => {});
        }}
      >
        {state.view.presentation ? 'Leave presentation' : 'Present'}
      </button>
      <span className="share-status" role="status" data-testid="share-status">{status}</span>
    </div>
  );
}

export function ShareApp() {
  const [first] = useState(initial);
  const [message, setMessage] = useState<string | null>(first.message);
  const [viewKey, setViewKey] = useState(0);
  const [view, setView] = useState<ViewState>(first.view);
  const lastHash = useRef<string>('');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  // A hash typed or pasted while the page is open replaces the view (App remounts with it).
  useEffect(() => {
    const onHash = () => {
      if (location.hash === lastHash.current) return;
      const r = decodeLink(location.hash);
      if (r.empty) return;
      setMessage(r.error);
      setView({ ...r.view, notes: mergeNotes(r.view.notes, loadNotes().notes) });
      setViewKey((k) => k + 1);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const savedNotes = useRef<ViewState['notes'] | null>(null);
  const onStateChange = useCallback((s: AppState) => {
    // Every state change reaches here (a hover too); storage is written only when the notes themselves changed.
    if (s.view.notes !== savedNotes.current) {
      savedNotes.current = s.view.notes;
      saveNotes(s.view.notes);
    }
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const h = encodeLink(s.view);
      if (h !== location.hash) {
        lastHash.current = h;
        history.replaceState(null, '', h);
      }
    }, 120);
  }, []);

  const banner = message ? (
    <div className="banner" role="alert" data-testid="link-error">
      <span>{message}</span>
      <button type="button" onClick={() => setMessage(null)} aria-label="Dismiss">Dismiss</button>
    </div>
  ) : null;
  const toolbar = useCallback((ctx: AppContext) => <ShareToolbar ctx={ctx} />, []);
  return <ImportedApp key={viewKey} initialView={view} onStateChange={onStateChange} banner={banner} toolbar={toolbar} />;
}
