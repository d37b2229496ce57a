/**
 * Builds a 16:9 slide as a standalone SVG (1920×1080 user units; the PNG renders it at 1× or 2×): the frame from
 * slideLayout.ts, and in its content box the verdict matrix, the fault path in columns, or the live resource tree or
 * VMA drawing scaled to fit. Review notes are numbered callouts with a leader line to what they are pinned to.
 * Colours are the page's theme variables, resolved, so the file looks the same anywhere.
 */
import type { Decider } from '../../../model/decider';
import type { Explanation } from '../../../model/explain-types';
import type { DesignId } from '../../../model/scenario';
import type { NoteTarget, ReviewNote } from '../../../model/view-state';
import { noteTargetLabel, noteTargetSelector } from '../../app/noteTargets';
import { resultMeaning, resultShort, resultTone } from '../../diagrams/resultText';
import { DESIGN_LABEL } from '../../labels';
import { LEGEND } from '../../legendItems';
import { archName, faultTitle, notUpstream, platformLine } from '../../platformLine';
import { exportStamp } from '../../../model/version';
import { standaloneSvg } from '../exportSvg';
import { matrixContent, pathContent, type PathStepBox } from './slideContent';
import type { SlideKind } from './slideKinds';
import { lineH, slideFrame, SLIDE_H, SLIDE_W, type Box, type SlideLayout } from './slideLayout';

const SVG_NS = 'http://www.w3.org/2000/svg';

export type { SlideKind } from './slideKinds';

export interface SlideInput {
  kind: SlideKind;
  ex: Explanation;
  all: Record<DesignId, Explanation>;
  notes: readonly ReviewNote[];
  decided: Decider | null;
}

/** The notes a slide shows: all of them on the summary, those pinned to its diagram on the others. */
function notesFor(kind: SlideKind, notes: readonly ReviewNote[]): ReviewNote[] {
  const want: Record<SlideKind, NoteTarget['kind'][]> = { summary: ['resource', 'step', 'verdict', 'vma'], fault: ['step'], tree: ['resource'], vma: ['vma'] };
  return notes.filter((n) => want[kind].includes(n.target.kind));
}

export function slideTitle(kind: SlideKind, ex: Explanation): string {
  const d = DESIGN_LABEL[ex.design];
  switch (kind) {
    case 'summary':
      return `${d} on ${archName(ex.platform)}: the verdicts of every design`;
    case 'fault':
      return `${d}: ${faultTitle(ex.fault.arch)}`;
    case 'tree':
      return `${d}: the resource tree (/proc/iomem)`;
    case 'vma':
      return `${d}: the VMA the VMM maps`;
  }
}

/** The frame and content of a slide, before it becomes SVG (the part the tests read). */
export function slideLayoutFor(input: SlideInput): { layout: SlideLayout; notes: ReviewNote[]; steps: PathStepBox[] } {
  const { kind, ex, all } = input;
  const notes = notesFor(kind, input.notes);
  const r = ex.fault.result;
  const statusOnly = LEGEND.filter((i) => ['good', 'bad', 'partial', 'na', 'unverified'].includes(i.key));
  const layout = slideFrame(
    {
      title: slideTitle(kind, ex),
      subtitle: `${notUpstream(ex.platform) ? `${notUpstream(ex.platform)}. ` : ''}${platformLine(ex.platform)}. ${exportStamp()}`,
      result: { text: `${resultShort(r)}: ${resultMeaning(r)}`, tone: resultTone(r) },
      legend: kind === 'summary' ? statusOnly : LEGEND,
      notes: notes.map((n) => ({ target: noteTargetLabel(n.target, ex, all), text: n.text })),
    },
    { notesW: kind === 'summary' ? 440 : 560 },
  );
  let steps: PathStepBox[] = [];
  if (kind === 'summary') matrixContent(all, ex.design, layout.content, layout);
  else if (kind === 'fault') steps = pathContent(ex, layout.content, layout, input.decided?.step ?? -1);
  return { layout, notes, steps };
}

