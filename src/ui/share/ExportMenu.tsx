/**
 * The Export menu: 16:9 slides (summary, fault path, resource tree, VMA) as SVG or PNG at 1920×1080 and 3840×2160,
 * the whole view, each diagram as drawn, and plain text. Titles name the design and platform, never their ids.
 */
import type { AppContext } from '../App';
import { renderText, renderVerdictMatrix } from '../../model/text/render';
import { resultMeaning, resultShort } from '../diagrams/resultText';
import { DESIGN_LABEL } from '../labels';
import { archName, platformLine } from '../platformLine';
import { combinedSvg, copyText, download, serializeSvg, standaloneSvg, svgToPng } from './exportSvg';
import { buildSlide, SLIDE_KINDS, type SlideKind } from './slides/buildSlide';
import { SLIDE_H, SLIDE_W } from './slides/slideLayout';

const PANELS = [
  { id: 'diagram-fault', name: 'fault-path', caption: 'KVM fault path' },
  { id: 'diagram-resource', name: 'resource-tree', caption: 'Resource tree (/proc/iomem)' },
  { id: 'diagram-vma', name: 'vma', caption: 'VMA' },
] as const;

function svgOf(panelId: string): SVGSVGElement | null {
  return document.querySelector<SVGSVGElement>(`[data-testid="${panelId}"] [data-testid="tree-graph"] svg.tree-svg, [data-testid="${panelId}"] svg.vma-svg, [data-testid="${panelId}"] [data-testid="fault-graph"] svg.fault-svg, [data-testid="${panelId}"] svg.compare-svg`);
}

export function ExportMenu({ ctx, run }: { ctx: AppContext; run: (f: () => Promise<void> | void, done: string) => () => void }) {
  const { ex, all, state } = ctx;
  const name = `${DESIGN_LABEL[ex.design]} on ${archName(ex.platform)}`;
  const title = `HDM Atlas: ${name}`;
  const base = `hdm-atlas-${ex.design}-${ex.platform.arch}`;
  const slide = (kind: SlideKind) => buildSlide({ kind, ex, all, notes: state.view.notes, decided: ctx.decided });
  const diagram = (which: (typeof PANELS)[number] | null) => {
    if (which) {
      const el = svgOf(which.id);
      if (!el) throw new Error('that diagram is not on screen');
      return standaloneSvg(el, `${title}: ${which.caption}`);
    }
    const parts: { svg: SVGSVGElement; caption: string }[] = [];
    for (const p of PANELS) {
      const svg = svgOf(p.id);
      if (svg) parts.push({ svg, caption: p.caption });
    }
    const r = ex.fault.result;
    return combinedSvg(parts, title, [platformLine(ex.platform), `${resultShort(r)}: ${resultMeaning(r)}`]);
  };
  const svgFile = (svg: SVGSVGElement, file: string) => download(file, new Blob([serializeSvg(svg)], { type: 'image/svg+xml' }));
  const pngFile = async (svg: SVGSVGElement, file: string, scale: number) => download(file, await svgToPng(serializeSvg(svg), Number(svg.getAttribute('width')), Number(svg.getAttribute('height')), scale));
  return (
    <details className="export-menu">
      <summary data-testid="export-menu">Export</summary>
      <div className="export-items">
        <h3>Slides, 16:9</h3>
        {SLIDE_KINDS.map(({ kind, name: n }) => (
          <span key={kind} className="export-pair">
            <button type="button" data-testid={`export-slide-${kind}-svg`} onClick={run(() => svgFile(slide(kind), `${base}-slide-${kind}.svg`), 'Slide saved')}>{n} SVG</button>
            <button type="button" data-testid={`export-slide-${kind}-png1080`} aria-label={`${n} PNG ${SLIDE_W}×${SLIDE_H}`} onClick={run(() => pngFile(slide(kind), `${base}-slide-${kind}-1080p.png`, 1), 'Slide saved')}>PNG 1080p</button>
            <button type="button" data-testid={`export-slide-${kind}-png2160`} aria-label={`${n} PNG ${SLIDE_W * 2}×${SLIDE_H * 2}`} onClick={run(() => pngFile(slide(kind), `${base}-slide-${kind}-4k.png`, 2), 'Slide saved')}>4K</button>
          </span>
        ))}
        <h3>Drawings as on screen</h3>
        {[null, ...PANELS].map((p) => (
          <span key={p?.name ?? 'all'} className="export-pair">
            <button type="button" data-testid={`export-svg-${p?.name ?? 'all'}`} onClick={run(() => svgFile(diagram(p), `${base}-${p?.name ?? 'view'}.svg`), 'SVG saved')}>
              {p ? p.caption : 'Whole view'} SVG
            </button>
            <button type="button" data-testid={`export-png-${p?.name ?? 'all'}`} aria-label={`${p ? p.caption : 'Whole view'} PNG at twice the size`} onClick={run(() => pngFile(diagram(p), `${base}-${p?.name ?? 'view'}@2x.png`, 2), 'PNG saved')}>
              PNG 2×
            </button>
          </span>
        ))}
        <h3>Text</h3>
        <button type="button" data-testid="export-text" onClick={run(() => download(`${base}.txt`, new Blob([renderText(ex, { notes: state.view.notes })], { type: 'text/plain' })), 'Text saved')}>Plain text (.txt)</button>
        <button type="button" data-testid="export-matrix" onClick={run(() => copyText(renderVerdictMatrix(all)), 'Verdict matrix copied')}>Copy verdict matrix</button>
      </div>
    </details>
  );
}
