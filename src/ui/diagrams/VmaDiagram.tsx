/**
 * The VMA the VMM maps and hands to KVM as a memslot: range, vm_flags (smaps letters with flag names), pgprot cache
 * mode, vm_ops, and the host page-table walk down to the leaves (special PFN or struct page). Drawn from ex.vma, laid
 * out by vmaLayout.ts with every text whole.
 *
 * Kept alive per architecture, as the fault graph and the resource tree are (KeptAlive): the host page-table walk and
 * the leaves differ between x86-64 and arm64, so an architecture switch would otherwise lay out and paint the whole
 * drawing again. The live one is inside `[data-testid="vma-graph"]`; page queries look there.
 */
import { memo, useId, useMemo, type ReactNode } from 'react';
import { hex } from '../../model/addr';
import type { Explanation } from '../../model/explain-types';
import type { NoteTarget, ReviewNote } from '../../model/view-state';
import { useKeptAlive } from '../hooks/useKeptAlive';
import { activateKeys, notesFor, sameTarget } from './common';
import { KeptAlive } from './KeptAlive';
import type { DiagramProps, Highlight, Observed } from './types';
import { chipText, layoutVma, VMA_FONT, VMA_LINE, VMA_TEXT, type Chip as ChipLayout, type VmaSection, type WalkBox } from './vmaLayout';

const { PAD, SMALL, SMALL_LINE, TITLE_TOP } = VMA_TEXT;
const base = (top: number, i: number, lh: number, f: number) => top + i * lh + lh / 2 + f * 0.35;

/** What every section needs from the drawing's props. */
interface SectionCtx {
  notes: ReviewNote[] | undefined;
  selected: NoteTarget | null | undefined;
  onSelect: ((t: NoteTarget) => void) | undefined;
  onNoteTarget: ((t: NoteTarget) => void) | undefined;
  cacheable: boolean;
}

function Section({ s, width, children, props, decided }: { s: VmaSection; width: number; children?: ReactNode; props: SectionCtx; decided: boolean }) {
  const target: NoteTarget = { kind: 'vma', part: s.part };
  const n = notesFor(props.notes, target).length;
  return (
    <g
      className={`vma-part ${sameTarget(props.selected, target) ? 'selected' : ''} ${decided ? 'decided' : ''}`}
      data-testid={`vma-${s.part}`}
      data-decided={decided ? 'true' : undefined}
      tabIndex={0}
      role="group"
      aria-label={s.title.join(' ')}
      onClick={() => props.onSelect?.(target)}
      onKeyDown={(e) => activateKeys(e, () => props.onSelect?.(target), props.onNoteTarget ? () => props.onNoteTarget!(target) : undefined)}
      transform={`translate(0,${s.y})`}
    >
      {/* Children are drawn in the section's own coordinates: when a section above grows, this one moves with one
          attribute and none of its text is laid out again. */}
      <rect className="vma-part-bg" x={2} y={0} width={width - 4} height={s.h} rx={4} />
      <text className="part-title" data-fit={width - 2 * PAD - 20}>
        {s.title.map((l, i) => (
          <tspan key={i} x={PAD} y={base(TITLE_TOP, i, VMA_LINE, VMA_FONT)}>{l}</tspan>
        ))}
      </text>
      {s.lines.length > 0 && (
        <text className={`mono part-lines ${s.part === 'pgprot' ? (props.cacheable ? 'ok' : 'warn') : ''}`} data-fit={width - 2 * PAD} data-testid={s.part === 'vm_ops' ? 'vma-handler' : undefined}>
          {s.lines.map((l, i) => (
            <tspan key={i} x={s.part === 'vm_ops' ? PAD + 8 : PAD} y={base(s.top, i, VMA_LINE, VMA_FONT)}>{l}</tspan>
          ))}
        </text>
      )}
      {n > 0 && (
        <g className="note-badge" aria-label={`${n} review note${n > 1 ? 's' : ''}`}>
          <circle cx={width - 14} cy={11} r={6} />
          <text x={width - 14} y={14} textAnchor="middle">{n}</text>
        </g>
      )}
      {children}
    </g>
  );
}

