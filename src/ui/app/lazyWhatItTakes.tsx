/**
 * "What would it take", loaded on first use or when the page is idle (preloadWhatItTakes(), like the inspector): a
 * page that is only read does not carry the panel or the search client (whose fallback holds the search itself) in
 * its first load. warmSearchWorker() starts the search worker once a search becomes likely (the pointer or focus
 * reaches the verdict matrix), when the browser is next idle, so it never competes with the click that follows.
 * React.lazy keeps a failed load for good, so each "Try again" (a new attempt) gets a lazy component of its own.
 */
import { createElement, lazy, Suspense, type ComponentType, type ReactElement } from 'react';
import { whenIdle } from '../hooks/whenIdle';
import type { AppliedNoticeProps } from './AppliedNotice';
import type { WhatItTakesProps } from './WhatItTakes';

/** The panel once its code is here: rendered directly, since React holds a suspended boundary's content back for 300 ms. */
let loaded: ComponentType<WhatItTakesProps> | null = null;
const load = () =>
  import('./WhatItTakes').then((m) => {
    loaded = m.WhatItTakes;
    return { default: m.WhatItTakes };
  });
const attempts: ComponentType<WhatItTakesProps>[] = [];
let warmed = false;

let loadedNotice: ComponentType<AppliedNoticeProps> | null = null;
const loadNotice = () =>
  import('./AppliedNotice').then((m) => {
    loadedNotice = m.AppliedNotice;
    return { default: m.AppliedNotice };
  });
const noticeAttempts: ComponentType<AppliedNoticeProps>[] = [];

/** Fetch the panel's code (and the applied notice's) ahead of the first click (main.tsx calls this when the page is idle). */
export function preloadWhatItTakes(): void {
  void load().catch(() => {});
  void loadNotice().catch(() => {});
}

/** Start the search worker, once, when the browser is next idle. */
export function warmSearchWorker(): void {
  if (warmed) return;
  warmed = true;
  whenIdle(() => void import('../../workers/searchClient').then((m) => m.warmSearch()).catch(() => {}), 2000);
}

/** The panel for `props`, from load attempt `attempt`, with a placeholder while its code loads. */
export function lazyWhatItTakes(attempt: number, props: WhatItTakesProps): ReactElement {
  // One component type per attempt, so a panel on screen is never remounted when its code arrives.
  const Panel = (attempts[attempt] ??= loaded ?? lazy(load));
  return (
    <Suspense fallback={<section className="what-it-takes" aria-busy="true" data-testid="wit-loading-code"><p className="wit-loading">Loading “What would it take”…</p></section>}>
      {createElement(Panel, props)}
    </Suspense>
  );
}

/** The notice after a set was applied (its code comes with the panel's: a set is applied from the panel). */
export function lazyAppliedNotice(attempt: number, props: AppliedNoticeProps): ReactElement {
  const Notice = (noticeAttempts[attempt] ??= loadedNotice ?? lazy(loadNotice));
  return (
    <Suspense fallback={null}>
      {createElement(Notice, props)}
    </Suspense>
  );
}
