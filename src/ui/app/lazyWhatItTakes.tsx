/**
 * "What would it take", loaded on first use: a page that is only read carries neither the panel nor the search client
 * (whose fallback holds the search itself). preloadWhatItTakes() fetches both and starts the search worker when a
 * search becomes likely (the pointer or focus reaches the verdict matrix). React.lazy keeps a failed load for good,
 * so each "Try again" (a new attempt) gets a lazy component of its own.
 */
import { createElement, lazy, Suspense, type ComponentType, type ReactElement } from 'react';
import type { WhatItTakesProps } from './WhatItTakes';

const load = () => import('./WhatItTakes').then((m) => ({ default: m.WhatItTakes }));
const attempts: ComponentType<WhatItTakesProps>[] = [];
let warmed = false;

/** Fetch the panel's code and start the search worker, once. */
export function preloadWhatItTakes(): void {
  if (warmed) return;
  warmed = true;
  void load().catch(() => {});
  void import('../../workers/searchClient').then((m) => m.warmSearch()).catch(() => {});
}

/** The panel for `props`, from load attempt `attempt`, with a placeholder while its code loads. */
export function lazyWhatItTakes(attempt: number, props: WhatItTakesProps): ReactElement {
  const Panel = (attempts[attempt] ??= lazy(load));
  return (
    <Suspense fallback={<section className="what-it-takes" aria-busy="true" data-testid="wit-loading-code"><p className="wit-loading">Loading “What would it take”…</p></section>}>
      {createElement(Panel, props)}
    </Suspense>
  );
}
