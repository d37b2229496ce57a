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
import { DEFAULT_FAULT_LAYOUT, layoutFault } from './faultLayout';
import type { DiagramProps } from './types';


function FaultPathDiagramImpl({ ex, step, onStep, highlight, onHighlight, notes, onNoteTarget, selected, onSelect, observed, compact }: DiagramProps) {
  const captionId = useId();
  const mid = `m${captionId.replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const taken = useMemo(() => ex.fault.steps.map((s) => s.nodeId), [ex.fault.steps]);
  const opts = compact ? { ...DEFAULT_FAULT_LAYOUT, nodeW: 240, nodeH: 34, rowGap: 14 } : DEFAULT_FAULT_LAYOUT;
  const layout = useMemo(() => layoutFault(ex.fault.graph, taken, opts), [ex.fault.graph, taken, opts.nodeW, opts.nodeH, opts.rowGap]); // eslint-disable-line react-hooks/exhaustive-deps
  const seen = useMemo(() => new Set((observed?.traceFunctions ?? []).map((f) => f.replace(/\(\)$/, ''))), [observed?.traceFunctions]);
  const known = useMemo(() => {
    const names = new Set<string>();
    for (const n of ex.fault.graph.nodes) for (const m of n.label.matchAll(/([A-Za-z_][\w]*)\(/g)) names.add(m[1]!);
    return names;
  }, [ex.fault.graph]);
  const unknownSeen = [...seen].filter((f) => !known.has(f));
  const svgRef = useRef<SVGSVGElement>(null);
  const current = step >= 0 ? ex.fault.steps[step] : undefined;

  // Keep the current step in view while stepping.
  useEffect(() => {
    if (!current || !svgRef.current) return;
    const el = svgRef.current.querySelector(`[data-step-index="${step}"]`);
    if (el && 'scrollIntoView' in el) (el as Element).scrollIntoView({ block: 'nearest', behavior: matchMedia?.('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
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
          {layout.edges.map((e) => {
            const x1 = e.from.x + (e.to.col > e.from.col ? e.from.w : e.to.col < e.from.col ? 0 : e.from.w / 2);
            const y1 = e.to.col === e.from.col ? e.from.y + e.from.h : e.from.y + e.from.h / 2;
            const x2 = e.to.x + (e.to.col === e.from.col ? e.to.w / 2 : e.to.col > e.from.col ? 0 : e.to.w);
            const y2 = e.to.col === e.from.col ? e.to.y : e.to.y + e.to.h / 2;
            const sameCol = e.to.col === e.from.col;
            const skip = sameCol && e.to.layer - e.from.layer > 1;
            const d = skip
              ? `M${e.from.x + e.from.w},${e.from.y + e.from.h / 2} C${e.from.x + e.from.w + 40},${e.from.y + e.from.h / 2} ${e.to.x + e.to.w + 40},${e.to.y + e.to.h / 2} ${e.to.x + e.to.w},${e.to.y + e.to.h / 2}`
              : `M${x1},${y1} C${x1},${(y1 + y2) / 2} ${x2},${(y1 + y2) / 2} ${x2},${y2}`;
            const lx = skip ? e.from.x + e.from.w + 8 : (x1 + x2) / 2 + 4;
            const ly = skip ? (e.from.y + e.to.y) / 2 + e.from.h / 2 : (y1 + y2) / 2 + 3;
            return (
              <g key={`${e.from.node.id}-${e.to.node.id}`} className={`edge ${e.taken ? 'taken' : ''}`} aria-hidden="true">
                <path d={d} markerEnd={`url(#${mid}-${e.taken ? 't' : 'a'})`} />
                {e.label && !compact && (
                  <text x={lx} y={ly} className="edge-label">
                    {clip(e.label, sameCol && !skip ? 150 : 120, 5.4)}
                  </text>
                )}
              </g>
            );
          })}
          {layout.nodes.map((p) => {
            const n = p.node;
            const isTaken = p.step >= 0;
            const isCurrent = p.step === step && step >= 0;
            const target = { kind: 'step' as const, nodeId: n.id };
            const stepData = isTaken ? ex.fault.steps[p.step] : undefined;
            const fnNames = [...n.label.matchAll(/([A-Za-z_][\w]*)\(/g)].map((m) => m[1]!);
            const wasSeen = fnNames.some((f) => seen.has(f));
            const nNotes = notesFor(notes, target).length;
            const lit = highlight?.kind === 'step' && highlight.nodeId === n.id;
            const cls = ['fnode', n.kind, isTaken ? 'taken' : 'not-taken', isCurrent ? 'current' : '', wasSeen ? 'seen' : '', lit ? 'lit' : '', sameTarget(selected, target) ? 'selected' : '', n.verified ? '' : 'unverified']
              .filter(Boolean)
              .join(' ');
            const sub = stepData?.decision ? `${stepData.decision.value}` : stepData?.detail ?? n.file;
            return (
              <g
                key={n.id}
                className={cls}
                data-testid={isTaken ? `fault-step-${p.step}` : 'fault-node'}
                data-node={n.id}
                data-step-index={isTaken ? p.step : undefined}
                data-current={isCurrent ? 'true' : undefined}
                data-seen={wasSeen ? 'true' : undefined}
                role="listitem"
                aria-current={isCurrent ? 'step' : undefined}
                aria-label={`${isTaken ? `step ${p.step + 1}: ` : 'not taken: '}${n.label}${stepData?.decision ? `; ${stepData.decision.test} = ${stepData.decision.value}` : ''}${n.verified ? '' : ' (unverified)'}`}
                tabIndex={isTaken ? 0 : -1}
                onClick={() => {
                  if (isTaken) onStep?.(p.step);
                  onSelect?.(target);
                }}
                onKeyDown={(e) => activateKeys(e, () => { if (isTaken) onStep?.(p.step); onSelect?.(target); }, onNoteTarget ? () => onNoteTarget(target) : undefined)}
                onMouseEnter={() => onHighlight(stepData?.links?.pfn !== undefined ? { kind: 'range', start: stepData.links.pfn << 12n, end: (stepData.links.pfn << 12n) + 0xfffn } : { kind: 'step', nodeId: n.id })}
                onMouseLeave={() => onHighlight(null)}
              >
                <title>{`${n.label}\n${n.file}${stepData?.decision ? `\n${stepData.decision.test}: ${stepData.decision.value}` : ''}${n.verified ? '' : '\n(unverified)'}`}</title>
                <rect x={p.x} y={p.y} width={p.w} height={p.h} rx={n.kind === 'decision' ? 12 : 4} />
                <text x={p.x + 8} y={p.y + 15} className="fnode-label" aria-hidden="true">
                  {isTaken ? `${p.step + 1}. ` : ''}
                  {clip(n.label, p.w - (isTaken ? 34 : 16), 6.4)}
                </text>
                <text x={p.x + 8} y={p.y + p.h - 8} className="fnode-sub" aria-hidden="true">
                  {clip(sub, p.w - 16, 5.5)}
                </text>
                {!n.verified && (
                  <text x={p.x + p.w - 6} y={p.y + 12} textAnchor="end" className="unverified-glyph">?</text>
                )}
                {nNotes > 0 && (
                  <g className="note-badge" aria-label={`${nNotes} review note${nNotes > 1 ? 's' : ''}`}>
                    <circle cx={p.x + p.w - 8} cy={p.y + p.h - 9} r={6} />
                    <text x={p.x + p.w - 8} y={p.y + p.h - 6} textAnchor="middle">{nNotes}</text>
                  </g>
                )}
              </g>
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
