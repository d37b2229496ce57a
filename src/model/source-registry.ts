/**
 * The source registry (citations, links) for the page, loaded after first paint: when the browser is idle (main.tsx)
 * or when a view first shows a citation (useSources()). Derivations never wait for it (source-index.ts).
 */
import type { Source, SourceId } from './source';

let registry: Readonly<Record<SourceId, Source>> | null = null;
let loading: Promise<Readonly<Record<SourceId, Source>>> | null = null;

/** The source `id` once the registry is loaded; undefined before. */
export function loadedSource(id: SourceId): Source | undefined {
  return registry?.[id];
}

export function sourcesLoaded(): boolean {
  return registry !== null;
}

/** Load the registry (once). A failed load (a network drop) can be retried by calling again. */
export function loadSources(): Promise<Readonly<Record<SourceId, Source>>> {
  loading ??= import('./sources').then(
    (m) => (registry = m.SOURCES),
    (e: unknown) => {
      loading = null;
      throw e;
    },
  );
  return loading;
}
