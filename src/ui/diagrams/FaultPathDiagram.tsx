/**
 * The KVM fault path: every function and decision of the architecture's fault graph, the taken path highlighted
 * against the branches not taken, each decision with the value that decided it, ending at the EPT / stage-2 entry or
 * the error. Drawn from ex.fault (graph + steps + result).
 */
import { memo, useEffect, useId, useMemo, useRef } from 'react';
import { resultText } from './resultText';
import { getSource } from '../../model/sources';
import { sourceLinkNote, sourceUrlOf } from '../../model/source-links';
import { activateKeys, clip, notesFor, sameTarget } from './common';
import { DEFAULT_FAULT_LAYOUT, edgeGeometry, edgeLabelText, LABEL_CHAR_PX, layoutFault, placeEdgeLabels } from './faultLayout';
import type { DiagramProps, Highlight } from './types';
import type { FaultGraph, FaultNode, FaultStep } from '../../model/explain-types';
import { faultGraph } from '../../model/kvm/graph';
import { KeptAlive } from './KeptAlive';
import { useKeptAlive } from '../hooks/useKeptAlive';
import { usePageIdle } from '../hooks/usePageIdle';
import type { NoteTarget, ReviewNote } from '../../model/view-state';

/** One edge. Memoised on primitive props: a scenario change redraws only the edges whose state changed. */
const FaultEdge = memo(function FaultEdge({ d, taken, marker, label, full, lx, ly }: { d: string; taken: boolean; marker: string; label: string; full: string; lx: number; ly: number }) {
  return (
    <g className={`edge ${taken ? 'taken' : ''}`} aria-hidden="true">
      {full && <title>{full}</title>}
      <path d={d} markerEnd={marker} />
      {label && (
        <text x={lx} y={ly} className="edge-label">
          {label}
        </text>
      )}
    </g>
  );
});

/** Width of the step-number gutter of a taken box (room for "25." in the 11.5 px mono label font). */
const STEP_GUTTER = 32;
/** Advance of the 11.5 px monospace label font (0.6 em): what a clipped label may use per character. */
const LABEL_MONO_PX = 6.95;

interface FaultNodeBoxProps {
  id: string;
  kind: FaultNode['kind'];
  label: string;
  file: string;
  verified: boolean;
  x: number;
  y: number;
  w: number;
  h: number;
  /** Index among the taken steps, -1 when not taken. */
  step: number;
  current: boolean;
  seen: boolean;
  lit: boolean;
  selected: boolean;
  notes: number;
  decisionTest: string;
  decisionValue: string;
  sub: string;
  /** The pfn this step resolved, for the linked highlight. */
  pfn: bigint | undefined;
  onStep: ((i: number) => void) | undefined;
  onSelect: ((t: NoteTarget) => void) | undefined;
  onHighlight: (h: Highlight) => void;
  onNoteTarget: ((t: NoteTarget) => void) | undefined;
}

/**
 * One function or decision of the fault graph. Every prop is a primitive or a stable callback, so React skips the
 * boxes a scenario change leaves as they were (most of the graph when only the taken path moves).
 */
