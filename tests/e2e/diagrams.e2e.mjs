// Browser tests of the three diagrams in real Chromium: every design and platform control, keyboard stepping,
// compare mode, linked highlighting, accessibility and screenshots. Expected values are the domain findings
// (../shared/domain), not snapshots of the model.
import assert from 'node:assert/strict';
import { $, FAULT } from './helpers/selectors.mjs';
import { readFileSync } from 'node:fs';

// The fault path and the resource tree keep the other architecture's drawing alive but hidden; their boxes are
// looked up in the live one.

async function open(page, baseUrl, hash = '') {
  await page.goto(baseUrl + hash);
  await page.waitForSelector($('fault-result'));
}

async function result(page) {
  return (await page.textContent($('fault-result'))).replace(/\s+/g, ' ').trim();
}

/** A verdict matrix cell's attribute, once it has caught up: the matrix follows the diagrams one frame later. */
async function verdictAttr(page, id, attr, expected) {
  const ok = (v) => (expected instanceof RegExp ? expected.test(v ?? '') : v === expected);
  await page
    .waitForFunction(([sel, attr, src, flags, plain]) => {
      const v = document.querySelector(sel)?.getAttribute(attr) ?? '';
      return src === null ? v === plain : new RegExp(src, flags).test(v);
    }, [$(id), attr, expected instanceof RegExp ? expected.source : null, expected instanceof RegExp ? expected.flags : '', expected instanceof RegExp ? '' : expected], { timeout: 2000 })
    .catch(() => {});
  const v = await page.getAttribute($(id), attr);
  assert.ok(ok(v), `${id} ${attr}: ${v} does not match ${expected}`);
}

async function set(page, control, value) {
  const el = page.locator($(control));
  const tag = await el.evaluate((e) => e.tagName);
  if (tag === 'SELECT') await el.selectOption(value);
  else if (value !== (await el.isChecked())) await el.click();
}

function pngSize(path) {
  const b = readFileSync(path);
  assert.equal(b.toString('ascii', 1, 4), 'PNG');
  return { w: b.readUInt32BE(16), h: b.readUInt32BE(20) };
}

export async function opensOnTheDefaultScenarioWithoutErrors({ page, baseUrl, consoleErrors }) {
  await open(page, baseUrl);
  for (const id of ['diagram-resource', 'diagram-vma', 'diagram-fault', 'verdict-matrix']) assert.ok(await page.isVisible($(id)), id);
  assert.match(await result(page), /^EPT 2M UC/);
  assert.equal(await page.locator(`${$('tree-node')}[data-new="true"]`).getAttribute('data-path'), 'CXL Window 0/region0/Reserved/vfio-cxl-hdm');
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.match(csp, /script-src 'self'/);
  assert.doesNotMatch(csp, /script-src[^;]*unsafe-inline/);
  assert.deepEqual(consoleErrors, []);
}

export async function everyDesignOnX86({ page, baseUrl }) {
  await open(page, baseUrl);
  const expected = {
    hotplug: /^EPT 2M WB\+IPAT/,
    'private-node': /^EPT 2M WB\+IPAT/,
    memremap: /^EPT 4K UC/,
    'vfio-owned': /^EPT 2M UC/,
    'nvgrace-gpu': /^EPT 2M UC/,
  };
  for (const [design, re] of Object.entries(expected)) {
    await set(page, 'ctl-design', design);
    assert.match(await result(page), re, design);
    // The fault path on x86 passes make_spte(); page-backed designs resolve through GUP, PFNMAP ones through hva_to_pfn_remapped().
    const fns = await page.locator(FAULT + '[data-step-index] .fnode-label').allTextContents();
    assert.ok(fns.some((f) => f.includes('make_spte()')), `${design}: make_spte`);
    assert.equal(fns.some((f) => f.includes('hva_to_pfn_remapped()')), !['hotplug', 'private-node'].includes(design), `${design}: remapped`);
  }
  // Hotplug puts System RAM (kmem) in the tree and struct pages in the VMA.
  await set(page, 'ctl-design', 'hotplug');
  assert.equal(await page.locator(`${$('tree-node')}[data-path$="System RAM (kmem)"]`).count(), 1);
  assert.match(await page.locator($('vma-leaf')).first().textContent(), /struct page, node 1, ZONE_MOVABLE/);
}

