/**
 * HDM Atlas: the answer first (the current design's result and the verdict matrix of every design), then the three
 * diagrams that explain the selected cell, with the inspector docked beside them. All state lives in one reducer
 * (state.ts); everything drawn is derived by explain(). The pieces live in app/.
 */
import { lazy, Suspense, useCallback, useEffect, useMemo, useReducer, useState, type ReactNode } from 'react';
import { compareExplanations } from '../model/compare';
import { decidedBy, type Decider } from '../model/decider';
import type { ExplainOptions } from '../model/explain';
import type { Explanation } from '../model/explain-types';
import type { Arch, DesignId, Platform } from '../model/scenario';
import type { NoteTarget, ReviewNote, ViewState } from '../model/view-state';
import { CompareControl } from './app/CompareControl';
import { compareNames } from './app/compareNames';
import { Headline } from './app/Headline';
import { lazyAppliedNotice, lazyWhatItTakes, warmSearchWorker } from './app/lazyWhatItTakes';
import { Legend } from './app/Legend';
import { noteTargetSelector } from './app/noteTargets';
import { NotesPanel } from './app/NotesPanel';
import { SkipLinks } from './app/SkipLinks';
import { Stepper } from './app/Stepper';
import { useAppKeys, usePlayback } from './app/useAppKeys';
import { useStepInViewOnModeChange } from './app/useStepInViewOnModeChange';
import { Workspace } from './app/Workspace';
import { explainAllCached, explainCached, scenarioKey } from './derive-cache';
import type { DiagramProps, Highlight, Observed } from './diagrams/types';
import { useAfterPaint } from './hooks/useAfterPaint';
import { lazyInspector } from './app/lazyInspector';
import { PartBoundary } from './PartBoundary';
import { PlatformControls, ScenarioBar } from './ScenarioBar';
import { clampStep, initialState, reducer, type Action, type AppState } from './state';
import { VerdictMatrix } from './VerdictMatrix';

export interface AppProps {
  initialView?: ViewState;
  /** Optional extensions mounted by the share/import features. */
  toolbar?: (ctx: AppContext) => ReactNode;
  importPanel?: (ctx: AppContext) => ReactNode;
  /**
   * Options for explain() from an imported /proc/iomem, and the key that distinguishes them. A new object only when
   * they change: the verdict matrix follows it one frame later, like the platform.
   */
  explainOptions?: { opts: ExplainOptions; key: string };
  observed?: Observed;
  onStateChange?: (s: AppState) => void;
  /** Receives the app's dispatch once mounted: the page's URL and other tabs change the view through it. */
  onDispatch?: (dispatch: (a: Action) => void) => void;
  banner?: ReactNode;
}

export interface AppContext {
  state: AppState;
  dispatch: (a: Parameters<typeof reducer>[1]) => void;
  ex: Explanation;
  all: Record<DesignId, Explanation>;
  other: Explanation | null;
  /** What decided the verdict selected in the matrix, when it is one of the design on screen. */
  decided: Decider | null;
}

// Compare mode's summary and aligned paths load when compare mode is first turned on.
const CompareSummaryFor = lazy(() => import('./app/CompareParts').then((m) => ({ default: m.CompareSummaryFor })));

/** No explain options (the built-in scenario): one object, so callbacks that depend on the options stay stable. */
const NO_OPTS: ExplainOptions = {};

