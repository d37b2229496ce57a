// Browser tests of import faults: a Worker constructor that throws, a worker script that does not load, a worker
// that dies or goes silent mid-parse, a stored large import with a failing worker on every reload, a restore that
// never ended, and the import panel's lazy JS or CSS chunk failing. Each asserts: the page is drawn, a message says
// what happened, nothing the user made is lost, and the page recovers without a reload.
import assert from 'node:assert/strict';
import { $, assertDrawn, bigIomem, bigTrace, blockWorkers, idle, open, openPanel, paste, pasteMadeInPage, typeInto } from './helpers/faults.mjs';

const WORKER = '**/importWorker-*.js';
const text = (page, id) => page.textContent($(id));

export async function throwingWorkerConstructorParsesOnThePageInSlicesAndCancelWorks({ page, context, baseUrl, screenshot }) {
  await context.addInitScript(blockWorkers);
  await open(page, baseUrl);
  await paste(page, bigTrace(400_000));
  await page.waitForSelector($('import-trace'));
  assert.match(await text(page, 'import-message'), /was parsed on this page \(the import worker was not used: the import worker could not start \(SecurityError: Refused to create a worker/);
  const before = await text(page, 'import-trace');
  // A 60 MB paste is parsed in slices: the page answers, the progress says why, and Cancel ends it at once.
  await pasteMadeInPage(page, 60_000_000, 'kvm_tdp_page_fault');
  await page.waitForSelector($('import-on-page'));
  assert.match(await text(page, 'import-on-page'), /The import worker is not used: the import worker could not start/);
  await screenshot('fault-worker-blocked-parsing-on-page');
  const gaps = await page.evaluate(async (sel) => {
    const out = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await new Promise((r) => setTimeout(r, 0));
      out.push(performance.now() - t0);
    }
    document.querySelector(sel)?.click();
    return out;
  }, $('import-cancel'));
  assert.ok(Math.max(...gaps) < 250, `main thread blocked between slices: ${gaps.map(Math.round).join(', ')} ms`);
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent?.includes('cancelled; nothing changed'), $('import-message'));
  assert.equal(await text(page, 'import-trace'), before);
  // The cancelled paste is kept to try again.
  assert.match(await text(page, 'import-retry'), /Try importing pasted text \(.*\) again/);
  await assertDrawn(page);
}

