/**
 * Layered layout of a fault graph: layer = longest path from the entry (the graph is a DAG), the main line of the fault
 * in the first column, early exits and errors beside it; the same map for every scenario of an architecture, with the
 * taken path marked on it. Pure: no React, no DOM.
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

/**
 * Where every node of an architecture's graph goes, whatever the scenario: layer = longest path from the entry, and
 * within a layer the node with the longest way still to go first, so the main line of the fault runs down column 0 and
 * the early exits and errors sit beside it. A stable map: changing the design or platform only relights a path
 * through boxes that stay where they were (nothing moves, nothing is laid out again).
 */
function placeGraph(graph: FaultGraph, o: FaultLayoutOptions): { nodes: Omit<PlacedNode, 'step'>[]; width: number; height: number } {
  const ids = graph.nodes.map((n) => n.id);
  const order = new Map(ids.map((id, i) => [id, i]));
  const incoming = new Map<string, string[]>(ids.map((id) => [id, []]));
  const outgoing = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const e of graph.edges) {
    incoming.get(e.to)?.push(e.from);
    outgoing.get(e.from)?.push(e.to);
  }
  const entry = ids.find((id) => (incoming.get(id) ?? []).length === 0) ?? ids[0]!;
  // Longest path layering (DAG); the round bound guards against a cycle.
  const layer = new Map<string, number>([[entry, 0]]);
  const reach = new Map<string, number>(ids.map((id) => [id, 0]));
  for (let round = 0; round < ids.length; round++) {
    let changed = false;
    for (const e of graph.edges) {
      const l = layer.get(e.from);
      if (l !== undefined && (layer.get(e.to) ?? -1) < l + 1) {
        layer.set(e.to, l + 1);
        changed = true;
      }
      // Longest way to a sink from each node, by the same relaxation backwards.
      const r = reach.get(e.to)! + 1;
      if (reach.get(e.from)! < r) {
        reach.set(e.from, r);
        changed = true;
      }
    }
    if (!changed) break;
  }
  for (const id of ids) if (!layer.has(id)) layer.set(id, 0);
  const byLayer = new Map<number, FaultNode[]>();
  for (const n of graph.nodes) {
    const l = layer.get(n.id)!;
    if (!byLayer.has(l)) byLayer.set(l, []);
    byLayer.get(l)!.push(n);
  }
  const nodes: Omit<PlacedNode, 'step'>[] = [];
  let maxCol = 0;
  const layers = [...byLayer.keys()].sort((a, b) => a - b);
  layers.forEach((l, row) => {
    const ns = byLayer.get(l)!;
    ns.sort((a, b) => reach.get(b.id)! - reach.get(a.id)! || order.get(a.id)! - order.get(b.id)!);
    ns.forEach((n, col) => {
      maxCol = Math.max(maxCol, col);
      nodes.push({ node: n, layer: l, col, x: 8 + col * (o.nodeW + o.colGap), y: 8 + row * (o.nodeH + o.rowGap), w: o.nodeW, h: o.nodeH });
    });
  });
  return { nodes, width: 16 + (maxCol + 1) * (o.nodeW + o.colGap), height: 16 + layers.length * (o.nodeH + o.rowGap) };
}

const placements = new WeakMap<FaultGraph, Map<string, ReturnType<typeof placeGraph>>>();

/** Lay out `graph` and mark `taken` (node ids of the taken path, in order): positions depend on the graph only. */
export function layoutFault(graph: FaultGraph, taken: string[], o: FaultLayoutOptions = DEFAULT_FAULT_LAYOUT): FaultLayout {
  const key = `${o.nodeW},${o.nodeH},${o.colGap},${o.rowGap}`;
  let byOpts = placements.get(graph);
  if (!byOpts) placements.set(graph, (byOpts = new Map()));
  let p = byOpts.get(key);
  if (!p) byOpts.set(key, (p = placeGraph(graph, o)));
  const takenIdx = new Map(taken.map((id, i) => [id, i]));
  const placed = new Map<string, PlacedNode>(p.nodes.map((n) => [n.node.id, { ...n, step: takenIdx.get(n.node.id) ?? -1 }]));
  const takenEdges = new Set<string>();
  for (let i = 1; i < taken.length; i++) takenEdges.add(`${taken[i - 1]}→${taken[i]}`);
  const edges: PlacedEdge[] = graph.edges
    .filter((e) => placed.has(e.from) && placed.has(e.to))
    .map((e) => ({ from: placed.get(e.from)!, to: placed.get(e.to)!, label: e.label, taken: takenEdges.has(`${e.from}→${e.to}`) }));
  return { nodes: [...placed.values()], edges, width: p.width, height: p.height };
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
 * Place edge labels so they overlap neither a node nor each other, in edge order (placement does not depend on the
 * taken path, so labels stay put from one scenario to the next; every label of the built-in graphs fits). Each label tries its preferred spot, a few spots lower and higher, then the row gap under its source box
 * and the one above its target box; a label that fits nowhere is not drawn (the edge keeps it as its tooltip).
 * `widths[i]` is the label's width in px, 0 for no label. Deterministic: the same layout always gives the same labels.
 */
export function placeEdgeLabels(layout: FaultLayout, geometry: EdgeGeometry[], widths: number[]): (LabelBox | null)[] {
  const pad = 2;
  const used: { x0: number; y0: number; x1: number; y1: number }[] = layout.nodes.map((n) => ({ x0: n.x - pad, y0: n.y - pad, x1: n.x + n.w + pad, y1: n.y + n.h + pad }));
  const hits = (b: { x0: number; y0: number; x1: number; y1: number }) => used.some((t) => b.x0 < t.x1 && b.x1 > t.x0 && b.y0 < t.y1 && b.y1 > t.y0);
  const order = layout.edges.map((_, i) => i);
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
