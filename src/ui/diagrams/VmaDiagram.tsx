/**
 * The VMA the VMM maps and hands to KVM as a memslot: range, vm_flags (smaps letters with flag names), pgprot cache
 * mode, vm_ops, and the host page-table walk down to the leaves (special PFN or struct page). Drawn from ex.vma.
 */
import { memo, useId, useMemo } from 'react';
import { leafWhat } from '../../model/vma/leafText';
import { formatSize, hex } from '../../model/addr';
import type { VmaModel } from '../../model/explain-types';
import { activateKeys, clip, notesFor, sameTarget } from './common';
import type { DiagramProps } from './types';

const W = 540;

type Part = 'range' | 'flags' | 'pgprot' | 'vm_ops' | 'walk' | 'leaves';

function Section({ part, y, h, title, children, props }: { part: Part; y: number; h: number; title: string; children: React.ReactNode; props: DiagramProps }) {
  const target = { kind: 'vma' as const, part };
  const n = notesFor(props.notes, target).length;
  return (
    <g
      className={`vma-part ${sameTarget(props.selected, target) ? 'selected' : ''}`}
      data-testid={`vma-${part}`}
      tabIndex={0}
      role="group"
      aria-label={title}
      onClick={() => props.onSelect?.(target)}
      onKeyDown={(e) => activateKeys(e, () => props.onSelect?.(target), props.onNoteTarget ? () => props.onNoteTarget!(target) : undefined)}
      transform={`translate(0,${y})`}
    >
      {/* Children are drawn in the section's own coordinates: when a section above grows, this one moves with one
          attribute and none of its text is laid out again. */}
      <rect className="vma-part-bg" x={2} y={0} width={W - 4} height={h} rx={4} />
      <text x={10} y={15} className="part-title">{title}</text>
      {n > 0 && (
        <g className="note-badge" aria-label={`${n} review note${n > 1 ? 's' : ''}`}>
          <circle cx={W - 14} cy={11} r={6} />
          <text x={W - 14} y={14} textAnchor="middle">{n}</text>
        </g>
      )}
      {children}
    </g>
  );
}

function chips(vma: VmaModel, observed: string[] | undefined) {
  const out: { x: number; y: number; w: number; label: string; name: string; verified: boolean; state: 'both' | 'model' | 'observed' }[] = [];
  let x = 10;
  let y = 24;
  const add = (label: string, name: string, verified: boolean, state: 'both' | 'model' | 'observed') => {
    const w = 18 + label.length * 8 + (name.length + (verified ? 0 : 2)) * 7.7;
    if (x + w > W - 10) {
      x = 10;
      y += 24;
    }
    out.push({ x, y, w, label, name, verified, state });
    x += w + 6;
  };
  const seen = new Set(observed ?? []);
  for (const f of vma.flags) add(f.mnemonic, f.name, f.verified, observed ? (seen.has(f.mnemonic) ? 'both' : 'model') : 'both');
  if (observed) for (const m of observed) if (!vma.flags.some((f) => f.mnemonic === m)) add(m, 'seen only', true, 'observed');
  return { chips: out, height: y + 24 };
}

/** One vm_flags chip, in its own coordinates. Memoised on primitives: a chip that stays is not rendered again. */
const Chip = memo(function Chip({ x, y, w, label, name, verified, state }: { x: number; y: number; w: number; label: string; name: string; verified: boolean; state: 'both' | 'model' | 'observed' }) {
  return (
    <g className={`chip ${verified ? '' : 'unverified'} chip-${state}`} data-testid="vma-flag" data-flag={name} data-mnemonic={label} data-state={state} transform={`translate(${x},${y})`}>
      <title>{`${label} = ${name}${label === '??' ? ' (no mnemonic in show_smap_vma_flags(): smaps prints the table\'s default ??)' : ''}${verified ? '' : ' (unverified)'}${state === 'model' ? ' — expected by the model, not in your smaps' : state === 'observed' ? ' — in your smaps, not expected by the model' : ''}`}</title>
      {/* In the chip's own coordinates: a chip that moves because a flag before it changed keeps its text. */}
      <rect width={w} height={19} rx={9} />
      <text x={7} y={13.5} className="chip-text">
        <tspan className="mnemonic">{label}</tspan> {name}
        {verified ? '' : ' ?'}
      </text>
    </g>
  );
});

