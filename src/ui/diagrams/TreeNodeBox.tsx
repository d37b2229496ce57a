/**
 * One resource of the tree: its box, and its name, range and size where they fit whole (treeLabels.ts); the full text
 * is its tooltip and accessible name.
 */
import { memo, useMemo } from 'react';
import { formatSize, hex } from '../../model/addr';
import type { NoteTarget } from '../../model/view-state';
import { activateKeys } from './common';
import { boxText, TREE_FONT, TREE_LINE } from './treeLabels';
import type { Highlight } from './types';
import { count } from '../../model/text/count';

export interface TreeNodeBoxProps {
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
  return name.length <= 4096 ? name : `${name.slice(0, 4096)}… (${count(name.length)} characters; the inspector shows it whole)`;
}

/**
 * One resource. Props are primitives, the path array of the layout (stable while the tree is) and stable callbacks,
 * so a highlight or a step redraws only the boxes whose state changed; the box's text and its accessible name are
 * worked out when its geometry or name changes, not on every render.
 */
function TreeNodeBoxImpl(p: TreeNodeBoxProps) {
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
}

/**
 * Equal props draw the same box. The path array is left out: a new layout (every change of the tree) makes new arrays
 * for the same paths, and pathKey already says whether the path is the same, so boxes that stay are not rendered again.
 */
function sameBox(a: TreeNodeBoxProps, b: TreeNodeBoxProps): boolean {
  for (const k of Object.keys(a) as (keyof TreeNodeBoxProps)[]) if (k !== 'path' && a[k] !== b[k]) return false;
  return true;
}

export const TreeNodeBox = memo(TreeNodeBoxImpl, sameBox);
