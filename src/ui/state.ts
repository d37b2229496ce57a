/**
 * The app's state in one reducer: the ViewState (what links, exports and notes serialise) plus what is transient
 * (highlight, selection, playback). Every control dispatches one of these actions.
 */
import type { Platform, DesignId, Scenario } from '../model/scenario';
import type { CompareSpec, NoteTarget, ReviewNote, ViewState } from '../model/view-state';
import { DEFAULT_VIEW } from '../model/view-state';
import type { Highlight } from './diagrams/types';

/** A set of changes "what would it take" applied: what it was, and the view to go back to. */
export interface Applied {
  design: DesignId;
  verdict: string;
  /** The changes, as the panel listed them. */
  items: { id: string; label: string; flag: string }[];
  /** The scenario and compare mode before: Undo restores them. */
  before: { scenario: Scenario; compare: CompareSpec | null };
}

export interface AppState {
  view: ViewState;
  highlight: Highlight;
  selected: NoteTarget | null;
  playing: boolean;
  /** The last set applied from "what would it take", until the scenario changes otherwise. */
  applied: Applied | null;
}

export type Action =
  | { type: 'design'; design: DesignId }
  | { type: 'platform'; patch: Partial<Platform> }
  | { type: 'step'; step: number }
  | { type: 'stepBy'; delta: number; count: number }
  | { type: 'play'; playing: boolean }
  | { type: 'compare'; compare: CompareSpec | null }
  | { type: 'comparePlatform'; patch: Partial<Platform> }
  | { type: 'highlight'; highlight: Highlight }
  | { type: 'select'; target: NoteTarget | null }
  | { type: 'presentation'; on: boolean }
  | { type: 'addNote'; note: ReviewNote }
  | { type: 'removeNote'; id: string }
  | { type: 'editNote'; id: string; text: string }
  /** A verdict cell: show its design, select the verdict, and step to what decided it (-1: no step did). */
  | { type: 'verdictCell'; design: DesignId; verdict: string; step: number }
  | { type: 'setNotes'; notes: ReviewNote[] }
  /**
   * Apply a set "what would it take" found for a verdict of `design`: the scenario becomes `platform` (the set
   * applied), compare mode opens against the scenario as it was, and the verdict stays selected.
   */
  | { type: 'applySet'; design: DesignId; verdict: string; platform: Platform; items: Applied['items'] }
  /** Back to the scenario (and compare mode) before the last set was applied. */
  | { type: 'undoApply' }
  /** Keep the applied set, forget the way back. */
  | { type: 'dismissApplied' }
  | { type: 'replaceView'; view: ViewState };

export const initialState = (view: ViewState = DEFAULT_VIEW): AppState => ({ view, highlight: null, selected: null, playing: false, applied: null });

function withView(s: AppState, view: Partial<ViewState>): AppState {
  return { ...s, view: { ...s.view, ...view } };
}

export function reducer(s: AppState, a: Action): AppState {
  switch (a.type) {
    case 'design':
      return { ...withView(s, { scenario: { ...s.view.scenario, design: a.design }, step: -1 }), playing: false, applied: null };
    case 'platform':
      return { ...withView(s, { scenario: { ...s.view.scenario, platform: { ...s.view.scenario.platform, ...a.patch } }, step: -1 }), playing: false, applied: null };
    case 'step':
      return s.view.step === a.step ? s : withView(s, { step: a.step });
    case 'stepBy': {
      if (a.count === 0) return withView(s, { step: -1 });
      const next = Math.max(0, Math.min(a.count - 1, (s.view.step < 0 ? (a.delta > 0 ? -1 : a.count) : s.view.step) + a.delta));
      return { ...withView(s, { step: next }), playing: s.playing && next < a.count - 1 };
    }
    case 'play':
      return { ...s, playing: a.playing };
    case 'compare':
      return { ...withView(s, { compare: a.compare }), applied: null };
    case 'comparePlatform':
      if (s.view.compare?.kind !== 'platform') return s;
      return { ...withView(s, { compare: { kind: 'platform', platform: { ...s.view.compare.platform, ...a.patch } } }), applied: null };
    case 'highlight':
      return s.highlight === a.highlight ? s : { ...s, highlight: a.highlight };
    case 'select':
      return { ...s, selected: a.target };
    case 'presentation':
      return withView(s, { presentation: a.on });
    case 'addNote':
      return withView(s, { notes: [...s.view.notes.filter((n) => n.id !== a.note.id), a.note] });
    case 'removeNote':
      return withView(s, { notes: s.view.notes.filter((n) => n.id !== a.id) });
    case 'editNote':
      return withView(s, { notes: s.view.notes.map((n) => (n.id === a.id ? { ...n, text: a.text } : n)) });
    case 'verdictCell':
      return {
        ...withView(s, { scenario: { ...s.view.scenario, design: a.design }, step: a.step }),
        selected: { kind: 'verdict', design: a.design, verdict: a.verdict },
        playing: false,
        applied: a.design === s.view.scenario.design ? s.applied : null,
      };
    case 'setNotes':
      return withView(s, { notes: a.notes });
    case 'replaceView':
      return { ...s, view: a.view, selected: null, highlight: null, playing: false, applied: null };
    case 'applySet': {
      const before = { scenario: s.view.scenario, compare: s.view.compare };
      return {
        ...withView(s, { scenario: { design: a.design, platform: a.platform }, compare: { kind: 'platform', platform: before.scenario.platform }, step: -1 }),
        selected: { kind: 'verdict', design: a.design, verdict: a.verdict },
        playing: false,
        applied: { design: a.design, verdict: a.verdict, items: a.items, before },
      };
    }
    case 'undoApply':
      if (!s.applied) return s;
      return { ...withView(s, { scenario: s.applied.before.scenario, compare: s.applied.before.compare, step: -1 }), playing: false, applied: null };
    case 'dismissApplied':
      return s.applied ? { ...s, applied: null } : s;
  }
}

/** A step index a link or a shorter path left out of range, brought back into it (s=999 → the last step). */
export function clampStep(step: number, steps: number): number {
  return steps === 0 ? -1 : Math.min(Math.max(step, -1), steps - 1);
}
