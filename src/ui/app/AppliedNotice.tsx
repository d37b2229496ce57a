/**
 * After a set from "what would it take" was applied: what changed, what the verdict is now, and the way back. Compare
 * mode is on against the scenario as it was, so every diagram shows the difference; Undo restores it.
 */
import './whatItTakes.css';
import { memo, useEffect, useRef } from 'react';
import type { Explanation } from '../../model/explain-types';
import { DESIGN_LABEL } from '../labels';
import type { Applied } from '../state';
import { STATUS_ICON } from '../verdictColumns';

export interface AppliedNoticeProps {
  applied: Applied;
  ex: Explanation;
  onUndo: () => void;
  onDismiss: () => void;
}

export const AppliedNotice = memo(function AppliedNotice({ applied, ex, onUndo, onDismiss }: AppliedNoticeProps) {
  const box = useRef<HTMLDivElement>(null);
  // The Apply button that made it is gone: take the focus it had (not from a control the user went on to).
  useEffect(() => {
    const a = document.activeElement;
    if (!a || a === document.body || a.closest('.what-it-takes')) box.current?.focus();
  }, [applied]);
  const v = ex.design === applied.design ? ex.verdicts.find((x) => x.id === applied.verdict) : undefined;
  return (
    <div className="applied-notice" ref={box} tabIndex={-1} role="status" data-testid="applied-notice" aria-labelledby="applied-h">
      <p id="applied-h">
        <strong>Applied to {DESIGN_LABEL[applied.design]}:</strong>{' '}
        {applied.items.map((i, n) => (
          <span key={i.id}>
            {n > 0 && '; '}
            {i.label} <code>{i.flag}</code>
          </span>
        ))}
        .{' '}
        {v && (
          <span data-testid="applied-verdict">
            {v.label} is now{' '}
            <span className={`status ${v.status.replace('/', '')}`}>
              <span aria-hidden="true">{STATUS_ICON[v.status]}</span> {v.status}
            </span>
            .{' '}
          </span>
        )}
        Compare mode shows every diagram against the scenario before.
      </p>
      <div className="applied-actions">
        <button type="button" data-testid="applied-undo" onClick={onUndo}>
          Undo
        </button>
        <button type="button" data-testid="applied-keep" onClick={onDismiss}>
          Keep
        </button>
      </div>
    </div>
  );
});
