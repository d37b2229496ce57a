/**
 * The inspector, loaded on first use (or when the page is idle, preloadInspector()): a page that is only read does not
 * carry its code. React.lazy keeps a failed load for good, so each "Try again" (a new attempt) gets a lazy component
 * of its own.
 */
import { createElement, lazy, Suspense, type ComponentType, type ReactElement } from 'react';
import type { InspectorProps } from '../Inspector';

/** The inspector once its code is here: rendered directly, since React holds a suspended boundary's content back for 300 ms. */
let loaded: ComponentType<InspectorProps> | null = null;
const load = () =>
  import('../Inspector').then((m) => {
    loaded = m.Inspector;
    return { default: m.Inspector };
  });
const attempts: ComponentType<InspectorProps>[] = [];

/** Fetch the inspector's code ahead of the first click (main.tsx calls this when the page is idle). */
export function preloadInspector(): void {
  void load().catch(() => {});
}

/** The inspector for `props`, from load attempt `attempt`, with a placeholder while its code loads. */
export function lazyInspector(attempt: number, props: InspectorProps): ReactElement {
  // One component type per attempt, so an inspector on screen is never remounted when its code arrives.
  const Inspector = (attempts[attempt] ??= loaded ?? lazy(load));
  return (
    // The placeholder is the skip link's target (#inspector) until the inspector replaces it.
    <Suspense fallback={<aside className="inspector" id="inspector" tabIndex={-1} aria-label="Inspector" aria-busy="true" data-testid="inspector-loading" />}>
      {createElement(Inspector, props)}
    </Suspense>
  );
}
