/**
 * The resource tree (/proc/iomem) after the design ran, on an address-scaled icicle: who claims the range, what is
 * busy, what conflicts. Everything drawn comes from ex.tree, ex.ops and ex.conflict.
 */
import { memo, useId, useMemo } from 'react';
import { KeptAlive } from './KeptAlive';
import { useKeptAlive } from '../hooks/useKeptAlive';
import { formatSize } from '../../model/addr';
import { IORESOURCE } from '../../model/resource/types';
import { conflictPhrase } from '../../model/explain-types';
import { DESIGN_LABEL } from '../labels';
import { highlightRange, notesFor, samePath, sameTarget } from './common';
import { TreeNodeBox } from './TreeNodeBox';
import { AxisTick, Gap } from './TreeMarks';
import { axisWidthFor, layoutTree } from './treeLayout';
import type { DiagramProps, Highlight } from './types';
import type { NoteTarget } from '../../model/view-state';

/** The narrowest the drawing gets (its columns grow to fill it), and the narrowest a column gets. */
const MIN_W = 540;
const MIN_COL = 134;
/** Five columns: every built-in design nests the HDM range at most five deep, so boxes keep their place across designs. */
const MIN_COLUMNS = 5;
const AXIS_FONT = 9.5;

interface TreeSvgProps {
  ex: DiagramProps['ex'];
  highlight: Highlight;
  /**
   * What the current fault step points at here: the resource it names (names from the root, one per line, or '') and
   * the page it faults on. Values rather than the step, so stepping through steps that point at nothing here (most
   * of them) does not draw the tree again.
   */
  stepPath: string;
  stepPfn: bigint | undefined;
  notes: DiagramProps['notes'];
  selected: DiagramProps['selected'];
  /** The resource that decided the verdict selected in the matrix (names from the root joined by "/"), or ''. */
  decidedPath: string;
  compact: boolean;
  onHighlight: (h: Highlight) => void;
  onSelect: ((t: NoteTarget) => void) | undefined;
  onNoteTarget: ((t: NoteTarget) => void) | undefined;
}

/** The tree's SVG for one explanation. Memoised: a kept-alive tree of the other architecture is not rendered again. */
const TreeSvg = memo(function TreeSvg({ ex, highlight, stepPath, stepPfn, notes, selected, decidedPath, compact, onHighlight, onSelect, onNoteTarget }: TreeSvgProps) {
  const layout = useTreeLayout(ex, compact);
  const axis = layout.width - layout.columns * layout.colW;
  const W = layout.width;
  const newPaths = useMemo(() => new Set(ex.ops.filter((o) => o.ok && o.resourcePath && !/^(e820|request_standard|add_cxl|construct_region)/.test(o.fn)).map((o) => o.resourcePath!.join('/'))), [ex.ops]);
  const conflictPath = ex.conflict?.conflictWith.path ?? null;
  const hdm = layout.yOf(ex.layout.hdmStart, ex.layout.hdmEnd);
  const hr = highlightRange(highlight, stepPfn);
  const hrY = hr ? layout.yOf(hr.start, hr.end) : null;
  const litDepth = hr ? Math.max(-1, ...layout.boxes.filter((x) => x.res.start <= hr.end && x.res.end >= hr.start).map((x) => x.depth)) : -1;
  return (
    <svg
      viewBox={`0 0 ${W} ${layout.height}`}
      width="100%"
      style={{ minWidth: Math.round(W * 0.8), maxWidth: Math.round(W * 1.25) }}
      role="tree"
      aria-label="Resource tree, address-scaled"
      className="tree-svg"
      data-natural-width={W}
    >
      {hdm && (
        <g className="hdm-band" aria-hidden="true">
          <rect x={axis - 6} y={hdm.y0} width={W - axis + 6} height={hdm.y1 - hdm.y0} />
          {hdm.y1 - hdm.y0 >= 44 && (
            <text className="hdm-label">
              <tspan x={4} y={hdm.y0 + 22}>HDM</tspan>
              <tspan x={4} y={hdm.y0 + 34} className="axis-label">{formatSize(ex.layout.hdmEnd - ex.layout.hdmStart + 1n)}</tspan>
            </text>
          )}
        </g>
      )}
      {layout.ticks.map((t, i) => (
        <AxisTick key={`t${i}`} y={t.y} label={t.label} axis={axis} />
      ))}
      {layout.gaps.map((g, i) => (
        <Gap key={`g${i}`} depth={g.depth} y0={g.y0} y1={g.y1} size={g.size} colW={layout.colW} axis={axis} />
      ))}
      {hrY && <rect className="range-highlight" x={axis - 6} y={hrY.y0} width={W - axis + 6} height={hrY.y1 - hrY.y0} aria-hidden="true" />}
      {layout.boxes.map((b) => {
        const r = b.res;
        const key = b.path.join('/');
        const target = { kind: 'resource' as const, path: b.path };
        const lit =
          (highlight?.kind === 'resource' && samePath(highlight.path, b.path)) ||
          (stepPath !== '' && stepPath === b.path.join('\n')) ||
          (hr !== null && r.start <= hr.end && r.end >= hr.start && b.depth === litDepth);
        return (
          <TreeNodeBox
            key={b.key}
            pathKey={key}
            path={b.path}
            name={r.name ?? '<BAD>'}
            start={r.start}
            end={r.end}
            busy={(r.flags & IORESOURCE.BUSY) !== 0}
            owner={r.owner ?? ''}
            depth={b.depth}
            x={b.x}
            y={b.y}
            w={b.w}
            h={b.h}
            conflict={conflictPath !== null && samePath(conflictPath, b.path) ? (ex.conflict?.errno ?? '') : ''}
            isNew={newPaths.has(key)}
            lit={lit}
            selected={sameTarget(selected, target)}
            decided={decidedPath === key}
            notes={notesFor(notes, target).length}
            onHighlight={onHighlight}
            onSelect={onSelect}
            onNoteTarget={onNoteTarget}
          />
        );
      })}
    </svg>
  );
});