const FaultNodeBox = memo(function FaultNodeBox(p: FaultNodeBoxProps) {
  const isTaken = p.step >= 0;
  const target: NoteTarget = { kind: 'step', nodeId: p.id };
  const cls = ['fnode', p.kind, isTaken ? 'taken' : 'not-taken', p.current ? 'current' : '', p.seen ? 'seen' : '', p.lit ? 'lit' : '', p.selected ? 'selected' : '', p.verified ? '' : 'unverified']
    .filter(Boolean)
    .join(' ');
  const activate = () => {
    if (isTaken) p.onStep?.(p.step);
    p.onSelect?.(target);
  };
  const decision = p.decisionTest ? `${p.decisionTest}: ${p.decisionValue}` : '';
  return (
    <g
      className={cls}
      data-testid={isTaken ? `fault-step-${p.step}` : 'fault-node'}
      data-node={p.id}
      data-step-index={isTaken ? p.step : undefined}
      data-current={p.current ? 'true' : undefined}
      data-seen={p.seen ? 'true' : undefined}
      role="listitem"
      aria-current={p.current ? 'step' : undefined}
      aria-label={`${isTaken ? `step ${p.step + 1}: ` : 'not taken: '}${p.label}${decision ? `; ${p.decisionTest} = ${p.decisionValue}` : ''}${p.verified ? '' : ' (unverified)'}`}
      tabIndex={isTaken ? 0 : -1}
      onClick={activate}
      onKeyDown={(e) => activateKeys(e, activate, p.onNoteTarget ? () => p.onNoteTarget!(target) : undefined)}
      onMouseEnter={() => p.onHighlight(p.pfn !== undefined ? { kind: 'range', start: p.pfn << 12n, end: (p.pfn << 12n) + 0xfffn } : { kind: 'step', nodeId: p.id })}
      onMouseLeave={() => p.onHighlight(null)}
    >
      <title>{`${p.label}\n${p.file}${decision ? `\n${decision}` : ''}${p.verified ? '' : '\n(unverified)'}`}</title>
      {/* Absolute coordinates: a box never moves (the map is fixed per architecture), so no transform node is needed. */}
      <rect x={p.x} y={p.y} width={p.w} height={p.h} rx={p.kind === 'decision' ? 12 : 4} />
      {/* The step number is its own text in a gutter: when a design change renumbers the path, only the numbers
          change, and the labels (which change only when a box enters or leaves the path) are not laid out again. */}
      {isTaken && (
        <text x={p.x + STEP_GUTTER - 4} y={p.y + 15} textAnchor="end" className="fnode-num" aria-hidden="true">
          {`${p.step + 1}.`}
        </text>
      )}
      {/* Every box keeps the gutter, taken or not, so the label has one x and one clipped text: a box entering or
          leaving the path changes only its colours and its number, and its label is not laid out again. */}
      <text x={p.x + STEP_GUTTER} y={p.y + 15} className="fnode-label" aria-hidden="true">
        {clip(p.label, p.w - STEP_GUTTER - 8, LABEL_MONO_PX)}
      </text>
      <text x={p.x + 8} y={p.y + p.h - 8} className="fnode-sub" aria-hidden="true">
        {clip(p.sub, p.w - 16, 5.5)}
      </text>
      {!p.verified && (
        <text x={p.x + p.w - 6} y={p.y + 12} textAnchor="end" className="unverified-glyph">?</text>
      )}
      {p.notes > 0 && (
        <g className="note-badge" aria-label={`${p.notes} review note${p.notes > 1 ? 's' : ''}`}>
          <circle cx={p.x + p.w - 8} cy={p.y + p.h - 9} r={6} />
          <text x={p.x + p.w - 8} y={p.y + p.h - 6} textAnchor="middle">{p.notes}</text>
        </g>
      )}
    </g>
  );
});

interface FaultGraphSvgProps {
  graph: FaultGraph;
  steps: readonly FaultStep[];
  compact: boolean;
  /** Prefix of the arrow-head marker ids (unique per diagram and architecture). */
  mid: string;
  step: number;
  highlight: Highlight;
  selected: NoteTarget | null | undefined;
  notes: ReviewNote[] | undefined;
  seen: ReadonlySet<string>;
  onStep: ((i: number) => void) | undefined;
  onSelect: ((t: NoteTarget) => void) | undefined;
  onHighlight: (h: Highlight) => void;
  onNoteTarget: ((t: NoteTarget) => void) | undefined;
}

type EdgeDrawing = { geometry: ReturnType<typeof edgeGeometry>[]; labelText: string[]; labels: ReturnType<typeof placeEdgeLabels> };
const edgeDrawings = new WeakMap<FaultGraph, { full?: EdgeDrawing; compact?: EdgeDrawing }>();

/**
 * Edge labels: clipped to a width, then placed where they hit no box and no other label (the rest stay tooltips).
 * Positions depend on the graph only, so geometry and labels are computed once per graph (from its untaken layout,
 * whose edges come in the same order) and kept while the graph lives: a kernel change that swaps in the graph with
 * older names and back costs nothing here.
 */
