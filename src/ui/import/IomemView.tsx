/** An imported /proc/iomem: what was understood, what was repaired or skipped, and the accelerator range to pick. */
import { useState, type ReactNode } from 'react';
import { hex } from '../../model/addr';
import { Cites } from './parts/Cites';
import { ErrorList } from './parts/ErrorList';
import type { Parsed, Slot } from './slots';
import { count } from '../../model/text/count';

export function IomemView({
  slot,
  range,
  applied,
  rangeText,
  rangeError,
  onPick,
  onRangeText,
  onClear,
  onRemove,
  hidden,
  outcome,
}: {
  hidden: number;
  outcome: ReactNode;
  slot: Slot<'iomem'> & { result: Parsed<'iomem'> };
  range: string | null;
  /** The range runs on this dump (it parses and lies in it); a restored range that does not is never "applied". */
  applied: boolean;
  rangeText: string;
  rangeError: string | null;
  onPick: (r: string) => void;
  onRangeText: (r: string) => void;
  onClear: () => void;
  onRemove: () => void;
}) {
  const { iomem, candidates, repairs, dropped } = slot.result;
  const rangeOf = (c: { start: bigint; end: bigint }) => `${hex(c.start)}-${hex(c.end)}`;
  // Long dumps suggest hundreds of ranges: show the best ones (and the picked one) until the user asks for all.
  const [showAll, setShowAll] = useState(false);
  const SHOWN = 12;
  const listed = showAll ? candidates.candidates : candidates.candidates.filter((c, i) => i < SHOWN || rangeOf(c) === range);
  const skipped = iomem.errorCount + dropped.length;
  return (
    <article className="import-slot" data-testid="import-iomem" aria-labelledby="import-iomem-h">
      <h3 id="import-iomem-h">/proc/iomem: {slot.name}</h3>
      <p data-testid="import-iomem-summary">
        {count(iomem.nodeCount)} resources from {count(iomem.lineCount)} lines
        {iomem.errorCount ? `; ${count(iomem.errorCount)} rejected` : ''}
        {dropped.length ? `; ${dropped.length} blank or comment line${dropped.length === 1 ? '' : 's'} left out` : ''}.
        {skipped > 0 && iomem.nodeCount > 0 ? ' Every line understood is used.' : ''}
      </p>
      <ErrorList errors={repairs} title="repairs" testId="import-repairs-iomem" />
      <ErrorList errors={iomem.errors} title="lines rejected" testId="import-errors-iomem" count={iomem.errorCount} />
      <ErrorList errors={iomem.warnings} title="notes" testId="import-warnings-iomem" />
      <p data-testid="import-candidates-message" className={candidates.nonRoot ? 'import-nonroot' : undefined}>
        {candidates.message}
      </p>
      {!candidates.nonRoot && (
        <fieldset>
          <legend>Accelerator range</legend>
          {listed.map((c) => {
            const r = rangeOf(c);
            return (
              <label key={r} className="import-candidate" data-testid="import-candidate" data-name={c.name}>
                <input type="radio" name={`hdm-range-${slot.id}`} value={r} checked={range === r} onChange={() => onPick(r)} />{' '}
                <code>{r}</code> <strong>{c.name}</strong>
                {c.alsoNamed.length > 0 && <span> (also {c.alsoNamed.join(', ')})</span>}
                {c.line !== undefined && <span> — line {c.line}</span>}
                <br />
                <small>
                  {c.reason}
                  <Cites ids={c.sources} />
                </small>
              </label>
            );
          })}
          {listed.length < candidates.candidates.length && (
            <p>
              <button type="button" className="link" data-testid="import-candidates-more" onClick={() => setShowAll(true)}>
                Show all {candidates.candidates.length} suggested ranges
              </button>
            </p>
          )}
          <label htmlFor={`import-range-${slot.id}`}>Or type START-END (hex)</label>{' '}
          <input
            id={`import-range-${slot.id}`}
            data-testid="import-range-input"
            value={rangeText}
            aria-invalid={rangeError !== null}
            aria-describedby={`import-range-err-${slot.id}`}
            onChange={(e) => onRangeText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') onPick(rangeText);
            }}
          />{' '}
          <button type="button" data-testid="import-range-apply" onClick={() => onPick(rangeText)}>
            Apply
          </button>
          <div id={`import-range-err-${slot.id}`} role="alert" data-testid="import-range-error">
            {rangeError}
          </div>
          {range !== null && applied && (
            <p data-testid="import-applied">
              Every design now runs against this dump with the accelerator at <code>{range}</code>.
              {hidden > 0 && ` The dump is large: the ${hidden} resources that do not overlap the range (except nearby top-level ones) are left out of the drawing; the designs never touch them.`}{' '}
              <button type="button" onClick={onClear}>
                Back to the model&apos;s own tree
              </button>
            </p>
          )}
          {range !== null && applied && outcome}
        </fieldset>
      )}
      <button type="button" data-testid="import-remove-iomem" onClick={onRemove}>
        Remove
      </button>
    </article>
  );
}
