/**
 * The view always equals the URL. Changes made in the page replace the current history entry (history.replaceState,
 * shortly after they settle, at once on pagehide); opening a link (pasted or typed in the address bar) and Back/Forward
 * between such entries move through history, and the page then shows the entry's view (popstate/hashchange). Why
 * replace and not push: see "History" in README.md.
 *
 * Entries this page wrote carry a marker in history.state, so a navigation can tell its own older entry (Back/Forward,
 * a reload: its notes are older than the tab's) from a link opened anew (its notes are shown as the link has them).
 */
import { decodeLink, type DecodeResult } from '../../model/share/link';
import type { ViewState } from '../../model/view-state';
import { shareHash } from './linkProvenance';

const MARK = 'hdmAtlasView';

/** Whether the current history entry is one this page wrote (history.state carries the marker). */
export function isOwnEntry(): boolean {
  const s: unknown = typeof history !== 'undefined' ? history.state : null;
  return typeof s === 'object' && s !== null && MARK in s;
}

/** The address that shows `view`: this page with the view's fragment. */
export function linkFor(view: ViewState): string {
  return `${location.origin}${location.pathname}${location.search}${shareHash(view)}`;
}

export class UrlSync {
  private latest: ViewState | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** The fragment navigated to and not yet written back (popstate and hashchange both fire for one navigation). */
  private navigated: string | null = null;

  /**
   * @param onNavigate the page moved to another entry or link: show `r.view` (`own`: an entry this page wrote)
   * @param delay how long changes settle before the URL is written (ms)
   */
  constructor(
    private readonly onNavigate: (r: DecodeResult, own: boolean) => void,
    private readonly delay = 120,
  ) {}

  /** The view on screen changed. */
  onView(view: ViewState): void {
    if (view === this.latest) return; // a hover or a selection: the view is the same object
    this.latest = view;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.write(), this.delay);
  }

  /** The view last reported. */
  current(): ViewState | null {
    return this.latest;
  }

  /** Write a pending change now. */
  flush = (): void => {
    if (this.timer) this.write();
  };

  private write(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.navigated = null;
    if (!this.latest) return;
    const h = shareHash(this.latest);
    if (h !== location.hash || !isOwnEntry()) history.replaceState({ [MARK]: 1 }, '', h);
  }

  listen(): () => void {
    const onNav = () => {
      const h = location.hash;
      if (h === this.navigated) return;
      if (this.latest && h === shareHash(this.latest) && isOwnEntry()) return;
      // The entry navigated to must not receive the view being left, still waiting to be written.
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      this.navigated = h;
      this.onNavigate(decodeLink(h), isOwnEntry());
    };
    window.addEventListener('popstate', onNav);
    window.addEventListener('hashchange', onNav);
    window.addEventListener('pagehide', this.flush);
    return () => {
      window.removeEventListener('popstate', onNav);
      window.removeEventListener('hashchange', onNav);
      window.removeEventListener('pagehide', this.flush);
      if (this.timer) clearTimeout(this.timer);
    };
  }
}
