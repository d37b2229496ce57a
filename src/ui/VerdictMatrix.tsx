/**
 * Every design under the current platform, one row each, one column per verdict: the answer people came for. Click a
 * design's name to show it; click a cell to show that design with the verdict's detail and sources in the inspector
 * and, in the diagrams, what decided it; a cell that is not good also opens "what would it take" under the matrix.
 * Columns come from the verdicts themselves, so a new verdict is a new column.
 * When the columns are wider than the page the table scrolls, and says so.
 */
import { memo, useRef } from 'react';
import type { Explanation } from '../model/explain-types';
import type { DesignId } from '../model/scenario';
import { DESIGNS } from '../model/scenario';
import type { NoteTarget, ReviewNote } from '../model/view-state';
import { notesFor, sameTarget } from './diagrams/common';
import { useOverflow } from './hooks/useOverflow';
import { DESIGN_LABEL } from './labels';
import { keepWhole } from './keepWhole';
import { NoBreakErrnos } from './NoBreakErrnos';
import { STATUS_ICON, verdictColumns } from './verdictColumns';

export interface VerdictMatrixProps {
  all: Record<DesignId, Explanation>;
  current: DesignId;
  onDesign: (d: DesignId) => void;
  selected: NoteTarget | null;
  /** A cell was clicked: show that design and that verdict. */
  onCell: (design: DesignId, verdict: string) => void;
  notes: ReviewNote[];
  /** Verdicts that differ in compare mode, per design: marked. */
  diff?: Set<string>;
}

/** A hyphenated word: a design's name may wrap between its words on a narrow page, never at a hyphen ("VFIO-owned"). */
const HYPHENATED = /(\S*-\S*)/;

function VerdictMatrixImpl({ all, current, onDesign, selected, onCell, notes, diff }: VerdictMatrixProps) {
  const cols = verdictColumns(all);
  const scroller = useRef<HTMLDivElement>(null);
  const { overflowing, atEnd } = useOverflow(scroller);
  return (
    <div className={`matrix-wrap ${overflowing && !atEnd ? 'more' : ''}`}>
      <div className="matrix-scroll" ref={scroller}>
        <table className="verdict-matrix" data-testid="verdict-matrix">
          <caption>Verdicts of every design on this platform</caption>
          <thead>
            <tr>
              <th scope="col">Design</th>
              {cols.map((c) => (
                <th key={c.id} scope="col">{c.label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {DESIGNS.map((d) => (
              <tr key={d} className={d === current ? 'current' : ''} aria-current={d === current ? 'true' : undefined}>
                <th scope="row">
                  <button type="button" className="row-design" data-testid={`matrix-design-${d}`} onClick={() => onDesign(d)} aria-pressed={d === current}>
                    {keepWhole(DESIGN_LABEL[d], HYPHENATED)}
                  </button>
                </th>
                {cols.map((c) => {
                  const v = all[d].verdicts.find((x) => x.id === c.id);
                  if (!v) return <td key={c.id} className="cell absent">—</td>;
                  const target = { kind: 'verdict' as const, design: d, verdict: v.id };
                  const n = notesFor(notes, target).length;
                  const differs = diff?.has(`${d}/${v.id}`);
                  return (
                    <td key={v.id} className={`cell ${v.status.replace('/', '')} ${sameTarget(selected, target) ? 'selected' : ''} ${differs ? 'differs' : ''}`}>
                      <button
                        type="button"
                        data-testid={`verdict-${d}-${v.id}`}
                        data-status={v.status}
                        data-differs={differs ? 'true' : undefined}
                        aria-pressed={sameTarget(selected, target)}
                        aria-label={`${DESIGN_LABEL[d]}, ${v.label}: ${v.status}, ${v.short}${v.verified ? '' : ' (unverified)'}${n ? `, ${n} review note${n > 1 ? 's' : ''}` : ''}${v.status === 'good' ? '' : '; opens what would it take'}`}
                        onClick={() => onCell(d, v.id)}
                      >
                        <span className="icon" aria-hidden="true">{STATUS_ICON[v.status]}</span> <NoBreakErrnos text={v.short} />
                        {!v.verified && <span className="unverified-mark" aria-hidden="true">?</span>}
                        {n > 0 && <span className="note-count" aria-hidden="true">✎{n}</span>}
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {overflowing && (
        <p className="scroll-hint" data-testid="matrix-scroll-hint" aria-hidden="true">
          {atEnd ? '← more verdicts to the left' : 'more verdicts to the right: scroll →'}
        </p>
      )}
    </div>
  );
}

export const VerdictMatrix = memo(VerdictMatrixImpl);
