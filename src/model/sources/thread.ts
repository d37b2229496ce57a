import type { Source } from '../source';

/** Sources for the thread part of the model. Keys are stable SourceIds ("thread/<short-name>"). */
export const SOURCES_THREAD: Record<string, Source> = {};
