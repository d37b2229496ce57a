import type { Source } from '../source';

/** Sources for the resource part of the model. Keys are stable SourceIds ("resource/<short-name>"). */
export const SOURCES_RESOURCE: Record<string, Source> = {};