export async function everyDesignOnArm64({ page, baseUrl }) {
  await open(page, baseUrl);
  await set(page, 'ctl-arch', 'arm64');
  assert.ok(await page.isEnabled($('ctl-fwb')));
  // The VMA geometry asks for 1G blocks; the HDM at 0x1050000000 is 2M- but not 1G-aligned, so the walker installs 2M.
  const withFwb = { hotplug: /^stage-2 2M Normal/, memremap: /^stage-2 2M Normal/, 'vfio-owned': /^stage-2 2M Normal/, 'nvgrace-gpu': /^stage-2 2M Normal/ };
  for (const [d, re] of Object.entries(withFwb)) {
    await set(page, 'ctl-design', d);
    assert.match(await result(page), re, d);
  }
  await set(page, 'ctl-design', 'vfio-owned');
  await set(page, 'ctl-fwb', false);
  assert.match(await result(page), /^-EINVAL .*KVM_SET_USER_MEMORY_REGION/);
  await verdictAttr(page, 'verdict-vfio-owned-guest-cacheable', 'data-status', 'bad');
  // Before v6.17 the same VMA is forced non-cacheable: Device-nGnRE, since the later vfio-cxl module sets no
  // VM_ALLOW_ANY_UNCACHED (v2's region did, and gets Normal-NC).
  await set(page, 'ctl-kernel', '6.12');
  assert.match(await result(page), /^stage-2 2M Device-nGnRE/);
  // nvgrace-gpu on 6.12 remap_pfn_range()s usemem with vm_pgoff = the start pfn, so the VMA geometry is the real
  // HPA's: 2M-aligned, not 1G-aligned.
  await set(page, 'ctl-design', 'nvgrace-gpu');
  assert.match(await result(page), /^stage-2 2M Device-nGnRE/);
  await set(page, 'ctl-kernel', '7.1');
  await set(page, 'ctl-fwb', true);
  await set(page, 'ctl-design', 'vfio-owned');
  await set(page, 'ctl-mte', true);
  assert.match(await result(page), /^-EINVAL/);
  await set(page, 'ctl-mte', false);
  await set(page, 'ctl-dirty-log', true);
  assert.match(await result(page), /^-EINVAL/);
  await verdictAttr(page, 'verdict-vfio-owned-live-migration', 'data-status', 'bad');
}

// Switching architecture keeps the other architecture's fault graph and tree in the page: not drawn, taking no room,
// out of the tab order and the accessibility tree, and shown again as the same elements on switching back.
export async function architectureSwitchKeepsTheOtherDrawingHidden({ page, baseUrl }) {
  await open(page, baseUrl);
  await set(page, 'ctl-arch', 'arm64');
  assert.match(await result(page), /^stage-2/);
  // Measured with every panel laid out: the tree's panel is below the fold at 1280x800, where content-visibility
  // skips it (and a size read there does not reflect the kept drawing's containment).
  await page.addStyleTag({ content: '.panel { content-visibility: visible !important; }' });
  const kept = await page.evaluate(() =>
    [...document.querySelectorAll('.fault-graph.kept, .tree-graph.kept')].map((el) => ({
      cv: getComputedStyle(el).contentVisibility,
      h: el.getBoundingClientRect().height,
      x86: el.querySelector('[data-node="x_exit"], [data-path="System RAM/Kernel bss"]') !== null,
    })),
  );
  assert.deepEqual(kept, [
    { cv: 'hidden', h: 0, x86: true },
    { cv: 'hidden', h: 0, x86: true },
  ]);
  // Not in the accessibility tree: only the live (arm64) graph's steps are list items there.
  const snapshot = await page.locator('[data-testid="diagram-fault"]').ariaSnapshot();
  assert.ok(!snapshot.includes('handle_ept_violation'), 'hidden x86 graph exposed to assistive technology');
  assert.ok(snapshot.includes('kvm_handle_guest_abort'));
  // Not focusable: tabbing through the whole page never lands in a kept drawing.
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.closest('.kept') !== null), false, `tab ${i} focused a hidden box`);
  }
  await page.evaluate(() => {
    window.__x86Graph = document.querySelector('.fault-graph.kept');
  });
  await set(page, 'ctl-arch', 'x86_64');
  assert.match(await result(page), /^EPT/);
  assert.equal(await page.evaluate(() => document.querySelector('[data-testid="fault-graph"]') === window.__x86Graph), true);
}