/** Resolved colours of the page's theme for each role of a slide. */
function palette(): (role: string) => { fill: string; stroke?: string; width?: number; dash?: string } {
  const v = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
  const map: Record<string, { fill: string; stroke?: string; width?: number; dash?: string }> = {
    background: { fill: v('--bg') },
    title: { fill: v('--fg') },
    heading: { fill: v('--fg') },
    text: { fill: v('--fg') },
    muted: { fill: v('--muted') },
    'note-target': { fill: v('--fg') },
    'note-text': { fill: v('--fg') },
    'note-number': { fill: '#ffffff' },
    'note-badge': { fill: v('--partial') },
    'note-column': { fill: v('--panel'), stroke: v('--partial'), width: 2 },
    'tone-good': { fill: v('--good') },
    'tone-bad': { fill: v('--bad') },
    'tone-good-bg': { fill: v('--good-bg'), stroke: v('--good'), width: 3 },
    'tone-bad-bg': { fill: v('--bad-bg'), stroke: v('--bad'), width: 3 },
    'cell-good': { fill: v('--good-bg'), stroke: v('--good'), width: 1.5 },
    'cell-bad': { fill: v('--bad-bg'), stroke: v('--bad'), width: 1.5 },
    'cell-partial': { fill: v('--partial-bg'), stroke: v('--partial'), width: 1.5 },
    'cell-na': { fill: v('--na-bg'), stroke: v('--na'), width: 1.5 },
    'cell-absent': { fill: v('--panel'), stroke: v('--line'), width: 1 },
    design: { fill: v('--panel'), stroke: v('--line'), width: 1.5 },
    'current-design': { fill: v('--accent-bg'), stroke: v('--accent'), width: 3 },
    step: { fill: v('--taken-fill'), stroke: v('--taken'), width: 2 },
    decided: { fill: v('--lit-fill'), stroke: v('--lit'), width: 5 },
    leader: { fill: 'none', stroke: v('--partial'), width: 2.5, dash: '8 5' },
    'swatch-good': { fill: v('--good-bg'), stroke: v('--good'), width: 3 },
    'swatch-bad': { fill: v('--bad-bg'), stroke: v('--bad'), width: 3 },
    'swatch-partial': { fill: v('--partial-bg'), stroke: v('--partial'), width: 3 },
    'swatch-na': { fill: v('--na-bg'), stroke: v('--na'), width: 3 },
    'swatch-taken': { fill: v('--taken-fill'), stroke: v('--taken'), width: 3 },
    'swatch-lit': { fill: 'none', stroke: v('--lit'), width: 4 },
    'swatch-decided': { fill: v('--lit-fill'), stroke: v('--lit'), width: 5 },
    'swatch-busy': { fill: v('--busy-fill'), stroke: v('--busy'), width: 1.5 },
    'swatch-free': { fill: v('--free-fill'), stroke: v('--busy'), width: 1.5, dash: '5 3' },
    'swatch-hdm': { fill: v('--hdm-band'), stroke: v('--accent'), width: 1.5, dash: '4 3' },
    'swatch-unverified': { fill: 'none', stroke: v('--partial'), width: 1.5, dash: '4 3' },
  };
  return (role) => map[role] ?? { fill: v('--fg') };
}

function el<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG_NS, name);
  for (const [k, val] of Object.entries(attrs)) e.setAttribute(k, String(val));
  return e;
}

/** The live drawing for a diagram slide, and where on the slide it lands. */
function embed(kind: 'tree' | 'vma', box: Box): { node: SVGSVGElement; live: SVGSVGElement; at: (x: number, y: number) => [number, number] } | null {
  const live = document.querySelector<SVGSVGElement>(kind === 'tree' ? '[data-testid="diagram-resource"] [data-testid="tree-graph"] svg' : '[data-testid="diagram-vma"] [data-testid="vma-graph"] svg.vma-svg');
  if (!live) return null;
  const vb = live.viewBox.baseVal;
  const s = Math.min(box.w / vb.width, box.h / vb.height);
  const w = vb.width * s;
  const h = vb.height * s;
  const x = box.x + (box.w - w) / 2;
  const y = box.y + (box.h - h) / 2;
  const node = standaloneSvg(live, kind);
  node.setAttribute('x', String(x));
  node.setAttribute('y', String(y));
  node.setAttribute('width', String(w));
  node.setAttribute('height', String(h));
  node.setAttribute('viewBox', `0 0 ${vb.width} ${vb.height}`);
  return { node, live, at: (px, py) => [x + px * s, y + py * s] };
}

