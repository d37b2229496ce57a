/** The scenario in words and its link, shown only on paper (print.css): the printed page says what it shows. */
import { memo } from 'react';
import type { ViewState } from '../../model/view-state';
import { DESIGN_LABEL } from '../labels';
import { linkFor } from './urlSync';

function PrintCaptionImpl({ view, steps }: { view: ViewState; steps: number }) {
  const { design, platform: p } = view.scenario;
  const on = [
    p.fwbDic && p.arch === 'arm64' && 'FWB+DIC',
    p.nosoftreserve && 'efi=nosoftreserve',
    p.hugeFault && '.huge_fault',
    p.mte && 'MTE',
    p.dirtyLog && 'dirty logging',
    p.deviceReset && 'device reset',
  ].filter(Boolean);
  const cmp = view.compare ? (view.compare.kind === 'design' ? `; compared with ${DESIGN_LABEL[view.compare.design]}` : '; compared with another platform') : '';
  return (
    <p className="print-caption" data-testid="print-caption">
      <strong>{DESIGN_LABEL[design]}</strong> on {p.arch}, firmware {p.firmware}, kernel v{p.kernel}, {p.onlinePolicy}
      {on.length ? `, ${on.join(', ')}` : ''}
      {view.step >= 0 ? `; step ${view.step + 1} of ${steps}` : ''}
      {cmp}.
      <span className="print-link">{linkFor(view)}</span>
    </p>
  );
}

/** Memoised: a hover or a selection does not change the view. */
export const PrintCaption = memo(PrintCaptionImpl);