export async function theOtherArchitectureIsBuiltHiddenOnceThePageIsIdle({ page, baseUrl }) {
  await open(page, baseUrl);
  // Before any switch: once the page has been idle, the arm64 fault graph, resource tree and VMA are already in the page.
  await page.waitForFunction(() => document.querySelectorAll('.fault-graph.kept, .tree-graph.kept, .vma-graph.kept').length === 3, null, { timeout: 5000 });
  // They are laid out once in a zero-height invisible box, then hidden with content-visibility; the page never moves.
  await page.waitForFunction(() => document.querySelectorAll('.kept.prelayout').length === 0, null, { timeout: 5000 });
  await page.addStyleTag({ content: '.panel { content-visibility: visible !important; }' });
  const hidden = await page.evaluate(() => [...document.querySelectorAll('.kept')].map((el) => [getComputedStyle(el).contentVisibility, el.getBoundingClientRect().height]));
  assert.deepEqual(hidden, [['hidden', 0], ['hidden', 0], ['hidden', 0]]);
  const arm = await page.evaluate(() => {
    const f = document.querySelector('.fault-graph.kept');
    const t = document.querySelector('.tree-graph.kept');
    const v = document.querySelector('.vma-graph.kept');
    window.__armTree = t;
    window.__armGraph = f;
    window.__armVma = v;
    return { fault: f.querySelector('[data-node="a_abort"]') !== null, tree: t.querySelectorAll('[data-testid="tree-node"]').length, walk: [...v.querySelectorAll('[data-testid^="walk-"]')].map((w) => w.getAttribute('data-testid')) };
  });
  assert.equal(arm.fault, true);
  assert.ok(arm.tree > 0);
  assert.ok(arm.walk.length > 0, 'the kept arm64 VMA draws its host page-table walk');
  // The first switch shows those very drawings, brought up to date, rather than building new ones.
  await set(page, 'ctl-arch', 'arm64');
  assert.match(await result(page), /^stage-2/);
  assert.equal(await page.evaluate(() => document.querySelector('[data-testid="tree-graph"]') === window.__armTree), true);
  assert.equal(await page.evaluate(() => document.querySelector('[data-testid="fault-graph"]') === window.__armGraph), true);
  assert.equal(await page.evaluate(() => document.querySelector('[data-testid="vma-graph"]') === window.__armVma), true);
}

/**
 * After other changes, once the page is idle, the hidden drawings of the other architecture are rebuilt for the
 * scenario on screen (and stay hidden), so the next switch shows them as they already are.
 */
export async function theHiddenArchitectureFollowsTheScenarioOnceIdle({ page, baseUrl }) {
  await open(page, baseUrl);
  await page.waitForFunction(() => document.querySelectorAll('.kept:not(.prelayout)').length === 3, null, { timeout: 5000 });
  const keptState = () =>
    page.evaluate(() => {
      const f = document.querySelector('.fault-graph.kept');
      const t = document.querySelector('.tree-graph.kept');
      return {
        graph: f,
        steps: [...f.querySelectorAll('[data-step-index]')].map((e) => e.getAttribute('data-node')).join(' '),
        tree: [...t.querySelectorAll('[data-testid="tree-node"]')].map((e) => e.getAttribute('data-path')).sort().join('|'),
      };
    });
  const idle = () => page.evaluate(() => new Promise((r) => requestIdleCallback(() => requestIdleCallback(r))));
  await idle();
  const before = await keptState();
  await set(page, 'ctl-design', 'hotplug');
  await idle();
  await page.waitForFunction((old) => [...document.querySelectorAll('.fault-graph.kept [data-step-index]')].map((e) => e.getAttribute('data-node')).join(' ') !== old, before.steps, { timeout: 5000 });
  const after = await keptState();
  assert.notEqual(after.tree, before.tree, 'the hidden arm64 tree still shows the design before the change');
  // Still hidden: no size, out of rendering, and nothing of it focusable or in the accessibility tree.
  const hidden = await page.evaluate(() => [...document.querySelectorAll('.kept')].map((el) => [el.className, getComputedStyle(el).contentVisibility, el.getBoundingClientRect().height]));
  for (const [cls, cv, h] of hidden) {
    assert.equal(cv, 'hidden', cls);
    assert.equal(h, 0, cls);
    assert.doesNotMatch(cls, /relayout/);
  }
  await page.evaluate(() => {
    window.__keptGraph = document.querySelector('.fault-graph.kept');
  });
  // The switch shows those very drawings, as they were already drawn.
  await set(page, 'ctl-arch', 'arm64');
  assert.match(await result(page), /^stage-2/);
  const live = await page.evaluate(() => ({
    same: document.querySelector('[data-testid="fault-graph"]') === window.__keptGraph,
    steps: [...document.querySelectorAll('[data-testid="fault-graph"] [data-step-index]')].map((e) => e.getAttribute('data-node')).join(' '),
    tree: [...document.querySelectorAll('[data-testid="tree-graph"] [data-testid="tree-node"]')].map((e) => e.getAttribute('data-path')).sort().join('|'),
  }));
  assert.equal(live.same, true);
  assert.equal(live.steps, after.steps);
  assert.equal(live.tree, after.tree);
}

