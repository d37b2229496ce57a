// Browser tests of whole machines in "Your machine": a bundle from scripts/collect.sh and a `cxl list` output dropped
// on the panel as files, the way a user drags them from a file manager. Samples are read from tests/fixtures/samples
// at test time, never bundled.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const $ = (id) => `[data-testid="${id}"]`;
const SAMPLES = resolve(import.meta.dirname, '../fixtures/samples');
const sample = (p) => readFileSync(join(SAMPLES, p), 'utf8');

async function open(page, baseUrl) {
  await page.goto(baseUrl);
  await page.waitForSelector($('fault-result'));
  await page.waitForSelector($('import-text'), { state: 'attached' });
  await page.evaluate(() => localStorage.clear());
}

/** Drop a file on the panel: dragover then drop, with a DataTransfer holding it (as a file manager would). */
async function dropFile(page, name, text) {
  await page.evaluate(
    ({ name, text }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], name, { type: 'text/plain' }));
      const panel = document.querySelector('[data-testid="import-panel"]');
      panel.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      panel.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    },
    { name, text },
  );
  await page.waitForFunction((sel) => !document.querySelector(sel), $('import-progress'));
}

export async function droppedBundleSetsThePlatformAndRunsEveryDesignOnThatMachine({ page, baseUrl, consoleErrors, screenshot, axe }) {
  await open(page, baseUrl);
  assert.equal(await page.inputValue($('ctl-arch')), 'x86_64');
  await dropFile(page, 'grace.bundle', sample('bundle/grace-arm64-fwb-dic-assembled-lkml-leitao.bundle'));
  await page.waitForSelector($('import-bundle'));
  // Every fact it proves is set on the scenario bar…
  await page.waitForFunction((sel) => document.querySelector(sel)?.value === 'arm64', $('ctl-arch'));
  assert.equal(await page.isChecked($('ctl-fwb')), true);
  assert.equal(await page.isChecked($('ctl-dic')), true);
  assert.equal(await page.inputValue($('ctl-kernel')), '6.12');
  // …listed with its evidence, and the rest marked as assumptions.
  const facts = await page.locator($('import-bundle-fact')).evaluateAll((els) => els.map((e) => e.getAttribute('data-key')));
  assert.deepEqual(facts, ['arch', 'fwb', 'dic', 'kernel']);
  assert.match(await page.textContent($('import-bundle-facts')), /Stage-2 Force Write-Back/);
  const assumed = await page.locator($('import-bundle-assumption')).evaluateAll((els) => els.map((e) => e.getAttribute('data-key')));
  assert.ok(assumed.includes('mte') && assumed.includes('config.CXL_REGION'), assumed.join(','));
  // The fault path is now the arm64 stage-2 one.
  await page.waitForFunction((sel) => /stage-2|Normal|Device/.test(document.querySelector(sel)?.textContent ?? ''), $('fault-result'));

  // A bundle with /proc/iomem and cxl list: its range applied, every design run on that machine.
  await dropFile(page, 'qemu.bundle', sample('bundle/qemu-cxl-window-reserved-assembled-lkml-gourry.bundle'));
  await page.waitForSelector($('import-applied'));
  assert.match(await page.textContent($('import-applied')), /590000000-68fffffff/);
  await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 5, $('import-outcome-design'));
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent?.includes('590000000-68fffffff : CXL Window 0'), $('iomem-text'));
  assert.equal(await page.inputValue($('ctl-firmware')), 'reserved');
  const v = await axe($('import-panel'));
  assert.deepEqual(v.filter((x) => x.impact === 'serious' || x.impact === 'critical'), []);
  await screenshot('import-bundle');
  assert.deepEqual(consoleErrors, []);
}

export async function droppedCxlListShowsTheTopologyTiedToIomem({ page, baseUrl, consoleErrors, screenshot }) {
  await open(page, baseUrl);
  await dropFile(page, 'iomem.txt', sample('iomem/cxl-qemu-window-over-e820-reserved-lkml-gourry.iomem'));
  await page.waitForSelector($('import-iomem'));
  await dropFile(page, 'cxl-list.json', sample('cxl-list/qemu-3hostbridges-vvvv-quoted-lkml-gourry.txt'));
  await page.waitForSelector($('import-cxl'));
  const roots = await page.locator(`${$('import-cxl-decoder')}[data-kind="root"]`).count();
  assert.equal(roots, 3);
  assert.match(await page.textContent(`${$('import-cxl-tie')}[data-object="decoder0.0"]`), /= \/proc\/iomem "CXL Window 0" \(line 1\), "Reserved" \(line 2\)/);
  // A suggested range applies to the imported dump and every design runs on it.
  await page.locator($('import-cxl-suggestion')).first().getByRole('button').click();
  await page.waitForSelector($('import-applied'));
  await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 5, $('import-outcome-design'));

  // A committed region sets the Region control; invalid JSON is refused with its line and column.
  await page.selectOption($('ctl-region'), 'none');
  await dropFile(page, 'region9.json', sample('cxl-list/hw-128GiB-expander-memdev-region9-blog-scargall.json'));
  await page.waitForFunction((sel) => document.querySelector(sel)?.value === 'committed', $('ctl-region'));
  await dropFile(page, 'bad.json', sample('cxl-list/ndctl-doc-list-A-alert-config.invalid-json.txt'));
  assert.match(await page.textContent($('import-message')), /line 26, column 3: invalid JSON/);
  await screenshot('import-cxl-list');
  assert.deepEqual(consoleErrors, []);
}
