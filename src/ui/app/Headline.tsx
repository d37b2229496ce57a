/**
 * The answer in one line: the current design on this platform, and the entry (or error) the guest ends up with,
 * in the tone that result has everywhere else; NOT UPSTREAM first when the scenario applies posted or hypothetical
 * kernel changes.
 */
import { memo } from 'react';
import type { Explanation } from '../../model/explain-types';
import { APPLICABLE, applicableStatus, appliedKinds } from '../../model/patches/applied';
import type { PatchId } from '../../model/patches/ids';
import { resultMeaning, resultRest, resultShort, resultTone } from '../diagrams/resultText';
import { DESIGN_LABEL } from '../labels';
import { NoBreakErrnos } from '../NoBreakErrnos';
import { platformLine } from '../platformLine';

/** Said before the result whenever posted or hypothetical kernel changes are applied, so nobody takes them for upstream. */
function NotUpstream({ patches }: { patches: readonly PatchId[] }) {
  return (
    <p className="not-upstream" data-testid="not-upstream">
      <strong>NOT UPSTREAM</strong> {appliedKinds(patches)} applied:{' '}
      {patches.map((id, i) => (
        <span key={id} className="not-upstream-item">
          {i > 0 && ', '}
          {APPLICABLE[id].short} <span className="not-upstream-status">({applicableStatus(id)})</span>
        </span>
      ))}
    </p>
  );
}

export const Headline = memo(function Headline({ ex }: { ex: Explanation }) {
  const r = ex.fault.result;
  return (
    <div className={`headline tone-${resultTone(r)}`} data-testid="headline">
      <h2 id="answer-h">
        {DESIGN_LABEL[ex.design]} <span className="headline-platform">on {platformLine(ex.platform)}</span>
      </h2>
      {ex.platform.patches.length > 0 && <NotUpstream patches={ex.platform.patches} />}
      <p className="headline-result">
        <strong><NoBreakErrnos text={resultShort(r)} /></strong> <span className="headline-meaning">{resultMeaning(r)}:</span>{' '}
        <span className="headline-rest"><NoBreakErrnos text={resultRest(r)} /></span>
      </p>
    </div>
  );
});
