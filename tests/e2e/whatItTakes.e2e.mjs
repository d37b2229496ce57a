// Browser tests of "what would it take" (issue 15) in real Chromium: a cell that is not good opens the sets the search
// worker found, each item with its status and sources; one keyboard press applies a set, the headline says NOT
// UPSTREAM, compare mode opens against the scenario before and every diagram shows the difference; the link carries
// it. Also: nothing in the panel is cut at 1024×768, with workers blocked the search runs on the page, and the one-file
// app searches in its own worker from disk, offline.
import assert from 'node:assert/strict';
import { $ } from './helpers/selectors.mjs';
import { blockWorkers } from './helpers/faults.mjs';

/** A VFIO-owned view where a CXL region was committed at boot without the no-dax patch: dax_cxl and kmem take the range. */
const COMMITTED = '#v=4&d=vfio-owned&rg=committed';

async function open(page, baseUrl, hash) {
  await page.goto(baseUrl + hash);
  await page.waitForSelector($('fault-result'));
}

const words = (s) => (s ?? '').replace(/\s+/g, ' ').trim();
const text = async (page, id) => words(await page.textContent($(id)));

/** What the page draws, to tell before from after: the headline, the resource tree's paths, the fault result, the VMA. */
async function drawn(page) {
  return {
    headline: await text(page, 'headline'),
    tree: await page.locator($('tree-node')).evaluateAll((els) => els.map((e) => e.getAttribute('data-path')).sort()),
    fault: await text(page, 'fault-result'),
    vma: words(await page.locator('[data-testid="diagram-vma"]').textContent()),
  };
}

