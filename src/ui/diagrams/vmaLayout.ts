/**
 * Layout of the VMA diagram: six sections (range, vm_flags, pgprot, vm_ops, the page-table walk, the leaves), each
 * as tall as its wrapped text, every text whole. Pure: no React, no DOM.
 */
import { formatSize, hex } from '../../model/addr';
import { leafWhat } from '../../model/vma/leafText';
import type { PageTableLeaf, VmaModel } from '../../model/explain-types';
import { charsIn, textWidth, wrapLines } from './text';

export const VMA_W = 560;
export const VMA_FONT = 11;
export const VMA_LINE = 14;
const SMALL = 9.5;
const SMALL_LINE = 12;
const PAD = 10;
const TITLE_TOP = 6;

export type Part = 'range' | 'flags' | 'pgprot' | 'vm_ops' | 'walk' | 'leaves';

export interface Chip {
  x: number;
  y: number;
  w: number;
  label: string;
  name: string;
  verified: boolean;
  state: 'both' | 'model' | 'observed';
}

export interface WalkBox {
  level: 'PGD' | 'P4D' | 'PUD' | 'PMD' | 'PTE';
  x: number;
  w: number;
  kind: 'leaf' | 'table' | 'unused';
  lines: string[];
}

export interface LeafRowLayout {
  leaf: PageTableLeaf;
  y: number;
  h: number;
  lines: string[];
}

export interface VmaSection {
  part: Part;
  y: number;
  h: number;
  title: string[];
  /** Where the section's content starts (below its title). */
  top: number;
  lines: string[];
}

export interface VmaLayout {
  width: number;
  height: number;
  sections: VmaSection[];
  chips: Chip[];
  walk: WalkBox[];
  walkH: number;
  leaves: LeafRowLayout[];
}

const chars = (px: number, f = VMA_FONT) => charsIn(px, f);

export function leafText(l: PageTableLeaf): string {
  return `${l.size} hva 0x${hex(l.hva)} → pfn 0x${hex(l.pfn)} · ${leafWhat(l)}`;
}

export function chipText(c: Pick<Chip, 'label' | 'name' | 'verified'>): string {
  return `${c.label} ${c.name}${c.verified ? '' : ' ?'}`;
}

export function layoutVma(vma: VmaModel, observed: { label: string; mnemonics: string[] } | undefined, width = VMA_W): VmaLayout {
  const inner = width - 2 * PAD;
  const sections: VmaSection[] = [];
  let y = 4;
  const section = (part: Part, titleText: string, lines: string[], contentH: number) => {
    const title = wrapLines(titleText, chars(inner - 20));
    const top = TITLE_TOP + title.length * VMA_LINE + 2;
    const h = top + contentH + 8;
    sections.push({ part, y, h, title, top, lines });
    y += h + 6;
    return sections.at(-1)!;
  };
  const wrapAll = (texts: string[], w = inner) => texts.flatMap((t) => wrapLines(t, chars(w)));

  const rangeLines = wrapAll([`vm_start 0x${hex(vma.vmStart)}  vm_end 0x${hex(vma.vmEnd)}  (${formatSize(vma.vmEnd - vma.vmStart)})  vm_pgoff 0x${hex(vma.vmPgoff)}`]);
  section('range', `VMA: ${vma.kind === 'vfio-region' ? 'VFIO region mmap (PFNMAP)' : 'page-backed guest RAM'}`, rangeLines, rangeLines.length * VMA_LINE);

  // vm_flags chips, flowed into rows.
  const chips: Chip[] = [];
  let cx = 0;
  let row = 0;
  const seen = new Set(observed?.mnemonics ?? []);
  const add = (label: string, name: string, verified: boolean, state: Chip['state']) => {
    const w = Math.min(inner, textWidth(chipText({ label, name, verified }), VMA_FONT) + 14);
    if (cx > 0 && cx + w > inner) {
      cx = 0;
      row++;
    }
    chips.push({ x: PAD + cx, y: row * 24, w, label, name, verified, state });
    cx += w + 6;
  };
  for (const f of vma.flags) add(f.mnemonic, f.name, f.verified, observed ? (seen.has(f.mnemonic) ? 'both' : 'model') : 'both');
  if (observed) for (const m of observed.mnemonics) if (!vma.flags.some((f) => f.mnemonic === m)) add(m, 'seen only', true, 'observed');
  const flags = section('flags', `vm_flags — smaps "VmFlags: ${vma.smaps}"${observed ? ` vs ${observed.label}` : ''}`, [], (row + 1) * 24);
  for (const c of chips) c.y += flags.top;

  const pgLines = wrapAll([`${vma.pgprot.cacheMode} — ${vma.pgprot.origin}`]);
  section('pgprot', 'pgprot (host PTE cache mode)', pgLines, pgLines.length * VMA_LINE);

  const opsTitle = vma.vmOps ? `vm_ops: ${vma.vmOps.name}` : vma.populatedAtMmap ? 'vm_ops: none (remap_pfn_range() filled the PTEs at mmap time)' : 'vm_ops: none (anonymous memory, mm faults pages in)';
  const opsLines = vma.vmOps ? wrapAll(vma.vmOps.handlers.map((h) => `.${h.name} = ${h.fn}`), inner - 8) : [];
  section('vm_ops', opsTitle, opsLines, Math.max(0, opsLines.length * VMA_LINE));

  // The walk: five levels side by side, each entry wrapped in its box.
  const levels = ['PGD', 'P4D', 'PUD', 'PMD', 'PTE'] as const;
  const levelW = (inner - 4 * 5) / 5;
  const walk: WalkBox[] = levels.map((lvl, i) => {
    const w = vma.walk.find((x) => x.level === lvl);
    const kind = w ? (w.leaf ? 'leaf' : 'table') : 'unused';
    const entry = kind === 'leaf' ? `leaf ${vma.maxLeaf}` : kind === 'table' ? w!.entry : '—';
    return { level: lvl, x: PAD + i * (levelW + 5), w: levelW, kind, lines: wrapLines(entry, chars(levelW - 10, SMALL)) };
  });
  const walkH = 6 + VMA_LINE + Math.max(...walk.map((b) => b.lines.length)) * SMALL_LINE + 4;
  section('walk', 'host page-table walk', [], walkH);

  const leafChars = chars(inner - 12);
  let ly = 0;
  const leaves: LeafRowLayout[] = vma.leaves.map((leaf) => {
    const lines = wrapLines(leafText(leaf), leafChars);
    const r = { leaf, y: ly, h: lines.length * VMA_LINE + 6, lines };
    ly += r.h + 4;
    return r;
  });
  const lv = section('leaves', `leaves around the faulting address (max ${vma.maxLeaf})`, [], Math.max(0, ly - 4));
  for (const l of leaves) l.y += lv.top;

  return { width, height: y, sections, chips, walk, walkH, leaves };
}

export const VMA_TEXT = { PAD, SMALL, SMALL_LINE, TITLE_TOP };
