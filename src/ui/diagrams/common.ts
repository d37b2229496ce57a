/** Small helpers shared by the diagrams. */
import type { KeyboardEvent } from 'react';
import type { NoteTarget, ReviewNote } from '../../model/view-state';
import type { Highlight } from './types';

export function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export function sameTarget(a: NoteTarget | null | undefined, b: NoteTarget): boolean {
  if (!a || a.kind !== b.kind) return false;
  switch (b.kind) {
    case 'resource':
      return a.kind === 'resource' && samePath(a.path, b.path);
    case 'step':
      return a.kind === 'step' && a.nodeId === b.nodeId;
    case 'verdict':
      return a.kind === 'verdict' && a.design === b.design && a.verdict === b.verdict;
    case 'vma':
      return a.kind === 'vma' && a.part === b.part;
  }
}

export function notesFor(notes: ReviewNote[] | undefined, t: NoteTarget): ReviewNote[] {
  return (notes ?? []).filter((n) => sameTarget(n.target, t));
}

/** The HPA range a highlight points at, else the page the current fault step faults on (`pfn`), if any. */
export function highlightRange(h: Highlight, pfn: bigint | undefined): { start: bigint; end: bigint } | null {
  if (h?.kind === 'range') return { start: h.start, end: h.end };
  if (pfn !== undefined) return { start: pfn << 12n, end: (pfn << 12n) + 0xfffn };
  return null;
}

/** Enter/space selects, "n" asks for a note: the keyboard contract of every focusable diagram element. */
export function activateKeys(e: KeyboardEvent, select: () => void, note?: () => void): void {
  if (e.key === 'Enter' || e.key === ' ') {
    e.preventDefault();
    e.stopPropagation();
    select();
  } else if ((e.key === 'n' || e.key === 'N') && note && !e.ctrlKey && !e.metaKey && !e.altKey) {
    e.preventDefault();
    e.stopPropagation();
    note();
  }
}
