/**
 * The walker that records the taken path through a static fault graph: every step must follow an edge of the graph,
 * and a step is verified only when its node and everything it cites are.
 */
import type { FaultGraph, FaultStep, LeafSize } from '../../explain-types';
import { SZ_1G, SZ_2M } from '../../addr';
import { isVerifiedSource } from '../../source-index';

export type StepExtra = Partial<Pick<FaultStep, 'decision' | 'detail' | 'links' | 'file'>>;

export class Walker {
  readonly steps: FaultStep[] = [];
  private readonly byId: Map<string, FaultGraph['nodes'][number]>;
  constructor(readonly graph: FaultGraph) {
    this.byId = new Map(graph.nodes.map((n) => [n.id, n]));
  }
  visit(id: string, extra: StepExtra = {}, sources: string[] = []): void {
    const n = this.byId.get(id);
    if (!n) throw new Error(`fault graph ${this.graph.arch}: no node ${id}`);
    const prev = this.steps[this.steps.length - 1];
    if (prev && !this.graph.edges.some((e) => e.from === prev.nodeId && e.to === id)) {
      throw new Error(`fault graph ${this.graph.arch}: no edge ${prev.nodeId} → ${id}`);
    }
    const all = [...new Set([...n.sources, ...sources])];
    this.steps.push({
      nodeId: id,
      function: n.fn,
      question: n.question,
      label: n.label,
      file: n.file,
      ...extra,
      sources: all,
      // A step that cites an unverified source is itself unverified.
      verified: n.verified && all.every(isVerifiedSource),
    });
  }
}

export const SIZE_BYTES: Record<LeafSize, bigint> = { '4K': 0x1000n, '2M': SZ_2M, '1G': SZ_1G };

export function alignDown(v: bigint, b: bigint): bigint {
  return v - (v % b);
}
