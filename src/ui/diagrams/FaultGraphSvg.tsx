/**
 * The SVG of one architecture's fault graph with its taken path: edges with their whole labels, then the boxes.
 * Memoised: a kept-alive graph is not rendered again while hidden.
 */
import { memo, useMemo } from 'react';
import type { FaultGraph, FaultStep } from '../../model/explain-types';
import type { NoteTarget, ReviewNote } from '../../model/view-state';
import { notesFor, sameTarget } from './common';
import { placeEdgeLabels, type EdgeLabel } from './edgeLabels';
import { DEFAULT_FAULT_LAYOUT, edgeGeometry, layoutFault, type EdgeGeometry } from './faultLayout';
import { FaultNodeBox } from './FaultNodeBox';
import { fnNames } from './fnNames';
import type { Tone } from './resultText';
import type { Highlight } from './types';

/** One edge. Memoised on primitive props: a scenario change redraws only the edges whose state changed. */
const FaultEdge = memo(function FaultEdge({ d, taken, marker, label, full }: { d: string; taken: boolean; marker: string; label: EdgeLabel | null; full: string }) {
  return (
    <g className={`edge ${taken ? 'taken' : ''}`} aria-hidden="true">
      {full && <title>{full}</title>}
      <path d={d} markerEnd={marker} />
      {label && (
        <text className="edge-label" data-fit={label.w}>
          {label.lines.map((l, i) => (
            <tspan key={i} x={label.x} y={label.y + i * (label.h / label.lines.length)}>
              {l}
            </tspan>
          ))}
        </text>
      )}
    </g>
  );
});

export interface FaultGraphSvgProps {
  graph: FaultGraph;
  steps: readonly FaultStep[];
  /** Prefix of the arrow-head marker ids (unique per diagram and architecture). */
  mid: string;
  step: number;
  /** Index of the step that decided the verdict selected in the matrix, -1 for none. */
  decidedStep: number;
  /** What the entry or error the path ends in means for the guest. */
  tone: Tone;
  highlight: Highlight;
  selected: NoteTarget | null | undefined;
  notes: ReviewNote[] | undefined;
  seen: ReadonlySet<string>;
  onStep: ((i: number) => void) | undefined;
  onSelect: ((t: NoteTarget) => void) | undefined;
  onHighlight: (h: Highlight) => void;
  onNoteTarget: ((t: NoteTarget) => void) | undefined;
}

type EdgeDrawing = { geometry: EdgeGeometry[]; labels: (EdgeLabel | null)[] };
const edgeDrawings = new WeakMap<FaultGraph, EdgeDrawing>();

/**
 * Edge geometry and labels depend on the graph only, so they are computed once per graph (from its untaken layout,
 * whose edges come in the same order) and kept while the graph lives: a kernel change that swaps in the graph with
 * older names and back costs nothing here.
 */
function edgeDrawing(graph: FaultGraph): EdgeDrawing {
  const hit = edgeDrawings.get(graph);
  if (hit) return hit;
  const base = layoutFault(graph, []);
  const geometry = base.edges.map(edgeGeometry);
  const drawing = { geometry, labels: placeEdgeLabels(base, geometry, DEFAULT_FAULT_LAYOUT.edgeFont) };
  edgeDrawings.set(graph, drawing);
  return drawing;
}

export const FaultGraphSvg = memo(function FaultGraphSvg(props: FaultGraphSvgProps) {
  const { graph, steps, mid, step, decidedStep, tone, highlight, selected, notes, seen, onStep, onSelect, onHighlight, onNoteTarget } = props;
  const taken = useMemo(() => steps.map((s) => s.nodeId), [steps]);
  const layout = useMemo(() => layoutFault(graph, taken), [graph, taken]);
  const { geometry, labels } = edgeDrawing(graph);
  const names = fnNames(graph);
  const last = steps.length - 1;
  return (
    <svg
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      width="100%"
      style={{ minWidth: Math.round(layout.width * 0.85), maxWidth: Math.round(layout.width * 1.15) }}
      className="fault-svg"
      role="list"
      aria-label="Fault graph"
      data-natural-width={layout.width}
    >
      <defs>
        <marker id={`${mid}-a`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" className="arrow-head" />
        </marker>
        <marker id={`${mid}-t`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" className="arrow-head taken" />
        </marker>
      </defs>
      {layout.edges.map((e, i) => (
        <FaultEdge key={`${e.from.node.id}-${e.to.node.id}`} d={geometry[i]!.d} taken={e.taken} marker={`url(#${mid}-${e.taken ? 't' : 'a'})`} label={labels[i] ?? null} full={e.label} />
      ))}
      {layout.nodes.map((p) => {
        const n = p.node;
        const isTaken = p.step >= 0;
        const stepData = isTaken ? steps[p.step] : undefined;
        const target = { kind: 'step' as const, nodeId: n.id };
        const ends = isTaken && p.step === last && (n.kind === 'result' || n.kind === 'error');
        return (
          <FaultNodeBox
            key={n.id}
            id={n.id}
            kind={n.kind}
            label={n.label}
            lines={p.lines}
            file={n.file}
            verified={n.verified}
            x={p.x}
            y={p.y}
            w={p.w}
            h={p.h}
            font={DEFAULT_FAULT_LAYOUT.font}
            step={p.step}
            current={isTaken && p.step === step}
            seen={(names.get(n.id) ?? []).some((f) => seen.has(f))}
            lit={highlight?.kind === 'step' && highlight.nodeId === n.id}
            selected={sameTarget(selected, target)}
            decided={isTaken && p.step === decidedStep}
            tone={ends ? (n.kind === 'error' ? 'bad' : tone) : ''}
            notes={notesFor(notes, target).length}
            decision={stepData?.decision ? `${stepData.decision.test} = ${stepData.decision.value}` : ''}
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
