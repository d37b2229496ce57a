// Browser tests of two tabs (two pages of one context) and of history: notes merged by identity across tabs with
// deletions kept, imports not overwritten by the other tab, Back/Forward and pasted links restoring the view, Copy
// link sharing what is on screen, and the printed page.
import assert from 'node:assert/strict';
import { $, addNote, assertDrawn, importText, notesOn, open, sample } from './helpers/faults.mjs';

const A_CELL = 'verdict-vfio-owned-guest-cacheable';
const B_CELL = 'verdict-hotplug-exclusive-ownership';

/** Retry `check` (which throws until it holds) for up to `ms`. */
async function until(check, ms = 5000) {
  const end = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > end) throw e;
      await new Promise((r) => setTimeout(r, 150));
    }
  }
}

export async function twoTabsKeepNotesInStepAndADeletionStaysDeleted({ page, context, baseUrl }) {
  await open(page, baseUrl, { panel: false });
  await page.evaluate(() => localStorage.clear());
  const b = await context.newPage();
  await open(b, baseUrl, { panel: false });
  await addNote(page, A_CELL, 'from tab A');
  await addNote(b, B_CELL, 'from tab B');
  // Each tab shows the other's note: nothing was overwritten.
  await until(async () => assert.deepEqual(await notesOn(b, A_CELL), ['from tab A']));
  await until(async () => assert.deepEqual(await notesOn(page, B_CELL), ['from tab B']));
  // B deletes A's note: A follows, and it does not come back from A's link or A's next save.
  await b.click($(A_CELL));
  await b.click(`${$('note')} button`);
  await b.keyboard.press('Escape');
  await until(async () => assert.deepEqual(await notesOn(page, A_CELL), []));
  await addNote(page, A_CELL, 'second from tab A');
  await until(async () => assert.deepEqual(await notesOn(b, A_CELL), ['second from tab A']));
  await page.close();
  const c = await context.newPage();
  await open(c, baseUrl, { panel: false });
  assert.deepEqual(await notesOn(c, A_CELL), ['second from tab A']);
  assert.deepEqual(await notesOn(c, B_CELL), ['from tab B']);
  await b.reload();
  await b.waitForSelector($('fault-result'));
  assert.deepEqual(await notesOn(b, A_CELL), ['second from tab A']);
}

export async function twoTabsDoNotOverwriteEachOthersImports({ page, context, baseUrl, screenshot }) {
  await open(page, baseUrl);
  await page.evaluate(() => localStorage.clear());
  const b = await context.newPage();
  await open(b, baseUrl);
  await importText(page, sample('iomem/cxl-qemu-window-over-e820-reserved-lkml-gourry.iomem'));
  await page.waitForFunction(() => localStorage.getItem('hdm-atlas.imports.v1')?.includes('gourry') || localStorage.getItem('hdm-atlas.imports.v1')?.includes('590000000'));
  await importText(b, '7f2ad4108000-7f2ad410c000 rw-s 00000000 00:0f 3091 anon_inode:[vfio-device]\nVmFlags: rd wr sh mr mw me ms pf io de dd\n');
  await b.waitForFunction(() => JSON.parse(localStorage.getItem('hdm-atlas.imports.v1') ?? '{}').maps);
  const saved = await b.evaluate(() => JSON.parse(localStorage.getItem('hdm-atlas.imports.v1')));
  assert.ok(saved.iomem && saved.maps, 'both tabs\' imports are kept');
  // B is told that A imported a dump, and can show it.
  await b.waitForSelector($('import-elsewhere'));
  assert.match(await b.textContent($('import-elsewhere')), /Another tab saved newer imports: \/proc\/iomem "pasted text"/);
  await b.bringToFront();
  await screenshot('tabs-import-elsewhere');
  await b.click($('import-elsewhere-show'));
  await b.waitForSelector($('import-iomem'));
  assert.ok(await b.isVisible($('import-maps')));
  // A is told about B's smaps the same way (the storage event).
  await page.waitForSelector($('import-elsewhere'));
  await page.reload();
  await page.waitForSelector($('import-maps'));
  await page.waitForSelector($('import-iomem'));
}

const controlsOf = (page) => page.evaluate(() => Object.fromEntries([...document.querySelectorAll('[data-testid^="ctl-"]')].map((e) => [e.getAttribute('data-testid'), e.type === 'checkbox' ? e.checked : e.value])));

