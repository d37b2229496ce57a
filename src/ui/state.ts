/**
 * The app's state in one reducer: the ViewState (what links, exports and notes serialise) plus what is transient
 * (highlight, selection, playback). Every control dispatches one of these actions.
 */
import type { Platform, DesignId } from '../model/scenario';
import type { CompareSpec, NoteTarget, ReviewNote, ViewState } from '../model/view-state';
import { DEFAULT_VIEW } from '../model/view-state';
import type { Highlight } from './diagrams/types';

export interface AppState {
  view: ViewState;
  highlight: Highlight;
  selected: NoteTarget | null;
  playing: boolean;
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
  | { type: 'replaceView'; view: ViewState };

export const initialState = (view: ViewState = DEFAULT_VIEW): AppState => ({ view, highlight: null, selected: null, playing: false });

function withView(s: AppState, view: Partial<ViewState>): AppState {
  return { ...s, view: { ...s.view, ...view } };
}

export function reducer(s: AppState, a: Action): AppState {
  switch (a.type) {
    case 'design':
      return { ...withView(s, { scenario: { ...s.view.scenario, design: a.design }, step: -1 }), playing: false };
    case 'platform':
      return { ...withView(s, { scenario: { ...s.view.scenario, platform: { ...s.view.scenario.platform, ...a.patch } }, step: -1 }), playing: false };
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
      return withView(s, { compare: a.compare });
    case 'comparePlatform':
      if (s.view.compare?.kind !== 'platform') return s;
      return withView(s, { compare: { kind: 'platform', platform: { ...s.view.compare.platform, ...a.patch } } });
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
      };
    case 'setNotes':
      return withView(s, { notes: a.notes });
    case 'replaceView':
      return { ...s, view: a.view, selected: null, highlight: null, playing: false };
  }
}

/** A step index a link or a shorter path left out of range, brought back into it (s=999 → the last step). */
export function clampStep(step: number, steps: number): number {
  return steps === 0 ? -1 : Math.min(Math.max(step, -1), steps - 1);
}
