/**
 * Plain text for a plain-text mail: every line at most 80 columns, sources as numbered footnotes, review notes
 * quoted ("> ") right after what they point at. `cli explain --format text` and the UI's "copy as text" print this.
 */
import { formatSize, hex } from '../addr';
import type { Explanation, Verdict } from '../explain-types';
import { walk } from '../resource/tree';
import { leafWhat } from '../vma/leafText';
import { describeResult } from './result';
import type { DesignId } from '../scenario';
import { DESIGNS } from '../scenario';
import { getSource } from '../sources';
import { SOURCE_NOTES } from '../sources/notes';
import { sourceLabel, sourceLinkNote, sourceUrlOf } from '../source-links';
import type { NoteTarget, ReviewNote } from '../view-state';
import { exportStamp } from '../version';
import { DESIGN_LABEL } from './designLabels';
import { appliedLines, fit, headerLines, platformLines, wrap, WIDTH } from './header';

export { wrap, WIDTH };

export { DESIGN_LABEL };

export interface RenderOptions {
  notes?: ReviewNote[];
  /** Which sections to print (default all). */
  sections?: ('header' | 'tree' | 'vma' | 'fault' | 'verdicts' | 'sources')[];
}

class Footnotes {
  readonly order: string[] = [];
  ref(ids: readonly string[]): string {
    const nums = ids.map((id) => {
      let i = this.order.indexOf(id);
      if (i < 0) {
        this.order.push(id);
        i = this.order.length - 1;
      }
      return i + 1;
    });
    return nums.length ? `[${[...new Set(nums)].join(',')}]` : '';
  }
}

function sameTarget(a: NoteTarget, b: NoteTarget): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'resource':
      return b.kind === 'resource' && a.path.join('/') === b.path.join('/');
    case 'step':
      return b.kind === 'step' && a.nodeId === b.nodeId;
    case 'verdict':
      return b.kind === 'verdict' && a.design === b.design && a.verdict === b.verdict;
    case 'vma':
      return b.kind === 'vma' && a.part === b.part;
  }
}

/** Review notes for one rendering: each is quoted beside its target; the rest are listed as unplaced at the end. */
class Notes {
  private readonly placed = new Set<ReviewNote>();
  constructor(readonly all: readonly ReviewNote[]) {}
  quote(t: NoteTarget, out: string[]): void {
    for (const n of this.all) {
      if (!sameTarget(n.target, t)) continue;
      this.placed.add(n);
      const who = n.author ? `${n.author}: ` : 'review: ';
      for (const l of wrap(who + n.text, WIDTH, '> ', '> ')) out.push(l);
    }
  }
  unplaced(): ReviewNote[] {
    return this.all.filter((n) => !this.placed.has(n));
  }
}


function treeLines(ex: Explanation, fn: Footnotes, notes: Notes, out: string[]): void {
  out.push('== Resource tree (/proc/iomem after the design ran) ==');
  const lines = ex.iomem.split('\n').filter(Boolean);
  const conflictPath = ex.conflict?.conflictWith.path.join('/');
  const newPaths = new Set(ex.ops.filter((o) => o.ok && o.resourcePath).map((o) => o.resourcePath!.join('/')));
  let i = 0;
  walk(ex.tree, (r) => {
    if (!r.parent) return;
    const path: string[] = [];
    for (let x: typeof r | null = r; x && x.parent; x = x.parent) path.unshift(x.name ?? '<BAD>');
    const key = path.join('/');
    let mark = '';
    if (key === conflictPath) mark = `  <-- ${ex.conflict!.errno} (busy)`;
    else if (r.owner && ['vfio', 'kmem', 'mm'].includes(r.owner) && newPaths.has(key)) mark = '  <-- new';
    const text = lines[i++] ?? '';
    out.push(fit(text + mark));
    notes.quote({ kind: 'resource', path }, out);
  });
  out.push('');
  out.push('Operations:');
  ex.ops.forEach((op, k) => {
    const head = `${k + 1}. ${op.fn}${op.args ? ` ${op.args}` : ''} ${fn.ref(op.sources)}`;
    for (const l of wrap(head, WIDTH, '     ', ' ')) out.push(l);
    for (const l of wrap(`${op.ok ? '' : 'FAILED: '}${op.result}`, WIDTH, '     ', '     ')) out.push(l);
  });
  if (ex.conflict) {
    const c = ex.conflict;
    for (const l of wrap(
      `Conflict: ${c.fn} ${c.errno} on "${c.conflictWith.name}" ${hex(c.conflictWith.start)}-${hex(c.conflictWith.end)} ${fn.ref(c.sources)}`,
    )) out.push(l);
  }
  for (const w of ex.warnings) for (const l of wrap(`Note: ${w}`, WIDTH, '      ')) out.push(l);
}

