/**
 * The app with sharing mounted: the view lives in the URL fragment (urlSync.ts: decoded on load and when the page
 * navigates, written back as the view changes), review notes persist in localStorage and follow other tabs
 * (notesStore.ts), and the toolbar offers plain text, slides and SVG/PNG exports (ExportMenu) and presentation mode.
 */
import { useCallback, useEffect, useState } from 'react';
import { useLatest } from '../hooks/useLatest';
import { decodeLink } from '../../model/share/link';
import type { ViewState } from '../../model/view-state';
import type { AppContext } from '../App';
import type { Action, AppState } from '../state';
import { ImportedApp } from '../import/ImportedApp';
import { openLocalStorage } from '../storage/storageFault';
import { copyText, download } from './clipboard';
import { ExportMenu } from './ExportMenu';
import { NotesNotice } from './NotesNotice';
import { NotesStatusContext } from './notesStatusContext';
import { PrintCaption } from './PrintCaption';
import { CHANNEL_NAME, NotesStore, type NotesChannel, type NotesStatus } from './notesStore';
import { isOwnEntry, linkFor, UrlSync } from './urlSync';
import { changedVerdictsNotice } from './linkProvenance';

function openChannel(): NotesChannel | null {
  try {
    return typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL_NAME) : null;
  } catch {
    return null; // blocked with site data in some browsers: storage events still carry changes
  }
}

/** Hands actions to the app once it has mounted (App's onDispatch). */
class Bridge {
  private dispatch: ((a: Action) => void) | null = null;
  attach = (d: (a: Action) => void): void => {
    this.dispatch = d;
  };
  send(a: Action): void {
    this.dispatch?.(a);
  }
}

interface Boot {
  view: ViewState;
  message: string | null;
  /** Verdicts the link showed that read differently in this model (linkProvenance.ts). */
  notice: string | null;
  store: NotesStore;
  url: UrlSync;
  bridge: Bridge;
}

function boot(setStatus: (s: NotesStatus) => void, setMessage: (m: string | null) => void, setNotice: (m: string | null) => void): Boot {
  const link = decodeLink(typeof location !== 'undefined' ? location.hash : '');
  const access = openLocalStorage();
  const bridge = new Bridge();
  const store = new NotesStore({
    storage: access.storage,
    blocked: access.fault,
    reopen: openLocalStorage,
    openChannel,
    onRemote: (notes) => bridge.send({ type: 'setNotes', notes }),
    onStatus: setStatus,
  });
  const notes = store.open(link.view.notes, isOwnEntry());
  // Back/Forward, or a link pasted while the page is open: the view becomes that entry's, with the notes as they are now.
  const url = new UrlSync((r, own) => {
    setMessage(r.error);
    setNotice(changedVerdictsNotice(r));
    bridge.send({ type: 'replaceView', view: { ...r.view, notes: store.addFromLink(r.view.notes, own) } });
  });
  return { view: { ...link.view, notes }, message: link.error, notice: changedVerdictsNotice(link), store, url, bridge };
}

function ShareToolbar({ ctx }: { ctx: AppContext }) {
  const [status, setStatus] = useState<string | null>(null);
  const { ex, state, dispatch } = ctx;
  // The export menu reads the context when clicked, through a function that stays the same: it is not drawn again on
  // every change and step.
  const ctxRef = useLatest(ctx);
  const getCtx = useCallback(() => ctxRef.current, [ctxRef]);
  const run = useCallback(
    (f: () => Promise<void> | void, done: string) => async () => {
      const flash = (s: string) => {
        setStatus(s);
        setTimeout(() => setStatus(null), 2500);
      };
      try {
        await f();
        flash(done);
      } catch (e) {
        flash(`Failed: ${(e as Error).message}`);
      }
    },
    [],
  );
  return (
    <>
    <PrintCaption ex={ex} view={state.view} />
    <div className="share-toolbar" role="group" aria-label="Share and export">
      <button type="button" data-testid="copy-link" onClick={run(() => copyText(linkFor(state.view)), 'Link copied')}>Copy link</button>
      <button type="button" data-testid="copy-text" onClick={run(async () => copyText((await import('../../model/text/render')).renderText(ex, { notes: state.view.notes })), 'Text copied (≤ 80 columns)')}>Copy as text</button>
      <ExportMenu getCtx={getCtx} run={run} />
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
    </>
  );
}

export function ShareApp() {
  const [status, setStatus] = useState<NotesStatus | null>(null);
  // What was wrong with the link on screen: the one the page opened with (undefined) until the page navigates.
  const [message, setMessage] = useState<string | null | undefined>(undefined);
  const [notice, setNotice] = useState<string | null | undefined>(undefined);
  const [b] = useState(() => boot(setStatus, setMessage, setNotice));
  const shownError = message === undefined ? b.message : message;
  const shownNotice = notice === undefined ? b.notice : notice;

  useEffect(() => {
    const stopNotes = b.store.listen();
    const stopUrl = b.url.listen();
    return () => {
      stopNotes();
      stopUrl();
      b.url.flush();
    };
  }, [b]);

  const onStateChange = useCallback(
    (s: AppState) => {
      b.store.update(s.view.notes);
      b.url.onView(s.view);
    },
    [b],
  );

  const notesStatus = status ?? b.store.getStatus();
  const [unreadableDismissed, setUnreadableDismissed] = useState(false);
  const [dismissedFault, setDismissedFault] = useState<NotesStatus['fault']>(null);
  const banner = (
    <>
      {shownError && (
        <div className="banner" role="alert" data-testid="link-error">
          <span>{shownError}</span>
          <button
            type="button"
            onClick={() => setMessage(null)}
            aria-label="Dismiss"
          >
            Dismiss
          </button>
        </div>
      )}
      {shownNotice && (
        <div className="banner" role="status" data-testid="link-changed">
          <span>{shownNotice}</span>
          <button type="button" onClick={() => setNotice(null)} aria-label="Dismiss">
            Dismiss
          </button>
        </div>
      )}
      <NotesNotice
        status={{ fault: notesStatus.fault === dismissedFault ? null : notesStatus.fault, unreadable: unreadableDismissed ? null : notesStatus.unreadable }}
        count={b.store.notes().length}
        onRetry={() => b.store.retry()}
        onDownload={() => {
          const view = b.url.current();
          const notes = b.store.notes();
          const file = { link: view ? linkFor(view) : location.href, notes };
          download('hdm-atlas-notes.json', new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' }));
        }}
        onDismissFault={() => setDismissedFault(notesStatus.fault)}
        onDownloadUnreadable={() => download('hdm-atlas-notes-unreadable.json', new Blob([notesStatus.unreadable?.raw ?? ''], { type: 'application/json' }))}
        onDismissUnreadable={() => setUnreadableDismissed(true)}
      />
    </>
  );
  const toolbar = useCallback((ctx: AppContext) => <ShareToolbar ctx={ctx} />, []);
  return (
    <NotesStatusContext.Provider value={notesStatus}>
      <ImportedApp initialView={b.view} onStateChange={onStateChange} onDispatch={b.bridge.attach} banner={banner} toolbar={toolbar} />
    </NotesStatusContext.Provider>
  );
}
