/**
 * 16:9 slides, as display lists (rects, texts, lines) a thin builder turns into SVG: a frame with the title, the
 * platform line, the result, the legend and the review notes as numbered callouts, around a content box that holds
 * the matrix, the fault path in columns, or a diagram. Every text is wrapped to its box and the largest font that
 * fits is chosen, so nothing is cut on a projector. Pure: no React, no DOM.
 */
import { charCount, charsIn, MONO_EM, wrapLines } from '../../diagrams/text';
import type { LegendItem } from '../../legendItems';

export const SLIDE_W = 1920;
export const SLIDE_H = 1080;
const M = 44;

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface SlideRect extends Box {
  /** Colour role: a status ('good', 'bad', …), a legend key, or a frame part ('panel', 'note', 'header'). */
  role: string;
  rx?: number;
}

export interface SlideText {
  x: number;
  /** Top of the first line. */
  y: number;
  lines: string[];
  font: number;
  role: string;
  bold?: boolean;
  /** Width the lines were wrapped to (for the tests). */
  fit: number;
}

export interface SlideLine {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  role: string;
}

export interface SlideLayout {
  width: number;
  height: number;
  rects: SlideRect[];
  texts: SlideText[];
  lines: SlideLine[];
  /** Where the slide's content goes. */
  content: Box;
  /** Where each note's callout is (its number's centre), for leader lines to its target. */
  callouts: { index: number; x: number; y: number }[];
}

export const lineH = (font: number) => Math.round(font * 1.25);

/** A text block wrapped to `w` at `font`, at (x, y); returns it and its height. */
export function block(text: string, x: number, y: number, w: number, font: number, role: string, bold = false): { t: SlideText; h: number } {
  const lines = wrapLines(text, charsIn(w, font));
  return { t: { x, y, lines, font, role, bold, fit: w }, h: lines.length * lineH(font) };
}

export interface SlideNote {
  /** What it is pinned to, in words. */
  target: string;
  text: string;
}

export interface FrameInput {
  title: string;
  subtitle: string;
  result: { text: string; tone: string } | null;
  legend: readonly LegendItem[];
  notes: readonly SlideNote[];
}

/** The notes column: numbered callouts, the largest font (22 → 13 px) at which they fit; the rest counted. */
function callouts(notes: readonly SlideNote[], box: Box, out: SlideLayout): void {
  if (notes.length === 0) return;
  out.rects.push({ ...box, role: 'note-column', rx: 8 });
  const head = block('Review notes', box.x + 14, box.y + 10, box.w - 28, 22, 'heading', true);
  out.texts.push(head.t);
  const top = box.y + 16 + head.h;
  for (const font of [22, 20, 18, 16, 15, 14, 13]) {
    const texts: SlideText[] = [];
    const marks: SlideLayout['callouts'] = [];
    const badges: SlideRect[] = [];
    let y = top;
    let shown = 0;
    const r = font * 0.8;
    for (const [i, n] of notes.entries()) {
      const tx = box.x + 14 + 2 * r + 8;
      const tw = box.x + box.w - 14 - tx;
      const t = block(n.target, tx, y, tw, font, 'note-target', true);
      const b = block(n.text, tx, y + t.h + 2, tw, font, 'note-text');
      const more = notes.length - i - 1;
      const reserve = more > 0 ? lineH(font) + 6 : 0;
      if (y + t.h + 2 + b.h > box.y + box.h - 10 - reserve) break;
      texts.push(t.t, b.t);
      badges.push({ x: box.x + 14, y, w: 2 * r, h: 2 * r, role: 'note-badge', rx: r });
      texts.push({ x: box.x + 14 + r - (charCount(String(i + 1)) * MONO_EM * (font * 0.8)) / 2, y: y + r - lineH(font * 0.8) / 2, lines: [String(i + 1)], font: font * 0.8, role: 'note-number', bold: true, fit: 2 * r });
      marks.push({ index: i, x: box.x + 14 + r, y: y + r });
      y += t.h + 2 + b.h + 12;
      shown++;
    }
    if (shown === notes.length || font === 13) {
      out.texts.push(...texts);
      out.rects.push(...badges);
      out.callouts.push(...marks);
      if (shown < notes.length) out.texts.push(block(`+ ${notes.length - shown} more note${notes.length - shown > 1 ? 's' : ''} in the text export`, box.x + 14, y, box.w - 28, font, 'muted').t);
      return;
    }
  }
}

/** The legend as swatches and labels in rows at the bottom of the slide. */
function legendRows(items: readonly LegendItem[], box: Box, out: SlideLayout): number {
  const font = 17;
  const sw = 26;
  let x = box.x;
  let y = box.y;
  for (const i of items) {
    const w = sw + 8 + charCount(i.label) * MONO_EM * font + 26;
    if (x > box.x && x + w > box.x + box.w) {
      x = box.x;
      y += lineH(font) + 8;
    }
    out.rects.push({ x, y: y + 2, w: sw, h: lineH(font) - 4, role: `swatch-${i.key}`, rx: 3 });
    out.texts.push({ x: x + sw + 8, y, lines: [i.label], font, role: 'muted', fit: w - sw - 8 });
    x += w;
  }
  return y + lineH(font) - box.y;
}

/** The frame of every slide; `notesW` is the width of the notes column when there are notes. */
export function slideFrame(f: FrameInput, { width = SLIDE_W, height = SLIDE_H, notesW = 560 } = {}): SlideLayout {
  const out: SlideLayout = { width, height, rects: [{ x: 0, y: 0, w: width, h: height, role: 'background' }], texts: [], lines: [], content: { x: 0, y: 0, w: 0, h: 0 }, callouts: [] };
  let y = M - 8;
  const title = block(f.title, M, y, width - 2 * M, 40, 'title', true);
  out.texts.push(title.t);
  y += title.h + 4;
  const sub = block(f.subtitle, M, y, width - 2 * M, 21, 'muted');
  out.texts.push(sub.t);
  y += sub.h + 12;
  if (f.result) {
    const r = block(f.result.text, M + 18, y + 10, width - 2 * M - 36, 28, `tone-${f.result.tone}`, true);
    out.rects.push({ x: M, y, w: width - 2 * M, h: r.h + 20, role: `tone-${f.result.tone}-bg`, rx: 10 });
    out.texts.push(r.t);
    y += r.h + 20 + 14;
  }
  // Legend at the bottom, measured first so the content gets the rest.
  const probe: SlideLayout = { ...out, rects: [], texts: [], lines: [], callouts: [] };
  const legendH = legendRows(f.legend, { x: M, y: 0, w: width - 2 * M, h: 0 }, probe);
  const legendY = height - M + 8 - legendH;
  legendRows(f.legend, { x: M, y: legendY, w: width - 2 * M, h: legendH }, out);
  const bottom = legendY - 16;
  const hasNotes = f.notes.length > 0;
  const contentW = width - 2 * M - (hasNotes ? notesW + 24 : 0);
  out.content = { x: M, y, w: contentW, h: bottom - y };
  if (hasNotes) callouts(f.notes, { x: M + contentW + 24, y, w: notesW, h: bottom - y }, out);
  return out;
}
