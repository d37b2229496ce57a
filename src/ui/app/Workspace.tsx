/**
 * The explanation of the selected cell: the three diagrams (the fault path first, then the resource tree and the
 * VMA), or in compare mode both fault paths aligned and the trees and VMAs side by side; the inspector docks beside
 * them, never over the toolbar or the matrix.
 */
import { lazy, Suspense, type ReactNode } from 'react';
import type { Comparison } from '../../model/compare';
import type { Explanation } from '../../model/explain-types';
import { DiagramBoundary } from '../diagrams/DiagramBoundary';
import { FaultPathDiagram } from '../diagrams/FaultPathDiagram';
import { ResourceTreeDiagram } from '../diagrams/ResourceTreeDiagram';
import type { DiagramProps } from '../diagrams/types';
import { VmaDiagram } from '../diagrams/VmaDiagram';
import { resultRest, resultShort, resultTone } from '../diagrams/resultText';
import { NoBreakErrnos } from '../NoBreakErrnos';
import { faultTitle } from '../platformLine';
import { Panel } from './Panel';

const ComparePathsDiagram = lazy(() => import('./CompareParts').then((m) => ({ default: m.ComparePathsDiagram })));

export interface WorkspaceProps {
  ex: Explanation;
  other: Explanation | null;
  cmp: Comparison | null;
  names: { a: string; b: string } | null;
  props: (e: Explanation, compact: boolean) => DiagramProps;
  resetKey: string;
  step: number;
  inspector: ReactNode;
}

export function Workspace({ ex, other, cmp, names, props, resetKey, step, inspector }: WorkspaceProps) {
  const tree = (e: Explanation, id: string, suffix: string) => (
    <Panel id={id} title={`Resource tree (/proc/iomem)${suffix}`} className="tree-panel">
      <DiagramBoundary name="resource tree" resetKey={resetKey}>
        <ResourceTreeDiagram {...props(e, other !== null)} />
      </DiagramBoundary>
    </Panel>
  );
  const vma = (e: Explanation, id: string, suffix: string) => (
    <Panel id={id} title={`VMA${suffix}`} className="vma-panel">
      <DiagramBoundary name="VMA" resetKey={resetKey}>
        <VmaDiagram {...props(e, other !== null)} />
      </DiagramBoundary>
    </Panel>
  );
  return (
    <main className={`workspace ${inspector ? 'with-inspector' : ''} ${other ? 'comparing' : ''}`}>
      {other && cmp && names ? (
        <div className="diagrams compare-layout">
          <Panel id="diagram-fault" title={`${faultTitle(ex.fault.arch)}: both paths, aligned`} className="fault-panel">
            <div className="compare-results">
              {[ex, other].map((e, i) => (
                <div key={i} className={`fault-result tone-${resultTone(e.fault.result)}`} data-testid="fault-result">
                  <span className="compare-results-name">{i === 0 ? names.a : names.b}</span>
                  <strong><NoBreakErrnos text={resultShort(e.fault.result)} /></strong> <span><NoBreakErrnos text={resultRest(e.fault.result)} /></span>
                </div>
              ))}
            </div>
            <DiagramBoundary name="fault path" resetKey={resetKey}>
              <Suspense fallback={<p aria-busy="true">Aligning the two paths…</p>}>
                <ComparePathsDiagram a={ex} b={other} divergence={cmp.firstDivergence} nameA={names.a} nameB={names.b} step={step} />
              </Suspense>
            </DiagramBoundary>
          </Panel>
          <div className="compare-grid">
            {tree(ex, 'diagram-resource', ` — ${names.a}`)}
            {tree(other, 'diagram-resource-b', ` — ${names.b}`)}
            {vma(ex, 'diagram-vma', ` — ${names.a}`)}
            {vma(other, 'diagram-vma-b', ` — ${names.b}`)}
          </div>
        </div>
      ) : (
        <div className="diagrams grid">
          <Panel id="diagram-fault" title={faultTitle(ex.fault.arch)} className="fault-panel">
            <DiagramBoundary name="fault path" resetKey={resetKey}>
              <FaultPathDiagram {...props(ex, false)} />
            </DiagramBoundary>
          </Panel>
          {tree(ex, 'diagram-resource', '')}
          {vma(ex, 'diagram-vma', '')}
        </div>
      )}
      {inspector}
    </main>
  );
}
