/**
 * What the printed page shows, in words: the header of the text export (the design and every platform setting, as the
 * mail text says them) and the link that reopens the view. Shown only on paper (print.css). The link is the plain one
 * (without the verdicts a shared link carries): those need every design derived, which the frame of a control change
 * must not wait for.
 */
import { memo, useMemo } from 'react';
import type { Explanation } from '../../model/explain-types';
import { headerLines } from '../../model/text/header';
import type { ViewState } from '../../model/view-state';
import { DESIGN_LABEL } from '../labels';
import { encodeLink } from '../../model/share/link';

function PrintCaptionImpl({ ex, view }: { ex: Explanation; view: ViewState }) {
  const steps = ex.fault.steps.length;
  const extra = [
    view.step >= 0 ? `Step ${view.step + 1} of ${steps} selected.` : '',
    view.compare ? `Compared with ${view.compare.kind === 'design' ? DESIGN_LABEL[view.compare.design] : 'the same design on another platform'}.` : '',
  ].filter(Boolean);
  // The header follows the explanation only: stepping or a note does not wrap it again.
  const header = useMemo(() => headerLines(ex).join('\n'), [ex]);
  return (
    <div className="print-caption" data-testid="print-caption">
      <pre>{header}</pre>
      {extra.length > 0 && <p>{extra.join(' ')}</p>}
      <span className="print-link">{`${location.origin}${location.pathname}${location.search}${encodeLink(view)}`}</span>
    </div>
  );
}

/** Memoised: a hover or a selection changes neither the explanation nor the view. */
export const PrintCaption = memo(PrintCaptionImpl);
