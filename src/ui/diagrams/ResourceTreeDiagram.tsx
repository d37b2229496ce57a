/**
 * The resource tree (/proc/iomem) after the design ran, on an address-scaled icicle: who claims the range, what is
 * busy, what conflicts. Everything drawn comes from ex.tree, ex.ops and ex.conflict.
 */
import { memo, useId, useMemo } from 'react';
import { KeptAlive } from './KeptAlive';
import { useKeptAlive } from '../hooks/useKeptAlive';
import { usePageIdle } from '../hooks/usePageIdle';
import { formatSize, hex } from '../../model/addr';
import { IORESOURCE } from '../../model/resource/types';
import { conflictPhrase } from '../../model/explain-types';
import { activateKeys, clip, highlightRange, notesFor, samePath, sameTarget } from './common';
import { layoutTree } from './treeLayout';
import type { DiagramProps, Highlight } from './types';
import type { NoteTarget } from '../../model/view-state';

const W = 540;
const AXIS = 78;

interface TreeNodeBoxProps {
  /** Names from the root joined by "/" (data-path). */
  pathKey: string;
  path: string[];
  name: string;
  start: bigint;
  end: bigint;
  busy: boolean;
  owner: string;
  depth: number;
  x: number;
  y: number;
  w: number;
  h: number;
  /** The errno when this is the resource the design's claim conflicts with, else ''. */
  conflict: string;
  isNew: boolean;
  lit: boolean;
  selected: boolean;
  notes: number;
  onHighlight: (h: Highlight) => void;
  onSelect: ((t: NoteTarget) => void) | undefined;
  onNoteTarget: ((t: NoteTarget) => void) | undefined;
}

/**
 * One resource. Props are primitives, the path array of the layout (stable while the tree is) and stable callbacks,
 * so a highlight or a step redraws only the boxes whose state changed.
 */
const TreeNodeBox = memo(function TreeNodeBox(p: TreeNodeBoxProps) {
  const isConflict = p.conflict !== '';
  const target: NoteTarget = { kind: 'resource', path: p.path };
  const cls = ['tree-node', p.busy ? 'busy' : 'free', isConflict ? 'conflict' : '', p.isNew ? 'new' : '', p.lit ? 'lit' : '', p.selected ? 'selected' : '', p.owner ? `owner-${p.owner}` : '']
    .filter(Boolean)
    .join(' ');
  const range = `${hex(p.start)}-${hex(p.end)}`;
  const size = formatSize(p.end - p.start + 1n);
  const shownLabel = p.h >= 11 ? clip(p.name, p.w - 10) : '';
  const shownSub = p.h >= 26 ? clip(`${range} · ${size}`, p.w - 10, 5.6) : '';
  const shownErr = isConflict && p.h >= 11 ? p.conflict : '';
  const aria = `${[shownLabel, shownSub, shownErr].filter(Boolean).join(' ')} — ${p.name}, ${range}, ${size}, ${p.busy ? 'busy' : 'not busy'}${p.owner ? `, owner ${p.owner}` : ''}${isConflict ? `, conflict: ${p.conflict}` : ''}${p.isNew ? ', created by the design' : ''}`;
  const hover = () => p.onHighlight({ kind: 'resource', path: p.path });
  return (
    <g
      className={cls}
      data-testid="tree-node"
      data-path={p.pathKey}
      data-busy={p.busy ? 'true' : 'false'}
      data-conflict={isConflict ? 'true' : undefined}
      data-new={p.isNew ? 'true' : undefined}
      data-lit={p.lit ? 'true' : undefined}
      role="treeitem"
      aria-level={p.depth + 1}
      aria-selected={p.selected}
      aria-label={aria}
      tabIndex={0}
      onMouseEnter={hover}
      onMouseLeave={() => p.onHighlight(null)}
      onFocus={hover}
      onClick={() => p.onSelect?.(target)}
      onKeyDown={(e) => activateKeys(e, () => p.onSelect?.(target), p.onNoteTarget ? () => p.onNoteTarget!(target) : undefined)}
    >
      <title>{`${range} : ${p.name}\n${aria}`}</title>
      {/* Drawn at the origin and moved as a whole, like the fault-path boxes. */}
      <g transform={`translate(${p.x},${p.y})`}>
        <rect width={p.w} height={p.h} rx={2} />
        {p.h >= 11 && (
          <text x={5} y={Math.min(p.h / 2 + 4, 14)} className="node-label" aria-hidden="true">
            {`${shownLabel} `}
          </text>
        )}
        {p.h >= 26 && (
          <text x={5} y={27} className="node-sub" aria-hidden="true">
            {`${shownSub} `}
          </text>
        )}
        {isConflict && p.h >= 11 && (
          <text x={p.w - 5} y={Math.min(p.h / 2 + 4, 14)} textAnchor="end" className="conflict-label" aria-hidden="true">
            {p.conflict}
          </text>
        )}
        {p.notes > 0 && (
          <g className="note-badge" aria-label={`${p.notes} review note${p.notes > 1 ? 's' : ''}`}>
            <circle cx={p.w - 7} cy={7} r={6} />
            <text x={p.w - 7} y={10} textAnchor="middle">{p.notes}</text>
          </g>
        )}
      </g>
    </g>
  );
});