function edgeDrawing(graph: FaultGraph, compact: boolean): EdgeDrawing {
  let entry = edgeDrawings.get(graph);
  if (!entry) edgeDrawings.set(graph, (entry = {}));
  const key = compact ? 'compact' : 'full';
  const hit = entry[key];
  if (hit) return hit;
  const base = layoutFault(graph, [], compact ? COMPACT_FAULT_LAYOUT : DEFAULT_FAULT_LAYOUT);
  const geometry = base.edges.map(edgeGeometry);
  const labelText = base.edges.map((e, i) => (compact ? '' : edgeLabelText(e, geometry[i]!)));
  const labels = placeEdgeLabels(base, geometry, labelText.map((t) => t.length * LABEL_CHAR_PX));
  return (entry[key] = { geometry, labelText, labels });
}

/** The graph of one architecture with its taken path. Memoised: a kept-alive graph is not rendered again while hidden. */
const FaultGraphSvg = memo(function FaultGraphSvg(props: FaultGraphSvgProps) {
  const { graph, steps, compact, mid, step, highlight, selected, notes, seen, onStep, onSelect, onHighlight, onNoteTarget } = props;
  const taken = useMemo(() => steps.map((s) => s.nodeId), [steps]);
  const opts = compact ? COMPACT_FAULT_LAYOUT : DEFAULT_FAULT_LAYOUT;
  const layout = useMemo(() => layoutFault(graph, taken, opts), [graph, taken, opts]);
  // Edge labels: clipped to a width, then placed where they hit no box and no other label (the rest stay tooltips).
  // Positions depend on the graph only, so geometry and labels are computed once per graph (from its untaken layout,
  // whose edges come in the same order), not on every scenario change.
  const { geometry, labelText, labels } = edgeDrawing(graph, compact);
  // The function names in each node's label, once per graph (for marking what a pasted trace saw).
  const fnNamesOf = useMemo(() => fnNames(graph), [graph]);
  return (
    <svg
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      width="100%"
      style={{ minWidth: Math.round(layout.width * 0.8) }}
      className="fault-svg"
      role="list"
      aria-label="Fault graph"
    >
      <defs>
        <marker id={`${mid}-a`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" className="arrow-head" />
        </marker>
        <marker id={`${mid}-t`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" className="arrow-head taken" />
        </marker>
      </defs>
      {layout.edges.map((e, i) => {
        const box = labels[i];
        return (
          <FaultEdge
            key={`${e.from.node.id}-${e.to.node.id}`}
            d={geometry[i]!.d}
            taken={e.taken}
            marker={`url(#${mid}-${e.taken ? 't' : 'a'})`}
            label={box ? labelText[i]! : ''}
            full={e.label}
            lx={box?.x ?? 0}
            ly={box?.y ?? 0}
          />
        );
      })}
      {layout.nodes.map((p) => {
        const n = p.node;
        const isTaken = p.step >= 0;
        const stepData = isTaken ? steps[p.step] : undefined;
        const target = { kind: 'step' as const, nodeId: n.id };
        return (
          <FaultNodeBox
            key={n.id}
            id={n.id}
            kind={n.kind}
            label={n.label}
            file={n.file}
            verified={n.verified}
            x={p.x}
            y={p.y}
            w={p.w}
            h={p.h}
            step={p.step}
            current={isTaken && p.step === step}
            seen={(fnNamesOf.get(n.id) ?? []).some((f) => seen.has(f))}
            lit={highlight?.kind === 'step' && highlight.nodeId === n.id}
            selected={sameTarget(selected, target)}
            notes={notesFor(notes, target).length}
            decisionTest={stepData?.decision?.test ?? ''}
            decisionValue={stepData?.decision?.value ?? ''}
            sub={stepData?.decision ? stepData.decision.value : (stepData?.detail ?? n.file)}
            pfn={stepData?.links?.pfn}
            onStep={onStep}
            onSelect={onSelect}
            onHighlight={onHighlight}
            onNoteTarget={onNoteTarget}
          />
        );
      })}
    </svg>
  );
});

const COMPACT_FAULT_LAYOUT = { ...DEFAULT_FAULT_LAYOUT, nodeW: 240, nodeH: 34, rowGap: 14 };
const NO_STEPS: readonly FaultStep[] = [];
const NO_SEEN: ReadonlySet<string> = new Set();
const fnNamesCache = new WeakMap<FaultGraph, Map<string, string[]>>();
function fnNames(graph: FaultGraph): Map<string, string[]> {
  let m = fnNamesCache.get(graph);
  if (!m) fnNamesCache.set(graph, (m = new Map(graph.nodes.map((n) => [n.id, [...n.label.matchAll(/([A-Za-z_][\w]*)\(/g)].map((x) => x[1]!)]))));
  return m;
}

function FaultPathDiagramImpl({ ex, step, onStep, highlight, onHighlight, notes, onNoteTarget, selected, onSelect, observed, compact, otherArch }: DiagramProps) {
  const captionId = useId();
  const mid = `m${captionId.replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const arch = ex.fault.arch;
  const seen = useMemo(() => new Set((observed?.traceFunctions ?? []).map((f) => f.replace(/\(\)$/, ''))), [observed?.traceFunctions]);
  const known = useMemo(() => new Set([...fnNames(ex.fault.graph).values()].flat()), [ex.fault.graph]);
  const unknownSeen = [...seen].filter((f) => !known.has(f));
  const scrollRef = useRef<HTMLDivElement>(null);
  const headRef = useRef<HTMLDivElement>(null);
  const current = step >= 0 ? ex.fault.steps[step] : undefined;
  const isCompact = compact === true;

  // Keep-alive of the other architecture's graph. Switching architecture would otherwise throw ~340 SVG elements
  // away and build and lay out as many again. The graph last shown for each architecture stays in the page with
  // `content-visibility: hidden`, which keeps its style and layout but skips it in rendering, find-in-page and the
  // accessibility tree, and out of focus order. It keeps the props it last had, so React skips it both when it is
  // hidden and while it stays hidden; switching back costs only what differs from that state. Once the page is idle,
  // the other architecture's graph for the same scenario is built in advance, so the first switch is cheap too. A kept graph keeps
  // its test ids and data attributes (stripping them cost a re-render of every box); page queries look inside the
  // live wrapper, `[data-testid="fault-graph"]`.
  const liveProps: FaultGraphSvgProps = {
    graph: ex.fault.graph,
    steps: ex.fault.steps,
    compact: isCompact,
    mid: `${mid}-${arch}`,
    step,
    highlight,
    selected,
    notes,
    seen,
    onStep,
    onSelect,
    onHighlight,
    onNoteTarget,
  };
  const prebuild = usePageIdle();
  const graphs = useKeptAlive(arch, liveProps, (a) => {
    if (!prebuild) return undefined;
    // The same scenario on the other architecture, taken path included, so the first switch relights nothing new;
    // without it (compare mode), the untaken graph.
    const other = otherArch?.(a).fault;
    return { ...liveProps, graph: other?.graph ?? faultGraph(a, ex.platform.kernel), steps: other?.steps ?? NO_STEPS, mid: `${mid}-${a}`, step: -1, highlight: null, seen: NO_SEEN };
  });

  // Keep the current step in view while stepping: in the next frame (its layout is needed for that frame anyway, so
  // the input's own task does not force one), and at once rather than smoothly — a smooth scroll repaints the page
  // for a third of a second after every step, which is where stepping dropped frames.
  useEffect(() => {
    if (!current || !scrollRef.current) return;
    const el = scrollRef.current.querySelector(`.fault-graph:not(.kept) [data-step-index="${step}"]`);
    if (!el || !('scrollIntoView' in el)) return;
    if (typeof requestAnimationFrame !== 'function') {
      el.scrollIntoView({ block: 'nearest' });
      return;
    }
    const raf = requestAnimationFrame(() => {
      el.scrollIntoView({ block: 'nearest', behavior: 'auto' });
      // 'nearest' may leave the step under the sticky head (stepping back up): scroll the window down to it. Layout is
      // already clean after scrollIntoView, so these reads cost no extra layout.
      const head = headRef.current?.getBoundingClientRect();
      const box = el.getBoundingClientRect();
      if (head && box.top < head.bottom + 4) window.scrollBy(0, box.top - head.bottom - 8);
    });
    return () => cancelAnimationFrame(raf);
  }, [step, current]);

  const r = ex.fault.result;
  const summary = `KVM fault path on ${ex.fault.arch}: ${ex.fault.steps.length} steps through ${ex.fault.steps.map((s) => s.label).join(', ')}. Result: ${resultText(r)}.`;

  return (
    <figure className="diagram fault-diagram" aria-labelledby={captionId}>
      {/* The summary names the figure (aria-labelledby reads hidden text). Hidden rather than visually clipped: a
          clipped caption is still laid out, and re-shaping this long line cost ~0.2 ms on every change. */}
      <figcaption id={captionId} hidden>{summary}</figcaption>
      {/* The result and the step being inspected stay at the top of the window while the page scrolls under them
          (stepping to a late step scrolls the window, which used to take the inspector out of view). */}
      <div className="fault-head" ref={headRef}>
        <div className={`fault-result ${r.kind === 'mapped' ? (r.cacheable ? 'good' : 'bad') : 'error'}`} data-testid="fault-result" role="status">
          <strong>{r.kind === 'mapped' ? `${r.table} ${r.level} ${r.memtype}` : r.error}</strong>{' '}
          <span>{r.kind === 'mapped' ? resultText(r).replace(/^[^:]+: /, '') : `${r.seenBy} (in ${r.at})`}</span>
        </div>
        {!compact && current && (
          <div className="step-inspector" data-testid="step-inspector" aria-live="polite">
            <div>
              <span className="step-count">Step {step + 1} of {ex.fault.steps.length}</span> <code>{current.label}</code>{' '}
              {!current.verified && <span className="unverified-mark" title="name or details not verified against source">unverified</span>}
            </div>
            <div className="step-file">{current.file}</div>
            {current.decision && (
              <div className="step-decision">
                <span className="test">{current.decision.test}</span> → <strong>{current.decision.value}</strong>
                {current.decision.taken ? <> ⇒ {current.decision.taken}</> : null}
              </div>
            )}
            {current.detail && <div className="step-detail">{current.detail}</div>}
            <div className="step-sources">
              {current.sources.map((id) => {
                const s = getSource(id);
                const label = `${s.kind === 'upstream' ? `${s.file} ${s.fn} ${s.version}` : s.kind === 'inference' ? 'inference' : s.kind === 'patch' ? s.series : s.author}${s.verified ? '' : ' (unverified)'}`;
                const url = sourceUrlOf(id, s);
                const note = sourceLinkNote(s);
                return url ? (
                  <a key={id} className={`src ${s.verified ? '' : 'unverified'}`} href={url} target="_blank" rel="noreferrer noopener" title={note ?? url}>
                    {label}
                  </a>
                ) : (
                  <span key={id} className={`src ${s.verified ? '' : 'unverified'}`} title={s.kind === 'inference' ? s.statement : undefined}>
                    {label}
                  </span>
                );
              })}
            </div>
          </div>
        )}
      </div>
      {ex.fault.steps.length === 0 && <p className="fault-none">KVM is never reached: {r.kind === 'error' ? r.seenBy : ''}</p>}
      <div className="fault-scroll" ref={scrollRef}>
        <KeptAlive name="fault-graph" arch={arch} drawings={graphs} draw={(p) => <FaultGraphSvg {...p} />} />
      </div>
      {!compact && seen.size > 0 && (
        <div className="trace-overlay" data-testid="trace-overlay">
          <span className="key seen">seen in your trace</span>
          {unknownSeen.length > 0 && (
            <span>
              Functions in your trace the model does not know: <code>{unknownSeen.slice(0, 40).join(', ')}</code>
              {unknownSeen.length > 40 ? ` and ${unknownSeen.length - 40} more` : ''}
            </span>
          )}
        </div>
      )}
    </figure>
  );
}

export const FaultPathDiagram = memo(FaultPathDiagramImpl);
