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
import { DESIGN_LABEL } from '../labels';
import { activateKeys, highlightRange, notesFor, samePath, sameTarget } from './common';
import { textWidth } from './text';
import { boxText, TREE_FONT, TREE_LINE } from './treeLabels';
import { axisWidthFor, layoutTree } from './treeLayout';
import type { DiagramProps, Highlight } from './types';
import type { NoteTarget } from '../../model/view-state';

/** The narrowest the drawing gets (its columns grow to fill it), and the narrowest a column gets. */
const MIN_W = 540;
const MIN_COL = 134;
/** Five columns: every built-in design nests the HDM range at most five deep, so boxes keep their place across designs. */
const MIN_COLUMNS = 5;
const AXIS_FONT = 9.5;

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
  decided: boolean;
  notes: number;
  onHighlight: (h: Highlight) => void;
  onSelect: ((t: NoteTarget) => void) | undefined;
  onNoteTarget: ((t: NoteTarget) => void) | undefined;
}

/** Full text of a name for a tooltip or an accessible name: a huge imported name is shortened there too, saying so. */
function fullName(name: string): string {
  return name.length <= 4096 ? name : `${name.slice(0, 4096)}… (${name.length.toLocaleString('en')} characters; the inspector shows it whole)`;
}

/**
 * One resource. Props are primitives, the path array of the layout (stable while the tree is) and stable callbacks,
 * so a highlight or a step redraws only the boxes whose state changed; the box's text and its accessible name are
 * worked out when its geometry or name changes, not on every render.
 */
