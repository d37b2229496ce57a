// Browser tests of sharing: the link round trip for every control, hostile links, exported SVG/PNG/text, presentation
// mode with the keyboard, and review notes surviving a reload.
import assert from 'node:assert/strict';
import { $, FAULT } from './helpers/selectors.mjs';
import { readFileSync } from 'node:fs';

// The fault path and the resource tree keep the other architecture's drawing alive but hidden; their boxes are
// looked up in the live one.

async function open(page, baseUrl, hash = '') {
  await page.goto(baseUrl + hash);
  await page.waitForSelector($('fault-result'));
}

async function settledHash(page) {
  await page.waitForTimeout(250);
  return page.evaluate(() => location.hash);
}

async function controls(page) {
  return page.evaluate(() => {
    const out = {};
    for (const el of document.querySelectorAll('[data-testid^="ctl-"], [data-testid^="cmp-ctl-"]')) {
      out[el.getAttribute('data-testid')] = el.type === 'checkbox' ? el.checked : el.value;
    }
    return out;
  });
}

export async function linkRoundTripForEveryControl({ page, context, baseUrl }) {
  await open(page, baseUrl);
  await page.selectOption($('ctl-design'), 'memremap');
  await page.selectOption($('ctl-arch'), 'arm64');
  await page.click($('ctl-fwb'));
  await page.selectOption($('ctl-firmware'), 'soft-reserved');
  await page.click($('ctl-nosoftreserve'));
  await page.selectOption($('ctl-kernel'), '6.17');
  await page.selectOption($('ctl-online'), 'online_kernel');
  await page.click($('ctl-huge-fault'));
  await page.click($('ctl-mte'));
  await page.click($('ctl-dirty-log'));
  await page.click($('ctl-device-reset'));
  await page.click('[data-testid="ctl-patches"] > summary');
  await page.click($('ctl-patch-kvm/memory-fault-exit'));
  await page.selectOption($('ctl-compare'), 'platform');
  await page.selectOption($('cmp-ctl-firmware'), 'reserved');
  await page.click('[data-testid="cmp-ctl-patches"] > summary');
  await page.click($('cmp-ctl-patch-vmm/retry-after-reset'));
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('ArrowRight');
  const want = await controls(page);
  const step = await page.textContent($('step-status'));
  const hash = await settledHash(page);
  assert.match(hash, /^#v=4&d=memremap&a=arm64&cpu=intel&fwb=0&dic=1&fw=soft-reserved&efi=wb&nsr=1&k=6\.17&rg=none&cr=y&hm=y&km=m&esr=y&on=online_kernel&hf=0&mte=1&dl=1&rst=1&pt=kvm%2Fmemory-fault-exit&/);
  // The compare platform starts from the main one (its change included) and carries its own list.
  assert.match(hash, /&c\.pt=kvm%2Fmemory-fault-exit%2Cvmm%2Fretry-after-reset&/);
  // The link names the tool and model that made it, and the verdicts it shows.
  assert.match(hash, /&tv=\d+\.\d+\.\d+&md=\d{4}-\d{2}-\d{2}&vd=gc\.[a-z.]+(~[a-z]{2}\.[gbpn-]+){5}(&|$)/);
  const other = await context.newPage();
  await open(other, baseUrl, hash);
  assert.deepEqual(await controls(other), want);
  assert.equal(await other.textContent($('step-status')), step);
  assert.equal(await other.textContent($('fault-result')), await page.textContent($('fault-result')));
  await other.close();
}

export async function hostileLinksShowAMessageAndTheDefaultView({ page, baseUrl }) {
  const markupNote = '#v=1&n=' + Buffer.from('[{"id":"x","target":{"kind":"resource","path":["<script>window.__pwned=1</script>"]},"text":"<img src=x onerror=window.__pwned=1>"}]').toString('base64url');
  for (const h of [
    '#v=1&d=%3Cimg%20src%3Dx%20onerror%3D%22window.__pwned%3D1%22%3E',
    markupNote,
    '#v=9&d=hotplug',
    '#v=1&__proto__=polluted',
    '#v=1&' + 'n='.padEnd(9000, 'A'),
  ]) {
    await open(page, baseUrl, h);
    await page.waitForTimeout(100);
    const msg = (await page.locator($('link-error')).count()) ? await page.textContent($('link-error')) : null;
    const pwned = await page.evaluate(() => window.__pwned ?? null);
    assert.equal(pwned, null, `script ran for ${h}`);
    if (h === markupNote) {
      // A well-formed note with markup in it is accepted as text: it must render as text only.
      assert.equal(msg, null, `unexpected message: ${msg}`);
      assert.equal(await page.locator('img').count(), 0);
      continue;
    }
    assert.match(msg ?? "", /could not be opened/, `no message for ${h}: ${msg}`);
    assert.equal(await page.inputValue($('ctl-design')), 'vfio-owned');
  }
}

export async function exportsSvgPngAndText({ page, baseUrl }) {
  await open(page, baseUrl);
  await page.click($('export-menu'));
  const [svgDl] = await Promise.all([page.waitForEvent('download'), page.click($('export-svg-fault-path'))]);
  const svgText = readFileSync(await svgDl.path(), 'utf8');
  const parsed = await page.evaluate((t) => {
    const d = new DOMParser().parseFromString(t, 'image/svg+xml');
    return { error: d.querySelector('parsererror')?.textContent ?? null, root: d.documentElement.nodeName, text: d.documentElement.textContent };
  }, svgText);
  assert.equal(parsed.error, null);
  assert.equal(parsed.root, 'svg');
  for (const label of ['handle_ept_violation()', 'hva_to_pfn_remapped()', 'vmx_get_mt_mask()', 'EPT entry: memory type UC']) assert.ok(parsed.text.includes(label), label);

  const [allDl] = await Promise.all([page.waitForEvent('download'), page.click($('export-svg-all'))]);
  const all = readFileSync(await allDl.path(), 'utf8');
  assert.ok(all.includes('vfio-cxl') && all.includes('VM_PFNMAP') && all.includes('make_spte()'));

  const [pngDl] = await Promise.all([page.waitForEvent('download'), page.click($('export-png-vma'))]);
  const png = readFileSync(await pngDl.path());
  assert.equal(png.toString('ascii', 1, 4), 'PNG');
  const w = png.readUInt32BE(16);
  const vbw = await page.evaluate(() => document.querySelector('[data-testid="vma-graph"] svg.vma-svg').viewBox.baseVal.width);
  assert.equal(w, Math.ceil(vbw * 2));
  // Every export names the tool and the model: a visible footer (in the PNG too, drawn from the stamped SVG) and
  // the provenance with the link (SVG <metadata>, PNG tEXt).
  assert.match(parsed.text, /Made with hdm-atlas \d+\.\d+\.\d+, model \d{4}-\d{2}-\d{2}, kernels /);
  assert.match(svgText, /<metadata>\{"tool":"hdm-atlas","version":"[^"]+","modelDate":"[^"]+".*"link":"http:\/\/127\.0\.0\.1:\d+\/#v=4&amp;/);
  assert.match(png.toString('latin1'), /tEXtSoftware\0hdm-atlas \d+\.\d+\.\d+, model \d{4}-\d{2}-\d{2}, kernels /);
  assert.match(png.toString('latin1'), /tEXtComment\0http:\/\/127\.0\.0\.1:\d+\/#v=4&/);

  const [txtDl] = await Promise.all([page.waitForEvent('download'), page.click($('export-text'))]);
  const txt = readFileSync(await txtDl.path(), 'utf8');
  // Every line within 80 columns but a footnote's URL, whole on a line of its own.
  for (const l of txt.split('\n')) assert.ok(l.length <= 80 || /^ {4}https?:\/\/\S+$/.test(l), `${l.length}: ${l}`);
  assert.match(txt, /Result: EPT entry: 2M, UC \(not cacheable\)/);
  assert.match(txt, /== Sources ==/);
  assert.equal(txtDl.suggestedFilename(), 'hdm-atlas-vfio-owned-x86_64.txt');

  // The menu exports the view on screen after a change, not the one it was first drawn with.
  await page.selectOption($('ctl-design'), 'memremap');
  await page.selectOption($('ctl-arch'), 'arm64');
  await page.waitForFunction(() => document.querySelector('[data-testid="fault-result"]')?.textContent?.includes('stage-2'));
  const [txt2Dl] = await Promise.all([page.waitForEvent('download'), page.click($('export-text'))]);
  assert.equal(txt2Dl.suggestedFilename(), 'hdm-atlas-memremap-arm64.txt');
  assert.match(readFileSync(await txt2Dl.path(), 'utf8'), /^HDM Atlas: memremap .* on arm64/m);
}

export async function copyAsTextPutsTheMailTextOnTheClipboard({ page, context, baseUrl }) {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await open(page, baseUrl);
  await page.click($('copy-text'));
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent?.includes('copied'), $('share-status'));
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(clip, /^HDM Atlas: VFIO-owned on x86-64/);
}

export async function presentationModeWithTheKeyboard({ page, baseUrl, screenshot }) {
  await open(page, baseUrl);
  await page.click($('present'));
  assert.ok(await page.evaluate(() => document.querySelector('.app').classList.contains('presentation')));
  assert.equal(await page.isVisible($('ctl-design')), false);
  assert.equal(await page.getAttribute(FAULT + '[data-current="true"]', 'data-node'), 'x_exit');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.getAttribute(FAULT + '[data-current="true"]', 'data-node'), 'x_do_pf');
  assert.match(await settledHash(page), /&s=2.*&p=1/);
  await screenshot('presentation-1280x800');
  await page.keyboard.press('Escape');
  assert.equal(await page.evaluate(() => document.querySelector('.app').classList.contains('presentation')), false);
  // A link can open straight into presentation.
  await open(page, baseUrl, '#v=1&d=vfio-owned&a=arm64&p=1&s=0');
  assert.ok(await page.evaluate(() => document.querySelector('.app').classList.contains('presentation')));
  assert.match(await page.textContent($('fault-result')), /stage-2/);
}

/** Entering and leaving presentation re-lays out the page; the step being presented stays on screen both ways. */
export async function presentationKeepsTheCurrentStepOnScreen({ page, baseUrl }) {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await open(page, baseUrl);
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  for (let i = 0; i < 9; i++) await page.keyboard.press('ArrowRight');
  const onScreen = () =>
    page.evaluate((sel) => {
      const r = document.querySelector(sel).getBoundingClientRect();
      return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight;
    }, FAULT + '[data-current="true"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="step-status"]')?.textContent?.includes('9/'));
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  assert.ok(await onScreen(), 'step 9 on screen before presenting');
  const before = await page.evaluate(() => scrollY);
  await page.click($('present'));
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  assert.ok(await onScreen(), `step 9 on screen in presentation (scrollY ${before} before, ${await page.evaluate(() => scrollY)} after)`);
  await page.keyboard.press('Escape');
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  assert.ok(await onScreen(), 'step 9 on screen after leaving presentation');
  await page.setViewportSize({ width: 1280, height: 800 });
}

export async function reviewNotesSurviveAReloadAndTravelInTheLink({ page, context, baseUrl }) {
  await open(page, baseUrl);
  await page.evaluate(() => localStorage.clear());
  await page.click($('verdict-vfio-owned-guest-cacheable'));
  await page.fill($('note-input'), 'EPT UC: needs a KVM/x86 change');
  await page.click($('note-add'));
  const hash = await settledHash(page);
  await page.reload();
  await page.waitForSelector($('fault-result'));
  await page.click($('verdict-vfio-owned-guest-cacheable'));
  assert.match(await page.textContent($('note')), /needs a KVM\/x86 change/);
  // A fresh browser profile gets the note from the link alone.
  const fresh = await context.browser().newContext();
  const p2 = await fresh.newPage();
  await p2.goto(baseUrl + hash);
  await p2.waitForSelector($('fault-result'));
  await p2.click($('verdict-vfio-owned-guest-cacheable'));
  assert.match(await p2.textContent($('note')), /needs a KVM\/x86 change/);
  // The text export quotes it beside the verdict.
  await fresh.close();
}
