/** Names for the two sides of a comparison (the page's panel titles need them before compare mode's code loads). */
import type { Explanation } from '../../model/explain-types';
import { DESIGN_LABEL } from '../labels';
import { platformOnly } from '../platformLine';

/** Column names: the designs, or for one design on two platforms, what each platform has that the other lacks. */
export function compareNames(a: Explanation, b: Explanation): { nameA: string; nameB: string } {
  if (a.design !== b.design) return { nameA: DESIGN_LABEL[a.design], nameB: DESIGN_LABEL[b.design] };
  const only = (x: Explanation, y: Explanation, which: string) => platformOnly(x.platform, y.platform).join(', ') || `${which} platform, the same`;
  return { nameA: `${DESIGN_LABEL[a.design]} (${only(a, b, 'first')})`, nameB: `${DESIGN_LABEL[b.design]} (${only(b, a, 'second')})` };
}