/** One level of the host page-table walk. `entry` is '' when the walk does not reach the level. */
const WalkLevel = memo(function WalkLevel({ lvl, x, w, kind, lit, entry, leafLabel }: { lvl: string; x: number; w: number; kind: 'leaf' | 'table' | 'unused'; lit: boolean; entry: string; leafLabel: string }) {
  return (
    <g className={`walk-level ${kind} ${lit ? 'lit' : ''}`} data-testid={`walk-${lvl}`}>
      <title>{kind !== 'unused' ? `${lvl}: ${entry}` : `${lvl}: not reached (the leaf is higher)`}</title>
      <rect x={x} y={22} width={w} height={30} rx={3} />
      <text x={x + 6} y={35} className="walk-level-name">{lvl}</text>
      <text x={x + 6} y={48} className="walk-entry">{clip(kind === 'leaf' ? leafLabel : kind === 'table' ? entry : '—', w - 10, 5.6)}</text>
    </g>
  );
});

/** One leaf around the faulting address; hovering it highlights the host physical range it maps. */
const LeafRow = memo(function LeafRow({ i, special, lit, pfn, size, text, onHighlight }: { i: number; special: boolean; lit: boolean; pfn: bigint; size: string; text: string; onHighlight: DiagramProps['onHighlight'] }) {
  return (
    <g
      className={`leaf ${special ? 'special' : 'page'} ${lit ? 'lit' : ''}`}
      data-testid="vma-leaf"
      data-lit={lit ? 'true' : undefined}
      onMouseEnter={() => onHighlight({ kind: 'range', start: pfn << 12n, end: (pfn << 12n) + (size === '4K' ? 0xfffn : size === '2M' ? 0x1fffffn : 0x3fffffffn) })}
      onMouseLeave={() => onHighlight(null)}
    >
      <rect x={10} y={22 + i * 22} width={W - 30} height={18} rx={3} />
      <text x={16} y={35 + i * 22} className="mono">
        {clip(text, W - 44, 6.7)}
      </text>
    </g>
  );
});

