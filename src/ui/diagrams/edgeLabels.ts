/**
 * Edge labels of the fault graph, whole: each label is wrapped to a width and put where it hits no box and no other
 * label, trying spots beside its edge, under its source and over its target, narrow before wide. Positions depend on
 * the graph only (not the taken path), so labels stay put from one scenario to the next. Pure: no React, no DOM.
 */
import type { EdgeGeometry, FaultLayout } from './faultLayout';
import { charCount, MONO_EM, wrapLines } from './text';

export interface EdgeLabel {
  /** Left edge of the text. */
  x: number;
  /** Baseline of the first line. */
  y: number;
  lines: string[];
  w: number;
  h: number;
}

interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Line height of edge labels. */
export function edgeLineHeight(fontPx: number): number {
  return Math.round(fontPx * 1.2);
}

/** Widths, in characters, a label may be wrapped to: narrow first (it fits beside a vertical arrow), then wider. */
const WIDTHS = [22, 30, 44];

/**
 * Place every labelled edge's label (edges without a label get null). A label that fits nowhere is null too, which
 * the layout tests forbid for the built-in graphs. Deterministic.
 */
export function placeEdgeLabels(layout: FaultLayout, geometry: readonly EdgeGeometry[], fontPx: number): (EdgeLabel | null)[] {
  const pad = 3;
  const charW = MONO_EM * fontPx;
  const lh = edgeLineHeight(fontPx);
  const used: Rect[] = layout.nodes.map((n) => ({ x0: n.x - pad, y0: n.y - pad, x1: n.x + n.w + pad, y1: n.y + n.h + pad }));
  const free = (r: Rect) => r.x0 >= 0 && r.y0 >= 0 && r.x1 <= layout.width && r.y1 <= layout.height && !used.some((t) => r.x0 < t.x1 && r.x1 > t.x0 && r.y0 < t.y1 && r.y1 > t.y0);
  return layout.edges.map((e, i) => {
    if (!e.label) return null;
    const g = geometry[i]!;
    for (const n of WIDTHS) {
      const lines = wrapLines(e.label, n);
      const w = Math.max(...lines.map(charCount)) * charW;
      const h = lines.length * lh;
      // Top-left corners to try, in order of preference.
      const spots: [number, number][] = [
        [g.lx + 2, g.ly - h / 2 - 3],
        [g.lx - w - 12, g.ly - h / 2 - 3],
        [g.lx + 2, g.ly - h - 2],
        [g.lx + 2, g.ly + 2],
        [e.from.x + e.from.w - w - 6, e.from.y + e.from.h + pad + 1],
        [e.from.x + e.from.w + 6, e.from.y + e.from.h + pad + 1],
        [e.from.x + e.from.w + 6, e.from.y],
        [e.to.x + 6, e.to.y - h - pad - 1],
        [e.to.x + e.to.w - w - 6, e.to.y - h - pad - 1],
        [e.to.x - w - 6, e.to.y],
      ];
      for (const [x, y] of spots) {
        const r = { x0: x, y0: y, x1: x + w, y1: y + h };
        if (!free(r)) continue;
        used.push({ x0: r.x0 - 2, y0: r.y0 - 1, x1: r.x1 + 2, y1: r.y1 + 1 });
        return { x, y: y + lh / 2 + fontPx * 0.35, lines, w, h };
      }
    }
    return null;
  });
}
