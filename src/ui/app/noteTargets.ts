/** What a review note is pinned to, in words, and where that element is on the page. */
import type { Explanation } from '../../model/explain-types';
import type { DesignId } from '../../model/scenario';
import type { NoteTarget } from '../../model/view-state';
import { DESIGN_LABEL } from '../labels';

/** "Resource CXL Window 0 › region0", "Step 23: kvm_is_mmio_pfn(pfn)", "VFIO-owned: Guest sees cacheable memory". */
export function noteTargetLabel(t: NoteTarget, ex: Explanation, all: Partial<Record<DesignId, Explanation>>): string {
  switch (t.kind) {
    case 'resource':
      return `Resource ${t.path.join(' › ')}`;
    case 'step': {
      const i = ex.fault.steps.findIndex((s) => s.nodeId === t.nodeId);
      const label = ex.fault.graph.nodes.find((n) => n.id === t.nodeId)?.label ?? t.nodeId;
      return i >= 0 ? `Step ${i + 1}: ${label}` : `Fault graph (not taken here): ${label}`;
    }
    case 'verdict': {
      const v = (all[t.design] ?? (t.design === ex.design ? ex : undefined))?.verdicts.find((x) => x.id === t.verdict);
      return `${DESIGN_LABEL[t.design]}: ${v?.label ?? t.verdict}`;
    }
    case 'vma':
      return `VMA ${t.part}`;
  }
}

/** A CSS selector for the element a note is pinned to, in the live drawings. */
export function noteTargetSelector(t: NoteTarget): string {
  const q = (s: string) => JSON.stringify(s);
  switch (t.kind) {
    case 'resource':
      return `[data-testid="tree-graph"] [data-path=${q(t.path.join('/'))}]`;
    case 'step':
      return `[data-testid="fault-graph"] [data-node=${q(t.nodeId)}]`;
    case 'verdict':
      return `[data-testid=${q(`verdict-${t.design}-${t.verdict}`)}]`;
    case 'vma':
      return `[data-testid="vma-graph"] [data-testid=${q(`vma-${t.part}`)}]`;
  }
}
