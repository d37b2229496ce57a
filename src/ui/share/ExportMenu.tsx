/**
 * The Export menu: 16:9 slides (summary, fault path, resource tree, VMA) as SVG or PNG at 1920×1080 and 3840×2160,
 * the whole view, each diagram as drawn, and plain text. Titles name the design and platform, never their ids. The
 * builders load on the first export (exportActions.ts), not with the page.
 *
 * Nothing it draws depends on the view: it reads the app's context when a button is clicked (`getCtx`), so a control
 * change or a step does not render its twenty buttons again.
 */
import { memo } from 'react';
import type { AppContext } from '../App';
import { DESIGN_LABEL } from '../labels';
import { archName, notUpstream } from '../platformLine';
import { copyText, download } from './clipboard';
import { SLIDE_KINDS } from './slides/slideKinds';
import { exportStamp } from '../../model/version';

const DRAWINGS = [
  { name: 'fault-path', caption: 'KVM fault path' },
  { name: 'resource-tree', caption: 'Resource tree (/proc/iomem)' },
  { name: 'vma', caption: 'VMA' },
] as const;

const actions = () => import('./exportActions');
const text = () => import('../../model/text/render');

/** The export's title and the stem of its file names, from the view on screen when the button is clicked. */
function naming(ctx: AppContext): { title: string; base: string } {
  const { ex } = ctx;
  const up = notUpstream(ex.platform);
  return { title: `HDM Atlas: ${DESIGN_LABEL[ex.design]} on ${archName(ex.platform)}${up ? ` (${up})` : ''}`, base: `hdm-atlas-${ex.design}-${ex.platform.arch}` };
}

export interface ExportMenuProps {
  /** The app's context as last drawn. */
  getCtx: () => AppContext;
  run: (f: () => Promise<void> | void, done: string) => () => void;
}

export const ExportMenu = memo(function ExportMenu({ getCtx, run }: ExportMenuProps) {
  const slide = (kind: (typeof SLIDE_KINDS)[number]['kind'], suffix: string, png: number | null) =>
    run(async () => {
      const ctx = getCtx();
      await (await actions()).exportSlide(ctx, kind, `${naming(ctx).base}-slide-${kind}${suffix}`, png);
    }, 'Slide saved');
  const drawing = (name: string | null, png: number | null) =>
    run(async () => {
      const ctx = getCtx();
      const { title, base } = naming(ctx);
      await (await actions()).exportDrawing(ctx, title, name, `${base}-${name ?? 'view'}${png ? '@2x' : ''}`, png);
    }, png ? 'PNG saved' : 'SVG saved');
  const plainText = run(async () => {
    const ctx = getCtx();
    download(`${naming(ctx).base}.txt`, new Blob([(await text()).renderText(ctx.ex, { notes: ctx.state.view.notes })], { type: 'text/plain' }));
  }, 'Text saved');
  const matrix = run(async () => copyText((await text()).renderVerdictMatrix(getCtx().all)), 'Verdict matrix copied');
  return (
    <details className="export-menu">
      <summary data-testid="export-menu">Export</summary>
      <div className="export-items">
        <h3>Slides, 16:9</h3>
        {SLIDE_KINDS.map(({ kind, name }) => (
          <span key={kind} className="export-pair">
            <button type="button" data-testid={`export-slide-${kind}-svg`} onClick={slide(kind, '', null)}>{name} SVG</button>
            <button type="button" data-testid={`export-slide-${kind}-png1080`} aria-label={`${name} PNG 1920×1080`} onClick={slide(kind, '-1080p', 1)}>PNG 1080p</button>
            <button type="button" data-testid={`export-slide-${kind}-png2160`} aria-label={`${name} PNG 3840×2160`} onClick={slide(kind, '-4k', 2)}>4K</button>
          </span>
        ))}
        <h3>Drawings as on screen</h3>
        {[null, ...DRAWINGS].map((p) => (
          <span key={p?.name ?? 'all'} className="export-pair">
            <button type="button" data-testid={`export-svg-${p?.name ?? 'all'}`} onClick={drawing(p?.name ?? null, null)}>
              {p ? p.caption : 'Whole view'} SVG
            </button>
            <button type="button" data-testid={`export-png-${p?.name ?? 'all'}`} aria-label={`${p ? p.caption : 'Whole view'} PNG at twice the size`} onClick={drawing(p?.name ?? null, 2)}>
              PNG 2×
            </button>
          </span>
        ))}
        <h3>Text</h3>
        <button type="button" data-testid="export-text" onClick={plainText}>Plain text (.txt)</button>
        <button type="button" data-testid="export-matrix" onClick={matrix}>Copy verdict matrix</button>
        <span className="export-stamp" data-testid="export-version">{exportStamp()}</span>
      </div>
    </details>
  );
});