function vmaLines(ex: Explanation, fn: Footnotes, notes: Notes, out: string[]): void {
  const v = ex.vma;
  out.push('== VMA (the VMM mapping that becomes the memslot) ==');
  if (v.kind === 'none') {
    for (const n of v.notes) for (const l of wrap(n)) out.push(l);
    return;
  }
  for (const l of wrap(`${v.kind} vm_start 0x${hex(v.vmStart)} vm_end 0x${hex(v.vmEnd)} (${formatSize(v.vmEnd - v.vmStart)}) ${fn.ref(v.sources)}`, WIDTH, '  ', '')) out.push(l);
  out.push(fit(`vm_pgoff 0x${hex(v.vmPgoff)}`));
  for (const l of wrap(`VmFlags: ${v.smaps}`)) out.push(l);
  for (const l of wrap(v.flags.map((f) => `${f.mnemonic}=${f.name}${f.verified ? '' : ' (unverified)'}`).join(' '), WIDTH, '  ', '  ')) out.push(l);
  notes.quote({ kind: 'vma', part: 'flags' }, out);
  for (const l of wrap(`pgprot: ${v.pgprot.cacheMode}${v.pgprot.cacheMode.includes(v.pgprot.origin) ? '' : `; from ${v.pgprot.origin}`}`, WIDTH, '  ', '')) out.push(l);
  notes.quote({ kind: 'vma', part: 'pgprot' }, out);
  if (v.vmOps) {
    for (const l of wrap(`vm_ops: ${v.vmOps.name} { ${v.vmOps.handlers.map((h) => `.${h.name} = ${h.fn}`).join(', ')} }`, WIDTH, '  ', '')) out.push(l);
  } else out.push(v.populatedAtMmap ? 'vm_ops: none (remap_pfn_range() filled the PTEs at mmap time)' : 'vm_ops: none (anonymous memory)');
  notes.quote({ kind: 'vma', part: 'vm_ops' }, out);
  out.push(fit(`walk: ${v.walk.map((w) => `${w.level}${w.leaf ? '*' : ''}`).join(' -> ')}`));
  const leaf = v.walk.find((w) => w.leaf);
  if (leaf) out.push(fit(`  ${leaf.level}: ${leaf.entry}`));
  for (const lf of v.leaves) {
    for (const l of wrap(`${lf.size} leaf hva 0x${hex(lf.hva)} -> pfn 0x${hex(lf.pfn)} (${leafWhat(lf)})`, WIDTH, '    ', '  ')) out.push(l);
  }
  notes.quote({ kind: 'vma', part: 'leaves' }, out);
  for (const n of v.notes) for (const l of wrap(`Note: ${n}`, WIDTH, '      ')) out.push(l);
}

function faultLines(ex: Explanation, fn: Footnotes, notes: Notes, out: string[]): void {
  const arch = ex.fault.arch === 'arm64' ? 'arm64, stage-2' : ex.platform.vendor === 'amd' ? 'x86-64, AMD NPT' : 'x86-64, Intel EPT';
  out.push(`== KVM fault path (${arch}) ==`);
  if (ex.fault.steps.length === 0) out.push('(KVM is never reached)');
  ex.fault.steps.forEach((s, k) => {
    const mark = s.verified ? '' : ' (unverified)';
    for (const l of wrap(`${s.label}${mark} ${fn.ref(s.sources)}`, WIDTH, '      ', `${String(k + 1).padStart(2)}. `)) out.push(l);
    out.push(fit(`      ${s.file}`));
    if (s.decision) {
      for (const l of wrap(`? ${s.decision.test}: ${s.decision.value}${s.decision.taken ? ` => ${s.decision.taken}` : ''}`, WIDTH, '        ', '      ')) out.push(l);
    }
    if (s.detail) for (const l of wrap(s.detail, WIDTH, '      ', '      ')) out.push(l);
    notes.quote({ kind: 'step', nodeId: s.nodeId }, out);
  });
  const r = ex.fault.result;
  for (const l of wrap(`Result: ${describeResult(r)}`, WIDTH, '        ', '')) out.push(l);
}

function verdictLines(ex: Explanation, fn: Footnotes, notes: Notes, out: string[]): void {
  out.push('== Verdicts ==');
  const icon: Record<Verdict['status'], string> = { good: '[ok]', bad: '[!!]', partial: '[~~]', 'n/a': '[--]' };
  for (const v of ex.verdicts) {
    for (const l of wrap(`${icon[v.status]} ${v.label}: ${v.short}${v.verified ? '' : ' (unverified)'} ${fn.ref(v.sources)}`, WIDTH, '     ', '')) out.push(l);
    for (const l of wrap(v.detail, WIDTH, '     ', '     ')) out.push(l);
    notes.quote({ kind: 'verdict', design: ex.design, verdict: v.id }, out);
  }
}

