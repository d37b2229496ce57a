/**
 * The current step of the fault path, whole: its function, file, the decision with the value that decided it, its
 * detail and its sources. Stays at the top of the window with the result while the page scrolls (FaultPathDiagram).
 */
import { memo } from 'react';
import type { FaultStep } from '../../model/explain-types';
import { loadedSource } from '../../model/source-registry';
import { useSources } from '../hooks/useSources';
import { sourceLinkNote, sourceUrlOf } from '../../model/source-links';
import { NoBreakErrnos } from '../NoBreakErrnos';

function SourceChip({ id }: { id: string }) {
  const s = loadedSource(id);
  // Until the registry is here (it loads after first paint), the chip names the source by its id.
  if (!s) return <span className="src">{id}</span>;
  const label = `${s.kind === 'upstream' ? `${s.file} ${s.fn} ${s.version}` : s.kind === 'inference' ? 'inference' : s.kind === 'patch' ? s.series : s.author}${s.verified ? '' : ' (unverified)'}`;
  const url = sourceUrlOf(id, s);
  const note = sourceLinkNote(s);
  return url ? (
    <a className={`src ${s.verified ? '' : 'unverified'}`} href={url} target="_blank" rel="noreferrer noopener" title={note ?? url}>
      {label}
    </a>
  ) : (
    <span className={`src ${s.verified ? '' : 'unverified'}`} title={s.kind === 'inference' ? s.statement : undefined}>
      {label}
    </span>
  );
}

export const StepInspector = memo(function StepInspector({ step, count, current }: { step: number; count: number; current: FaultStep }) {
  // Renders again once the registry is loaded, with each source's citation and link.
  useSources();
  return (
    <div className="step-inspector" data-testid="step-inspector" aria-live="polite">
      <div>
        <span className="step-count">Step {step + 1} of {count}</span> <code>{current.label}</code>{' '}
        {!current.verified && <span className="unverified-mark" title="name or details not verified against source">unverified</span>}
      </div>
      <div className="step-file">{current.file}</div>
      {current.decision && (
        <div className="step-decision">
          <span className="test">{current.decision.test}</span> → <strong><NoBreakErrnos text={current.decision.value} /></strong>
          {current.decision.taken ? <> ⇒ <NoBreakErrnos text={current.decision.taken} /></> : null}
        </div>
      )}
      {current.detail && <div className="step-detail"><NoBreakErrnos text={current.detail} /></div>}
      <div className="step-sources">
        {current.sources.map((id) => (
          <SourceChip key={id} id={id} />
        ))}
      </div>
    </div>
  );
});

/**
 * Where the step inspector goes before a step is chosen: how to step, in the inspector's box and height, so the first
 * step fills it instead of pushing the graph and everything under it down (a jump under the reader's eyes, and a
 * repaint of the whole window).
 */
export function StepHint({ count }: { count: number }) {
  return (
    <div className="step-inspector step-hint" data-testid="step-hint">
      <div>
        <span className="step-count">{count} steps</span>, from the guest&apos;s access to the result above.
      </div>
      <div>Click a box, or press → to step (Home and End for the ends, space to play). Each step shows here: its function and file, the decision with the value that decided it, and its sources.</div>
    </div>
  );
}
