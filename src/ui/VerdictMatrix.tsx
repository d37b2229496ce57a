/**
 * Every design under the current platform, one row each, one column per verdict. Click a design to show it; click a
 * cell to open the verdict's detail and sources in the inspector.
 */
import { memo } from 'react';
import type { Explanation, Verdict } from '../model/explain-types';
import type { DesignId } from '../model/scenario';
import { DESIGNS } from '../model/scenario';
import type { NoteTarget, ReviewNote } from '../model/view-state';
import { notesFor, sameTarget } from './diagrams/common';
import { DESIGN_LABEL, VERDICT_SHORT } from './labels';

const ICON: Record<Verdict['status'], string> = { good: '✓', bad: '✗', partial: '~', 'n/a': '–' };

export interface VerdictMatrixProps {
  all: Record<DesignId, Explanation>;
  current: DesignId;
  onDesign: (d: DesignId) => void;
  selected: NoteTarget | null;
  onSelect: (t: NoteTarget) => void;
  notes: ReviewNote[];
  /** Verdicts that differ in compare mode, per design: marked. */
  diff?: Set<string>;
}

function VerdictMatrixImpl({ all, current, onDesign, selected, onSelect, notes, diff }: VerdictMatrixProps) {
  const ids = all[DESIGNS[0]].verdicts.map((v) => v.id);
  return (
    <table className="verdict-matrix" data-testid="verdict-matrix">
      <caption>Verdicts of every design on this platform</caption>
      <thead>
        <tr>
          <th scope="col">Design</th>
          {ids.map((id) => (
            <th key={id} scope="col">{VERDICT_SHORT[id]}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {DESIGNS.map((d) => (
          <tr key={d} className={d === current ? 'current' : ''} aria-current={d === current ? 'true' : undefined}>
            <th scope="row">
              <button type="button" className="row-design" data-testid={`matrix-design-${d}`} onClick={() => onDesign(d)} aria-pressed={d === current}>
                {DESIGN_LABEL[d]}
              </button>
            </th>
            {all[d].verdicts.map((v) => {
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
                    aria-label={`${DESIGN_LABEL[d]}, ${v.label}: ${v.status}, ${v.short}${v.verified ? '' : ' (unverified)'}`}
                    onClick={() => onSelect(target)}
                  >
                    <span className="icon" aria-hidden="true">{ICON[v.status]}</span> {v.short}
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
  );
}

export const VerdictMatrix = memo(VerdictMatrixImpl);
