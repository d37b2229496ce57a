/**
 * Props every diagram takes. The diagrams draw one Explanation (src/model/explain-types.ts) and nothing else,
 * and talk to each other only through the shared Highlight.
 */
import type { Decider } from '../../model/decider';
import type { Explanation } from '../../model/explain-types';
import type { Arch } from '../../model/scenario';
import type { NoteTarget, ReviewNote } from '../../model/view-state';

/** What is highlighted across all three diagrams (hover or selection). */
export type Highlight =
  | { kind: 'range'; start: bigint; end: bigint } // an HPA range (inclusive), e.g. a pfn's page or a resource
  | { kind: 'resource'; path: string[] } // a resource by names from the root
  | { kind: 'step'; nodeId: string } // a fault-graph node
  | { kind: 'vma-leaf'; hva: bigint }
  | null;

/** What the user imported from their own machine, shown over the model's diagrams. */
export interface Observed {
  /** smaps VmFlags of the VMA the user picked, e.g. ["rd","wr","sh","pf","io"]. */
  vmFlags?: { label: string; mnemonics: string[] };
  /** Function names seen in a pasted fault trace (without "()"). */
  traceFunctions?: string[];
}

export interface DiagramProps {
  ex: Explanation;
  highlight: Highlight;
  onHighlight: (h: Highlight) => void;
  /** Selected fault step index (-1: none). The fault diagram drives it; the others follow it. */
  step: number;
  onStep?: (step: number) => void;
  notes?: ReviewNote[];
  /** The user asks to pin a note to this element (e.g. presses "n" on a focused box). */
  onNoteTarget?: (t: NoteTarget) => void;
  /** The element shown in the inspector (its facts and sources). */
  selected?: NoteTarget | null;
  onSelect?: (t: NoteTarget) => void;
  /** What decided the verdict selected in the matrix, when it is one of this explanation's: lit in the diagram. */
  decided?: Decider | null;
  /** Compact rendering for side-by-side compare. */
  compact?: boolean;
  observed?: Observed;
  /** The same scenario on another architecture, for drawings built in advance while the page is idle. */
  otherArch?: (arch: Arch) => Explanation;
}