export async function firmwareControlsDriveTheResourceTree({ page, baseUrl }) {
  await open(page, baseUrl);
  await set(page, 'ctl-firmware', 'conventional');
  assert.match(await result(page), /^-EBUSY/);
  const conflict = page.locator(`${$('tree-node')}[data-conflict="true"]`);
  assert.equal(await conflict.getAttribute('data-path'), 'CXL Window 0/region0/System RAM');
  assert.match(await conflict.textContent(), /-EBUSY/);
  assert.match(await page.textContent($('vma-none')), /did not get the memory set up/);
  // Soft Reserved on 6.17 is in iomem and not busy: VFIO claims under it.
  await set(page, 'ctl-firmware', 'soft-reserved');
  await set(page, 'ctl-kernel', '6.17');
  assert.equal(await page.locator(`${$('tree-node')}[data-new="true"]`).getAttribute('data-path'), 'CXL Window 0/region0/Soft Reserved/vfio-cxl-hdm');
  // From 7.0 Soft Reserved is deferred out of iomem.
  await set(page, 'ctl-kernel', '7.0');
  assert.equal(await page.locator(`${$('tree-node')}[data-path*="Soft Reserved"]`).count(), 0);
  // efi=nosoftreserve turns it into System RAM again.
  await set(page, 'ctl-nosoftreserve', true);
  assert.match(await result(page), /^-EBUSY/);
  // memremap over System RAM: the direct map, silently.
  await set(page, 'ctl-design', 'memremap');
  assert.match(await page.textContent($('iomem-text')), /System RAM\n$/);
  await verdictAttr(page, 'verdict-memremap-firmware-ram', 'aria-label', /silent direct-map alias/);
}

export async function hotplugPolicyHugeFaultDirtyLogAndReset({ page, baseUrl }) {
  await open(page, baseUrl);
  await set(page, 'ctl-huge-fault', false);
  assert.match(await result(page), /^EPT 4K UC/);
  assert.equal(await page.locator(`${$('vma-handler')}`).count(), 1);
  await set(page, 'ctl-huge-fault', true);
  await set(page, 'ctl-dirty-log', true);
  assert.match(await result(page), /^EPT 4K UC/);
  await set(page, 'ctl-dirty-log', false);
  await set(page, 'ctl-device-reset', true);
  assert.match(await result(page), /^-EFAULT .*KVM_RUN/);
  assert.ok((await page.locator(FAULT + '[data-step-index]').count()) > 0);
  await set(page, 'ctl-device-reset', false);
  await set(page, 'ctl-design', 'hotplug');
  await set(page, 'ctl-online', 'online_kernel');
  assert.match(await page.locator($('vma-leaf')).first().textContent(), /ZONE_NORMAL/);
  await set(page, 'ctl-online', 'offline');
  assert.match(await result(page), /no mapping/);
  await verdictAttr(page, 'verdict-hotplug-guest-cacheable', 'data-status', 'bad');
}

