/**
 * HDM Atlas: the scenario bar, the three diagrams (resource tree, VMA, KVM fault path), the verdict matrix of every
 * design, and the inspector. All state lives in one reducer (state.ts); every diagram is derived by explain().
 */
import { useCallback, useEffect, useMemo, useReducer, type ReactNode } from 'react';
import { compareExplanations } from '../model/compare';
import type { Explanation } from '../model/explain-types';
import type { Arch, DesignId, Platform } from '../model/scenario';
import { DESIGNS } from '../model/scenario';
import type { CompareSpec, NoteTarget, ReviewNote, ViewState } from '../model/view-state';
import { explainAllCached, explainCached, scenarioKey } from './derive-cache';
import { DiagramBoundary } from './diagrams/DiagramBoundary';
import { FaultPathDiagram } from './diagrams/FaultPathDiagram';
import { ResourceTreeDiagram } from './diagrams/ResourceTreeDiagram';
import type { DiagramProps, Highlight, Observed } from './diagrams/types';
import { VmaDiagram } from './diagrams/VmaDiagram';
import { useAfterPaint } from './hooks/useAfterPaint';
import { Inspector } from './Inspector';
import { PartBoundary } from './PartBoundary';
import { DESIGN_LABEL } from './labels';
import { PlatformControls, ScenarioBar } from './ScenarioBar';
import { initialState, reducer, type Action, type AppState } from './state';
import { VerdictMatrix } from './VerdictMatrix';
import type { ExplainOptions } from '../model/explain';

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
}