const TreeNodeBox = memo(function TreeNodeBox(p: TreeNodeBoxProps) {
  const isConflict = p.conflict !== '';
  const target = useMemo((): NoteTarget => ({ kind: 'resource', path: p.path }), [p.path]);
  const cls = ['tree-node', p.busy ? 'busy' : 'free', isConflict ? 'conflict' : '', p.isNew ? 'new' : '', p.lit ? 'lit' : '', p.selected ? 'selected' : '', p.decided ? 'decided' : '', p.owner ? `owner-${p.owner}` : '']
    .filter(Boolean)
    .join(' ');
  const { text, aria, title } = useMemo(() => {
    const range: [string, string] = [hex(p.start), hex(p.end)];
    const size = formatSize(p.end - p.start + 1n);
    const name = fullName(p.name);
    const t = boxText({ name: p.name, range, size, errno: p.conflict, w: p.w, h: p.h });
    const details = `${name}, ${range[0]}-${range[1]}, ${size}, ${p.busy ? 'busy' : 'not busy'}${p.owner ? `, owner ${p.owner}` : ''}${isConflict ? `, conflict: ${p.conflict}` : ''}${p.isNew ? ', created by the design' : ''}`;
    // The accessible name starts with the text shown, line by line, so what is read matches what is seen.
    const shown = [...t.name, t.errno, ...t.sub].filter(Boolean).join(' ');
    return { text: t, aria: shown && !t.elided ? `${shown} — ${details}` : details, title: `${range[0]}-${range[1]} : ${name}\n${details}` };
  }, [p.name, p.start, p.end, p.w, p.h, p.busy, p.owner, p.conflict, p.isNew, isConflict]);
  const hover = () => p.onHighlight({ kind: 'resource', path: p.path });
  const fit = p.w - 10;
  // Baselines, top to bottom: the name's lines, the errno, the range and size.
  const base = (i: number, lh: number, f: number, from: number) => from + i * lh + lh / 2 + f * 0.35;
  const errTop = text.top + text.name.length * TREE_LINE.name;
  const subTop = errTop + (text.errno ? TREE_LINE.name : 0);
  return (
    <g
      className={cls}
      data-testid="tree-node"
      data-path={p.pathKey}
      data-busy={p.busy ? 'true' : 'false'}
      data-conflict={isConflict ? 'true' : undefined}
      data-new={p.isNew ? 'true' : undefined}
      data-lit={p.lit ? 'true' : undefined}
      data-decided={p.decided ? 'true' : undefined}
      data-elided={text.elided ? 'true' : undefined}
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
      <title>{title}</title>
      {/* Drawn at the origin and moved as a whole, like the fault-path boxes. */}
      <g transform={`translate(${p.x},${p.y})`}>
        <rect width={p.w} height={p.h} rx={2} />
        {/* One text per line, each ending in a space that layout drops, so the box's text reads "name range size" as
            its accessible name does (axe: label-content-name-mismatch). */}
        {text.name.map((l, i) => (
          <text key={`n${i}`} x={5} y={base(i, TREE_LINE.name, TREE_FONT.name, text.top)} className="node-label" aria-hidden="true" data-fit={fit}>{`${l} `}</text>
        ))}
        {text.errno && (
          <text x={5} y={base(0, TREE_LINE.name, TREE_FONT.name, errTop)} className="conflict-label" aria-hidden="true" data-fit={fit}>{`${text.errno} `}</text>
        )}
        {text.sub.map((l, i) => (
          <text key={`s${i}`} x={5} y={base(i, TREE_LINE.sub, TREE_FONT.sub, subTop)} className="node-sub" aria-hidden="true" data-fit={fit}>{`${l} `}</text>
        ))}
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
const AxisTick = memo(function AxisTick({ y, label, axis }: { y: number; label: string; axis: number }) {
  return (
    <g className="axis" aria-hidden="true">
      <line x1={axis - 6} x2={axis - 2} y1={y} y2={y} />
      <text x={axis - 8} y={y + 3} textAnchor="end" className="axis-label">{label}</text>
    </g>
  );
});

/** A gap: address space between top-level resources (depth < 0), or free space inside a parent. */
const Gap = memo(function Gap({ depth, y0, y1, size, colW, axis }: { depth: number; y0: number; y1: number; size: bigint; colW: number; axis: number }) {
  if (depth < 0) {
    return (
      <g className="gap" aria-hidden="true">
        <path d={`M${axis - 6},${(y0 + y1) / 2 - 2} l5,-3 l5,6 l5,-6 l5,6`} />
        <text x={axis + 26} y={(y0 + y1) / 2 + 3} className="gap-label">{`≈ ${formatSize(size)} not in iomem`}</text>
      </g>
    );
  }
  // Shown only when it fits whole.
  const label = `≈ ${formatSize(size)} free`;
  return (
    <g className="gap inner" aria-hidden="true">
      <rect x={axis + depth * colW} y={y0 + 1} width={Math.max(0, colW - 4)} height={Math.max(0, y1 - y0 - 2)} className="gap-fill" />
      {y1 - y0 >= 12 && textWidth(label, TREE_FONT.sub) <= colW - 12 && (
        <text x={axis + depth * colW + 5} y={(y0 + y1) / 2 + 3} className="gap-label">{label}</text>
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
  /** The resource that decided the verdict selected in the matrix (names from the root joined by "/"), or ''. */
  decidedPath: string;
  compact: boolean;
  onHighlight: (h: Highlight) => void;
  onSelect: ((t: NoteTarget) => void) | undefined;
  onNoteTarget: ((t: NoteTarget) => void) | undefined;
}

/** The tree's SVG for one explanation. Memoised: a kept-alive tree of the other architecture is not rendered again. */
const TreeSvg = memo(function TreeSvg({ ex, highlight, step, notes, selected, decidedPath, compact, onHighlight, onSelect, onNoteTarget }: TreeSvgProps) {
  const layout = useTreeLayout(ex, compact);
  const axis = layout.width - layout.columns * layout.colW;
  const W = layout.width;
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

function useTreeLayout(ex: DiagramProps['ex'], compact: boolean) {
  return useMemo(() => {
    const focus = { start: ex.layout.hdmStart, end: ex.layout.hdmEnd };
    return layoutTree(ex.tree, { width: MIN_W, axisWidth: axisWidthFor(ex.tree, focus, AXIS_FONT), focus, unit: compact ? 5 : 7, minColumns: MIN_COLUMNS, minColW: MIN_COL });
  }, [ex.tree, ex.layout.hdmStart, ex.layout.hdmEnd, compact]);
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
  const liveProps: TreeSvgProps = { ex, highlight, step, notes, selected, decidedPath, compact: isCompact, onHighlight, onSelect, onNoteTarget };
  // Once the page is idle, the other architecture's tree for the same scenario is built hidden in advance, as the
  // fault graph is, so the first switch only brings it up to date instead of building every box.
  const prebuild = usePageIdle();
  const trees = useKeptAlive(arch, liveProps, (a) => (prebuild && otherArch ? { ...liveProps, ex: otherArch(a), step: -1, highlight: null, decidedPath: '' } : undefined));

  const summary =
    `Resource tree after ${DESIGN_LABEL[ex.design]}: ${layout.boxes.length} resources. ` +
    (ex.conflict
      ? `${ex.conflict.fn} failed ${ex.conflict.errno}: "${ex.conflict.conflictWith.name}" is busy.`
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
