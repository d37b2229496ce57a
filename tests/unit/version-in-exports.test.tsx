// @vitest-environment jsdom
/**
 * Every export carries the tool version and the model date (issue 18): plain text, the verdict matrix, the CLI's
 * JSON and text, share links, SVG (visible footer and metadata) and PNG (visible footer, since it is drawn from the
 * stamped SVG; its tEXt chunks are tested in src/ui/share/pngText.test.ts). A link whose verdicts have changed since
 * it was made says so.
 */
import { act, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { explanationJson } from '../../src/cli/explain';
import { main } from '../../src/cli/main';
import { explain, explainAll } from '../../src/model/explain';
import type { Verdict } from '../../src/model/explain-types';
import { DEFAULT_PLATFORM, DEFAULT_SCENARIO } from '../../src/model/scenario';
import { encodeLink } from '../../src/model/share/link';
import { renderText, renderVerdictMatrix } from '../../src/model/text/render';
import { MODEL_DATE, PROVENANCE, TOOL_VERSION, exportStamp, versionLine } from '../../src/model/version';
import { DEFAULT_VIEW } from '../../src/model/view-state';
import { serializeSvg, standaloneSvg } from '../../src/ui/share/exportSvg';
import { ShareApp } from '../../src/ui/share/ShareApp';
import { STAMP_HEIGHT, stampSvg } from '../../src/ui/share/stamp';

const ex = explain(DEFAULT_SCENARIO);
const STAMP = `Made with hdm-atlas ${TOOL_VERSION}, model ${MODEL_DATE}, kernels `;

beforeEach(() => {
  localStorage.clear();
  history.replaceState(null, '', '/');
});

describe('the version line in every export', () => {
  it('names the tool version, the model date and the kernels, within 80 columns', () => {
    expect(versionLine()).toMatch(/^hdm-atlas \d+\.\d+\.\d+, model \d{4}-\d{2}-\d{2}, kernels (\d+\.\d+ ?)+$/);
    expect(exportStamp().startsWith(STAMP)).toBe(true);
    expect(exportStamp().length).toBeLessThanOrEqual(80);
  });

  it('plain text: the line under the title; the last line when the header is left out', () => {
    const lines = renderText(ex).split('\n');
    expect(lines[0]).toBe('HDM Atlas: VFIO-owned on x86-64');
    expect(lines[1]).toBe(exportStamp());
    const noHeader = renderText(ex, { sections: ['verdicts'] }).trimEnd().split('\n');
    expect(noHeader.at(-1)).toBe(exportStamp());
  });

  it('the verdict matrix', () => {
    expect(renderVerdictMatrix(explainAll(DEFAULT_PLATFORM)).split('\n')[1]).toBe(exportStamp());
  });

  it('the CLI: JSON has "tool", text has the line, --version has all three', () => {
    expect((explanationJson(ex) as { tool: unknown }).tool).toEqual({ ...PROVENANCE, kernels: [...PROVENANCE.kernels] });
    let out = '';
    const io = { readFile: () => '', readStdin: () => '', out: (s: string) => (out += s), err: () => {} };
    expect(main(['explain', '--design', 'hotplug', '--arch', 'arm64'], io)).toBe(0);
    expect(out.split('\n')[1]).toBe(exportStamp());
    out = '';
    main(['--version'], io);
    expect(out).toContain(TOOL_VERSION);
    expect(out).toContain(MODEL_DATE);
  });

  it('share links', () => {
    expect(encodeLink(DEFAULT_VIEW)).toContain(`&tv=${TOOL_VERSION}&md=${MODEL_DATE}`);
  });

  it('SVG: a visible footer under the drawing and the provenance with the link in <metadata>; the drawing is unchanged', () => {
    const { container } = render(<ShareApp />);
    const svg = container.querySelector<SVGSVGElement>('svg.fault-svg')!;
    const plain = standaloneSvg(svg, 'title <x>');
    const h = Number(plain.getAttribute('height'));
    const drawing = { viewBox: plain.getAttribute('viewBox'), children: plain.children.length };
    const link = 'https://example.org/hdm-atlas/#v=3&d=vfio-owned';
    const text = serializeSvg(stampSvg(plain, link));
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    expect(doc.querySelector('parsererror')).toBeNull();
    const root = doc.documentElement;
    expect(Number(root.getAttribute('height'))).toBe(h + STAMP_HEIGHT);
    expect(root.querySelector(':scope > title')?.textContent).toBe('title <x>');
    expect(root.querySelector('[data-testid="export-stamp"]')?.textContent).toBe(exportStamp());
    expect(JSON.parse(root.querySelector(':scope > metadata')!.textContent!)).toEqual({ ...PROVENANCE, kernels: [...PROVENANCE.kernels], link });
    const nested = root.querySelector(':scope > svg')!;
    expect({ viewBox: nested.getAttribute('viewBox'), children: nested.children.length }).toEqual(drawing);
    expect(text).toContain('hva_to_pfn_remapped()');
  });

  it('the export menu shows the line exports carry', () => {
    render(<ShareApp />);
    expect(screen.getByTestId('export-version')).toHaveTextContent(exportStamp());
  });
});

describe('a link made by an older model', () => {
  it('says which verdict it showed has changed: design, verdict, then → now', () => {
    const all = explainAll(DEFAULT_PLATFORM);
    const gc = all['vfio-owned'].verdicts.find((v) => v.id === 'guest-cacheable')!;
    const then: Verdict['status'] = gc.status === 'good' ? 'bad' : 'good';
    const older = { ...all, 'vfio-owned': { ...all['vfio-owned'], verdicts: all['vfio-owned'].verdicts.map((v) => (v.id === gc.id ? { ...v, status: then } : v)) } };
    const hash = encodeLink(DEFAULT_VIEW, older).replace(`tv=${TOOL_VERSION}&md=${MODEL_DATE}`, 'tv=0.0.9&md=2026-11-24');
    history.replaceState(null, '', '/' + hash);
    render(<ShareApp />);
    const notice = screen.getByTestId('link-changed');
    expect(notice).toHaveTextContent(`the model of 2026-11-24 (hdm-atlas 0.0.9)`);
    expect(notice).toHaveTextContent(`VFIO-owned, ${gc.label}: ${then} → ${gc.status}`);
    expect(screen.queryByTestId('link-error')).toBeNull();
  });

  it('says nothing when every verdict it showed still holds, and writes the verdicts shown into the URL', async () => {
    history.replaceState(null, '', '/' + encodeLink(DEFAULT_VIEW, explainAll(DEFAULT_PLATFORM)));
    render(<ShareApp />);
    expect(screen.queryByTestId('link-changed')).toBeNull();
    await act(async () => {
      screen.getByTestId('ctl-kernel').dispatchEvent(new Event('change', { bubbles: true }));
      await new Promise((r) => setTimeout(r, 200));
    });
    expect(location.hash).toMatch(/&vd=gc\.eo\.[a-z.]+~hp\./);
  });
});