export function App({ initialView, toolbar, importPanel, explainOptions, observed, onStateChange, onDispatch, banner }: AppProps) {
  const [state, dispatch] = useReducer(reducer, initialView, initialState);
  const [inspectorAttempt, setInspectorAttempt] = useState(0);
  const retryInspector = useCallback(() => setInspectorAttempt((a) => a + 1), []);
  useEffect(() => onDispatch?.(dispatch), [onDispatch]);
  const { view } = state;
  const opts = explainOptions?.opts ?? NO_OPTS;
  const ikey = explainOptions?.key ?? '';
  // explainCached() memoises by scenario key; the lookups themselves are kept per scenario too, as building the key
  // on every render (hovers and steps included) showed up in profiles.
  const ex = useMemo(() => explainCached(view.scenario, opts, ikey), [view.scenario, opts, ikey]);
  // The verdict matrix of every design follows one frame later: a control change (or a range picked in an imported
  // dump) redraws the diagrams of the current design in the frame of the input, and the other four designs'
  // derivations do not hold it up. Its current-design row follows in the same later frame.
  const matrixPlatform = useAfterPaint(view.scenario.platform);
  const matrixOptions = useAfterPaint(explainOptions);
  const matrixDesign = useAfterPaint(view.scenario.design);
  const all = useMemo(() => explainAllCached(matrixPlatform, matrixOptions?.opts ?? {}, matrixOptions?.key ?? ''), [matrixPlatform, matrixOptions]);
  const c = view.compare;
  const other = useMemo(
    () =>
      c
        ? c.kind === 'design'
          ? explainCached({ design: c.design, platform: view.scenario.platform }, opts, ikey)
          : explainCached({ design: view.scenario.design, platform: c.platform }, opts, ikey)
        : null,
    [c, view.scenario, opts, ikey],
  );
  const cmp = useMemo(() => (other ? compareExplanations(ex, other) : null), [ex, other]);
  const names = useMemo(() => (other ? compareNames(ex, other) : null), [ex, other]);
  const diffSet = useMemo(() => {
    if (!cmp || !view.compare) return undefined;
    const s = new Set<string>();
    for (const d of cmp.verdictDiffs) {
      s.add(`${view.scenario.design}/${d.id}`);
      if (view.compare.kind === 'design') s.add(`${view.compare.design}/${d.id}`);
    }
    return s;
  }, [cmp, view.compare, view.scenario.design]);

  useEffect(() => {
    onStateChange?.(state);
  }, [state, onStateChange]);

  const steps = ex.fault.steps.length;
  // A link may carry a step past the end (s=999) or one the path no longer has: show the last step, and put the
  // state (and so the link) right.
  const step = clampStep(view.step, steps);
  useEffect(() => {
    if (step !== view.step) dispatch({ type: 'step', step });
  }, [step, view.step]);
  useAppKeys(dispatch, steps, state.playing, view.presentation);
  usePlayback(dispatch, state.playing, step, steps);
  useStepInViewOnModeChange(view.presentation, step);

  // What decided the verdict selected in the matrix, when it is one of the design on screen.
  const sel = state.selected;
  const decided = useMemo(() => (sel?.kind === 'verdict' && sel.design === ex.design ? decidedBy(ex, sel.verdict) : null), [sel, ex]);

  const onHighlight = useCallback((h: Highlight) => dispatch({ type: 'highlight', highlight: h }), []);
  const onStep = useCallback((i: number) => dispatch({ type: 'step', step: i }), []);
  const onSelect = useCallback((t: NoteTarget) => dispatch({ type: 'select', target: t }), []);
  const onDesign = useCallback((d: DesignId) => dispatch({ type: 'design', design: d }), []);
  const onCell = useCallback((d: DesignId, verdict: string) => dispatch({ type: 'verdictCell', design: d, verdict, step: decidedBy(all[d], verdict).step ?? -1 }), [all]);
  // "What would it take" for the selected cell when its verdict is not good: the cell's design on the platform on
  // screen (the cell click made it the current design, so its verdict is read from this derivation).
  const [witAttempt, setWitAttempt] = useState(0);
  const retryWit = useCallback(() => setWitAttempt((a) => a + 1), []);
  const witScenario = useMemo(() => (sel?.kind === 'verdict' ? { design: sel.design, platform: view.scenario.platform } : view.scenario), [sel, view.scenario]);
  const witVerdict = useMemo(() => {
    if (sel?.kind !== 'verdict') return null;
    const e = sel.design === ex.design ? ex : explainCached(witScenario, opts, ikey);
    const v = e.verdicts.find((x) => x.id === sel.verdict);
    return v && v.status !== 'good' ? v : null;
  }, [sel, ex, witScenario, opts, ikey]);
  const onApplySet = useCallback(
    (platform: Platform, items: { id: string; label: string; flag: string }[]) => {
      if (sel?.kind === 'verdict') dispatch({ type: 'applySet', design: sel.design, verdict: sel.verdict, platform, items });
    },
    [sel],
  );
  const onCloseWit = useCallback(() => dispatch({ type: 'select', target: null }), []);
  const onUndoApply = useCallback(() => dispatch({ type: 'undoApply' }), []);
  const onDismissApplied = useCallback(() => dispatch({ type: 'dismissApplied' }), []);
  const onPlatform = useCallback((patch: Partial<Platform>) => dispatch({ type: 'platform', patch }), []);
  const onComparePlatform = useCallback((patch: Partial<Platform>) => dispatch({ type: 'comparePlatform', patch }), []);
  const onNoteTarget = useCallback((t: NoteTarget) => {
    dispatch({ type: 'select', target: t });
    setTimeout(() => document.getElementById('note-draft')?.focus(), 0);
  }, []);
  const onAddNote = useCallback((n: ReviewNote) => dispatch({ type: 'addNote', note: n }), []);
  const onRemoveNote = useCallback((id: string) => dispatch({ type: 'removeNote', id }), []);
  const onEditNote = useCallback((id: string, text: string) => dispatch({ type: 'editNote', id, text }), []);
  const onJump = useCallback((t: NoteTarget) => {
    dispatch({ type: 'select', target: t });
    if (t.kind === 'step') {
      const i = ex.fault.steps.findIndex((s) => s.nodeId === t.nodeId);
      if (i >= 0) dispatch({ type: 'step', step: i });
    }
    setTimeout(() => {
      const el = document.querySelector<HTMLElement | SVGElement>(noteTargetSelector(t));
      el?.scrollIntoView?.({ block: 'center' }); // jsdom has none
      el?.focus({ preventScroll: true });
    }, 0);
  }, [ex]);
  const onStepBy = useCallback((delta: number) => dispatch({ type: 'stepBy', delta, count: steps }), [steps]);
  const onPrev = useCallback(() => onStepBy(-1), [onStepBy]);
  const onNext = useCallback(() => onStepBy(1), [onStepBy]);
  const onPlay = useCallback(() => dispatch({ type: 'play', playing: !state.playing }), [state.playing]);

  const otherArch = useCallback(
    (a: Arch) => explainCached({ design: view.scenario.design, platform: { ...view.scenario.platform, arch: a } }, opts, ikey),
    [view.scenario, opts, ikey],
  );
  const diagramProps = (e: Explanation, compact: boolean): DiagramProps => ({
    ex: e,
    highlight: state.highlight,
    onHighlight,
    step: e === ex ? step : -1,
    ...(e === ex ? { onStep } : {}),
    notes: view.notes,
    onNoteTarget,
    selected: state.selected,
    onSelect,
    compact,
    decided: e === ex ? decided : null,
    ...(observed ? { observed } : {}),
    ...(e === ex && !compact ? { otherArch } : {}),
  });
  const ctx: AppContext = { state, dispatch, ex, all, other, decided };
  const resetKey = useMemo(() => scenarioKey(view.scenario, ikey), [view.scenario, ikey]);

  // Built once per compare/design/platform so the memoised scenario bar is not redrawn on every highlight or step.
  const compareSlot = useMemo(
    () => <CompareControl compare={view.compare} design={view.scenario.design} platform={view.scenario.platform} onChange={(cs) => dispatch({ type: 'compare', compare: cs })} />,
    [view.compare, view.scenario.design, view.scenario.platform],
  );
  const inspector = state.selected ? (
    <PartBoundary
      name="the inspector"
      testId="inspector-error"
      onRetry={retryInspector}
      resetKey={JSON.stringify(state.selected)}
      extra={
        <button type="button" onClick={() => dispatch({ type: 'select', target: null })}>
          Close
        </button>
      }
    >
      {lazyInspector(inspectorAttempt, {
        ex,
        all,
        target: state.selected,
        notes: view.notes,
        decided,
        onAddNote,
        onRemoveNote,
        onStep,
        onClose: () => dispatch({ type: 'select', target: null }),
      })}
    </PartBoundary>
  ) : null;
  return (
    <div className={`app ${view.presentation ? 'presentation' : ''}`}>
      <SkipLinks inspector={state.selected !== null} notes={view.notes.length > 0} />
      <header className="app-header">
        <div className="brand">
          <h1>HDM Atlas</h1>
          <p>CXL Type-2 device memory to a KVM guest through VFIO: four designs, derived from a cited model of kernel semantics.</p>
        </div>
        <Stepper step={step} steps={steps} playing={state.playing} onPrev={onPrev} onNext={onNext} onPlay={onPlay} />
        <div className="toolbar">{toolbar?.(ctx)}</div>
      </header>
      {banner}
      <ScenarioBar scenario={view.scenario} onDesign={onDesign} onPlatform={onPlatform} compareSlot={compareSlot} />
      {view.compare?.kind === 'platform' && (
        <section className="scenario-bar compare-bar" aria-label="Compare platform">
          <strong>Other platform:</strong>
          <PlatformControls platform={view.compare.platform} onChange={onComparePlatform} prefix="cmp-" />
        </section>
      )}
      {ex.warnings.length > 0 && (
        <section aria-label="Warnings">
          <ul className="warnings" data-testid="warnings">
            {ex.warnings.map((w) => <li key={w}>{w}</li>)}
          </ul>
        </section>
      )}
      <section className="answer" id="answer" tabIndex={-1} aria-labelledby="answer-h" data-testid="answer">
        <Headline ex={ex} />
        <PartBoundary name="the verdict matrix" testId="matrix-error" resetKey={resetKey}>
          <div onPointerOver={warmSearchWorker} onFocus={warmSearchWorker}>
            <VerdictMatrix all={all} current={matrixDesign} onDesign={onDesign} selected={state.selected} onCell={onCell} notes={view.notes} {...(diffSet ? { diff: diffSet } : {})} />
          </div>
        </PartBoundary>
        {state.applied && (
          <PartBoundary name="the applied changes' notice" testId="applied-notice-error" onRetry={retryWit} resetKey={JSON.stringify(state.applied.items)}>
            {lazyAppliedNotice(witAttempt, { applied: state.applied, ex, onUndo: onUndoApply, onDismiss: onDismissApplied })}
          </PartBoundary>
        )}
        {witVerdict && (
          <PartBoundary name="what would it take" testId="wit-boundary-error" onRetry={retryWit} resetKey={`${witScenario.design}/${witVerdict.id}`}>
            {lazyWhatItTakes(witAttempt, { scenario: witScenario, verdict: witVerdict, opts, ikey, onApply: onApplySet, onClose: onCloseWit })}
          </PartBoundary>
        )}
        <Legend />
      </section>
      {view.notes.length > 0 && <NotesPanel notes={view.notes} ex={ex} all={all} onJump={onJump} onEdit={onEditNote} onRemove={onRemoveNote} />}
      {importPanel?.(ctx)}
      {other && cmp && (
        <Suspense fallback={<section className="compare-summary" aria-busy="true" aria-label="Comparison" />}>
          <CompareSummaryFor a={ex} b={other} cmp={cmp} />
        </Suspense>
      )}
      <Workspace
        ex={ex}
        other={other}
        cmp={cmp}
        names={names ? { a: names.nameA, b: names.nameB } : null}
        props={diagramProps}
        resetKey={resetKey}
        step={step}
        inspector={inspector}
      />
      <footer className="app-footer">
        <p>
          Click any box, step or verdict for its facts and sources. Every box, step and verdict is derived by the model in <code>src/model</code> and cites its kernel source or mail; facts marked
          <span className="unverified-mark">unverified</span> could not be checked. Keys: ←/→ step, space play, Home/End, Esc, <kbd>n</kbd> note on a focused box.
        </p>
      </footer>
    </div>
  );
}