/** Where a note's target is on the slide (the middle of its box's right edge), if it is drawn there. */
function targetPoint(n: ReviewNote, steps: PathStepBox[], e: ReturnType<typeof embed>): [number, number] | null {
  if (n.target.kind === 'step') {
    const id = n.target.nodeId;
    const b = steps.find((s) => s.nodeId === id);
    return b ? [b.x + b.w, b.y + b.h / 2] : null;
  }
  if (!e) return null;
  const sel = noteTargetSelector(n.target).replace(/^\[data-testid="(tree|vma)-graph"\] /, '');
  const target = e.live.querySelector<SVGGraphicsElement>(sel);
  const rootM = e.live.getScreenCTM();
  const m = target?.getScreenCTM();
  if (!target || !rootM || !m) return null;
  const b = target.getBBox();
  const k = rootM.inverse().multiply(m);
  return e.at(k.a * (b.x + b.width) + k.c * (b.y + b.height / 2) + k.e, k.b * (b.x + b.width) + k.d * (b.y + b.height / 2) + k.f);
}

/** The slide as a standalone SVG element (not attached to the page). */
export function buildSlide(input: SlideInput): SVGSVGElement {
  const { layout, notes, steps } = slideLayoutFor(input);
  const color = palette();
  const root = el('svg', { xmlns: SVG_NS, width: SLIDE_W, height: SLIDE_H, viewBox: `0 0 ${SLIDE_W} ${SLIDE_H}` });
  const title = el('title', {});
  title.textContent = `HDM Atlas: ${slideTitle(input.kind, input.ex)}`;
  root.appendChild(title);
  const mono = getComputedStyle(document.documentElement).getPropertyValue('--mono').trim() || 'monospace';
  for (const r of layout.rects) {
    const c = color(r.role);
    root.appendChild(el('rect', { x: r.x, y: r.y, width: r.w, height: r.h, rx: r.rx ?? 0, fill: c.fill, ...(c.stroke ? { stroke: c.stroke, 'stroke-width': c.width ?? 1 } : {}), ...(c.dash ? { 'stroke-dasharray': c.dash } : {}) }));
  }
  const e = input.kind === 'tree' || input.kind === 'vma' ? embed(input.kind, layout.content) : null;
  if (e) root.appendChild(e.node);
  // Leader lines from each callout to what its note is pinned to.
  for (const c of layout.callouts) {
    const n = notes[c.index];
    const p = n ? targetPoint(n, steps, e) : null;
    if (!p) continue;
    const s = color('leader');
    root.appendChild(el('path', { d: `M${c.x - 14},${c.y} C${c.x - 80},${c.y} ${p[0] + 60},${p[1]} ${p[0] + 2},${p[1]}`, fill: 'none', stroke: s.stroke ?? '#888', 'stroke-width': s.width ?? 2, 'stroke-dasharray': s.dash ?? '' }));
    root.appendChild(el('circle', { cx: p[0] + 2, cy: p[1], r: 6, fill: s.stroke ?? '#888' }));
  }
  for (const t of layout.texts) {
    const text = el('text', { 'font-family': mono, 'font-size': t.font, fill: color(t.role).fill, ...(t.bold ? { 'font-weight': 700 } : {}), 'data-fit': t.fit });
    const lh = lineH(t.font);
    t.lines.forEach((line, i) => {
      const span = el('tspan', { x: t.x, y: t.y + i * lh + lh / 2 + t.font * 0.35 });
      span.textContent = line;
      text.appendChild(span);
    });
    root.appendChild(text);
  }
  return root;
}
