/**
 * Layered layout of a fault graph: layer = longest path from the entry (the graph is a DAG), the taken path in the
 * first column so it reads top to bottom, the branches not taken beside it. Pure: no React, no DOM.
 */
import type { FaultGraph, FaultNode } from '../../model/explain-types';

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