export async function workerScriptThatDoesNotLoadFallsBackToThePage({ page, context, baseUrl }) {
  await page.route(WORKER, (r) => r.abort());
  await open(page, baseUrl);
  await paste(page, bigTrace());
  await page.waitForSelector($('import-trace'));
  assert.match(await text(page, 'import-message'), /parsed on this page \(the import worker was not used: the import worker's script could not be loaded/);
  // Offline: the same, for the next import (the worker's script is fetched for each one).
  await page.unroute(WORKER);
  await context.setOffline(true);
  await paste(page, bigTrace(400_000, 'offline_paste'));
  await page.waitForFunction(() => document.querySelector('[data-testid="import-trace-unknown"]')?.textContent?.includes('offline_paste'));
  assert.match(await text(page, 'import-message'), /parsed on this page \(the import worker was not used: the import worker's script could not be loaded/);
  await context.setOffline(false);
}

export async function workerThatDiesMidParseEndsParsingAndQueuedImportsStillRun({ page, baseUrl, screenshot }) {
  // The first worker posts progress and then crashes; later ones are the real worker.
  let served = 0;
  await page.route(WORKER, (r) =>
    served++ === 0
      ? r.fulfill({
          contentType: 'text/javascript',
          body: "self.onmessage = (e) => { postMessage({ id: e.data.id, type: 'progress', phase: 'parsing', fraction: 0.1 }); setTimeout(() => { throw new Error('simulated crash'); }, 30); };",
        })
      : r.continue(),
  );
  await open(page, baseUrl);
  await paste(page, bigTrace(400_000, 'first_paste'));
  await paste(page, bigTrace(400_000, 'queued_paste')); // queued behind the one that dies
  await page.waitForSelector($('import-trace'));
  assert.match(await text(page, 'import-trace-unknown'), /queued_paste/);
  // The first one failed with what happened, and is kept to try again: it goes through now.
  await page.waitForSelector($('import-retry'));
  await page.click($('import-retry'));
  await page.waitForFunction(() => document.querySelector('[data-testid="import-trace-unknown"]')?.textContent?.includes('first_paste'));
  await idle(page);

  // A text in the textarea that fails is still there afterwards.
  await page.unroute(WORKER);
  await page.route(WORKER, (r) => r.fulfill({ contentType: 'text/javascript', body: "self.onmessage = (e) => { postMessage({ id: e.data.id, type: 'progress', phase: 'parsing', fraction: 0 }); self.close(); setTimeout(() => {}, 0); throw new Error('simulated crash'); };" }));
  const typed = bigIomem(300_000);
  await page.evaluate((t) => (window.__typed = t), typed);
  await typeInto(page, typed);
  await page.click($('import-submit'));
  await page.waitForFunction((sel) => /failed: the import worker/.test(document.querySelector(sel)?.textContent ?? ''), $('import-message'));
  assert.equal(await page.evaluate(() => document.querySelector('[data-testid="import-text"]').value === window.__typed), true);
  assert.equal(await page.isEnabled($('import-submit')), true);
  await screenshot('fault-worker-died');
}

export async function workerThatGoesSilentIsStoppedByTheWatchdog({ page, baseUrl }) {
  await page.clock.install();
  await page.route(WORKER, (r) => r.fulfill({ contentType: 'text/javascript', body: "self.onmessage = (e) => postMessage({ id: e.data.id, type: 'progress', phase: 'parsing', fraction: 0.05 });" }));
  await open(page, baseUrl);
  await paste(page, bigTrace());
  await page.waitForSelector($('import-progress'));
  await page.waitForFunction((sel) => /5%/.test(document.querySelector(sel)?.textContent ?? ''), $('import-progress'));
  await page.clock.fastForward(31_000);
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent?.includes('stopped answering (no progress for 30 s)'), $('import-message'));
  assert.equal(await page.locator($('import-progress')).count(), 0);
}

export async function storedLargeImportWithABlockedWorkerLoadsOnEveryReload({ page, context, baseUrl, screenshot }) {
  await context.addInitScript(blockWorkers);
  await open(page, baseUrl);
  const dump = bigIomem(300_000);
  await page.evaluate((t) => {
    localStorage.clear();
    localStorage.setItem('hdm-atlas.imports.v1', JSON.stringify({ version: 1, iomem: { name: 'server.iomem', text: t, savedAt: '2026-01-01T00:00:00.000Z', range: 'c050000000-c08fffffff' } }));
  }, dump);
  for (let i = 0; i < 2; i++) {
    await page.reload();
    await page.waitForSelector($('import-applied'));
    await assertDrawn(page);
    assert.match(await text(page, 'iomem-text'), /c050000000-c08fffffff : CXL Window 0/);
    assert.match(await text(page, 'import-message'), /server\.iomem was parsed on this page/);
  }
  await screenshot('fault-worker-blocked-restore');
}

export async function aRestoreThatDidNotFinishIsSetAsideWithRetryAndDiscard({ page, baseUrl, screenshot }) {
  await open(page, baseUrl);
  const savedAt = '2026-01-01T00:00:00.000Z';
  const setUp = () =>
    page.evaluate((at) => {
      localStorage.clear();
      localStorage.setItem('hdm-atlas.imports.v1', JSON.stringify({ version: 1, iomem: { name: 'crashy.iomem', text: '0-fff : Reserved\n1000-1fff : System RAM\n', savedAt: at, range: null } }));
      // What the page leaves when it is closed or crashes while restoring.
      localStorage.setItem('hdm-atlas.imports.restoring.v1', JSON.stringify({ id: `iomem@${at}` }));
    }, savedAt);
  await setUp();
  await page.reload();
  await page.waitForSelector($('import-set-aside'));
  await assertDrawn(page);
  assert.match(await text(page, 'import-set-aside'), /crashy\.iomem\) were not restored: the last attempt to restore them did not finish/);
  assert.equal(await page.locator($('import-iomem')).count(), 0);
  await screenshot('fault-restore-set-aside');
  await page.click($('import-restore-retry'));
  await page.waitForSelector($('import-iomem'));
  assert.equal(await page.evaluate(() => localStorage.getItem('hdm-atlas.imports.restoring.v1')), null);

  await setUp();
  await page.reload();
  await page.click($('import-restore-discard'));
  await page.waitForFunction(() => !JSON.parse(localStorage.getItem('hdm-atlas.imports.v1') ?? '{}').iomem);
  await page.reload();
  await page.waitForSelector($('import-text'), { state: 'attached' });
  assert.equal(await page.locator($('import-set-aside')).count(), 0);
}

async function chunkFailsThenRetries(page, baseUrl, pattern) {
  await page.route(pattern, (r) => r.abort());
  await open(page, baseUrl, { panel: false });
  await page.waitForSelector($('import-panel-error'));
  await assertDrawn(page);
  const msg = await text(page, 'import-panel-error');
  assert.match(msg, /The code of the import panel \(“Your machine”\) could not be loaded\. ImportPanel-[\w-]+\.(js|css) did not download/);
  await page.unroute(pattern);
  await page.click(`${$('import-panel-error')} ${$('part-retry')}`);
  await page.waitForSelector($('import-text'), { state: 'attached' });
  await openPanel(page);
  return msg;
}

export async function importPanelJsChunkThatFailsSaysSoAndLoadsOnRetry({ page, baseUrl, screenshot }) {
  await page.route('**/ImportPanel-*.js', (r) => r.abort());
  await open(page, baseUrl, { panel: false });
  await page.waitForSelector($('import-panel-error'));
  await screenshot('fault-chunk-js');
  await page.unroute('**/ImportPanel-*.js');
  await page.reload(); // fresh page for the shared helper
  await chunkFailsThenRetries(page, baseUrl, '**/ImportPanel-*.js');
}

export async function importPanelCssChunkThatFailsSaysSoAndLoadsOnRetry({ page, baseUrl }) {
  await chunkFailsThenRetries(page, baseUrl, '**/ImportPanel-*.css');
  // Styled: the stylesheet was loaded anew.
  assert.equal(await page.locator($('import-panel')).evaluate((e) => getComputedStyle(e).borderRadius), '8px');
}