export async function keyboardStepsThePathAndTheOtherDiagramsFollow({ page, baseUrl }) {
  await open(page, baseUrl);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.getAttribute(FAULT + '[data-current="true"]', 'data-node'), 'x_exit');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.getAttribute(FAULT + '[data-current="true"]', 'data-node'), 'x_pf');
  assert.match(await page.textContent($('step-status')), /step 2\//);
  await page.keyboard.press('End');
  assert.equal(await page.getAttribute(FAULT + '[data-current="true"]', 'data-node'), 'x_res_uc');
  // Step to the fault handler: the VMA leaf and the resource holding the pfn light up.
  const idx = Number(await page.getAttribute(FAULT + '[data-node="d_handler"]', 'data-step-index'));
  await page.keyboard.press('Home');
  for (let i = 0; i < idx; i++) await page.keyboard.press('ArrowRight');
  assert.equal(await page.getAttribute(FAULT + '[data-current="true"]', 'data-node'), 'd_handler');
  assert.equal(await page.locator(`${$('vma-leaf')}[data-lit="true"]`).count(), 1);
  assert.match(await page.locator(`${$('tree-node')}[data-lit="true"]`).first().getAttribute('data-path'), /vfio-cxl-hdm$/);
  assert.match(await page.textContent($('step-inspector')), /inserted a special 2M PMD leaf/);
  // Space plays to the end.
  await page.keyboard.press('Home');
  await page.keyboard.press(' ');
  await page.waitForFunction(() => document.querySelector('[data-testid="fault-graph"] [data-current="true"]')?.getAttribute('data-node') === 'x_res_uc', null, { timeout: 30000 });
}

export async function steppingKeepsTheInspectorAndTheCurrentStepInView({ page, baseUrl, screenshot }) {
  await open(page, baseUrl);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  // After every key, in the next frame: the current step is inside the window and not under the sticky result and
  // step inspector, and the inspector itself is inside the window.
  const check = async (what) => {
    await page.waitForTimeout(50);
    const r = await page.evaluate(() => {
      const box = (sel) => document.querySelector(sel).getBoundingClientRect();
      return { head: box('.fault-head'), insp: box('[data-testid="step-inspector"]'), cur: box('[data-testid="fault-graph"] [data-current="true"]'), vh: innerHeight };
    });
    assert.ok(r.insp.top >= 0 && r.insp.bottom <= r.vh, `${what}: inspector out of view (${r.insp.top}–${r.insp.bottom})`);
    assert.ok(r.cur.top >= r.head.bottom && r.cur.bottom <= r.vh + 1, `${what}: current step at ${r.cur.top}–${r.cur.bottom}, head ends at ${r.head.bottom}, window ${r.vh}`);
  };
  await page.keyboard.press('ArrowRight');
  await check('step 1');
  await page.keyboard.press('End');
  await check('last step');
  assert.ok(await page.evaluate(() => scrollY > 0), 'the last step is below the fold, so the window scrolled');
  await screenshot('stepping-last-step-1280');
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('ArrowLeft');
    await check(`back ${i + 1}`);
  }
  await page.keyboard.press('Home');
  await check('first step');
  // Stepping down, what comes next stays in view too: the box of the next step is inside the window.
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('ArrowRight');
    await check(`forward ${i + 2}`);
    const next = await page.evaluate(() => {
      const cur = Number(document.querySelector('[data-testid="fault-graph"] [data-current="true"]').getAttribute('data-step-index'));
      const n = document.querySelector(`[data-testid="fault-graph"] [data-step-index="${cur + 1}"]`)?.getBoundingClientRect();
      return n ? { bottom: n.bottom, vh: innerHeight } : null;
    });
    if (next) assert.ok(next.bottom <= next.vh + 1, `forward ${i + 2}: the next step ends at ${next.bottom}, below the window (${next.vh})`);
  }
}

