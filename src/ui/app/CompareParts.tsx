/**
 * Compare mode's own parts, loaded when compare mode is first turned on: the summary in words and both fault paths
 * aligned.
 */
import { useMemo } from 'react';
import type { Comparison } from '../../model/compare';
import type { Explanation } from '../../model/explain-types';
import { ComparePathsDiagram } from '../diagrams/ComparePathsDiagram';
import { CompareSummary } from './CompareSummary';
import { compareWords } from './compareWords';

export function CompareSummaryFor({ a, b, cmp }: { a: Explanation; b: Explanation; cmp: Comparison }) {
  const words = useMemo(() => compareWords(a, b, cmp), [a, b, cmp]);
  return <CompareSummary words={words} treeDiff={cmp.treeDiff} />;
}

export { ComparePathsDiagram };
