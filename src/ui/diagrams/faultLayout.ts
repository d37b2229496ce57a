/**
 * Layered layout of a fault graph: layer = longest path from the entry (the graph is a DAG), the taken path in the
 * first column so it reads top to bottom, the branches not taken beside it. Pure: no React, no DOM.
 */
import type { FaultGraph, FaultNode } from '../../model/explain-types';
import { clip } from './common';

export interface PlacedNode {
  node: FaultNode;
  layer: number;
  col: number;
  x: number;
  y: number;
  w: number;
  h: number;
  /** Index in the taken steps, or -1 when not taken. */
  step: number;
}

export interface PlacedEdge {
  from: PlacedNode;
  to: PlacedNode;
  label: string;
  taken: boolean;
}

export interface FaultLayout {
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  width: number;
  height: number;
}

export interface FaultLayoutOptions {
  nodeW: number;
  nodeH: number;
  colGap: number;
  rowGap: number;
}

export const DEFAULT_FAULT_LAYOUT: FaultLayoutOptions = { nodeW: 272, nodeH: 40, colGap: 30, rowGap: 20 };

/** Lay out `graph` with `taken` (node ids of the taken path, in order) in column 0. */
export function layoutFault(graph: FaultGraph, taken: string[], o: FaultLayoutOptions = DEFAULT_FAULT_LAYOUT): FaultLayout {
  const ids = graph.nodes.map((n) => n.id);
  const incoming = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const e of graph.edges) incoming.get(e.to)?.push(e.from);
  const entry = ids.find((id) => (incoming.get(id) ?? []).length === 0) ?? ids[0]!;
  // Longest path layering (DAG). Guard against cycles with a visit bound.
  const layer = new Map<string, number>([[entry, 0]]);
  for (let round = 0; round < ids.length; round++) {
    let changed = false;
    for (const e of graph.edges) {
      const l = layer.get(e.from);
      if (l === undefined) continue;
      if ((layer.get(e.to) ?? -1) < l + 1) {
        layer.set(e.to, l + 1);
        changed = true;
      }
    }
    if (!changed) break;
  }
  for (const id of ids) if (!layer.has(id)) layer.set(id, 0);
  // Keep the taken path strictly increasing so it reads as a column: push later taken nodes down if needed.
  let last = -1;
  for (const id of taken) {
    const l = Math.max(layer.get(id) ?? 0, last + 1);
    layer.set(id, l);
    last = l;
  }
  const takenIdx = new Map(taken.map((id, i) => [id, i]));
  const byLayer = new Map<number, FaultNode[]>();
  for (const n of graph.nodes) {
    const l = layer.get(n.id)!;
    if (!byLayer.has(l)) byLayer.set(l, []);
    byLayer.get(l)!.push(n);
  }
  const placed = new Map<string, PlacedNode>();
  let maxCol = 0;
  const layers = [...byLayer.keys()].sort((a, b) => a - b);
  layers.forEach((l, row) => {
    const ns = byLayer.get(l)!;
    ns.sort((a, b) => (takenIdx.has(b.id) ? 1 : 0) - (takenIdx.has(a.id) ? 1 : 0) || ids.indexOf(a.id) - ids.indexOf(b.id));
    // If nothing on this layer is taken, leave column 0 free so the taken column stays visually continuous.
    const offset = ns.some((n) => takenIdx.has(n.id)) ? 0 : 1;
    ns.forEach((n, i) => {
      const col = i + offset;
      maxCol = Math.max(maxCol, col);
      placed.set(n.id, {
        node: n,
        layer: l,
        col,
        x: 8 + col * (o.nodeW + o.colGap),
        y: 8 + row * (o.nodeH + o.rowGap),
        w: o.nodeW,
        h: o.nodeH,
        step: takenIdx.get(n.id) ?? -1,
      });
    });
  });
  const takenEdges = new Set<string>();
  for (let i = 1; i < taken.length; i++) takenEdges.add(`${taken[i - 1]}→${taken[i]}`);
  const edges: PlacedEdge[] = graph.edges
    .filter((e) => placed.has(e.from) && placed.has(e.to))
    .map((e) => ({ from: placed.get(e.from)!, to: placed.get(e.to)!, label: e.label, taken: takenEdges.has(`${e.from}→${e.to}`) }));
  return {
    nodes: [...placed.values()],
    edges,
    width: 16 + (maxCol + 1) * (o.nodeW + o.colGap),
    height: 16 + layers.length * (o.nodeH + o.rowGap),
  };
}