/** Text cut by its box in the panel or the notice, and a page that scrolls sideways: both listed. */
async function clipped(page) {
  return page.evaluate(() => {
    const out = [];
    if (document.documentElement.scrollWidth > window.innerWidth + 1) out.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${window.innerWidth}`);
    for (const root of document.querySelectorAll('[data-testid="what-it-takes"], [data-testid="applied-notice"], [data-testid="headline"], [data-testid="ctl-patches"]')) {
      const box = root.getBoundingClientRect();
      for (const el of [root, ...root.querySelectorAll('*')]) {
        // Not drawn: hidden, for screen readers only, or inside a closed <details> (laid out, never shown).
        if (!(el instanceof HTMLElement) || el.offsetParent === null || el.classList.contains('sr-only') || el.closest('details:not([open]) > :not(summary)')) continue;
        if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible') out.push(`${el.className || el.tagName}: scrolls (${el.scrollWidth} > ${el.clientWidth})`);
        const r = el.getBoundingClientRect();
        if (r.width > 0 && (r.right > box.right + 1 || r.left < box.left - 1)) out.push(`${el.className || el.tagName} "${el.textContent?.slice(0, 40)}" runs out of ${root.dataset.testid} (${Math.round(r.left)}–${Math.round(r.right)} in ${Math.round(box.left)}–${Math.round(box.right)})`);
      }
    }
    return out;
  });
}

export async function aNonGoodCellShowsWhatItTakesAndOneKeyAppliesASetAndEveryDiagramShowsTheDifference({ page, baseUrl, screenshot, consoleErrors, axe }) {
  await open(page, baseUrl, COMMITTED);
  const before = await drawn(page);
  assert.match(before.fault, /-EBUSY/);
  assert.equal(await page.locator($('not-upstream')).count(), 0);

  // Keyboard: focus the cell and press Enter.
  const cell = $('verdict-vfio-owned-exclusive-ownership');
  await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-status') === 'n/a', cell);
  await page.focus(cell);
  await page.keyboard.press('Enter');
  await page.waitForSelector($('wit-sets'), { timeout: 15_000 });
  assert.match(await text(page, 'what-it-takes'), /^What would it take: VFIO-owned, Exclusive ownership – n\/a/);
  // The panel took the focus from the cell; the search ran in the worker.
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'what-it-takes');
  assert.match(await text(page, 'wit-meta'), /derivations in \d+ ms, in a worker\./);
  // Each set: items with their status, the explain flag, and sources that link out.
  const sets = await page.locator($('wit-set')).evaluateAll((els) =>
    els.map((s) => [...s.querySelectorAll('[data-testid="wit-item"]')].map((i) => ({ status: i.getAttribute('data-status'), flag: i.querySelector('.wit-flag')?.textContent, badge: i.querySelector('.wit-badge')?.textContent }))),
  );
  assert.deepEqual(sets.map((s) => s.map((i) => i.flag)), [['--region none'], ['--patch cxl/type2-no-dax']]);
  assert.deepEqual(sets.map((s) => s.map((i) => i.status)), [['platform'], ['posted']]);
  assert.match(sets[1][0].badge, /^posted v20/);
  const patchSet = page.locator($('wit-set')).nth(1);
  await patchSet.locator('summary').click();
  const links = await patchSet.locator('.sources a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(links.some((h) => /lore\.kernel\.org\/r\/20251110153657\.2706192-20-alejandro\.lucero-palau@amd\.com/.test(h)), links.join(' '));
  assert.ok(links.some((h) => /elixir\.bootlin\.com\/linux\/v7\.1\/.*cxl_region_probe/.test(h)), links.join(' '));
  assert.deepEqual(await clipped(page), []);
  assert.deepEqual(await axe('[data-testid="what-it-takes"]'), []);
  await screenshot('what-it-takes-1280');

  // Apply the posted patch with the keyboard: Tab from its sources (past their links) to its button, Enter.
  await patchSet.locator('summary').focus();
  const order = [];
  for (let i = 0; i < 12 && order.at(-1) !== 'wit-apply-1'; i++) {
    await page.keyboard.press('Tab');
    order.push(await page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName));
  }
  assert.equal(order.at(-1), 'wit-apply-1', order.join(' → '));
  assert.ok(order.slice(0, -1).every((t) => t === 'A'), order.join(' → '));
  await page.keyboard.press('Enter');
  await page.waitForSelector($('applied-notice'));
  await page.waitForSelector($('compare-summary'), { timeout: 15_000 });

  // The headline says the view is not upstream, and its result changed.
  assert.match(await text(page, 'not-upstream'), /^NOT UPSTREAM a posted change applied: the no-dax patch for accelerators \(posted v20/);
  const after = await drawn(page);
  assert.doesNotMatch(after.headline, /-EBUSY/);
  assert.match(after.headline, /EPT 2M UC/);
  assert.match(await text(page, 'applied-notice'), /Applied to VFIO-owned: cxl: Avoid dax creation for accelerators --patch cxl\/type2-no-dax\. Exclusive ownership is now ✓ good\./);
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'applied-notice');
  // Compare mode against the scenario before: both results, both trees, both VMAs, the verdicts that differ.
  assert.equal(await page.inputValue($('ctl-compare')), 'platform');
  const results = await page.locator('.compare-results [data-testid="fault-result"]').allTextContents();
  assert.ok(results.some((r) => /EPT 2M UC/.test(r)) && results.some((r) => /-EBUSY/.test(r)), results.join(' | '));
  for (const id of ['diagram-resource', 'diagram-resource-b', 'diagram-vma', 'diagram-vma-b', 'compare-paths']) assert.ok(await page.isVisible($(id)), id);
  assert.match(await text(page, 'compare-summary'), /VFIO-owned \(with the no-dax patch for accelerators\).*VFIO-owned \(without the no-dax patch for accelerators\)/);
  assert.match(await text(page, 'verdict-diffs'), /Exclusive ownership/);
  assert.match(await text(page, 'tree-diff'), /Only in the tree of VFIO-owned \(with the no-dax patch for accelerators\):.*vfio-cxl-hdm/);
  assert.match(await text(page, 'tree-diff'), /Only in the tree of VFIO-owned \(without the no-dax patch for accelerators\):.*(dax|System RAM \(kmem\))/);
  // The diagrams of the scenario on screen changed: the tree, the fault result, the VMA.
  assert.notDeepEqual(after.tree, before.tree);
  assert.ok(after.tree.some((p) => /vfio-cxl-hdm$/.test(p)), after.tree.join('\n'));
  assert.ok(!before.tree.some((p) => /vfio-cxl-hdm$/.test(p)));
  assert.notEqual(after.vma, before.vma);
  // The cell is good now; the link carries the change and the comparison.
  await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-status') === 'good', cell);
  await page.waitForFunction(() => /[#&]pt=cxl%2Ftype2-no-dax(&|$)/.test(location.hash) && /cmp=platform/.test(location.hash));
  assert.doesNotMatch(await page.evaluate(() => location.hash), /c\.pt=cxl/);
  assert.deepEqual(await clipped(page), []);
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot('what-it-takes-applied-1280');

  // Undo: back to the scenario before, compare mode off.
  await page.click($('applied-undo'));
  assert.equal(await page.locator($('not-upstream')).count(), 0);
  assert.equal(await page.inputValue($('ctl-compare')), 'off');
  assert.match(await text(page, 'fault-result'), /-EBUSY/);
  assert.deepEqual(consoleErrors, []);
}

export async function theWhatItTakesPanelIsWholeAt1024x768AndItsSourcesOpen({ page, baseUrl, screenshot, consoleErrors }) {
  await page.setViewportSize({ width: 1024, height: 768 });
  await open(page, baseUrl, '#v=4&d=vfio-owned&fw=soft-reserved');
  await page.click($('verdict-vfio-owned-exclusive-ownership'));
  await page.waitForSelector($('wit-sets'), { timeout: 15_000 });
  const n = await page.locator($('wit-set')).count();
  assert.ok(n >= 3, `${n} sets`);
  // Open every item's sources: long citations wrap inside the panel.
  for (const s of await page.locator('[data-testid="what-it-takes"] .wit-sources > summary').all()) await s.click();
  assert.deepEqual(await clipped(page), []);
  await page.locator($('what-it-takes')).scrollIntoViewIfNeeded();
  await screenshot('what-it-takes-1024');
  // The kernel changes control, open, with a change applied: whole too.
  await page.click('[data-testid="ctl-patches"] > summary');
  await page.click($('ctl-patch-kvm/memory-fault-exit'));
  await page.waitForSelector($('not-upstream'));
  assert.deepEqual(await clipped(page), []);
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot('kernel-changes-1024');
  assert.deepEqual(consoleErrors, []);
}

export async function withWorkersBlockedTheSearchRunsOnThePageAndSaysWhy({ page, context, baseUrl }) {
  await context.addInitScript(blockWorkers);
  await open(page, baseUrl, '');
  await page.click($('verdict-vfio-owned-device-reset'));
  await page.waitForSelector($('wit-sets'), { timeout: 15_000 });
  assert.match(await text(page, 'wit-meta'), /on this page \(the search worker could not start \(SecurityError: Refused to create a worker/);
  const flags = await page.locator(`${$('wit-set')} .wit-flag`).allTextContents();
  assert.deepEqual(flags, ['--patch kvm/memory-fault-exit', '--patch vmm/retry-after-reset']);
}

export async function theOneFileAppSearchesInAWorkerFromDiskOffline({ context, page, singleFileUrl, consoleErrors }) {
  await context.setOffline(true);
  await page.goto(singleFileUrl);
  await page.waitForSelector($('fault-result'));
  await page.click($('verdict-vfio-owned-guest-cacheable'));
  await page.waitForSelector($('wit-sets'), { timeout: 15_000 });
  // The search worker is inside the file too (started from a data: URL, like the import worker).
  assert.match(await text(page, 'wit-meta'), /, in a worker\./);
  await page.click($('wit-apply-0'));
  assert.match(await text(page, 'not-upstream'), /^NOT UPSTREAM a hypothetical change applied: EPT memtype from the host PAT/);
  assert.deepEqual(consoleErrors, []);
}
