/**
 * The KVM fault path: every function and decision of the architecture's fault graph, the taken path highlighted
 * against the branches not taken, each decision with the value that decided it, ending at the EPT / stage-2 entry or
 * the error. Drawn from ex.fault (graph + steps + result).
 */
import { memo, useEffect, useId, useMemo, useRef } from 'react';
import { resultText } from './resultText';
import { getSource } from '../../model/sources';
import { sourceLinkNote, sourceUrl } from '../../model/source-links';
import { activateKeys, clip, notesFor, sameTarget } from './common';
import { DEFAULT_FAULT_LAYOUT, edgeGeometry, edgeLabelText, LABEL_CHAR_PX, layoutFault, placeEdgeLabels } from './faultLayout';
import type { DiagramProps, Highlight } from './types';
import type { FaultNode } from '../../model/explain-types';
import type { NoteTarget } from '../../model/view-state';

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
      {/* Drawn at the origin and moved as a whole: a box that only moves costs one attribute, and no text relayout. */}
      <g transform={`translate(${p.x},${p.y})`}>
        <rect width={p.w} height={p.h} rx={p.kind === 'decision' ? 12 : 4} />
        <text x={8} y={15} className="fnode-label" aria-hidden="true">
          {isTaken ? `${p.step + 1}. ` : ''}
          {clip(p.label, p.w - (isTaken ? 34 : 16), 6.4)}
        </text>
        <text x={8} y={p.h - 8} className="fnode-sub" aria-hidden="true">
          {clip(p.sub, p.w - 16, 5.5)}
        </text>
        {!p.verified && (
          <text x={p.w - 6} y={12} textAnchor="end" className="unverified-glyph">?</text>
        )}
        {p.notes > 0 && (
          <g className="note-badge" aria-label={`${p.notes} review note${p.notes > 1 ? 's' : ''}`}>
            <circle cx={p.w - 8} cy={p.h - 9} r={6} />
            <text x={p.w - 8} y={p.h - 6} textAnchor="middle">{p.notes}</text>
          </g>
        )}
      </g>
    </g>
  );
});

function FaultPathDiagramImpl({ ex, step, onStep, highlight, onHighlight, notes, onNoteTarget, selected, onSelect, observed, compact }: DiagramProps) {
  const captionId = useId();
  const mid = `m${captionId.replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const taken = useMemo(() => ex.fault.steps.map((s) => s.nodeId), [ex.fault.steps]);
  const opts = compact ? { ...DEFAULT_FAULT_LAYOUT, nodeW: 240, nodeH: 34, rowGap: 14 } : DEFAULT_FAULT_LAYOUT;
  const layout = useMemo(() => layoutFault(ex.fault.graph, taken, opts), [ex.fault.graph, taken, opts.nodeW, opts.nodeH, opts.rowGap]); // eslint-disable-line react-hooks/exhaustive-deps
  // Edge labels: clipped to a width, then placed where they hit no box and no other label (the rest stay tooltips).
  const { geometry, labelText, labels } = useMemo(() => {
    const geometry = layout.edges.map(edgeGeometry);
    const labelText = layout.edges.map((e, i) => (compact ? '' : edgeLabelText(e, geometry[i]!)));
    const labels = placeEdgeLabels(layout, geometry, labelText.map((t) => t.length * LABEL_CHAR_PX));
    return { geometry, labelText, labels };
  }, [layout, compact]);
  const seen = useMemo(() => new Set((observed?.traceFunctions ?? []).map((f) => f.replace(/\(\)$/, ''))), [observed?.traceFunctions]);
  // The function names in each node's label, once per graph (for marking what a pasted trace saw).
  const fnNamesOf = useMemo(() => new Map(ex.fault.graph.nodes.map((n) => [n.id, [...n.label.matchAll(/([A-Za-z_][\w]*)\(/g)].map((m) => m[1]!)])), [ex.fault.graph]);
  const known = useMemo(() => new Set([...fnNamesOf.values()].flat()), [fnNamesOf]);
  const unknownSeen = [...seen].filter((f) => !known.has(f));
  const svgRef = useRef<SVGSVGElement>(null);
  const current = step >= 0 ? ex.fault.steps[step] : undefined;

  // Keep the current step in view while stepping: in the next frame (its layout is needed for that frame anyway, so
  // the input's own task does not force one), and at once rather than smoothly — a smooth scroll repaints the page
  // for a third of a second after every step, which is where stepping dropped frames.
  useEffect(() => {
    if (!current || !svgRef.current) return;
    const el = svgRef.current.querySelector(`[data-step-index="${step}"]`);
    if (!el || !('scrollIntoView' in el)) return;
    if (typeof requestAnimationFrame !== 'function') {
      el.scrollIntoView({ block: 'nearest' });
      return;
    }
    const raf = requestAnimationFrame(() => el.scrollIntoView({ block: 'nearest', behavior: 'auto' }));
    return () => cancelAnimationFrame(raf);
  }, [step, current]);

  const r = ex.fault.result;
  const summary = `KVM fault path on ${ex.fault.arch}: ${ex.fault.steps.length} steps through ${ex.fault.steps.map((s) => s.function).join(', ')}. Result: ${resultText(r)}.`;

  return (
    <figure className="diagram fault-diagram" aria-labelledby={captionId}>
      <figcaption id={captionId} className="sr-only">{summary}</figcaption>
      <div className={`fault-result ${r.kind === 'mapped' ? (r.cacheable ? 'good' : 'bad') : 'error'}`} data-testid="fault-result" role="status">
        <strong>{r.kind === 'mapped' ? `${r.table} ${r.level} ${r.memtype}` : r.error}</strong>{' '}
        <span>{r.kind === 'mapped' ? resultText(r).replace(/^[^:]+: /, '') : `${r.seenBy} (in ${r.at})`}</span>
      </div>
      {!compact && current && (
        <div className="step-inspector" data-testid="step-inspector" aria-live="polite">
          <div>
            <span className="step-count">Step {step + 1} of {ex.fault.steps.length}</span> <code>{current.function}</code>{' '}
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
              const url = sourceUrl(s);
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
      {ex.fault.steps.length === 0 && <p className="fault-none">KVM is never reached: {r.kind === 'error' ? r.seenBy : ''}</p>}
      <div className="fault-scroll">
        <svg ref={svgRef} viewBox={`0 0 ${layout.width} ${layout.height}`} width="100%" style={{ minWidth: Math.round(layout.width * 0.8) }} className="fault-svg" role="list" aria-label="Fault graph">
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
            const stepData = isTaken ? ex.fault.steps[p.step] : undefined;
            const target = { kind: 'step' as const, nodeId: n.id };
            const pfn = stepData?.links?.pfn;
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
                pfn={pfn}
                onStep={onStep}
                onSelect={onSelect}
                onHighlight={onHighlight}
                onNoteTarget={onNoteTarget}
              />
            );
          })}
        </svg>
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
