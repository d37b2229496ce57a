/**
 * Two fault paths side by side, row by row: the steps both take read across as one wide box, the first step where
 * they part is marked in both columns, the rest of each path follows in its own column, and both end in their entry
 * or error. Every label and value is whole (wrapped to its box). Pure: no React, no DOM.
 */
import type { Divergence } from '../../model/compare';
import type { Explanation, FaultStep } from '../../model/explain-types';
import { resultShort, resultRest, resultTone, type Tone } from './resultText';
import { charsIn, wrapLines } from './text';

export interface CompareBox {
  /** 'shared' spans both columns; 'a' and 'b' are one column each. */
  side: 'shared' | 'a' | 'b';
  kind: 'step' | 'result';
  /** Step index (0-based) in its path, or -1 for a result. */
  index: number;
  nodeId: string | null;
  x: number;
  y: number;
  w: number;
  h: number;
  /** Label lines (bold) then value lines. */
  label: string[];
  value: string[];
  diverges: boolean;
  tone: Tone | '';
}

export interface ComparePathsLayout {
  boxes: CompareBox[];
  /** The band marking the first divergence (y range), when the paths part at a step. */
  divergence: { y: number; h: number; label: string; labelY: number } | null;
  /** Column headings. */
  heads: { x: number; lines: string[] }[];
  width: number;
  height: number;
  font: number;
  valueFont: number;
  lineH: number;
  valueLineH: number;
}

export interface ComparePathsOptions {
  width: number;
  font: number;
  valueFont: number;
}

export const DEFAULT_COMPARE_PATHS: ComparePathsOptions = { width: 980, font: 11.5, valueFont: 10.5 };

const M = 8;
const GAP = 20;
/** The step-number gutter and the padding of a box. */
export const CMP_GUTTER = 36;
export const CMP_PAD = 7;
const GUTTER = CMP_GUTTER;
const PAD = CMP_PAD;
/** Room above a marked row for its label. */
const LABEL_H = 18;

function stepValue(s: FaultStep): string {
  return s.decision ? `${s.decision.test}: ${s.decision.value}` : '';
}

export function layoutComparePaths(a: Explanation, b: Explanation, d: Divergence | null, names: { a: string; b: string }, o: ComparePathsOptions = DEFAULT_COMPARE_PATHS): ComparePathsLayout {
  const colW = (o.width - 2 * M - GAP) / 2;
  const lineH = Math.round(o.font * 1.3);
  const valueLineH = Math.round(o.valueFont * 1.3);
  const xs = { shared: M, a: M, b: M + colW + GAP };
  const ws = { shared: 2 * colW + GAP, a: colW, b: colW };
  const boxes: CompareBox[] = [];
  const make = (side: CompareBox['side'], kind: CompareBox['kind'], index: number, nodeId: string | null, labelText: string, valueText: string, diverges: boolean, tone: Tone | ''): CompareBox => {
    const w = ws[side];
    const label = wrapLines(labelText, charsIn(w - GUTTER - PAD, o.font));
    const value = wrapLines(valueText, charsIn(w - GUTTER - PAD, o.valueFont));
    return { side, kind, index, nodeId, x: xs[side], y: 0, w, h: 2 * PAD + label.length * lineH + value.length * valueLineH, label, value, diverges, tone };
  };
  const heads = [
    { x: xs.a, lines: wrapLines(names.a, charsIn(colW, o.font)) },
    { x: xs.b, lines: wrapLines(names.b, charsIn(colW, o.font)) },
  ];
  let y = M + Math.max(...heads.map((h) => h.lines.length)) * lineH + 6;
  const sa = a.fault.steps;
  const sb = b.fault.steps;
  const shared = d ? d.index : sa.length;
  for (let i = 0; i < shared; i++) {
    const s = sa[i]!;
    const box = make('shared', 'step', i, s.nodeId, s.label, stepValue(s), false, '');
    box.y = y;
    boxes.push(box);
    y += box.h + 6;
  }
  let divergence: ComparePathsLayout['divergence'] = null;
  const n = Math.max(sa.length, sb.length);
  for (let i = shared; i < n; i++) {
    const row = [sa[i] ? make('a', 'step', i, sa[i]!.nodeId, sa[i]!.label, stepValue(sa[i]!), i === shared && d !== null, '') : null, sb[i] ? make('b', 'step', i, sb[i]!.nodeId, sb[i]!.label, stepValue(sb[i]!), i === shared && d !== null, '') : null];
    const h = Math.max(...row.map((r) => r?.h ?? 0));
    if (i === shared && d) {
      divergence = { y: y + LABEL_H - 4, h: h + 8, label: `first divergence: step ${i + 1}`, labelY: y + LABEL_H - 8 };
      y += LABEL_H;
    }
    for (const r of row) if (r) boxes.push({ ...r, y, h });
    y += h + 6;
  }
  // The entries (or errors) the paths end in, on one row.
  const res = (ex: Explanation, side: 'a' | 'b', diverges: boolean) => {
    const r = ex.fault.result;
    return make(side, 'result', -1, null, resultShort(r), resultRest(r), diverges, resultTone(r));
  };
  const endsDiffer = d !== null && d.a === null && d.b === null && sa.length > 0;
  const ends = [res(a, 'a', endsDiffer), res(b, 'b', endsDiffer)];
  const h = Math.max(...ends.map((e) => e.h));
  const mark = (label: string) => {
    divergence = { y: y + LABEL_H - 4, h: h + 8, label, labelY: y + LABEL_H - 8 };
    y += LABEL_H;
  };
  if (endsDiffer) mark('same path, different entry');
  else if (d && (sa.length === 0) !== (sb.length === 0) && !divergence) mark('one path never reaches KVM');
  for (const e of ends) boxes.push({ ...e, y, h });
  y += h + M;
  return { boxes, divergence, heads, width: o.width, height: y, font: o.font, valueFont: o.valueFont, lineH, valueLineH };
}
