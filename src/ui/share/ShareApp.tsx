/**
 * The app with sharing mounted: the view lives in the URL fragment (decoded on load and on hashchange, written back
 * as the view changes), review notes persist in localStorage, and the toolbar offers plain text, SVG/PNG export and
 * presentation mode.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { decodeLink } from '../../model/share/link';
import { renderText, renderVerdictMatrix } from '../../model/text/render';
import type { ViewState } from '../../model/view-state';
import type { AppContext } from '../App';
import type { AppState } from '../state';
import { ImportedApp } from '../import/ImportedApp';
import { combinedSvg, copyText, download, serializeSvg, standaloneSvg, svgToPng } from './exportSvg';
import { loadNotes, mergeNotes, saveNotes } from './notesStorage';
import { changedVerdictsNotice, shareHash } from './linkProvenance';
import { exportStamp } from '../../model/version';
import { stampPng, stampSvg } from './stamp';

function initial(): { view: ViewState; message: string | null; notice: string | null } {
  const link = decodeLink(typeof location !== 'undefined' ? location.hash : '');
  const saved = loadNotes();
  const view = { ...link.view, notes: mergeNotes(link.view.notes, saved.notes) };
  return { view, message: link.error ?? saved.error, notice: changedVerdictsNotice(link) };
}

const PANELS = [
  { id: 'diagram-resource', name: 'resource-tree', caption: 'Resource tree (/proc/iomem)' },
  { id: 'diagram-vma', name: 'vma', caption: 'VMA' },
  { id: 'diagram-fault', name: 'fault-path', caption: 'KVM fault path' },
] as const;

function svgOf(panelId: string): SVGSVGElement | null {
  return document.querySelector<SVGSVGElement>(`[data-testid="${panelId}"] [data-testid="tree-graph"] svg.tree-svg, [data-testid="${panelId}"] svg.vma-svg, [data-testid="${panelId}"] [data-testid="fault-graph"] svg.fault-svg`);
}

function ShareToolbar({ ctx }: { ctx: AppContext }) {
  const [status, setStatus] = useState<string | null>(null);
  const { ex, all, state, dispatch } = ctx;
  const title = `HDM Atlas: ${ex.design} on ${ex.platform.arch}, firmware ${ex.platform.firmware}, kernel ${ex.platform.kernel}`;
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
  const exportSvg = (which: (typeof PANELS)[number] | null) => {
    if (which) {
      const el = svgOf(which.id);
      if (!el) throw new Error('diagram not on screen');
      return stampSvg(standaloneSvg(el, `${title} — ${which.caption}`), location.href);
    }
    const parts: { svg: SVGSVGElement; caption: string }[] = [];
    for (const p of PANELS) {
      const svg = svgOf(p.id);
      if (svg) parts.push({ svg, caption: p.caption });
    }
    return stampSvg(combinedSvg(parts, title), location.href);
  };
  const base = `hdm-atlas-${ex.design}-${ex.platform.arch}`;
  return (
    <div className="share-toolbar" role="group" aria-label="Share and export">
      <button type="button" data-testid="copy-link" onClick={run(() => copyText(location.href), 'Link copied')}>Copy link</button>
      <button type="button" data-testid="copy-text" onClick={run(() => copyText(renderText(ex, { notes: state.view.notes })), 'Text copied (≤ 80 columns)')}>Copy as text</button>
      <details className="export-menu">
        <summary data-testid="export-menu">Export</summary>
        <div className="export-items">
          <button type="button" data-testid="export-text" onClick={run(() => download(`${base}.txt`, new Blob([renderText(ex, { notes: state.view.notes })], { type: 'text/plain' })), 'Text saved')}>Plain text (.txt)</button>
          <button type="button" data-testid="export-matrix" onClick={run(() => copyText(renderVerdictMatrix(all)), 'Verdict matrix copied')}>Copy verdict matrix</button>
          <span className="export-stamp" data-testid="export-version">{exportStamp()}</span>
          {[null, ...PANELS].map((p) => (
            <span key={p?.name ?? 'all'} className="export-pair">
              <button type="button" data-testid={`export-svg-${p?.name ?? 'all'}`} onClick={run(() => download(`${base}-${p?.name ?? 'view'}.svg`, new Blob([serializeSvg(exportSvg(p))], { type: 'image/svg+xml' })), 'SVG saved')}>
                {p ? p.caption : 'Whole view'} SVG
              </button>
              <button
                type="button"
                data-testid={`export-png-${p?.name ?? 'all'}`}
                onClick={run(async () => {
                  const svg = exportSvg(p);
                  const w = Number(svg.getAttribute('width'));
                  const h = Number(svg.getAttribute('height'));
                  download(`${base}-${p?.name ?? 'view'}@2x.png`, await stampPng(await svgToPng(serializeSvg(svg), w, h, 2), title, location.href));
                }, 'PNG saved')}
              >
                PNG 2×
              </button>
            </span>
          ))}
        </div>
      </details>
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
  const [notice, setNotice] = useState<string | null>(first.notice);
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
      setNotice(changedVerdictsNotice(r));
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
      const h = shareHash(s.view);
      if (h !== location.hash) {
        lastHash.current = h;
        history.replaceState(null, '', h);
      }
    }, 120);
  }, []);

  const banner = message || notice ? (
    <>
      {message ? (
        <div className="banner" role="alert" data-testid="link-error">
          <span>{message}</span>
          <button type="button" onClick={() => setMessage(null)} aria-label="Dismiss">Dismiss</button>
        </div>
      ) : null}
      {notice ? (
        <div className="banner" role="status" data-testid="link-changed">
          <span>{notice}</span>
          <button type="button" onClick={() => setNotice(null)} aria-label="Dismiss">Dismiss</button>
        </div>
      ) : null}
    </>
  ) : null;
  const toolbar = useCallback((ctx: AppContext) => <ShareToolbar ctx={ctx} />, []);
  return <ImportedApp key={viewKey} initialView={view} onStateChange={onStateChange} banner={banner} toolbar={toolbar} />;
}
