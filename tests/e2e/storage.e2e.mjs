// Browser tests of storage faults: localStorage that throws on access, a full quota (notes and imports), freed space
// seen from another page, and an older import that must not come back as the latest. Each asserts: the page is drawn,
// a message says what happened, nothing the user made is lost, and the page recovers without a reload.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { $, addNote, assertDrawn, blockStorage, fillStorage, freeStorageFrom, importText, notesOn, open, sample, stored } from './helpers/faults.mjs';

const CELL = 'verdict-vfio-owned-guest-cacheable';
const GOURRY = 'iomem/cxl-qemu-window-over-e820-reserved-lkml-gourry.iomem';
const PPWASKIE = 'iomem-damaged/cxl-type2-accelerator-softreserved-snip-lkml-ppwaskie.iomem';

export async function localStorageThatThrowsOnAccessKeepsNotesInTheLinkAndSaysSo({ page, context, baseUrl, screenshot }) {
  await context.addInitScript(blockStorage);
  await open(page, baseUrl);
  await assertDrawn(page);
  await page.click($(CELL));
  assert.match(await page.textContent($('notes-save-hint')), /Notes are not saved in this browser: it blocks this site from storing data/);
  await page.keyboard.press('Escape');
  await addNote(page, CELL, 'EPT UC: needs a KVM/x86 change');
  const banner = page.locator($('notes-storage'));
  await banner.waitFor();
  assert.equal(await banner.getAttribute('data-fault'), 'blocked');
  assert.match(await banner.textContent(), /not saved in this browser: it blocks this site from storing data \(SecurityError: .*\)\. They are kept in this page and in its link/);
  // Kept in the URL, so a copied link (or a reload) brings it back.
  await page.waitForFunction(() => /&n=/.test(location.hash));
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click($('notes-download'))]);
  const file = JSON.parse(readFileSync(await dl.path(), 'utf8'));
  assert.equal(file.notes[0].text, 'EPT UC: needs a KVM/x86 change');
  assert.match(file.link, /#v=4&.*&n=/);
  // The import panel works too, and says its imports are not saved.
  await importText(page, sample(GOURRY));
  await page.waitForSelector($('import-iomem'));
  assert.equal(await page.getAttribute($('import-save-problem'), 'data-fault'), 'blocked');
  await screenshot('fault-storage-blocked');
  // The page goes on working: the note is still there after a control change.
  await page.selectOption($('ctl-design'), 'hotplug');
  await page.selectOption($('ctl-design'), 'vfio-owned');
  assert.deepEqual(await notesOn(page, CELL), ['EPT UC: needs a KVM/x86 change']);
  // The user allows site data again: Try again saves the notes and the import, without a reload.
  await page.evaluate(() => (window.__allowStorage = true));
  await page.click($('notes-retry'));
  await banner.waitFor({ state: 'detached' });
  assert.match(await stored(page, 'hdm-atlas.notes.v2'), /needs a KVM\/x86 change/);
  await page.click($('import-save-retry'));
  await page.waitForSelector($('import-save-problem'), { state: 'detached' });
  assert.match(await stored(page, 'hdm-atlas.imports.v1'), /590000000-68fffffff/);
}

export async function fullStorageSaysSoKeepsTheNoteAndSavesItWhenAnotherPageFreesSpace({ page, context, baseUrl, screenshot }) {
  await open(page, baseUrl);
  await page.evaluate(() => localStorage.clear());
  await fillStorage(page);
  await addNote(page, CELL, 'written while the disk was full');
  const banner = page.locator($('notes-storage'));
  await banner.waitFor();
  await page.click($(CELL));
  assert.match(await page.textContent($('notes-save-hint')), /its storage for this site is full/);
  assert.equal(await banner.getAttribute('data-fault'), 'full');
  assert.match(await banner.textContent(), /its storage for this site is full \(QuotaExceededError/);
  await screenshot('fault-storage-full-notes');
  await page.keyboard.press('Escape');
  assert.deepEqual(await notesOn(page, CELL), ['written while the disk was full']);
  // Another page of the site frees space: this one saves without being reloaded or asked.
  await freeStorageFrom(context, baseUrl);
  await banner.waitFor({ state: 'detached' });
  assert.match(await stored(page, 'hdm-atlas.notes.v2'), /written while the disk was full/);
}

export async function withStorageFullAReloadDoesNotShowAnOlderImportAsTheLatest({ page, context, baseUrl, screenshot }) {
  await open(page, baseUrl);
  await page.evaluate(() => localStorage.clear());
  await importText(page, sample(GOURRY));
  await page.waitForFunction(() => (localStorage.getItem('hdm-atlas.imports.v1') ?? '').includes('590000000-68fffffff'));
  await fillStorage(page);
  await importText(page, sample(PPWASKIE));
  const problem = page.locator($('import-save-problem'));
  await problem.waitFor();
  assert.equal(await problem.getAttribute('data-fault'), 'full');
  assert.match(await problem.textContent(), /Storage now keeps only their names/);
  // The newer dump is on screen and can be taken as a file.
  assert.match(await page.textContent($('import-iomem')), /\/proc\/iomem: pasted text/);
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click($('import-download-iomem'))]);
  assert.equal(readFileSync(await dl.path(), 'utf8'), sample(PPWASKIE));
  await screenshot('fault-storage-full-import');

  await page.reload();
  await page.waitForSelector($('import-not-kept'));
  assert.match(await page.textContent($('import-not-kept')), /storage was full when it was imported/);
  // The older dump is not applied in its place.
  assert.equal(await page.locator($('import-iomem')).count(), 0);
  assert.doesNotMatch(await page.textContent($('iomem-text')), /590000000/);
  await freeStorageFrom(context, baseUrl);
}