/** One vm_flags chip, in its own coordinates. Memoised on primitives: a chip that stays is not rendered again. */
const Chip = memo(function Chip({ x, y, w, label, name, verified, state }: ChipLayout) {
  return (
    <g className={`chip ${verified ? '' : 'unverified'} chip-${state}`} data-testid="vma-flag" data-flag={name} data-mnemonic={label} data-state={state} transform={`translate(${x},${y})`}>
      <title>{`${label} = ${name}${label === '??' ? ' (no mnemonic in show_smap_vma_flags(): smaps prints the table\'s default ??)' : ''}${verified ? '' : ' (unverified)'}${state === 'model' ? ' — expected by the model, not in your smaps' : state === 'observed' ? ' — in your smaps, not expected by the model' : ''}`}</title>
      <rect width={w} height={19} rx={9} />
      <text x={7} y={13.5} className="chip-text" data-fit={w - 14}>
        <tspan className="mnemonic">{label}</tspan>
        {chipText({ label: '', name, verified })}
      </text>
    </g>
  );
});

/** One level of the host page-table walk. */
const WalkLevel = memo(function WalkLevel({ b, top, h, lit, entry }: { b: WalkBox; top: number; h: number; lit: boolean; entry: string }) {
  return (
    <g className={`walk-level ${b.kind} ${lit ? 'lit' : ''}`} data-testid={`walk-${b.level}`}>
      <title>{b.kind !== 'unused' ? `${b.level}: ${entry}` : `${b.level}: not reached (the leaf is higher)`}</title>
      <rect x={b.x} y={top} width={b.w} height={h} rx={3} />
      <text x={b.x + 6} y={top + 14} className="walk-level-name">{b.level}</text>
      <text className="walk-entry" data-fit={b.w - 10}>
        {b.lines.map((l, i) => (
          <tspan key={i} x={b.x + 6} y={base(top + 18, i, SMALL_LINE, SMALL)}>{l}</tspan>
        ))}
      </text>
    </g>
  );
});

/** One leaf around the faulting address; hovering it highlights the host physical range it maps. */
const LeafRow = memo(function LeafRow({ y, h, width, lines, special, lit, pfn, size, onHighlight }: { y: number; h: number; width: number; lines: string[]; special: boolean; lit: boolean; pfn: bigint; size: string; onHighlight: DiagramProps['onHighlight'] }) {
  return (
    <g
      className={`leaf ${special ? 'special' : 'page'} ${lit ? 'lit' : ''}`}
      data-testid="vma-leaf"
      data-lit={lit ? 'true' : undefined}
      onMouseEnter={() => onHighlight({ kind: 'range', start: pfn << 12n, end: (pfn << 12n) + (size === '4K' ? 0xfffn : size === '2M' ? 0x1fffffn : 0x3fffffffn) })}
      onMouseLeave={() => onHighlight(null)}
    >
      <rect x={PAD} y={y} width={width - 2 * PAD} height={h} rx={3} />
      <text className="mono" data-fit={width - 2 * PAD - 12}>
        {lines.map((l, i) => (
          <tspan key={i} x={PAD + 6} y={base(y + 3, i, VMA_LINE, VMA_FONT)}>{l}</tspan>
        ))}
      </text>
    </g>
  );
});

type Vma = Explanation['vma'];

/** Everything one VMA drawing depends on: primitives and stable callbacks, so a kept drawing is not rendered again. */
interface VmaSvgProps {
  vma: Vma;
  observedFlags: Observed['vmFlags'];
  notes: ReviewNote[] | undefined;
  selected: NoteTarget | null | undefined;
  onSelect: ((t: NoteTarget) => void) | undefined;
  onNoteTarget: ((t: NoteTarget) => void) | undefined;
  onHighlight: DiagramProps['onHighlight'];
  highlight: Highlight;
  /** The section that decided the selected verdict ('leaves', 'range' or ''). */
  decidedPart: string;
  /** The current fault step lights the leaf. */
  leafLit: boolean;
  /** The pfn of the current fault step, if it names one. */
  faultPfn: bigint | undefined;
}

