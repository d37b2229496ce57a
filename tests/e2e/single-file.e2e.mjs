// The single file (npm run build:single): dist-single/hdm-atlas.html opened straight from disk, offline, under its
// own strict CSP: the diagrams draw, the fault path steps, a dump imported from a file is parsed by the import worker
// (started from the file itself, not a fallback on the main thread), and the text export downloads.
import assert from 'node:assert/strict';
import { $, FAULT } from './helpers/selectors.mjs';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const DUMP = resolve(import.meta.dirname, '../fixtures/samples/iomem/cxl-qemu-window-over-e820-reserved-lkml-gourry.iomem');

export async function singleFileFromDiskOfflineStepsImportsWithTheWorkerAndExportsText({ page, context, singleFileUrl, consoleErrors }) {
  assert.ok(singleFileUrl.startsWith('file://'));
  await context.setOffline(true);
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const workers = [];
  page.on('worker', (w) => workers.push(w.url()));
  // Count results that really come back from a worker (the import client would parse on the main thread without one).
  await context.addInitScript(() => {
    const Native = window.Worker;
    window.__workerResults = 0;
    window.Worker = class extends Native {
      constructor(url, opts) {
        super(url, opts);
        this.addEventListener('message', (e) => {
          if (e.data?.type === 'done') window.__workerResults++;
        });
      }
    };
  });

  await page.goto(singleFileUrl);
  await page.waitForSelector($('fault-result'));
  for (const id of ['diagram-resource', 'diagram-vma', 'diagram-fault']) assert.ok(await page.locator(`[data-testid="${id}"] svg g`).count(), id);

  // The CSP is strict: only the inline script, by its hash; no eval; the worker from data: only.
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  const directive = (name) => csp.split(';').map((d) => d.trim()).find((d) => d.startsWith(`${name} `));
  assert.match(directive('script-src'), /^script-src 'sha256-[A-Za-z0-9+/]+=*'$/);
  assert.equal(directive('worker-src'), 'worker-src data:');
  assert.doesNotMatch(csp, /unsafe-eval/);

  // Step the fault path with the keyboard.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.getAttribute(FAULT + '[data-current="true"]', 'data-node'), 'x_exit');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.getAttribute(FAULT + '[data-current="true"]', 'data-node'), 'x_pf');
  await page.keyboard.press('End');
  assert.equal(await page.getAttribute(FAULT + '[data-current="true"]', 'data-node'), 'x_res_uc');

  // Import a dump from a file: a File always goes to the worker.
  await page.waitForSelector($('import-file'), { state: 'attached' });
  if (!(await page.locator($('import-panel')).evaluate((d) => d.open))) await page.click($('import-toggle'));
  await page.setInputFiles($('import-file'), DUMP);
  await page.waitForSelector($('import-candidate'));
  assert.equal(await page.evaluate(() => window.__workerResults), 1, 'the result did not come from the worker');
  assert.equal(workers.length, 1);
  assert.ok(workers[0].startsWith('data:text/javascript'), workers[0].slice(0, 40));
  await page.locator($('import-candidate')).first().locator('input[type=radio]').check();
  await page.waitForSelector($('import-applied'));
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent?.includes('590000000-68fffffff : Reserved'), $('iomem-text'));

  // Export the text.
  await page.click($('export-menu'));
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click($('export-text'))]);
  const txt = readFileSync(await dl.path(), 'utf8');
  const lines = txt.split('\n');
  assert.match(lines[0], /^HDM Atlas: VFIO-owned on x86-64$/);
  assert.match(lines[1], /^Made with hdm-atlas \d+\.\d+\.\d+, model \d{4}-\d{2}-\d{2}, kernels /);
  // Every line within 80 columns but a footnote's URL, whole on a line of its own.
  for (const l of lines) assert.ok(l.length <= 80 || /^ {4}https?:\/\/\S+$/.test(l), `${l.length}: ${l}`);
  assert.match(txt, /== Sources ==/);

  const outside = requests.filter((u) => !/^(file|data|blob):/.test(u));
  assert.deepEqual(outside, [], 'the file fetched something');
  assert.deepEqual(consoleErrors, []);
}
