/**
 * What the Export menu's buttons do, loaded on first use (the slide and SVG builders are not needed to draw the page):
 * a slide or a drawing as SVG, or as PNG at a scale of its size.
 */
import type { AppContext } from '../App';
import { resultMeaning, resultShort } from '../diagrams/resultText';
import { platformLine } from '../platformLine';
import { download } from './clipboard';
import { combinedSvg, serializeSvg, standaloneSvg, svgToPng } from './exportSvg';
import { buildSlide, slideTitle } from './slides/buildSlide';
import type { SlideKind } from './slides/slideKinds';
import { stampPng, stampSvg, withProvenance } from './stamp';
import { linkFor } from './urlSync';

export const PANELS = [
  { id: 'diagram-fault', name: 'fault-path', caption: 'KVM fault path' },
  { id: 'diagram-resource', name: 'resource-tree', caption: 'Resource tree (/proc/iomem)' },
  { id: 'diagram-vma', name: 'vma', caption: 'VMA' },
] as const;

function svgOf(panelId: string): SVGSVGElement | null {
  return document.querySelector<SVGSVGElement>(`[data-testid="${panelId}"] [data-testid="tree-graph"] svg.tree-svg, [data-testid="${panelId}"] [data-testid="vma-graph"] svg.vma-svg, [data-testid="${panelId}"] [data-testid="fault-graph"] svg.fault-svg, [data-testid="${panelId}"] svg.compare-svg`);
}

/** Saves `svg` (which carries its provenance) as SVG, or as PNG at `png` times its size with the provenance as text chunks. */
async function save(svg: SVGSVGElement, title: string, link: string, file: string, png: number | null): Promise<void> {
  if (png === null) download(`${file}.svg`, new Blob([serializeSvg(svg)], { type: 'image/svg+xml' }));
  else download(`${file}.png`, await stampPng(await svgToPng(serializeSvg(svg), Number(svg.getAttribute('width')), Number(svg.getAttribute('height')), png), title, link));
}

/** A 16:9 slide: SVG (png = null) or PNG at 1× (1920×1080) or 2× (3840×2160). Its frame shows the version line. */
export function exportSlide(ctx: AppContext, kind: SlideKind, file: string, png: number | null): Promise<void> {
  const link = linkFor(ctx.state.view);
  const svg = withProvenance(buildSlide({ kind, ex: ctx.ex, all: ctx.all, notes: ctx.state.view.notes, decided: ctx.decided }), link);
  return save(svg, slideTitle(kind, ctx.ex), link, file, png);
}

/** One drawing as on screen (`panel` one of PANELS' names), or the whole view (null). */
export function exportDrawing(ctx: AppContext, title: string, panel: string | null, file: string, png: number | null): Promise<void> {
  const which = PANELS.find((p) => p.name === panel);
  const link = linkFor(ctx.state.view);
  if (which) {
    const el = svgOf(which.id);
    if (!el) throw new Error('that diagram is not on screen');
    return save(stampSvg(standaloneSvg(el, `${title}: ${which.caption}`), link), title, link, file, png);
  }
  const parts: { svg: SVGSVGElement; caption: string }[] = [];
  for (const p of PANELS) {
    const svg = svgOf(p.id);
    if (svg) parts.push({ svg, caption: p.caption });
  }
  const r = ctx.ex.fault.result;
  return save(stampSvg(combinedSvg(parts, title, [platformLine(ctx.ex.platform), `${resultShort(r)}: ${resultMeaning(r)}`]), link), title, link, file, png);
}
