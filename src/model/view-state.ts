/**
 * The whole view the user sees, as data: the one serialisation behind share links, saved state and exports.
 */
import type { DesignId, Platform, Scenario } from './scenario';
import { DEFAULT_SCENARIO } from './scenario';

export type CompareSpec =
  | { kind: 'design'; design: DesignId }
  | { kind: 'platform'; platform: Platform };

/** What a review note is pinned to. */
export type NoteTarget =
  | { kind: 'resource'; path: string[] }
  | { kind: 'step'; nodeId: string }
  | { kind: 'verdict'; design: DesignId; verdict: string }
  | { kind: 'vma'; part: string };

export interface ReviewNote {
  id: string;
  target: NoteTarget;
  text: string;
  author?: string;
}

export interface ViewState {
  scenario: Scenario;
  compare: CompareSpec | null;
  /** Index of the selected step of the fault path (-1: none selected). */
  step: number;
  presentation: boolean;
  notes: ReviewNote[];
}

export const DEFAULT_VIEW: ViewState = {
  scenario: DEFAULT_SCENARIO,
  compare: null,
  step: -1,
  presentation: false,
  notes: [],
};