/** Keys the focused element needs for itself: text entry, selects, and space/Enter on buttons and checkboxes. */
function ownsKey(t: EventTarget | null, key: string): boolean {
  if (!(t instanceof HTMLElement)) return false;
  if (t.isContentEditable || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA') return true;
  if (t instanceof HTMLInputElement) return t.type === 'checkbox' ? key === ' ' || key === 'Enter' : true;
  if (t.tagName === 'BUTTON' || t.tagName === 'SUMMARY' || t.tagName === 'A') return key === ' ' || key === 'Enter';
  return false;
}

function CompareControl({ compare, design, platform, onChange }: { compare: CompareSpec | null; design: DesignId; platform: Platform; onChange: (c: CompareSpec | null) => void }) {
  const value = compare === null ? 'off' : compare.kind === 'design' ? `design:${compare.design}` : 'platform';
  return (
    <label className="field">
      <span className="field-label">Compare with</span>
      <select
        data-testid="ctl-compare"
        value={value}
        onChange={(e) => {
          const v = e.target.value;
          if (v === 'off') onChange(null);
          else if (v === 'platform') onChange({ kind: 'platform', platform: { ...platform, arch: platform.arch === 'x86_64' ? 'arm64' : 'x86_64' } });
          else onChange({ kind: 'design', design: v.slice(7) as DesignId });
        }}
      >
        <option value="off">nothing</option>
        {DESIGNS.filter((d) => d !== design).map((d) => (
          <option key={d} value={`design:${d}`}>{DESIGN_LABEL[d]}</option>
        ))}
        <option value="platform">{DESIGN_LABEL[design]} on another platform</option>
      </select>
    </label>
  );
}

/** Drop paths that another listed path extends (a › b is implied by a › b › c). */
function deepest(paths: string[]): string[] {
  return paths.filter((p) => !paths.some((q) => q.startsWith(`${p} › `)));
}

/** The resources (paths of names from the root) that only one of the compared trees has. */
function TreeDiff({ onlyA, onlyB }: { onlyA: string[]; onlyB: string[] }) {
  if (onlyA.length === 0 && onlyB.length === 0) return <p data-testid="tree-diff">Same resource tree.</p>;
  const row = (label: string, paths: string[]) =>
    paths.length > 0 && (
      <p>
        {label}{' '}
        {deepest(paths).map((p, i) => (
          <span key={p}>{i > 0 && '; '}<code>{p}</code></span>
        ))}
      </p>
    );
  return (
    <div data-testid="tree-diff" className="tree-diff">
      {row('Only in the first tree:', onlyA)}
      {row('Only in the second tree:', onlyB)}
    </div>
  );
}

/** No explain options (the built-in scenario): one object, so callbacks that depend on the options stay stable. */
const NO_OPTS: ExplainOptions = {};

function Panel({ id, title, children, wide }: { id: string; title: string; children: ReactNode; wide?: boolean }) {
  return (
    <section className={`panel ${wide ? 'wide' : ''}`} data-testid={id} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{title}</h2>
      {children}
    </section>
  );
}

export function App({ initialView, toolbar, importPanel, explainOptions, observed, onStateChange, onDispatch, banner }: AppProps) {
  const [state, dispatch] = useReducer(reducer, initialView, initialState);
  useEffect(() => onDispatch?.(dispatch), [onDispatch]);
  const { view } = state;
  const opts = explainOptions?.opts ?? NO_OPTS;
  const ikey = explainOptions?.key ?? '';
  // explainCached() memoises by scenario key, so calling it on every render costs a map lookup.
  const ex = explainCached(view.scenario, opts, ikey);
  // The verdict matrix of every design follows one frame later: a control change (or a range picked in an imported
  // dump) redraws the three diagrams of the current design in the frame of the input, and the other four designs'
  // derivations do not hold it up.
  const matrixPlatform = useAfterPaint(view.scenario.platform);
  const matrixOptions = useAfterPaint(explainOptions);
  // The matrix's current-design row follows in the same later frame (re-rendering its ~150 cells for a row highlight
  // is not work the input's own frame should do).
  const matrixDesign = useAfterPaint(view.scenario.design);
  const all = explainAllCached(matrixPlatform, matrixOptions?.opts ?? {}, matrixOptions?.key ?? '');
  const c = view.compare;
  const other = c
    ? c.kind === 'design'
      ? explainCached({ design: c.design, platform: view.scenario.platform }, opts, ikey)
      : explainCached({ design: view.scenario.design, platform: c.platform }, opts, ikey)
    : null;
  const cmp = useMemo(() => (other ? compareExplanations(ex, other) : null), [ex, other]);
  const diffSet = useMemo(() => {
    if (!cmp || !view.compare) return undefined;
    const s = new Set<string>();
    if (view.compare.kind === 'design') {
      for (const d of cmp.verdictDiffs) {
        s.add(`${view.scenario.design}/${d.id}`);
        s.add(`${view.compare.design}/${d.id}`);
      }
    } else for (const d of cmp.verdictDiffs) s.add(`${view.scenario.design}/${d.id}`);
    return s;
  }, [cmp, view.compare, view.scenario.design]);

  useEffect(() => {
    onStateChange?.(state);
  }, [state, onStateChange]);

  const steps = ex.fault.steps.length;
  const presentation = view.presentation;
  // Keyboard: ←/→ step, space play/pause, Home/End, Escape clears the selection.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'Escape' && !(e.target instanceof HTMLTextAreaElement) && !(e.target instanceof HTMLInputElement)) {
        if (presentation) {
          dispatch({ type: 'presentation', on: false });
          if (document.fullscreenElement) document.exitFullscreen?.().catch(() => {});
        } else dispatch({ type: 'select', target: null });
        return;
      }
      if (ownsKey(e.target, e.key)) return;
      if (e.key === 'ArrowRight') dispatch({ type: 'stepBy', delta: 1, count: steps });
      else if (e.key === 'ArrowLeft') dispatch({ type: 'stepBy', delta: -1, count: steps });
      else if (e.key === 'Home') dispatch({ type: 'step', step: steps ? 0 : -1 });
      else if (e.key === 'End') dispatch({ type: 'step', step: steps - 1 });
      else if (e.key === ' ') dispatch({ type: 'play', playing: !state.playing });
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [steps, state.playing, presentation]);

  // Playback: advance one step per tick until the end.
  useEffect(() => {
    if (!state.playing) return;
    if (view.step >= steps - 1) {
      if (view.step < 0 && steps > 0) dispatch({ type: 'step', step: 0 });
      else dispatch({ type: 'play', playing: false });
      return;
    }
    const t = setTimeout(() => dispatch({ type: 'stepBy', delta: 1, count: steps }), 650);
    return () => clearTimeout(t);
  }, [state.playing, view.step, steps]);

  const onHighlight = useCallback((h: Highlight) => dispatch({ type: 'highlight', highlight: h }), []);
  const onStep = useCallback((i: number) => dispatch({ type: 'step', step: i }), []);
  const onSelect = useCallback((t: NoteTarget) => dispatch({ type: 'select', target: t }), []);
  const onDesign = useCallback((d: DesignId) => dispatch({ type: 'design', design: d }), []);
  const onPlatform = useCallback((patch: Partial<Platform>) => dispatch({ type: 'platform', patch }), []);
  const onComparePlatform = useCallback((patch: Partial<Platform>) => dispatch({ type: 'comparePlatform', patch }), []);
  const onNoteTarget = useCallback((t: NoteTarget) => {
    dispatch({ type: 'select', target: t });
    setTimeout(() => document.getElementById('note-draft')?.focus(), 0);
  }, []);
  const onAddNote = useCallback((n: ReviewNote) => dispatch({ type: 'addNote', note: n }), []);
  const onRemoveNote = useCallback((id: string) => dispatch({ type: 'removeNote', id }), []);

  const otherArch = useCallback(
    (a: Arch) => explainCached({ design: view.scenario.design, platform: { ...view.scenario.platform, arch: a } }, opts, ikey),
    [view.scenario, opts, ikey],
  );
  const common = (e: Explanation, compact = false): DiagramProps => ({
    ex: e,
    highlight: state.highlight,
    onHighlight,
    step: e === ex ? view.step : -1,
    onStep: e === ex ? onStep : undefined,
    notes: view.notes,
    onNoteTarget,
    selected: state.selected,
    onSelect,
    compact,
    ...(observed ? { observed } : {}),
    ...(e === ex && !compact ? { otherArch } : {}),
  });
  const resetKey = scenarioKey(view.scenario, ikey);
  const ctx: AppContext = { state, dispatch, ex, all, other };

  const treePanel = (e: Explanation, compact: boolean, label: string) => (
    <Panel id={compact && e !== ex ? 'diagram-resource-b' : 'diagram-resource'} title={`Resource tree (/proc/iomem)${label}`}>
      <DiagramBoundary name="resource tree" resetKey={resetKey}>
        <ResourceTreeDiagram {...common(e, compact)} />
      </DiagramBoundary>
    </Panel>
  );
  const vmaPanel = (e: Explanation, compact: boolean, label: string) => (
    <Panel id={compact && e !== ex ? 'diagram-vma-b' : 'diagram-vma'} title={`VMA${label}`}>
      <DiagramBoundary name="VMA" resetKey={resetKey}>
        <VmaDiagram {...common(e, compact)} />
      </DiagramBoundary>
    </Panel>
  );
  const faultPanel = (e: Explanation, compact: boolean, label: string) => (
    <Panel id={compact && e !== ex ? 'diagram-fault-b' : 'diagram-fault'} title={`KVM fault path (${e.fault.arch === 'arm64' ? 'arm64, stage-2' : e.platform.vendor === 'amd' ? 'x86-64, AMD NPT' : 'x86-64, Intel EPT'})${label}`} wide>
      <DiagramBoundary name="fault path" resetKey={resetKey}>
        <FaultPathDiagram {...common(e, compact)} />
      </DiagramBoundary>
    </Panel>
  );

  // Built once per compare/design/platform so the memoised scenario bar is not redrawn on every highlight or step.
  const compareSlot = useMemo(
    () => <CompareControl compare={view.compare} design={view.scenario.design} platform={view.scenario.platform} onChange={(c) => dispatch({ type: 'compare', compare: c })} />,
    [view.compare, view.scenario.design, view.scenario.platform],
  );
  const otherLabel = view.compare?.kind === 'design' ? ` — ${DESIGN_LABEL[view.compare.design]}` : ' — other platform';
  return (
    <div className={`app ${view.presentation ? 'presentation' : ''}`}>
      <header className="app-header">
        <div className="brand">
          <h1>HDM Atlas</h1>
          <p>How four designs for CXL Type-2 device memory reach a KVM guest through VFIO — derived from a cited model of kernel semantics.</p>
        </div>
        <div className="toolbar">
          <div className="stepper" role="group" aria-label="Fault path stepping">
            <button type="button" data-testid="step-prev" onClick={() => dispatch({ type: 'stepBy', delta: -1, count: steps })} aria-label="Previous step (←)">◀</button>
            <button type="button" data-testid="step-play" onClick={() => dispatch({ type: 'play', playing: !state.playing })} aria-pressed={state.playing} aria-label={state.playing ? 'Pause (space)' : 'Play the fault path (space)'}>
              {state.playing ? '❚❚' : '▶'}
            </button>
            <button type="button" data-testid="step-next" onClick={() => dispatch({ type: 'stepBy', delta: 1, count: steps })} aria-label="Next step (→)">▶▶</button>
            <span className="step-status" data-testid="step-status">{view.step >= 0 ? `step ${view.step + 1}/${steps}` : `${steps} steps`}</span>
          </div>
          {toolbar?.(ctx)}
        </div>
      </header>
      {banner}
      <ScenarioBar
        scenario={view.scenario}
        onDesign={onDesign}
        onPlatform={onPlatform}
        compareSlot={compareSlot}
      />
      {view.compare?.kind === 'platform' && (
        <section className="scenario-bar compare-bar" aria-label="Compare platform">
          <strong>Other platform:</strong>
          <PlatformControls platform={view.compare.platform} onChange={onComparePlatform} prefix="cmp-" />
        </section>
      )}
      {ex.warnings.length > 0 && (
        <ul className="warnings" aria-label="Warnings" data-testid="warnings">
          {ex.warnings.map((w) => <li key={w}>{w}</li>)}
        </ul>
      )}
      {importPanel?.(ctx)}
      {cmp && other && (
        <section className="compare-summary" data-testid="compare-summary" aria-label="Comparison">
          <h2>Compare: {DESIGN_LABEL[ex.design]} vs {view.compare?.kind === 'design' ? DESIGN_LABEL[other.design] : `${DESIGN_LABEL[other.design]} on ${other.platform.arch}, ${other.platform.firmware}, v${other.platform.kernel}`}</h2>
          <p data-testid="first-divergence">
            {cmp.firstDivergence
              ? cmp.firstDivergence.index === 0 && !cmp.firstDivergence.a && !cmp.firstDivergence.b
                ? `Fault paths: ${cmp.firstDivergence.why}.`
                : `Fault paths diverge at step ${cmp.firstDivergence.index + 1}: ${cmp.firstDivergence.why}.`
              : 'Same fault path and entry.'}
          </p>
          {cmp.verdictDiffs.length > 0 ? (
            <ul data-testid="verdict-diffs">
              {cmp.verdictDiffs.map((d) => (
                <li key={d.id}><strong>{d.id}</strong>: {d.a} → {d.b}</li>
              ))}
            </ul>
          ) : (
            <p>No verdict differs.</p>
          )}
          <TreeDiff onlyA={cmp.treeDiff.onlyA} onlyB={cmp.treeDiff.onlyB} />
        </section>
      )}
      <main className={`workspace ${other ? 'comparing' : ''}`}>
        <div className="diagrams">
          {other ? (
            <div className="compare-grid">
              <div className="compare-col" aria-label="First">
                {treePanel(ex, true, ` — ${DESIGN_LABEL[ex.design]}`)}
                {vmaPanel(ex, true, ` — ${DESIGN_LABEL[ex.design]}`)}
                {faultPanel(ex, true, ` — ${DESIGN_LABEL[ex.design]}`)}
              </div>
              <div className="compare-col" aria-label="Second">
                {treePanel(other, true, otherLabel)}
                {vmaPanel(other, true, otherLabel)}
                {faultPanel(other, true, otherLabel)}
              </div>
            </div>
          ) : (
            <div className="grid">
              <div className="left-col">
                {treePanel(ex, false, '')}
                {vmaPanel(ex, false, '')}
              </div>
              <div className="right-col">{faultPanel(ex, false, '')}</div>
            </div>
          )}
        </div>
        {state.selected && <PartBoundary name="the inspector" testId="inspector-error" resetKey={JSON.stringify(state.selected)} extra={<button type="button" onClick={() => dispatch({ type: 'select', target: null })}>Close</button>}><Inspector
          ex={ex}
          all={all}
          target={state.selected}
          notes={view.notes}
          onAddNote={onAddNote}
          onRemoveNote={onRemoveNote}
          onClose={() => dispatch({ type: 'select', target: null })}
        /></PartBoundary>}
      </main>
      <section className="panel matrix-panel" aria-label="Verdict matrix">
        <PartBoundary name="the verdict matrix" testId="matrix-error" resetKey={resetKey}>
          <VerdictMatrix all={all} current={matrixDesign} onDesign={onDesign} selected={state.selected} onSelect={onSelect} notes={view.notes} {...(diffSet ? { diff: diffSet } : {})} />
        </PartBoundary>
      </section>
      <footer className="app-footer">
        <p>
          Click any box, step or verdict for its facts and sources. Every box, step and verdict is derived by the model in <code>src/model</code> and cites its kernel source or mail; facts marked
          <span className="unverified-mark">unverified</span> could not be checked. Keys: ←/→ step, space play, Home/End, Esc, <kbd>n</kbd> note on a focused box.
        </p>
      </footer>
    </div>
  );
}
