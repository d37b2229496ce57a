/**
 * What goes in a slide's content box: the verdict matrix, or the fault path as numbered steps flowed into columns.
 * Each picks the largest font at which everything fits whole. Pure: no React, no DOM.
 */
import type { Explanation, Verdict } from '../../../model/explain-types';
import type { DesignId } from '../../../model/scenario';
import { DESIGNS } from '../../../model/scenario';
import { resultRest, resultShort, resultTone } from '../../diagrams/resultText';
import { charCount, charsIn, wrapLines } from '../../diagrams/text';
import { DESIGN_LABEL } from '../../labels';
import { STATUS_ICON, verdictColumns } from '../../verdictColumns';
import { lineH, type Box, type SlideLayout, type SlideRect, type SlideText } from './slideLayout';

const FONTS = [24, 22, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10];

/** Whether every word of `text` fits a line of `n` characters (so wrapping never splits a word). */
function wordsFit(text: string, n: number): boolean {
  return text.split(/\s+/).every((w) => charCount(w) <= n);
}

/** The verdict matrix: a header row of verdict names, one row per design, cells in their status colours. */
export function matrixContent(all: Record<DesignId, Explanation>, current: DesignId, box: Box, out: SlideLayout): void {
  const cols = verdictColumns(all);
  const gap = 6;
  const designW = Math.min(300, box.w * 0.16);
  const cellW = (box.w - designW - gap * cols.length) / cols.length;
  for (const font of FONTS) {
    const pad = Math.round(font * 0.45);
    const lh = lineH(font);
    const n = charsIn(cellW - 2 * pad, font);
    const head = cols.map((c) => wrapLines(c.label, n));
    const headH = Math.max(...head.map((l) => l.length)) * lh + 2 * pad;
    const rows = DESIGNS.map((d) => {
      const name = wrapLines(DESIGN_LABEL[d], charsIn(designW - 2 * pad, font));
      const cells = cols.map((c) => {
        const v = all[d].verdicts.find((x) => x.id === c.id);
        return { v, lines: v ? wrapLines(`${STATUS_ICON[v.status]} ${v.short}${v.verified ? '' : ' (?)'}`, n) : ['—'] };
      });
      return { d, name, cells, h: Math.max(name.length, ...cells.map((c) => c.lines.length)) * lh + 2 * pad };
    });
    const total = headH + rows.reduce((s, r) => s + r.h + gap, 0);
    const texts0 = [...cols.map((c) => c.label), ...DESIGNS.flatMap((d) => all[d].verdicts.map((v) => `${STATUS_ICON[v.status]} ${v.short}${v.verified ? '' : ' (?)'}`))];
    const fits = total <= box.h && texts0.every((t) => wordsFit(t, n)) && DESIGNS.every((d) => wordsFit(DESIGN_LABEL[d], charsIn(designW - 2 * pad, font)));
    if (!fits && font !== FONTS.at(-1)) continue;
    const rects: SlideRect[] = [];
    const texts: SlideText[] = [];
    let y = box.y;
    cols.forEach((c, i) => texts.push({ x: box.x + designW + gap + i * (cellW + gap) + pad, y: y + pad, lines: head[i]!, font, role: 'muted', bold: true, fit: cellW - 2 * pad }));
    y += headH;
    for (const r of rows) {
      const cur = r.d === current;
      rects.push({ x: box.x, y, w: designW, h: r.h, role: cur ? 'current-design' : 'design', rx: 6 });
      texts.push({ x: box.x + pad, y: y + pad, lines: r.name, font, role: 'text', bold: true, fit: designW - 2 * pad });
      r.cells.forEach((cell, i) => {
        const x = box.x + designW + gap + i * (cellW + gap);
        const status: Verdict['status'] | 'absent' = cell.v?.status ?? 'absent';
        rects.push({ x, y, w: cellW, h: r.h, role: `cell-${status === 'n/a' ? 'na' : status}`, rx: 6 });
        texts.push({ x: x + pad, y: y + pad, lines: cell.lines, font, role: 'text', fit: cellW - 2 * pad });
      });
      y += r.h + gap;
    }
    out.rects.push(...rects);
    out.texts.push(...texts);
    return;
  }
}

export interface PathStepBox extends Box {
  index: number;
  nodeId: string | null;
}

/**
 * The fault path as numbered boxes flowed down columns (label, then the decision's value), ending in the entry or
 * error in its tone; returns where each step went (for note leader lines).
 */
export function pathContent(ex: Explanation, box: Box, out: SlideLayout, decidedStep = -1): PathStepBox[] {
  const steps = ex.fault.steps;
  const r = ex.fault.result;
  const items = [
    ...steps.map((s, i) => ({ index: i, nodeId: s.nodeId, label: `${i + 1}. ${s.function}`, value: s.decision ? `${s.decision.test}: ${s.decision.value}` : '', role: i === decidedStep ? 'decided' : 'step' })),
    { index: -1, nodeId: null, label: resultShort(r), value: resultRest(r), role: `tone-${resultTone(r)}-bg` },
  ];
  const gap = 12;
  for (const font of FONTS) {
    const lh = lineH(font);
    const vf = Math.max(10, Math.round(font * 0.82));
    const vlh = lineH(vf);
    const pad = Math.round(font * 0.4);
    for (let ncol = 1; ncol <= 4; ncol++) {
      const colW = (box.w - gap * (ncol - 1)) / ncol;
      if (!items.every((it) => wordsFit(it.label, charsIn(colW - 2 * pad, font)) && wordsFit(it.value, charsIn(colW - 2 * pad, vf))) && !(font === FONTS.at(-1) && ncol === 4)) continue;
      const sized = items.map((it) => {
        const label = wrapLines(it.label, charsIn(colW - 2 * pad, font));
        const value = wrapLines(it.value, charsIn(colW - 2 * pad, vf));
        return { ...it, label, value, h: label.length * lh + value.length * vlh + 2 * pad };
      });
      // Fill columns top to bottom.
      const placed: { it: (typeof sized)[number]; col: number; y: number }[] = [];
      let col = 0;
      let y = box.y;
      let ok = true;
      for (const it of sized) {
        if (y + it.h > box.y + box.h) {
          col++;
          y = box.y;
          if (col >= ncol || it.h > box.h) {
            ok = false;
            break;
          }
        }
        placed.push({ it, col, y });
        y += it.h + 8;
      }
      if (!ok && !(font === FONTS.at(-1) && ncol === 4)) continue;
      const boxes: PathStepBox[] = [];
      for (const { it, col: c, y: yy } of placed) {
        const x = box.x + c * (colW + gap);
        out.rects.push({ x, y: yy, w: colW, h: it.h, role: it.role, rx: 6 });
        out.texts.push({ x: x + pad, y: yy + pad, lines: it.label, font, role: it.index < 0 ? `tone-${resultTone(r)}` : 'text', bold: true, fit: colW - 2 * pad });
        if (it.value.length) out.texts.push({ x: x + pad, y: yy + pad + it.label.length * lh, lines: it.value, font: vf, role: 'muted', fit: colW - 2 * pad });
        boxes.push({ x, y: yy, w: colW, h: it.h, index: it.index, nodeId: it.nodeId });
      }
      return boxes;
    }
  }
  return [];
}