export async function compareTwoDesignsAndTwoPlatforms({ page, baseUrl, screenshot }) {
  await open(page, baseUrl);
  await set(page, 'ctl-compare', 'design:hotplug');
  assert.match(await page.textContent($('first-divergence')), /at step \d+ they part\. VFIO-owned: hva_to_pfn_fast\(\): GUP-fast returns a page\? → special or missing PTE: no page/);
  assert.match(await page.textContent($('verdict-diffs')), /Guest sees cacheable memory/);
  await verdictAttr(page, 'verdict-hotplug-exclusive-ownership', 'data-differs', 'true');
  assert.ok(await page.isVisible($('compare-paths')));
  assert.ok(await page.isVisible($('diagram-resource-b')));
  await screenshot('compare-designs-1280');
  await set(page, 'ctl-compare', 'platform');
  assert.equal(await page.inputValue($('cmp-ctl-arch')), 'arm64');
  assert.match(await page.textContent($('first-divergence')), /at step 1 they part/);
  await set(page, 'cmp-ctl-fwb', false);
  assert.match(await page.locator($('fault-result')).nth(1).textContent(), /-EINVAL/);
  assert.match(await page.textContent($('compare-result-b')), /-EINVAL/);
  await set(page, 'ctl-compare', 'off');
  assert.equal(await page.locator($('compare-summary')).count(), 0);
}

export async function linkedHighlighting({ page, baseUrl }) {
  await open(page, baseUrl);
  await page.locator($('vma-leaf')).nth(1).hover();
  const lit = await page.locator(`${$('tree-node')}[data-lit="true"]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-path')));
  assert.deepEqual(lit, ['CXL Window 0/region0/Reserved/vfio-cxl-hdm']);
  await page.locator(`${$('tree-node')}[data-path="CXL Window 0/region0"]`).hover();
  assert.equal(await page.getAttribute(`${$('tree-node')}[data-path="CXL Window 0/region0"]`, 'data-lit'), 'true');
}

export async function inspectorShowsSourcesAndUnverifiedMarks({ page, baseUrl }) {
  await open(page, baseUrl);
  await page.click($('verdict-vfio-owned-guest-cacheable'));
  await page.waitForSelector($('inspector')); // its code loads on first use
  const links = await page.locator(`${$('inspector')} a`).evaluateAll((as) => as.map((a) => a.href));
  assert.ok(links.some((h) => /^https:\/\/elixir\.bootlin\.com\/linux\/[^/]+\/A\/ident\/vmx_get_mt_mask$/.test(h)), links.join('\n'));
  assert.ok(links.some((h) => h.startsWith('https://lore.kernel.org/r/20260404185330.GD2551565@ziepe.ca')));
  // A step resting on an unverified source carries the mark (x86/no-vma-cacheability-patch: that no such patch exists is not checked).
  await page.click(FAULT + '[data-node="x_res_uc"]');
  assert.match(await page.textContent($('inspector')), /EPT entry: memory type UC/);
  assert.ok((await page.locator(`${$('inspector')} .unverified-mark`).count()) > 0);
  await page.keyboard.press('Escape');
  assert.equal(await page.locator($('inspector')).count(), 0);
  // Keyboard: focus a tree node, Enter opens it, "n" focuses the note box.
  await page.locator(`${$('tree-node')}[data-path="CXL Window 0/region0"]`).focus();
  await page.keyboard.press('Enter');
  assert.match(await page.textContent($('inspector')), /IORESOURCE_MEM/);
  await page.locator(`${$('tree-node')}[data-path="CXL Window 0/region0"]`).focus();
  await page.keyboard.press('n');
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'note-input');
}

export async function noAxeViolationsLightAndDark({ page, context, baseUrl, axe }) {
  await open(page, baseUrl);
  const v = await axe();
  assert.deepEqual(v, [], JSON.stringify(v, null, 2));
  await page.emulateMedia({ colorScheme: 'dark' });
  const v2 = await axe();
  assert.deepEqual(v2, [], JSON.stringify(v2, null, 2));
  void context;
}

export async function screenshotsAtBothSizes({ page, baseUrl, screenshot }) {
  await open(page, baseUrl);
  let p = await screenshot('default-1280x800');
  assert.deepEqual(pngSize(p), { w: 1280, h: 800 });
  await page.setViewportSize({ width: 1920, height: 1080 });
  p = await screenshot('default-1920x1080');
  assert.deepEqual(pngSize(p), { w: 1920, h: 1080 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await set(page, 'ctl-arch', 'arm64');
  p = await screenshot('arm64-dark-1920x1080');
  assert.deepEqual(pngSize(p), { w: 1920, h: 1080 });
  // Nothing overflows the page horizontally at either size.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `horizontal overflow ${overflow}px`);
  await page.setViewportSize({ width: 1280, height: 800 });
  const overflow2 = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow2 <= 0, `horizontal overflow ${overflow2}px at 1280`);
}