function VmaDiagramImpl(props: DiagramProps) {
  const { ex, step, highlight, onHighlight, observed, compact } = props;
  const vma = ex.vma;
  const captionId = useId();
  const cur = step >= 0 ? ex.fault.steps[step] : undefined;
  const leafLit = cur?.links?.vmaLeaf === true;
  const c = useMemo(() => chips(vma, observed?.vmFlags?.mnemonics), [vma, observed?.vmFlags?.mnemonics]);

  if (vma.kind === 'none') {
    return (
      <figure className="diagram vma-diagram" aria-labelledby={captionId}>
        <figcaption id={captionId}>No VMA</figcaption>
        <p className="vma-none" data-testid="vma-none">{vma.notes.join(' ')}</p>
      </figure>
    );
  }

  const summary = `VMA ${vma.kind} 0x${hex(vma.vmStart)}-0x${hex(vma.vmEnd)}, VmFlags ${vma.smaps}, pgprot ${vma.pgprot.cacheMode}, ${vma.vmOps ? `vm_ops ${vma.vmOps.name}` : 'no vm_ops'}, leaves ${vma.maxLeaf} ${vma.leaves[0]?.special ? 'special (no struct page)' : 'struct pages'}.`;
  let y = 4;
  const rangeY = y;
  y += 44;
  const flagsY = y;
  const flagsH = c.height + 4;
  y += flagsH + 6;
  const protY = y;
  y += 44;
  const opsY = y;
  const opsH = vma.vmOps ? 26 + vma.vmOps.handlers.length * 16 : 34;
  y += opsH + 6;
  const walkY = y;
  y += 64;
  const leavesY = y;
  const leavesH = 26 + vma.leaves.length * 22;
  y += leavesH + 6;
  const height = y;
  const levelW = (W - 40) / 5;

  return (
    <figure className="diagram vma-diagram" aria-labelledby={captionId}>
      {/* The summary names the figure (aria-labelledby reads hidden text). Hidden rather than visually clipped: a
          clipped caption is still laid out, and re-shaping this long line cost ~0.2 ms on every change. */}
      <figcaption id={captionId} hidden>{summary}</figcaption>
      <svg viewBox={`0 0 ${W} ${height}`} width="100%" className="vma-svg" role="group" aria-label="VMA">
        <Section part="range" y={rangeY} h={40} title={`VMA: ${vma.kind === 'vfio-region' ? 'VFIO region mmap (PFNMAP)' : 'page-backed guest RAM'}`} props={props}>
          <text x={10} y={33} className="mono">
            {`vm_start 0x${hex(vma.vmStart)}  vm_end 0x${hex(vma.vmEnd)}  (${formatSize(vma.vmEnd - vma.vmStart)})  vm_pgoff 0x${hex(vma.vmPgoff)}`}
          </text>
        </Section>
        <Section part="flags" y={flagsY} h={flagsH} title={`vm_flags — smaps "VmFlags: ${vma.smaps}"${observed?.vmFlags ? ` vs ${observed.vmFlags.label}` : ''}`} props={props}>
          {c.chips.map((ch) => (
            <Chip key={`${ch.label}-${ch.name}`} x={ch.x} y={ch.y} w={ch.w} label={ch.label} name={ch.name} verified={ch.verified} state={ch.state} />
          ))}
        </Section>
        <Section part="pgprot" y={protY} h={40} title="pgprot (host PTE cache mode)" props={props}>
          <text x={10} y={33} className={`mono ${vma.pgprot.cacheable ? 'ok' : 'warn'}`}>
            {clip(`${vma.pgprot.cacheMode} — ${vma.pgprot.origin}`, W - 20, 6.7)}
          </text>
        </Section>
        <Section part="vm_ops" y={opsY} h={opsH} title={vma.vmOps ? `vm_ops: ${vma.vmOps.name}` : vma.populatedAtMmap ? 'vm_ops: none (remap_pfn_range() filled the PTEs at mmap time)' : 'vm_ops: none (anonymous memory, mm faults pages in)'} props={props}>
          {vma.vmOps?.handlers.map((h, i) => (
            <text key={h.name} x={18} y={32 + i * 16} className="mono" data-testid="vma-handler">
              {clip(`.${h.name} = ${h.fn}`, W - 30, 6.7)}
            </text>
          ))}
        </Section>
        <Section part="walk" y={walkY} h={58} title="host page-table walk" props={props}>
          {(['PGD', 'P4D', 'PUD', 'PMD', 'PTE'] as const).map((lvl, i) => {
            const w = vma.walk.find((x) => x.level === lvl);
            const x = 10 + i * (levelW + 5);
            return <WalkLevel key={lvl} lvl={lvl} x={x} w={levelW} kind={w ? (w.leaf ? 'leaf' : 'table') : 'unused'} lit={!!w?.leaf && leafLit} entry={w ? w.entry : ''} leafLabel={`leaf ${vma.maxLeaf}`} />;
          })}
        </Section>
        <Section part="leaves" y={leavesY} h={leavesH} title={`leaves around the faulting address (max ${vma.maxLeaf})`} props={props}>
          {vma.leaves.map((l, i) => {
            const isFault = cur?.links?.pfn !== undefined ? l.pfn <= cur.links.pfn && cur.links.pfn < l.pfn + (l.size === '4K' ? 1n : l.size === '2M' ? 512n : 262144n) : false;
            const lit = (leafLit && isFault) || (highlight?.kind === 'vma-leaf' && highlight.hva === l.hva);
            return (
              <LeafRow
                key={l.hva.toString()}
                i={i}
                special={l.special}
                lit={lit}
                pfn={l.pfn}
                size={l.size}
                text={`${l.size} hva 0x${hex(l.hva)} → pfn 0x${hex(l.pfn)} · ${leafWhat(l)}`}
                onHighlight={onHighlight}
              />
            );
          })}
        </Section>
      </svg>
      {!compact && vma.notes.length > 0 && (
        <ul className="vma-notes">
          {vma.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </figure>
  );
}

export const VmaDiagram = memo(VmaDiagramImpl);
