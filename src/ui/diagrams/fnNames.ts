/** The function names in each fault-graph node's label, once per graph (for marking what a pasted trace saw). */
import type { FaultGraph } from '../../model/explain-types';

const cache = new WeakMap<FaultGraph, Map<string, string[]>>();

export function fnNames(graph: FaultGraph): Map<string, string[]> {
  let m = cache.get(graph);
  if (!m) cache.set(graph, (m = new Map(graph.nodes.map((n) => [n.id, [...n.label.matchAll(/([A-Za-z_][\w]*)\(/g)].map((x) => x[1]!)]))));
  return m;
}