/** Where an edge runs: down the column, across to a branch, or around the nodes it skips; and where its label goes. */
export interface EdgeGeometry {
  d: string;
  /** Preferred label anchor (text start, baseline). */
  lx: number;
  ly: number;
  sameCol: boolean;
  skip: boolean;
}

export function edgeGeometry(e: PlacedEdge): EdgeGeometry {
  const x1 = e.from.x + (e.to.col > e.from.col ? e.from.w : e.to.col < e.from.col ? 0 : e.from.w / 2);
  const y1 = e.to.col === e.from.col ? e.from.y + e.from.h : e.from.y + e.from.h / 2;
  const x2 = e.to.x + (e.to.col === e.from.col ? e.to.w / 2 : e.to.col > e.from.col ? 0 : e.to.w);
  const y2 = e.to.col === e.from.col ? e.to.y : e.to.y + e.to.h / 2;
  const sameCol = e.to.col === e.from.col;
  const skip = sameCol && e.to.layer - e.from.layer > 1;
  const d = skip
    ? `M${e.from.x + e.from.w},${e.from.y + e.from.h / 2} C${e.from.x + e.from.w + 40},${e.from.y + e.from.h / 2} ${e.to.x + e.to.w + 40},${e.to.y + e.to.h / 2} ${e.to.x + e.to.w},${e.to.y + e.to.h / 2}`
    : `M${x1},${y1} C${x1},${(y1 + y2) / 2} ${x2},${(y1 + y2) / 2} ${x2},${y2}`;
  const lx = skip ? e.from.x + e.from.w + 8 : (x1 + x2) / 2 + 4;
  const ly = skip ? (e.from.y + e.to.y) / 2 + e.from.h / 2 : (y1 + y2) / 2 + 3;
  return { d, lx, ly, sameCol, skip };
}

/** Width of a character of an edge label (9.5 px sans), for clipping and collision tests. */
export const LABEL_CHAR_PX = 5.4;

/** The text an edge label is drawn with: down the column it has the column's width, across to a branch less. */
export function edgeLabelText(e: PlacedEdge, g: EdgeGeometry): string {
  return e.label ? clip(e.label, g.sameCol && !g.skip ? 150 : 120, LABEL_CHAR_PX) : '';
}

export interface LabelBox {
  x: number;
  /** Baseline. */
  y: number;
  w: number;
}

/** Height of an edge label's box above its baseline (9.5 px text). */
export const LABEL_H = 10;

/**
 * Place edge labels so they overlap neither a node nor each other: taken edges first (they are read), then the
 * others. Each label tries its preferred spot, a few spots lower and higher, then the row gap under its source box
 * and the one above its target box; a label that fits nowhere is not drawn (the edge keeps it as its tooltip).
 * `widths[i]` is the label's width in px, 0 for no label. Deterministic: the same layout always gives the same labels.
 */
export function placeEdgeLabels(layout: FaultLayout, geometry: EdgeGeometry[], widths: number[]): (LabelBox | null)[] {
  const pad = 2;
  const used: { x0: number; y0: number; x1: number; y1: number }[] = layout.nodes.map((n) => ({ x0: n.x - pad, y0: n.y - pad, x1: n.x + n.w + pad, y1: n.y + n.h + pad }));
  const hits = (b: { x0: number; y0: number; x1: number; y1: number }) => used.some((t) => b.x0 < t.x1 && b.x1 > t.x0 && b.y0 < t.y1 && b.y1 > t.y0);
  const order = layout.edges.map((_, i) => i).sort((a, b) => Number(layout.edges[b]!.taken) - Number(layout.edges[a]!.taken) || a - b);
  const out: (LabelBox | null)[] = layout.edges.map(() => null);
  const step = LABEL_H + 2;
  for (const i of order) {
    const w = widths[i] ?? 0;
    if (w <= 0) continue;
    const g = geometry[i]!;
    const e = layout.edges[i]!;
    const spots: [number, number][] = [0, step, -step, 2 * step, -2 * step].map((dy) => [g.lx, g.ly + dy]);
    spots.push([e.from.x + e.from.w - w - 6, e.from.y + e.from.h + LABEL_H + 3], [e.to.x + 6, e.to.y - 5], [e.to.x + e.to.w - w - 6, e.to.y - 5]);
    for (const [x, y] of spots) {
      const box = { x0: x, y0: y - LABEL_H, x1: x + w, y1: y + 2 };
      if (box.x0 < 0 || box.x1 > layout.width || box.y0 < 0 || box.y1 > layout.height || hits(box)) continue;
      used.push(box);
      out[i] = { x, y, w };
      break;
    }
  }
  return out;
}