/** An address tick of the axis. Memoised: ticks that stay where they were are not rendered again. */
const AxisTick = memo(function AxisTick({ y, label }: { y: number; label: string }) {
  return (
    <g className="axis" aria-hidden="true">
      <line x1={AXIS - 6} x2={AXIS - 2} y1={y} y2={y} />
      <text x={AXIS - 8} y={y + 3} textAnchor="end" className="axis-label">{label}</text>
    </g>
  );
});

/** A gap: address space between top-level resources (depth < 0), or free space inside a parent. */
const Gap = memo(function Gap({ depth, y0, y1, size, colW }: { depth: number; y0: number; y1: number; size: bigint; colW: number }) {
  return depth < 0 ? (
    <g className="gap" aria-hidden="true">
      <path d={`M${AXIS - 6},${(y0 + y1) / 2 - 2} l5,-3 l5,6 l5,-6 l5,6`} />
      <text x={AXIS + 26} y={(y0 + y1) / 2 + 3} className="gap-label">≈ {formatSize(size)} not in iomem</text>
    </g>
  ) : (
    <g className="gap inner" aria-hidden="true">
      <rect x={AXIS + depth * colW} y={y0 + 1} width={colW - 4} height={Math.max(0, y1 - y0 - 2)} className="gap-fill" />
      {y1 - y0 >= 12 && (
        <text x={AXIS + depth * colW + 5} y={(y0 + y1) / 2 + 3} className="gap-label">≈ {clip(`${formatSize(size)} free`, colW - 10, 5.4)}</text>
      )}
    </g>
  );
});

interface TreeSvgProps {
  ex: DiagramProps['ex'];
  highlight: Highlight;
  step: number;
  notes: DiagramProps['notes'];
  selected: DiagramProps['selected'];
  compact: boolean;
  onHighlight: (h: Highlight) => void;
  onSelect: ((t: NoteTarget) => void) | undefined;
  onNoteTarget: ((t: NoteTarget) => void) | undefined;
}

