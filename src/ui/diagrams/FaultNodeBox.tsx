/**
 * One function or decision of the fault graph: its whole label in the lines the layout sized the box for, its step
 * number when the path takes it, and the tone of the entry or error it ends in. Every prop is a primitive, a
 * layout-owned array or a stable callback, so React skips the boxes a scenario change leaves as they were (most of
 * the graph when only the taken path moves). Strings that do not change with the scenario (the tooltip) are built
 * once per box, not on every render.
 */
import { memo, useMemo } from 'react';
import type { FaultNode } from '../../model/explain-types';
import type { NoteTarget } from '../../model/view-state';
import { activateKeys } from './common';
import { GLYPH_W, lineHeight, PAD_X, PAD_Y, STEP_GUTTER } from './faultLayout';
import type { Tone } from './resultText';
import type { Highlight } from './types';

export interface FaultNodeBoxProps {
  id: string;
  kind: FaultNode['kind'];
  label: string;
  /** The label's lines, as laid out (owned by the layout, so the same array while the graph lives). */
  lines: readonly string[];
  file: string;
  verified: boolean;
  x: number;
  y: number;
  w: number;
  h: number;
  font: number;
  /** Index among the taken steps, -1 when not taken. */
  step: number;
  current: boolean;
  seen: boolean;
  lit: boolean;
  selected: boolean;
  /** This step decided the verdict selected in the matrix. */
  decided: boolean;
  /** For the taken entry or error the path ends in: what it means for the guest ('' for every other box). */
  tone: Tone | '';
  notes: number;
  decision: string;
  /** The pfn this step resolved, for the linked highlight. */
  pfn: bigint | undefined;
  onStep: ((i: number) => void) | undefined;
  onSelect: ((t: NoteTarget) => void) | undefined;
  onHighlight: (h: Highlight) => void;
  onNoteTarget: ((t: NoteTarget) => void) | undefined;
}

export const FaultNodeBox = memo(function FaultNodeBox(p: FaultNodeBoxProps) {
  const isTaken = p.step >= 0;
  const cls = ['fnode', p.kind, isTaken ? 'taken' : 'not-taken', p.tone ? `tone-${p.tone}` : '', p.current ? 'current' : '', p.seen ? 'seen' : '', p.lit ? 'lit' : '', p.selected ? 'selected' : '', p.decided ? 'decided' : '', p.verified ? '' : 'unverified']
    .filter(Boolean)
    .join(' ');
  const target = useMemo((): NoteTarget => ({ kind: 'step', nodeId: p.id }), [p.id]);
  const title = useMemo(() => `${p.label}\n${p.file}${p.verified ? '' : '\n(unverified)'}`, [p.label, p.file, p.verified]);
  const activate = () => {
    if (isTaken) p.onStep?.(p.step);
    p.onSelect?.(target);
  };
  const lh = lineHeight(p.font);
  // The label block is centred in the box (a row is as tall as its tallest box).
  const top = p.y + (p.h - p.lines.length * lh) / 2;
  const base = (i: number) => top + i * lh + lh / 2 + p.font * 0.35;
  return (
    <g
      className={cls}
      data-testid={isTaken ? `fault-step-${p.step}` : 'fault-node'}
      data-node={p.id}
      data-step-index={isTaken ? p.step : undefined}
      data-current={p.current ? 'true' : undefined}
      data-seen={p.seen ? 'true' : undefined}
      data-decided={p.decided ? 'true' : undefined}
      role="listitem"
      aria-current={p.current ? 'step' : undefined}
      aria-label={`${isTaken ? `step ${p.step + 1}: ` : 'not taken: '}${p.label}${p.decision ? `; ${p.decision}` : ''}${p.decided ? '; decided the selected verdict' : ''}${p.verified ? '' : ' (unverified)'}`}
      tabIndex={isTaken ? 0 : -1}
      onClick={activate}
      onKeyDown={(e) => activateKeys(e, activate, p.onNoteTarget ? () => p.onNoteTarget!(target) : undefined)}
      onMouseEnter={() => p.onHighlight(p.pfn !== undefined ? { kind: 'range', start: p.pfn << 12n, end: (p.pfn << 12n) + 0xfffn } : { kind: 'step', nodeId: p.id })}
      onMouseLeave={() => p.onHighlight(null)}
    >
      <title>{title}</title>
      {/* Absolute coordinates: a box never moves (the map is fixed per architecture), so no transform node is needed. */}
      <rect x={p.x} y={p.y} width={p.w} height={p.h} rx={p.kind === 'decision' ? 12 : 4} />
      {/* The step number is its own text in a gutter every box keeps: a box entering or leaving the path changes only
          its colours and its number, and its label is not laid out again. */}
      {isTaken && (
        <text x={p.x + STEP_GUTTER - 6} y={base(0)} textAnchor="end" className="fnode-num" aria-hidden="true">
          {`${p.step + 1}.`}
        </text>
      )}
      <text className="fnode-label" aria-hidden="true" data-fit={p.w - STEP_GUTTER - PAD_X - GLYPH_W}>
        {p.lines.map((l, i) => (
          <tspan key={i} x={p.x + STEP_GUTTER} y={base(i)}>
            {l}
          </tspan>
        ))}
      </text>
      {!p.verified && (
        <text x={p.x + p.w - 5} y={p.y + PAD_Y + 6} textAnchor="end" className="unverified-glyph" aria-hidden="true">?</text>
      )}
      {p.notes > 0 && (
        <g className="note-badge" aria-label={`${p.notes} review note${p.notes > 1 ? 's' : ''}`}>
          <circle cx={p.x + p.w} cy={p.y} r={7} />
          <text x={p.x + p.w} y={p.y + 3.5} textAnchor="middle">{p.notes}</text>
        </g>
      )}
    </g>
  );
});
