/**
 * The answer in one line: the current design on this platform, and the entry (or error) the guest ends up with,
 * in the tone that result has everywhere else.
 */
import { memo } from 'react';
import type { Explanation } from '../../model/explain-types';
import { resultMeaning, resultRest, resultShort, resultTone } from '../diagrams/resultText';
import { DESIGN_LABEL } from '../labels';
import { NoBreakErrnos } from '../NoBreakErrnos';
import { platformLine } from '../platformLine';

export const Headline = memo(function Headline({ ex }: { ex: Explanation }) {
  const r = ex.fault.result;
  return (
    <div className={`headline tone-${resultTone(r)}`} data-testid="headline">
      <h2 id="answer-h">
        {DESIGN_LABEL[ex.design]} <span className="headline-platform">on {platformLine(ex.platform)}</span>
      </h2>
      <p className="headline-result">
        <strong><NoBreakErrnos text={resultShort(r)} /></strong> <span className="headline-meaning">{resultMeaning(r)}:</span>{' '}
        <span className="headline-rest"><NoBreakErrnos text={resultRest(r)} /></span>
      </p>
    </div>
  );
});
