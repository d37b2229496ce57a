/**
 * The source registry (citations, links) for the page, loaded after first paint: when the browser is idle (main.tsx)
 * or when a view first shows a citation (useSources()). Derivations never wait for it (source-index.ts).
 */
import { lazyTable } from './lazyTable';
import type { Source, SourceId } from './source';

const registry = lazyTable<Source>(() => import('./sources').then((m) => m.SOURCES));

/** The source `id` once the registry is loaded; undefined before. */
export const loadedSource = (id: SourceId): Source | undefined => registry.get(id);

export const sourcesLoaded = (): boolean => registry.loaded();

/** Load the registry (once). A failed load (a network drop) can be retried by calling again. */
export const loadSources = (): Promise<Readonly<Record<SourceId, Source>>> => registry.load();
