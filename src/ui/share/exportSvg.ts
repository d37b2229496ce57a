/**
 * Self-contained SVG and 2× PNG exports of the diagrams: computed styles (the theme's CSS variables) are inlined so the
 * file looks the same outside the page; text is escaped by the XML serializer, never assembled as markup.
 */
const STYLE_PROPS = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-linejoin', 'paint-order', 'font-family', 'font-size', 'font-weight', 'font-style', 'opacity', 'fill-opacity', 'text-anchor'] as const;
const SVG_NS = 'http://www.w3.org/2000/svg';

function inline(src: Element, dst: Element): void {
  const cs = getComputedStyle(src);
  const style: string[] = [];
  for (const p of STYLE_PROPS) {
    const v = cs.getPropertyValue(p);
    if (v) style.push(`${p}:${v}`);
  }
  if (style.length) dst.setAttribute('style', style.join(';'));
  const a = src.children;
  const b = dst.children;
  for (let i = 0; i < a.length && i < b.length; i++) inline(a[i]!, b[i]!);
}

function sizeOf(svg: SVGSVGElement): { w: number; h: number } {
  const vb = svg.viewBox?.baseVal;
  if (vb && vb.width > 0 && vb.height > 0) return { w: vb.width, h: vb.height };
  const r = svg.getBoundingClientRect();
  return { w: Math.max(1, r.width), h: Math.max(1, r.height) };
}

/** A standalone copy of `svg` with inlined styles, explicit size and a background. */
export function standaloneSvg(svg: SVGSVGElement, title: string): SVGSVGElement {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  inline(svg, clone);
  const { w, h } = sizeOf(svg);
  clone.setAttribute('width', String(w));
  clone.setAttribute('height', String(h));
  clone.removeAttribute('style');
  clone.removeAttribute('class');
  const bg = document.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', getComputedStyle(document.body).backgroundColor || '#ffffff');
  clone.insertBefore(bg, clone.firstChild);
  const t = document.createElementNS(SVG_NS, 'title');
  t.textContent = title;
  clone.insertBefore(t, clone.firstChild);
  return clone;
}

/**
 * The whole view in one SVG: a header (title and the lines under it), then the first diagram (the fault path) in the
 * left column and the others stacked in the right one, each under its caption.
 */
export function combinedSvg(parts: { svg: SVGSVGElement; caption: string }[], title: string, lines: string[] = []): SVGSVGElement {
  const root = document.createElementNS(SVG_NS, 'svg');
  const bodyFill = getComputedStyle(document.body).color || '#000';
  const font = getComputedStyle(document.documentElement).getPropertyValue('--mono').trim() || 'monospace';
  const bg = document.createElementNS(SVG_NS, 'rect');
  root.appendChild(bg);
  const tt = document.createElementNS(SVG_NS, 'title');
  tt.textContent = title;
  root.appendChild(tt);
  const text = (x: number, y: number, size: number, weight: number, content: string) => {
    const t = document.createElementNS(SVG_NS, 'text');
    t.setAttribute('x', String(x));
    t.setAttribute('y', String(y));
    t.setAttribute('style', `font-family:${font};font-size:${size}px;font-weight:${weight};fill:${bodyFill}`);
    t.textContent = content;
    root.appendChild(t);
  };
  let y = 12;
  text(12, y + 20, 20, 700, title);
  y += 30;
  for (const l of lines) {
    text(12, y + 15, 13, 400, l);
    y += 20;
  }
  y += 10;
  const top = y;
  const place = (p: (typeof parts)[number], x: number, at: number): { w: number; h: number } => {
    text(x, at + 14, 14, 700, p.caption);
    const s = standaloneSvg(p.svg, p.caption);
    const w = Number(s.getAttribute('width'));
    const h = Number(s.getAttribute('height'));
    s.setAttribute('x', String(x));
    s.setAttribute('y', String(at + 22));
    root.appendChild(s);
    return { w, h: h + 22 };
  };
  let width = 0;
  const [first, ...rest] = parts;
  const left = first ? place(first, 12, top) : { w: 0, h: 0 };
  const bottom = top + left.h;
  const x2 = first ? 12 + left.w + 24 : 12;
  let y2 = top;
  for (const p of rest) {
    const r = place(p, x2, y2);
    width = Math.max(width, x2 + r.w + 12);
    y2 += r.h + 16;
  }
  width = Math.max(width, 12 + left.w + 12, ...lines.map((l) => 12 + l.length * 8));
  const height = Math.max(bottom, y2) + 12;
  root.setAttribute('width', String(Math.ceil(width)));
  root.setAttribute('height', String(Math.ceil(height)));
  root.setAttribute('viewBox', `0 0 ${Math.ceil(width)} ${Math.ceil(height)}`);
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', getComputedStyle(document.body).backgroundColor || '#ffffff');
  return root;
}

export function serializeSvg(svg: SVGSVGElement): string {
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(svg);
}

/** Render an SVG string to a PNG blob at `scale`× its size. */
export async function svgToPng(svgText: string, width: number, height: number, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.decoding = 'sync';
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('the SVG could not be rendered to an image'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(width * scale);
    canvas.height = Math.ceil(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}