export async function backForwardAndPastedLinksRestoreTheViewAndCopyLinkSharesIt({ page, context, baseUrl }) {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await open(page, baseUrl, { hash: '#v=3&d=memremap&a=x86_64', panel: false });
  const len = await page.evaluate(() => history.length);
  // A control change replaces the entry: no new history entry, the URL follows.
  await page.selectOption($('ctl-arch'), 'arm64');
  await page.waitForFunction(() => /d=memremap&a=arm64/.test(location.hash));
  assert.equal(await page.evaluate(() => history.length), len);
  const onA = await controlsOf(page);
  // A pasted link is a new entry and shows its view.
  await page.evaluate(() => (location.hash = '#v=3&d=hotplug&a=x86_64&k=6.12'));
  await page.waitForFunction(() => document.querySelector('[data-testid="ctl-design"]').value === 'hotplug');
  assert.equal(await page.inputValue($('ctl-kernel')), '6.12');
  assert.equal(await page.evaluate(() => history.length), len + 1);
  // On a cell of the design on screen: clicking a cell selects its design, which would change this entry's view.
  await addNote(page, 'verdict-hotplug-guest-cacheable', 'made on the pasted link');
  // Back: the earlier view, with the note made since (notes are not undone by Back).
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('[data-testid="ctl-design"]').value === 'memremap');
  assert.deepEqual(await controlsOf(page), onA);
  assert.match(await page.textContent($('fault-result')), /stage-2/);
  // Read from the notes list, not by clicking a cell (that would select another design).
  assert.deepEqual(await page.locator($('notes-text')).allTextContents(), ['made on the pasted link']);
  await page.waitForFunction(() => /d=memremap&a=arm64.*&n=/.test(location.hash));
  // Forward: the pasted link's view again.
  await page.goForward();
  await page.waitForFunction(() => document.querySelector('[data-testid="ctl-design"]').value === 'hotplug');
  assert.equal(await page.inputValue($('ctl-kernel')), '6.12');
  await assertDrawn(page);
  // Copy link right after a change (before the URL is written) shares what is on screen.
  await page.selectOption($('ctl-kernel'), '7.0');
  await page.click($('copy-link'));
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /#v=4&d=hotplug&a=x86_64&.*k=7\.0.*&n=/);
  const other = await context.newPage();
  await open(other, copied.slice(0, copied.indexOf('#')), { hash: copied.slice(copied.indexOf('#')), panel: false });
  assert.deepEqual(await controlsOf(other), await controlsOf(page));
}

export async function printedPageHasTheHeadlineTheMatrixAndWholeDiagrams({ page, baseUrl, screenshot }) {
  // A4 (210 mm) less 12 mm margins each side, at 96 px per inch.
  const width = Math.floor(((210 - 24) / 25.4) * 96);
  await page.setViewportSize({ width, height: 1100 });
  await open(page, baseUrl, { hash: '#v=3&d=vfio-owned&a=x86_64&s=3' });
  await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
  for (const sel of ['.scenario-bar', '.share-toolbar', '.stepper', '[data-testid="import-panel"]', '.app-footer']) {
    assert.equal(await page.locator(sel).first().isVisible(), false, `${sel} is printed`);
  }
  const caption = await page.textContent($('print-caption'));
  assert.match(caption, /^HDM Atlas: VFIO-owned on x86-64\n[^]*platform: arch=x86_64 [^]*kernel=7\.1[^]*Step 4 of \d+ selected\.[^]*#v=4&d=vfio-owned/, JSON.stringify(caption));
  assert.ok(await page.isVisible('h1'));
  assert.ok(await page.isVisible($('fault-result')));
  // Light colours on paper even when the screen is dark.
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(255, 255, 255)');
  // The fault path is not cut by its scroll box: the last step is inside what prints.
  const fault = await page.evaluate(() => {
    const box = document.querySelector('[data-testid="diagram-fault"] .fault-scroll');
    const svg = box.querySelector('svg.fault-svg');
    const nodes = [...box.querySelectorAll('[data-testid="fault-graph"] .fnode.taken')];
    const last = nodes[nodes.length - 1].getBoundingClientRect();
    const b = box.getBoundingClientRect();
    return { clipped: box.scrollHeight > box.clientHeight + 1, lastBottom: last.bottom, boxBottom: b.bottom, svgHeight: svg.getBoundingClientRect().height, svgWidth: svg.getBoundingClientRect().width, boxWidth: b.width };
  });
  assert.equal(fault.clipped, false);
  assert.ok(fault.lastBottom <= fault.boxBottom, `the last step (${fault.lastBottom}) is below the printed box (${fault.boxBottom})`);
  assert.ok(fault.svgHeight <= (235 / 25.4) * 96 + 1 && fault.svgWidth <= fault.boxWidth + 1, JSON.stringify(fault));
  // Every column of the matrix fits the page width.
  const m = await page.evaluate(() => {
    const t = document.querySelector('[data-testid="verdict-matrix"]');
    const ths = t.querySelectorAll('thead th');
    return { table: t.getBoundingClientRect().right, last: ths[ths.length - 1].getBoundingClientRect().right, page: document.documentElement.clientWidth, cols: ths.length };
  });
  assert.ok(m.cols >= 5, `${m.cols} columns`);
  assert.ok(m.last <= m.page && m.table <= m.page, JSON.stringify(m));
  await screenshot('print-a4', { fullPage: true });
  const pdf = await page.pdf({ format: 'A4', margin: { top: '12mm', bottom: '12mm', left: '12mm', right: '12mm' } });
  assert.equal(pdf.subarray(0, 4).toString(), '%PDF');
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length ?? 0;
  assert.ok(pages >= 2 && pages <= 6, `${pages} pages`);
}