/**
 * The tree's layout for an explanation, computed once per tree, range and size however many components ask: the
 * figure (for its summary) and the drawing both need it on every change of scenario.
 */
const layouts = new WeakMap<DiagramProps['ex']['tree'], Map<string, ReturnType<typeof layoutTree>>>();
function treeLayoutOf(ex: DiagramProps['ex'], compact: boolean): ReturnType<typeof layoutTree> {
  let byKey = layouts.get(ex.tree);
  if (!byKey) layouts.set(ex.tree, (byKey = new Map()));
  const k = `${ex.layout.hdmStart}-${ex.layout.hdmEnd}-${compact}`;
  let l = byKey.get(k);
  if (!l) {
    const focus = { start: ex.layout.hdmStart, end: ex.layout.hdmEnd };
    l = layoutTree(ex.tree, { width: MIN_W, axisWidth: axisWidthFor(ex.tree, focus, AXIS_FONT), focus, unit: compact ? 5 : 7, minColumns: MIN_COLUMNS, minColW: MIN_COL });
    byKey.set(k, l);
  }
  return l;
}

function useTreeLayout(ex: DiagramProps['ex'], compact: boolean) {
  return useMemo(() => treeLayoutOf(ex, compact), [ex, compact]);
}

function ResourceTreeDiagramImpl({ ex, highlight, onHighlight, step, notes, onNoteTarget, selected, onSelect, compact, otherArch, decided }: DiagramProps) {
  const isCompact = compact === true;
  const layout = useTreeLayout(ex, isCompact);
  const captionId = useId();
  const arch = ex.platform.arch;
  // Keep-alive per architecture, as in the fault diagram: the x86 and arm64 memory maps share few resources, so an
  // architecture switch would otherwise replace most boxes. The tree last shown for each architecture stays in the
  // page under content-visibility: hidden with the props it last had; page queries look inside the live wrapper,
  // [data-testid="tree-graph"].
  const decidedPath = decided?.resourcePath?.join('/') ?? '';
  const links = step >= 0 ? ex.fault.steps[step]?.links : undefined;
  const liveProps: TreeSvgProps = {
    ex,
    highlight,
    stepPath: links?.resourcePath?.join('\n') ?? '',
    stepPfn: links?.pfn,
    notes,
    selected,
    decidedPath,
    compact: isCompact,
    onHighlight,
    onSelect,
    onNoteTarget,
  };
  // Once the page is idle after the scenario changed, the other architecture's tree for it is built hidden in advance,
  // as the fault graph is, so a switch only brings it up to date instead of building every box.
  const trees = useKeptAlive(arch, liveProps, (a) => (otherArch ? { ...liveProps, ex: otherArch(a), stepPath: '', stepPfn: undefined, highlight: null, decidedPath: '' } : undefined), ex);

  const summary =
    `Resource tree after ${DESIGN_LABEL[ex.design]}: ${layout.boxes.length} resources. ` +
    (ex.conflict
      ? `${ex.conflict.fn} failed ${ex.conflict.errno}: ${conflictPhrase(ex.conflict)}.`
      : ex.ops.filter((o) => !/^(e820|request_standard|add_cxl|construct_region)/.test(o.fn)).map((o) => `${o.fn}: ${o.result}`).join(' '));

  return (
    <figure className="diagram tree-diagram" aria-labelledby={captionId}>
      {/* The summary names the figure (aria-labelledby reads hidden text). Hidden rather than visually clipped: a
          clipped caption is still laid out, and re-shaping this long line cost ~0.2 ms on every change. */}
      <figcaption id={captionId} hidden>{summary}</figcaption>
      <div className="tree-scroll">
        <KeptAlive name="tree-graph" arch={arch} drawings={trees} draw={(p) => <TreeSvg {...p} />} />
      </div>
      {!compact && (
        <details className="iomem-text">
          <summary>As /proc/iomem</summary>
          <pre data-testid="iomem-text">{ex.iomem}</pre>
        </details>
      )}
    </figure>
  );
}

export const ResourceTreeDiagram = memo(ResourceTreeDiagramImpl);
