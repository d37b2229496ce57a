// Browser tests of the exports for slides and mail: each 16:9 slide (summary, fault path, resource tree, VMA) as SVG
// with every text whole inside the slide, and as PNG at exactly 1920×1080 and 3840×2160, with review notes as
// callouts; titles name designs, never ids. The PNGs are kept in test-results/screenshots to be looked at.
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const $ = (id) => `[data-testid="${id}"]`;
const SHOTS = resolve(import.meta.dirname, '../../test-results/screenshots');

function pngSize(buf) {
  assert.equal(buf.toString('ascii', 1, 4), 'PNG');
  return { w: buf.readUInt32BE(16), h: buf.readUInt32BE(20) };
}

async function download(page, id) {
  if (!(await page.locator('.export-menu').evaluate((d) => d.open))) await page.click($('export-menu'));
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click($(id))]);
  return { path: await dl.path(), name: dl.suggestedFilename() };
}

/** Every text of an SVG slide: whole (no "…"), each line within the width it was wrapped to, inside the slide. */
async function slideProblems(page, svgText) {
  return page.evaluate((t) => {
    document.body.innerHTML = t.replace(/^<\?xml[^>]*>\s*/, '');
    const svg = document.querySelector('body > svg');
    const out = [];
    for (const text of svg.querySelectorAll(':scope > text')) {
      const fit = Number(text.getAttribute('data-fit'));
      for (const span of text.querySelectorAll('tspan')) {
        if (span.textContent.includes('…')) out.push(`elided: ${span.textContent}`);
        const len = span.getComputedTextLength();
        if (len > fit + 0.5) out.push(`"${span.textContent}" ${len.toFixed(1)} > ${fit.toFixed(1)}`);
      }
      const b = text.getBBox();
      if (b.x < 0 || b.y < 0 || b.x + b.width > 1920 || b.y + b.height > 1080) out.push(`"${text.textContent.slice(0, 40)}" leaves the slide`);
    }
    return { problems: out, text: [...svg.querySelectorAll('tspan')].map((s) => s.textContent).join(' ') };
  }, svgText);
}

export async function slidesAreWhole16by9AtBothSizesWithNotesAsCallouts({ page, baseUrl }) {
  await page.setViewportSize({ width: 1280, height: 800 });
  const notes = [
    { id: 'a', target: { kind: 'step', nodeId: 'x_mmio' }, text: 'EPT ignores the VMA here: a KVM/x86 change is needed for a cacheable guest view.' },
    { id: 'b', target: { kind: 'resource', path: ['CXL Window 0', 'region0', 'Reserved', 'vfio-cxl-hdm'] }, text: 'The resource name is unverified.' },
    { id: 'c', target: { kind: 'verdict', design: 'vfio-owned', verdict: 'guest-cacheable' }, text: 'UC on x86 today.' },
    { id: 'd', target: { kind: 'vma', part: 'pgprot' }, text: 'Default pgprot is WB.' },
  ];
  const hash = '#v=2&d=vfio-owned&n=' + Buffer.from(JSON.stringify(notes)).toString('base64url');
  await page.goto(baseUrl + hash);
  await page.waitForSelector($('fault-result'));
  await page.click($('verdict-vfio-owned-guest-cacheable'));
  for (const kind of ['summary', 'fault', 'tree', 'vma']) {
    const svg = await download(page, `export-slide-${kind}-svg`);
    const text = readFileSync(svg.path, 'utf8');
    // Titles use names.
    assert.match(text, /<title>HDM Atlas: VFIO-owned/);
    for (const [size, id, w, h] of [['1080p', `export-slide-${kind}-png1080`, 1920, 1080], ['4k', `export-slide-${kind}-png2160`, 3840, 2160]]) {
      const png = await download(page, id);
      assert.deepEqual(pngSize(readFileSync(png.path)), { w, h }, `${kind} ${size}`);
      copyFileSync(png.path, join(SHOTS, `slide-${kind}-${size}.png`));
    }
    const other = await page.context().newPage();
    await other.setViewportSize({ width: 1920, height: 1080 });
    const r = await slideProblems(other, text);
    await other.close();
    assert.deepEqual(r.problems, [], kind);
    assert.doesNotMatch(r.text, /vfio-owned on|x86_64/, `${kind}: ids in the slide`);
    // Notes are readable callouts on the slides that show their targets.
    const want = { summary: ['EPT ignores the VMA', 'resource name is unverified', 'UC on x86 today', 'Default pgprot'], fault: ['EPT ignores the VMA'], tree: ['resource name is unverified'], vma: ['Default pgprot'] }[kind];
    for (const w of want) assert.ok(r.text.replace(/\s+/g, ' ').includes(w), `${kind}: note "${w}"`);
  }
  const summary = readFileSync((await download(page, 'export-slide-summary-svg')).path, 'utf8').replace(/<\/tspan><tspan[^>]*>/g, ' ');
  for (const d of ['Memory hotplug', 'Private NUMA node', 'memremap (v2)', 'VFIO-owned', 'nvgrace-gpu (precedent)']) assert.ok(summary.includes(d), d);
  assert.match(summary, /EPT 2M UC: the guest sees the memory uncached/);
}

export async function theWholeViewExportStaysAndIsTitledByName({ page, baseUrl }) {
  await page.goto(baseUrl);
  await page.waitForSelector($('fault-result'));
  const svg = readFileSync((await download(page, 'export-svg-all')).path, 'utf8');
  assert.match(svg, /<title>HDM Atlas: VFIO-owned on x86-64<\/title>/);
  assert.ok(svg.includes('vfio-cxl') && svg.includes('VM_PFNMAP') && svg.includes('make_spte()'));
  const png = await download(page, 'export-png-all');
  const { w, h } = pngSize(readFileSync(png.path));
  // Two columns (the fault path beside the tree and the VMA), not a strip with its right half empty.
  assert.ok(w > h * 0.6, `${w}×${h}`);
  copyFileSync(png.path, join(SHOTS, 'export-whole-view.png'));
}
