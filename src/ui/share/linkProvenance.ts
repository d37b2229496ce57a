/**
 * Share links with their provenance: the hash written for a view carries the verdict matrix of its platform (built-in
 * tree, from the derivation cache the matrix already filled), and a link opened here is checked against this model:
 * the notice names every verdict it showed that reads differently now.
 */
import type { DecodeResult } from '../../model/share/link';
import { encodeLink } from '../../model/share/link';
import { describeVerdictChanges, verdictChanges } from '../../model/share/shown-verdicts';
import { DESIGN_LABEL } from '../../model/text/designLabels';
import { MODEL_DATE, TOOL_VERSION } from '../../model/version';
import type { ViewState } from '../../model/view-state';
import { explainAllCached } from '../derive-cache';

/** The fragment for `view`, with the tool version, the model date and the verdicts it shows. */
export function shareHash(view: ViewState): string {
  return encodeLink(view, explainAllCached(view.scenario.platform));
}

/** What to tell the reader of a link whose verdicts have changed since it was made, or null. */
export function changedVerdictsNotice(link: DecodeResult): string | null {
  if (link.error !== null || link.shown === null) return null;
  const changes = verdictChanges(link.shown, explainAllCached(link.view.scenario.platform));
  return describeVerdictChanges(changes, link.madeWith, { version: TOOL_VERSION, modelDate: MODEL_DATE }, (d) => DESIGN_LABEL[d]);
}
