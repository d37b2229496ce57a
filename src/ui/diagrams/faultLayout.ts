/**
 * Layered layout of a fault graph: layer = longest path from the entry (the graph is a DAG), the main line of the fault
 * in the first column, early exits and errors beside it; the same map for every scenario of an architecture, with the
 * taken path marked on it. Pure: no React, no DOM.
 */
import type { FaultGraph, FaultNode } from '../../model/explain-types';
import { faultGraph } from '../../model/kvm/graph';
import { KERNEL_VERSIONS, type Arch } from '../../model/scenario';
import { charsIn, wrapLines } from './text';

export interface PlacedNode {
  node: FaultNode;
  layer: number;
  col: number;
  x: number;
  y: number;
  w: number;
  h: number;
  /** The label broken into the lines the box is sized for (every line whole). */
  lines: string[];
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
  /** Width of every box. */
  nodeW: number;
  colGap: number;
  /** Space between two rows: room for a two-line edge label beside a vertical arrow. */
  rowGap: number;
  /** Font size of box labels, px (monospace). */
  font: number;
  /** Font size of edge labels, px (monospace). */
  edgeFont: number;
}

export const DEFAULT_FAULT_LAYOUT: FaultLayoutOptions = { nodeW: 314, colGap: 52, rowGap: 32, font: 11.5, edgeFont: 10 };

/** The step-number gutter at the left of every box (room for "25." in the label font). */
export const STEP_GUTTER = 34;
/** Padding inside a box, and the room kept at its right for the "?" of an unverified box. */
export const PAD_X = 8;
export const PAD_Y = 7;
export const GLYPH_W = 10;
/** Every row has room for at least this many label lines. */
export const MIN_LINES = 2;

const variantLines = new Map<string, Map<string, number>>();
/**
 * For each node of an architecture's graph, the most lines its label takes at any kernel the model offers (the
 * kernels name some functions differently). Rows are sized by these, so the graphs of one architecture at every
 * kernel share one map: switching the kernel never moves a box.
 */
function linesAtAnyKernel(arch: Arch, chars: number): Map<string, number> {
  const key = `${arch}/${chars}`;
  let m = variantLines.get(key);
  if (m) return m;
  m = new Map();
  for (const k of KERNEL_VERSIONS) {
    for (const n of faultGraph(arch, k).nodes) m.set(n.id, Math.max(m.get(n.id) ?? 0, wrapLines(n.label, chars).length));
  }
  variantLines.set(key, m);
  return m;
}

export function lineHeight(fontPx: number): number {
  return Math.round(fontPx * 1.3);
}

/** How many label characters a box's line holds. */
export function labelChars(o: FaultLayoutOptions): number {
  return charsIn(o.nodeW - STEP_GUTTER - PAD_X - GLYPH_W, o.font);
}

/**
 * Where every node of an architecture's graph goes, whatever the scenario: layer = longest path from the entry, and
 * within a layer the node with the longest way still to go first, so the main line of the fault runs down column 0 and
 * the early exits and errors sit beside it. Each box is as tall as its wrapped label, and a row as tall as its tallest
 * box. A stable map: changing the design or platform only relights a path through boxes that stay where they were
 * (nothing moves, nothing is laid out again).
 */
function placeGraph(graph: FaultGraph, o: FaultLayoutOptions): { nodes: Omit<PlacedNode, 'step'>[]; width: number; height: number } {
  const ids = graph.nodes.map((n) => n.id);
  const order = new Map(ids.map((id, i) => [id, i]));
  const incoming = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const e of graph.edges) incoming.get(e.to)?.push(e.from);
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
      const r = (reach.get(e.to) ?? 0) + 1;
      if ((reach.get(e.from) ?? 0) < r) {
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
  const chars = labelChars(o);
  const lh = lineHeight(o.font);
  const nodes: Omit<PlacedNode, 'step'>[] = [];
  let maxCol = 0;
  let y = 8;
  for (const l of [...byLayer.keys()].sort((a, b) => a - b)) {
    const ns = byLayer.get(l)!;
    ns.sort((a, b) => reach.get(b.id)! - reach.get(a.id)! || order.get(a.id)! - order.get(b.id)!);
    const lines = ns.map((n) => wrapLines(n.label, chars));
    const variants = linesAtAnyKernel(graph.arch, chars);
    const h = 2 * PAD_Y + lh * Math.max(MIN_LINES, ...lines.map((x) => x.length), ...ns.map((n) => variants.get(n.id) ?? 0));
    ns.forEach((n, col) => {
      maxCol = Math.max(maxCol, col);
      nodes.push({ node: n, layer: l, col, x: 8 + col * (o.nodeW + o.colGap), y, w: o.nodeW, h, lines: lines[col]! });
    });
    y += h + o.rowGap;
  }
  return { nodes, width: 16 + (maxCol + 1) * o.nodeW + maxCol * o.colGap, height: y - o.rowGap + 8 };
}

const placements = new WeakMap<FaultGraph, Map<string, ReturnType<typeof placeGraph>>>();

/** Lay out `graph` and mark `taken` (node ids of the taken path, in order): positions depend on the graph only. */
export function layoutFault(graph: FaultGraph, taken: readonly string[], o: FaultLayoutOptions = DEFAULT_FAULT_LAYOUT): FaultLayout {
  const key = `${o.nodeW},${o.colGap},${o.rowGap},${o.font}`;
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

