import type { Source } from '../source';

/** Sources for the vma part of the model. Keys are stable SourceIds ("vma/<short-name>"). */
export const SOURCES_VMA: Record<string, Source> = {};