/**
 * The footnote list: each source's citation wrapped to 80 columns, then its URL whole on a line of its own (a mail
 * client that wraps lines never splits it; a URL longer than the line is the only line past 80 columns), then where
 * the link goes when the cited version has no release tag, then the source's note.
 */
export function footnoteLines(order: string[]): string[] {
  const out: string[] = ['== Sources =='];
  order.forEach((id, k) => {
    const s = getSource(id);
    const tag = s.verified ? '' : ' [UNVERIFIED]';
    for (const l of wrap(`[${k + 1}] ${sourceLabel(s)}${tag}`, WIDTH, '    ', '')) out.push(l);
    const url = sourceUrlOf(id, s);
    if (url) out.push(`    ${url}`);
    const where = sourceLinkNote(s);
    if (where) for (const l of wrap(`(${where})`, WIDTH, '    ', '    ')) out.push(l);
    const note = SOURCE_NOTES[id];
    if (note) for (const l of wrap(note, WIDTH, '    ', '    ')) out.push(l);
  });
  return out;
}

/** True for a footnote's URL line, the one kind of line that may pass 80 columns. */
export function isUrlLine(line: string): boolean {
  return /^ {4}https?:\/\/\S+$/.test(line);
}

/** The whole explanation as plain text (≤ 80 columns; a footnote's URL, whole on its own line, is the only exception). */
export function renderText(ex: Explanation, opts: RenderOptions = {}): string {
  const notes = new Notes(opts.notes ?? []);
  const sections = new Set(opts.sections ?? ['header', 'tree', 'vma', 'fault', 'verdicts', 'sources']);
  const fn = new Footnotes();
  const out: string[] = [];
  if (sections.has('header')) {
    out.push(...headerLines(ex));
    out.push('');
  }
  if (sections.has('tree')) {
    treeLines(ex, fn, notes, out);
    out.push('');
  }
  if (sections.has('vma')) {
    vmaLines(ex, fn, notes, out);
    out.push('');
  }
  if (sections.has('fault')) {
    faultLines(ex, fn, notes, out);
    out.push('');
  }
  if (sections.has('verdicts')) {
    verdictLines(ex, fn, notes, out);
    out.push('');
  }
  // Verdict notes about another design belong to that design's text, not this one.
  const unplaced = notes.unplaced().filter((n) => n.target.kind !== 'verdict' || n.target.design === ex.design);
  if (unplaced.length > 0) {
    out.push('== Review notes whose target is not shown here ==');
    for (const n of unplaced) {
      const t = n.target;
      const where =
        t.kind === 'resource' ? `resource ${t.path.join(' / ')}` : t.kind === 'step' ? `fault step ${t.nodeId}` : t.kind === 'verdict' ? `verdict ${t.design}/${t.verdict}` : `VMA ${t.part}`;
      for (const l of wrap(`(${where})`, WIDTH, '> ', '> ')) out.push(l);
      for (const l of wrap(`${n.author ? `${n.author}: ` : 'review: '}${n.text}`, WIDTH, '> ', '> ')) out.push(l);
    }
    out.push('');
  }
  if (sections.has('sources') && fn.order.length) out.push(...footnoteLines(fn.order));
  // Without the header, the tool and model date close the text: every text export carries them.
  if (!sections.has('header')) out.push('', ...wrap(exportStamp()));
  return out.join('\n').replace(/\n+$/, '') + '\n';
}

/** The verdict matrix of all designs under one platform, ≤ 80 columns. */
export function renderVerdictMatrix(all: Record<DesignId, Explanation>): string {
  const first = all[DESIGNS[0]];
  const out: string[] = ['Verdicts, all designs', ...wrap(exportStamp())];
  out.push(...appliedLines(first.platform));
  out.push(...platformLines(first));
  out.push('');
  for (const d of DESIGNS) {
    out.push(fit(`${DESIGN_LABEL[d]}`));
    for (const v of all[d].verdicts) {
      const icon = v.status === 'good' ? '+' : v.status === 'bad' ? '!' : v.status === 'partial' ? '~' : '-';
      out.push(fit(`  ${icon} ${v.label.padEnd(32)} ${v.short}${v.verified ? '' : ' (?)'}`));
    }
  }
  out.push('');
  out.push('+ good  ! bad  ~ partial  - not applicable  (?) rests on an unverified source');
  return out.join('\n') + '\n';
}