const VmaSvg = memo(function VmaSvg({ vma, observedFlags, notes, selected, onSelect, onNoteTarget, onHighlight, highlight, decidedPart, leafLit, faultPfn }: VmaSvgProps) {
  const l = useMemo(() => (vma.kind === 'none' ? null : layoutVma(vma, observedFlags)), [vma, observedFlags]);
  if (vma.kind === 'none' || !l) return <p className="vma-none" data-testid="vma-none">{vma.notes.join(' ')}</p>;
  const ctx: SectionCtx = { notes, selected, onSelect, onNoteTarget, cacheable: vma.pgprot.cacheable };
  const sec = (p: string) => l.sections.find((s) => s.part === p)!;
  const walk = sec('walk');
  const leaves = sec('leaves');
  return (
    <svg viewBox={`0 0 ${l.width} ${l.height}`} width="100%" style={{ maxWidth: Math.round(l.width * 1.25) }} className="vma-svg" role="group" aria-label="VMA" data-natural-width={l.width}>
      <Section s={sec('range')} width={l.width} props={ctx} decided={decidedPart === 'range'} />
      <Section s={sec('flags')} width={l.width} props={ctx} decided={false}>
        {l.chips.map((ch) => (
          <Chip key={`${ch.label}-${ch.name}`} {...ch} />
        ))}
      </Section>
      <Section s={sec('pgprot')} width={l.width} props={ctx} decided={false} />
      <Section s={sec('vm_ops')} width={l.width} props={ctx} decided={false} />
      <Section s={walk} width={l.width} props={ctx} decided={false}>
        {l.walk.map((b) => {
          const w = vma.walk.find((x) => x.level === b.level);
          return <WalkLevel key={b.level} b={b} top={walk.top} h={l.walkH} lit={b.kind === 'leaf' && leafLit} entry={w?.entry ?? ''} />;
        })}
      </Section>
      <Section s={leaves} width={l.width} props={ctx} decided={decidedPart === 'leaves'}>
        {l.leaves.map((r) => {
          const lf = r.leaf;
          const isFault = faultPfn !== undefined ? lf.pfn <= faultPfn && faultPfn < lf.pfn + (lf.size === '4K' ? 1n : lf.size === '2M' ? 512n : 262144n) : false;
          const lit = (leafLit && isFault) || (highlight?.kind === 'vma-leaf' && highlight.hva === lf.hva);
          return <LeafRow key={lf.hva.toString()} y={r.y} h={r.h} width={l.width} lines={r.lines} special={lf.special} lit={lit} pfn={lf.pfn} size={lf.size} onHighlight={onHighlight} />;
        })}
      </Section>
    </svg>
  );
});

function VmaDiagramImpl({ ex, step, highlight, onHighlight, observed, compact, decided, notes, selected, onSelect, onNoteTarget, otherArch }: DiagramProps) {
  const vma = ex.vma;
  const captionId = useId();
  const cur = step >= 0 ? ex.fault.steps[step] : undefined;
  const live: VmaSvgProps = {
    vma,
    observedFlags: observed?.vmFlags,
    notes,
    selected,
    onSelect,
    onNoteTarget,
    onHighlight,
    highlight,
    decidedPart: decided?.vmaLeaf ? 'leaves' : decided?.vma ? 'range' : '',
    leafLit: cur?.links?.vmaLeaf === true,
    faultPfn: cur?.links?.pfn,
  };
  // Once the page is idle after the scenario changed, the other architecture's VMA for it is built hidden in advance,
  // as the fault graph and the tree are, so a switch only brings it up to date.
  const drawings = useKeptAlive(ex.platform.arch, live, (a) => (otherArch ? { ...live, vma: otherArch(a).vma, highlight: null, decidedPart: '', leafLit: false, faultPfn: undefined } : undefined), ex);
  const summary =
    vma.kind === 'none'
      ? 'No VMA'
      : `VMA ${vma.kind} 0x${hex(vma.vmStart)}-0x${hex(vma.vmEnd)}, VmFlags ${vma.smaps}, pgprot ${vma.pgprot.cacheMode}, ${vma.vmOps ? `vm_ops ${vma.vmOps.name}` : 'no vm_ops'}, leaves ${vma.maxLeaf} ${vma.leaves[0]?.special ? 'special (no struct page)' : 'struct pages'}.`;
  return (
    <figure className="diagram vma-diagram" aria-labelledby={captionId}>
      {/* The summary names the figure (aria-labelledby reads hidden text). Hidden rather than visually clipped: a
          clipped caption is still laid out, and re-shaping this long line cost ~0.2 ms on every change. */}
      <figcaption id={captionId} hidden={vma.kind !== 'none'}>{summary}</figcaption>
      <KeptAlive name="vma-graph" arch={ex.platform.arch} drawings={drawings} draw={(p) => <VmaSvg {...p} />} />
      {!compact && vma.kind !== 'none' && vma.notes.length > 0 && (
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
