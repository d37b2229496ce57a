/**
 * What every image export carries about the tool that made it: a visible footer line ("Made with hdm-atlas 0.1.0,
 * model 2026-12-06, kernels …") under the drawing, and machine-readable provenance (SVG <metadata>, PNG tEXt chunks)
 * with the share link that reopens the view. Slides and any other export can call stampSvg() on what they draw.
 */
import { PROVENANCE, exportStamp, versionLine } from '../../model/version';
import { withPngText } from './pngText';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Height of the footer band, in the drawing's units. */
export const STAMP_HEIGHT = 22;

/**
 * A new SVG: `svg` (a standalone export with width and height set) with the footer band below it and a <metadata>
 * element holding the provenance as JSON. The drawing itself is nested unchanged, so its coordinates stay as they are.
 */
export function stampSvg(svg: SVGSVGElement, link?: string): SVGSVGElement {
  const w = Number(svg.getAttribute('width')) || 1;
  const h = Number(svg.getAttribute('height')) || 1;
  const root = document.createElementNS(SVG_NS, 'svg');
  root.setAttribute('width', String(w));
  root.setAttribute('height', String(h + STAMP_HEIGHT));
  root.setAttribute('viewBox', `0 0 ${w} ${h + STAMP_HEIGHT}`);
  root.setAttribute('data-hdm-atlas', versionLine());
  const title = svg.querySelector(':scope > title');
  if (title) root.appendChild(title.cloneNode(true));
  const meta = document.createElementNS(SVG_NS, 'metadata');
  meta.textContent = JSON.stringify({ ...PROVENANCE, ...(link ? { link } : {}) });
  root.appendChild(meta);
  const bg = document.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', getComputedStyle(document.body).backgroundColor || '#ffffff');
  root.appendChild(bg);
  svg.setAttribute('x', '0');
  svg.setAttribute('y', '0');
  root.appendChild(svg);
  const text = exportStamp();
  const foot = document.createElementNS(SVG_NS, 'text');
  foot.setAttribute('x', '8');
  foot.setAttribute('y', String(h + STAMP_HEIGHT - 7));
  // Sans-serif at 11 units is about 6 units a character; a narrow drawing gets a smaller footer rather than a clipped one.
  const size = Math.max(6, Math.min(11, (w - 16) / (text.length * 0.56)));
  foot.setAttribute('style', `font-family:sans-serif;font-size:${size.toFixed(1)}px;fill:${getComputedStyle(document.body).color || '#444'};opacity:0.8`);
  foot.setAttribute('data-testid', 'export-stamp');
  foot.textContent = text;
  root.appendChild(foot);
  return root;
}

/**
 * `svg` with a <metadata> element holding the provenance (and the link), its size unchanged: for slides, whose 16:9
 * size is fixed and which show the version line in their own frame.
 */
export function withProvenance(svg: SVGSVGElement, link?: string): SVGSVGElement {
  const meta = document.createElementNS(SVG_NS, 'metadata');
  meta.textContent = JSON.stringify({ ...PROVENANCE, ...(link ? { link } : {}) });
  svg.insertBefore(meta, svg.firstChild);
  svg.setAttribute('data-hdm-atlas', versionLine());
  return svg;
}

/** PNG text chunks naming the tool and model (Software), and the link that reopens the view (Comment). */
export function pngProvenance(title: string, link?: string): [string, string][] {
  return [['Title', title], ['Software', versionLine()], ...(link ? [['Comment', link] as [string, string]] : [])];
}

/** `png` with pngProvenance() written into it. */
export async function stampPng(png: Blob, title: string, link?: string): Promise<Blob> {
  const bytes = new Uint8Array(await png.arrayBuffer());
  return new Blob([withPngText(bytes, pngProvenance(title, link))], { type: 'image/png' });
}