/** The tree's SVG for one explanation. Memoised: a kept-alive tree of the other architecture is not rendered again. */
const TreeSvg = memo(function TreeSvg({ ex, highlight, step, notes, selected, compact, onHighlight, onSelect, onNoteTarget }: TreeSvgProps) {
  const layout = useTreeLayout(ex, compact);
  const newPaths = useMemo(() => new Set(ex.ops.filter((o) => o.ok && o.resourcePath && !/^(e820|request_standard|add_cxl|construct_region)/.test(o.fn)).map((o) => o.resourcePath!.join('/'))), [ex.ops]);
  const conflictPath = ex.conflict?.conflictWith.path ?? null;
  const hdm = layout.yOf(ex.layout.hdmStart, ex.layout.hdmEnd);
  const curStep = step >= 0 ? ex.fault.steps[step] : undefined;
  const hr = highlightRange(highlight, curStep);
  const hrY = hr ? layout.yOf(hr.start, hr.end) : null;
  const stepPath = curStep?.links?.resourcePath;
  const litDepth = hr ? Math.max(-1, ...layout.boxes.filter((x) => x.res.start <= hr.end && x.res.end >= hr.start).map((x) => x.depth)) : -1;
  return (
    <svg
      viewBox={`0 0 ${W} ${layout.height}`}
      width="100%"
      role="tree"
      aria-label="Resource tree, address-scaled"
      className="tree-svg"
    >
      {hdm && (
        <g className="hdm-band" aria-hidden="true">
          <rect x={AXIS - 6} y={hdm.y0} width={W - AXIS + 6} height={hdm.y1 - hdm.y0} />
          <text x={4} y={hdm.y0 + 12} className="hdm-label">HDM</text>
          <text x={4} y={hdm.y0 + 24} className="axis-label">{formatSize(ex.layout.hdmEnd - ex.layout.hdmStart + 1n)}</text>
        </g>
      )}
      {layout.ticks.map((t, i) => (
        <AxisTick key={`t${i}`} y={t.y} label={t.label} />
      ))}
      {layout.gaps.map((g, i) => (
        <Gap key={`g${i}`} depth={g.depth} y0={g.y0} y1={g.y1} size={g.size} colW={layout.colW} />
      ))}
      {hrY && <rect className="range-highlight" x={AXIS - 6} y={hrY.y0} width={W - AXIS + 6} height={hrY.y1 - hrY.y0} aria-hidden="true" />}
      {layout.boxes.map((b) => {
        const r = b.res;
        const key = b.path.join('/');
        const target = { kind: 'resource' as const, path: b.path };
        const lit =
          (highlight?.kind === 'resource' && samePath(highlight.path, b.path)) ||
          (stepPath !== undefined && samePath(stepPath, b.path)) ||
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

function useTreeLayout(ex: DiagramProps['ex'], compact: boolean) {
  return useMemo(
    () => layoutTree(ex.tree, { width: W, axisWidth: AXIS, focus: { start: ex.layout.hdmStart, end: ex.layout.hdmEnd }, unit: compact ? 5 : 7, minColumns: 4 }),
    [ex.tree, ex.layout.hdmStart, ex.layout.hdmEnd, compact],
  );
}

function ResourceTreeDiagramImpl({ ex, highlight, onHighlight, step, notes, onNoteTarget, selected, onSelect, compact, otherArch }: DiagramProps) {
  const isCompact = compact === true;
  const layout = useTreeLayout(ex, isCompact);
  const captionId = useId();
  const arch = ex.platform.arch;
  // Keep-alive per architecture, as in the fault diagram: the x86 and arm64 memory maps share few resources, so an
  // architecture switch would otherwise replace most boxes. The tree last shown for each architecture stays in the
  // page under content-visibility: hidden with the props it last had; page queries look inside the live wrapper,
  // [data-testid="tree-graph"].
  const liveProps: TreeSvgProps = { ex, highlight, step, notes, selected, compact: isCompact, onHighlight, onSelect, onNoteTarget };
  // Once the page is idle, the other architecture's tree for the same scenario is built hidden in advance, as the
  // fault graph is, so the first switch only brings it up to date instead of building every box.
  const prebuild = usePageIdle();
  const trees = useKeptAlive(arch, liveProps, (a) => (prebuild && otherArch ? { ...liveProps, ex: otherArch(a), step: -1, highlight: null } : undefined));

  const summary =
    `Resource tree after ${ex.design}: ${layout.boxes.length} resources. ` +
    (ex.conflict
      ? `${ex.conflict.fn} failed ${ex.conflict.errno}: ${conflictPhrase(ex.conflict)}.`
      : ex.ops.filter((o) => !/^(e820|request_standard|add_cxl|construct_region)/.test(o.fn)).map((o) => `${o.fn}: ${o.result}`).join(' '));

  return (
    <figure className="diagram tree-diagram" aria-labelledby={captionId}>
      {/* The summary names the figure (aria-labelledby reads hidden text). Hidden rather than visually clipped: a
          clipped caption is still laid out, and re-shaping this long line cost ~0.2 ms on every change. */}
      <figcaption id={captionId} hidden>{summary}</figcaption>
      <KeptAlive name="tree-graph" arch={arch} drawings={trees} draw={(p) => <TreeSvg {...p} />} />
      {!compact && (
        <div className="legend" aria-hidden="true">
          <span className="key busy">busy</span>
          <span className="key free">not busy</span>
          <span className="key new">created by the design</span>
          <span className="key conflict">conflict</span>
          <span className="key hdm">HDM range</span>
        </div>
      )}
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
