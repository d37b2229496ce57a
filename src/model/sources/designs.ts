import type { Source } from '../source';

/** Sources for the designs part of the model. Keys are stable SourceIds ("designs/<short-name>"). */
export const SOURCES_DESIGNS: Record<string, Source> = {};
