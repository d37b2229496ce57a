/**
 * Layout of the resource tree as an address-scaled icicle: one column per depth, each resource a box spanning its
 * addresses on a vertical axis. The axis is piecewise at every level: inside any resource, its children get a height
 * that grows with the logarithm of their size and the free gaps between them collapse to a small fixed piece (marked
 * "≈ gap"), so a 4 KiB entry, a 16 GiB region and a 128 GiB window are all readable at once. Addresses inside a
 * piece are linear. Pure: no React, no DOM.
 */
import type { Resource } from '../../model/resource/types';
import { MONO_EM } from './text';

export interface TreeBox {
  res: Resource;
  path: string[];
  key: string;
  depth: number; // 0 = top level
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface AxisTick {
  y: number;
  label: string;
}

export interface GapMark {
  /** Column (depth) the gap sits in; -1 for gaps between top-level resources. */
  depth: number;
  y0: number;
  y1: number;
  size: bigint;
}

export interface TreeLayout {
  boxes: TreeBox[];
  ticks: AxisTick[];
  gaps: GapMark[];
  height: number;
  width: number;
  /** y extent of an address range (for highlight bands), or null when it is outside every top-level resource. */
  yOf: (start: bigint, end: bigint) => { y0: number; y1: number } | null;
  columns: number;
  colW: number;
}

export interface TreeLayoutOptions {
  width: number;
  axisWidth: number;
  /** Address range to emphasise (the HDM range): pieces overlapping it get more height. */
  focus?: { start: bigint; end: bigint };
  /** Pixels per unit of weight (weight = 1 + log2(size)/2). */
  unit?: number;
  /** Height of a collapsed gap between top-level resources. */
  gap?: number;
  /**
   * At least this many depth columns. Designs nest the HDM range 2 to 5 deep; with a floor the columns keep their
   * width from one design to the next, so the boxes compare by position and a design change does not resize (and
   * relay out the labels of) every box.
   */
  minColumns?: number;
  /**
   * Columns are at least this wide: a deep tree (an imported dump can nest a hundred levels) then grows the drawing,
   * which scrolls, instead of shrinking its boxes to nothing.
   */
  minColW?: number;
}

interface Piece {
  start: bigint;
  end: bigint; // inclusive
  y0: number;
  y1: number;
  res: Resource | null; // null: a gap
}

function log2(b: bigint): number {
  let n = 0;
  let v = b;
  while (v > 1n) {
    v >>= 1n;
    n++;
  }
  return n;
}

function interp(p: Piece, a: bigint): number {
  const span = p.end - p.start + 1n;
  if (span <= 0n) return p.y0;
  const off = a < p.start ? 0n : a > p.end + 1n ? span : a - p.start;
  // Scale in 2^20 steps so bigint → number stays exact enough for 64-bit addresses.
  const frac = Number((off * 1_048_576n) / span) / 1_048_576;
  return p.y0 + (p.y1 - p.y0) * frac;
}

/** Width of the address axis: room for its longest tick label (hex, no 0x) at `fontPx` in the diagram font, and a tick. */
export function axisWidthFor(root: Resource, focus: { start: bigint; end: bigint } | undefined, fontPx: number): number {
  const kids = root.children;
  const addrs = [...kids.map((r) => r.start), ...(kids.length ? [kids[kids.length - 1]!.end + 1n] : []), ...(focus ? [focus.start, focus.end + 1n] : [])];
  const chars = Math.max(4, ...addrs.map((a) => a.toString(16).length));
  return Math.ceil(chars * MONO_EM * fontPx) + 16;
}

/** Lay the tree out. Deterministic; linear in the number of resources. */
export function layoutTree(root: Resource, opts: TreeLayoutOptions): TreeLayout {
  const unit = opts.unit ?? 7;
  const gapH = opts.gap ?? 14;
  let maxDepth = 0;
  const depthOf = (r: Resource, d: number): void => {
    maxDepth = Math.max(maxDepth, d);
    for (const c of r.children) depthOf(c, d + 1);
  };
  for (const c of root.children) depthOf(c, 1);
  maxDepth = Math.max(1, opts.minColumns ?? 1, maxDepth);
  const colW = Math.max(opts.minColW ?? 0, (opts.width - opts.axisWidth) / maxDepth);
  const width = opts.axisWidth + colW * maxDepth;
  const focus = opts.focus;
  const weight = (r: Resource) => {
    const w = 1 + log2(r.end - r.start + 1n) / 2;
    // The HDM range is what the reader came for: it gets the height, the rest of the map stays legible but compact.
    return focus && r.start <= focus.end && r.end >= focus.start ? w * 2.2 : w * 0.6;
  };

  const boxes: TreeBox[] = [];
  const gaps: GapMark[] = [];
  const piecesOf = new Map<Resource, Piece[]>();

  // Top level: fixed-height gaps between resources.
  const top: Piece[] = [];
  let y = 4;
  let prev: Resource | null = null;
  for (const r of root.children) {
    if (prev && r.start > prev.end + 1n) {
      top.push({ start: prev.end + 1n, end: r.start - 1n, y0: y, y1: y + gapH, res: null });
      gaps.push({ depth: -1, y0: y, y1: y + gapH, size: r.start - prev.end - 1n });
      y += gapH;
    }
    const h = Math.max(16, unit * weight(r));
    top.push({ start: r.start, end: r.end, y0: y, y1: y + h, res: r });
    y += h;
    prev = r;
  }
  piecesOf.set(root, top);
  const height = y + 6;

  /** Split [y0, y1] of `parent` among its children and the gaps between them. */
  const split = (parent: Resource, y0: number, y1: number): Piece[] => {
    const kids = parent.children;
    if (kids.length === 0) return [];
    const raw: { start: bigint; end: bigint; res: Resource | null; w: number }[] = [];
    let cur = parent.start;
    for (const c of kids) {
      if (c.start > cur) raw.push({ start: cur, end: c.start - 1n, res: null, w: 0 });
      raw.push({ start: c.start, end: c.end, res: c, w: weight(c) });
      cur = c.end + 1n;
    }
    if (cur <= parent.end) raw.push({ start: cur, end: parent.end, res: null, w: 0 });
    const kidW = raw.reduce((s, p) => s + p.w, 0);
    const nGaps = raw.filter((p) => !p.res).length;
    const total = y1 - y0;
    // Gaps get a small share (at most 35 % together), children split the rest by weight.
    const gapShare = nGaps === 0 ? 0 : Math.min(0.35, 0.12 * nGaps);
    const gapEach = nGaps === 0 ? 0 : (total * gapShare) / nGaps;
    const kidTotal = total - gapEach * nGaps;
    let yy = y0;
    return raw.map((p) => {
      const h = p.res ? (kidW > 0 ? (kidTotal * p.w) / kidW : 0) : gapEach;
      const piece = { start: p.start, end: p.end, y0: yy, y1: yy + h, res: p.res };
      yy += h;
      return piece;
    });
  };

  const place = (r: Resource, depth: number, y0: number, y1: number, path: string[]): void => {
    const p = [...path, r.name ?? '<BAD>'];
    boxes.push({
      res: r,
      path: p,
      key: `${p.join('/')}@${r.start.toString(16)}`,
      depth,
      x: opts.axisWidth + depth * colW,
      y: y0,
      w: colW - 4,
      h: Math.max(2, y1 - y0),
    });
    const pieces = split(r, y0, y1);
    piecesOf.set(r, pieces);
    for (const piece of pieces) {
      if (piece.res) place(piece.res, depth + 1, piece.y0, piece.y1, p);
      else if (piece.y1 - piece.y0 >= 6) gaps.push({ depth: depth + 1, y0: piece.y0, y1: piece.y1, size: piece.end - piece.start + 1n });
    }
  };
  for (const piece of top) if (piece.res) place(piece.res, 0, piece.y0, piece.y1, []);

  /** The deepest piece (resource or gap) containing address `a`, descending from the top level. */
  const pieceAt = (a: bigint): Piece | null => {
    let pieces = piecesOf.get(root) ?? [];
    let found: Piece | null = null;
    for (;;) {
      const p = pieces.find((x) => x.start <= a && a <= x.end);
      if (!p) break;
      found = p;
      if (!p.res) break;
      const inner = piecesOf.get(p.res) ?? [];
      if (inner.length === 0) break;
      pieces = inner;
    }
    return found;
  };
  const yOf = (start: bigint, end: bigint) => {
    const first = pieceAt(start);
    const last = pieceAt(end);
    if (!first || !last) return null;
    const y0 = interp(first, start);
    // The bottom edge: just past `end`, inside the piece that holds `end`.
    return { y0, y1: Math.max(interp(last, end + 1n), y0 + 2) };
  };

  const ticks: AxisTick[] = top.filter((p) => p.res).map((p) => ({ y: p.y0, label: p.start.toString(16) }));
  const lastTop = top.filter((p) => p.res).at(-1);
  if (lastTop) ticks.push({ y: lastTop.y1, label: (lastTop.end + 1n).toString(16) });
  if (focus) {
    const f = yOf(focus.start, focus.end);
    if (f) {
      ticks.push({ y: f.y0, label: focus.start.toString(16) });
      ticks.push({ y: f.y1, label: (focus.end + 1n).toString(16) });
    }
  }
  // Drop ticks that would overlap a neighbour (keep the first).
  ticks.sort((a, b) => a.y - b.y);
  const kept: AxisTick[] = [];
  for (const t of ticks) if (!kept.length || t.y - kept[kept.length - 1]!.y >= 11 || t.label === kept[kept.length - 1]!.label) { if (!kept.some((k) => k.label === t.label)) kept.push(t); }
  return { boxes, ticks: kept, gaps, height, width, yOf, columns: maxDepth, colW };
}
