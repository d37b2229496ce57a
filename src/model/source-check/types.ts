/**
 * What `cli check-sources` finds for a citation, shared by the check, its reports, the generated line file and the
 * inspector. Pure data; no I/O.
 */
import type { SourceId } from '../source';

/** found: defined in the cited file; moved: defined in another file; gone: defined nowhere; not-checkable: see reason. */
export const OUTCOMES = ['found', 'moved', 'gone', 'not-checkable'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** How a definition was recognised. */
export type DefinitionKind =
  | 'function'
  | 'macro'
  | 'struct'
  | 'union'
  | 'enum'
  | 'enum-constant'
  | 'field'
  | 'variable'
  | 'kconfig';

/** A place in the tree: path from the tree's top and 1-based line. */
export interface At {
  file: string;
  line: number;
}

/** One definition in one file's text. */
export interface Definition {
  line: number;
  kind: DefinitionKind;
}

/**
 * One symbol of one source, checked at one revision: a row of the JSON report.
 * `symbol` is the bare identifier (null when the citation's text names none); `version` is what the source cites;
 * `rev` is where it was looked up (a tag, a commit, the --rev, "working tree"), null when nowhere.
 */
export interface SymbolCheck {
  id: SourceId;
  file: string;
  symbol: string | null;
  version: string;
  outcome: Outcome;
  at: At | null;
  rev: string | null;
  kind: DefinitionKind | null;
  /** Why it is not checkable, or for moved and gone what was looked at; null when found. */
  reason: string | null;
}

/** The worse of two outcomes: gone, then moved, then not-checkable, then found. */
const RANK: Record<Outcome, number> = { found: 0, 'not-checkable': 1, moved: 2, gone: 3 };

/** A source's outcome from its symbols' outcomes: the worst one (a source naming two functions is found only if both are). */
export function worstOutcome(outcomes: readonly Outcome[]): Outcome {
  let worst: Outcome = 'found';
  for (const o of outcomes) if (RANK[o] > RANK[worst]) worst = o;
  return outcomes.length === 0 ? 'not-checkable' : worst;
}
