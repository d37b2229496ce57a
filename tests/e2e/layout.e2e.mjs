// Browser tests of the page as a meeting sees it: at 1024×768, 1280×800, 1920×1080 and 2560×1440, light and dark,
// no text in a drawing is cut or runs out of its box, the page never scrolls sideways, the answer (the result and the
// verdict matrix) is in the first screen at 1280×800, compare mode shows both whole paths, long imported names and
// deep trees lay out, and the keyboard reaches everything. Screenshots of each viewport go to test-results/screenshots.
import assert from 'node:assert/strict';
import { $, FAULT } from './helpers/selectors.mjs';

export const VIEWPORTS = [
  [1024, 768],
  [1280, 800],
  [1920, 1080],
  [2560, 1440],
];

async function open(page, baseUrl, hash = '') {
  await page.goto(baseUrl + hash);
  await page.waitForSelector($('fault-result'));
}

/** Lay out every panel (content-visibility skips panels off screen, and text there has no size to measure). */
async function layOutEverything(page) {
  await page.addStyleTag({ content: '.panel { content-visibility: visible !important; }' });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/**
 * Every text of the live drawings: none elided ("…"), each line no longer than the width its box gives it
 * (getComputedTextLength against data-fit), inside its box (getBBox against the box's rect), inside the drawing, and
 * no edge label over a box. Returns the problems found.
 */
async function textProblems(page) {
  return page.evaluate(() => {
    const out = [];
    const svgs = [...document.querySelectorAll('[data-testid="fault-graph"] svg, [data-testid="tree-graph"] svg, [data-testid="vma-graph"] svg.vma-svg, svg.compare-svg')];
    const inside = (a, b, tol = 0.75) => a.x >= b.x - tol && a.y >= b.y - tol && a.x + a.width <= b.x + b.width + tol && a.y + a.height <= b.y + b.height + tol;
    for (const svg of svgs) {
      const vb = svg.viewBox.baseVal;
      const where = svg.getAttribute('class');
      for (const t of svg.querySelectorAll('text')) {
        const s = t.textContent ?? '';
        if (s.includes('…') && !t.closest('[data-elided="true"]')) out.push(`${where}: elided "${s}"`);
        const fit = t.getAttribute('data-fit');
        if (fit !== null) {
          const parts = t.querySelectorAll('tspan').length && !t.classList.contains('chip-text') ? [...t.querySelectorAll('tspan')] : [t];
          for (const p of parts) {
            const len = p.getComputedTextLength();
            if (len > Number(fit) + 0.5) out.push(`${where}: "${p.textContent}" is ${len.toFixed(1)} px, its box gives ${Number(fit).toFixed(1)}`);
          }
          const g = t.parentElement?.closest('g');
          const rect = g ? [...g.children].find((c) => c.tagName === 'rect') : null;
          if (rect) {
            const tb = t.getBBox();
            const rb = rect.getBBox();
            if (!inside(tb, rb)) out.push(`${where}: "${s}" runs out of its box (${[tb.x, tb.y, tb.width, tb.height].map((v) => v.toFixed(1))} in ${[rb.x, rb.y, rb.width, rb.height].map((v) => v.toFixed(1))})`);
          }
        }
        // Inside the drawing (axis labels clear of the edge), measured in the drawing's own units.
        const m = t.getCTM();
        const sm = svg.getCTM();
        if (m && sm) {
          const b = t.getBBox();
          const k = sm.inverse().multiply(m);
          const x0 = k.a * b.x + k.e;
          const x1 = k.a * (b.x + b.width) + k.e;
          if (b.width > 0 && (x0 < -0.5 || x1 > vb.width + 0.5)) out.push(`${where}: "${s}" leaves the drawing (${x0.toFixed(1)}–${x1.toFixed(1)} of ${vb.width})`);
        }
      }
      // Edge labels lie over no box.
      const boxes = [...svg.querySelectorAll('.fnode > rect')].map((r) => r.getBBox());
      for (const l of svg.querySelectorAll('.edge-label')) {
        const b = l.getBBox();
        for (const r of boxes) if (b.x < r.x + r.width && b.x + b.width > r.x && b.y < r.y + r.height && b.y + b.height > r.y) out.push(`edge label "${l.textContent}" over a box`);
      }
      for (const r of svg.querySelectorAll('rect')) {
        const w = r.width.baseVal.value;
        const h = r.height.baseVal.value;
        if (w < 0 || h < 0) out.push(`${where}: negative rect ${w}×${h}`);
      }
    }
    return out;
  });
}

async function horizontalOverflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

const SCENARIOS = [
  ['default', ''],
  ['arm64-hotplug', '#v=2&d=hotplug&a=arm64'],
  ['conflict', '#v=2&d=vfio-owned&fw=conventional'],
  ['arm64-old-kernel', '#v=2&d=nvgrace-gpu&a=arm64&k=6.11'],
];

export async function noTextCutOrOverflowingAtAnyViewportLightAndDark({ page, baseUrl, screenshot, consoleErrors }) {
  for (const [w, h] of VIEWPORTS) {
    await page.setViewportSize({ width: w, height: h });
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const [name, hash] of SCENARIOS) {
        if (scheme === 'dark' && name !== 'default') continue; // the colours change, not the layout
        await open(page, baseUrl, hash);
        await screenshot(`viewport-${w}x${h}-${scheme}-${name}`);
        await layOutEverything(page);
        const problems = await textProblems(page);
        assert.deepEqual(problems, [], `${w}×${h} ${scheme} ${name}:\n${problems.slice(0, 20).join('\n')}`);
        assert.ok((await horizontalOverflow(page)) <= 0, `${w}×${h} ${name}: the page scrolls sideways`);
      }
    }
  }
  assert.deepEqual(consoleErrors, []);
}

export async function theAnswerIsInTheFirstScreenAt1280x800({ page, baseUrl }) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await open(page, baseUrl);
  const r = await page.evaluate(() => {
    const box = (sel) => document.querySelector(sel).getBoundingClientRect();
    return { headline: box('[data-testid="headline"]'), matrix: box('[data-testid="verdict-matrix"]'), vh: innerHeight };
  });
  assert.ok(r.headline.top >= 0 && r.headline.bottom <= r.vh, `headline at ${r.headline.top}–${r.headline.bottom}`);
  assert.ok(r.matrix.top >= 0 && r.matrix.bottom <= r.vh, `matrix at ${r.matrix.top}–${r.matrix.bottom}`);
  assert.match(await page.textContent($('headline')), /EPT 2M UC/);
}

export async function theMatrixNeverCutsAColumnAndErrnosStayWhole({ page, baseUrl }) {
  for (const [w, h] of VIEWPORTS) {
    await page.setViewportSize({ width: w, height: h });
    await open(page, baseUrl, '#v=2&d=vfio-owned&fw=conventional');
    await page.waitForFunction(() => document.querySelector('[data-testid="verdict-vfio-owned-firmware-ram"]')?.textContent?.includes('-E'));
    const r = await page.evaluate(() => {
      const scroller = document.querySelector('.matrix-scroll');
      const last = [...document.querySelectorAll('[data-testid="verdict-matrix"] thead th')].at(-1).getBoundingClientRect();
      const frame = scroller.getBoundingClientRect();
      const errnos = [...document.querySelectorAll('[data-testid="verdict-matrix"] .nobr')].map((e) => [e.textContent, e.getClientRects().length]);
      return { scrolls: scroller.scrollWidth > scroller.clientWidth + 1, lastRight: last.right, frameRight: frame.right, hint: !!document.querySelector('[data-testid="matrix-scroll-hint"]'), errnos };
    });
    // Either every column is on screen, or the table scrolls and says so.
    if (r.scrolls) assert.ok(r.hint, `${w}: the matrix scrolls without a hint`);
    else assert.ok(r.lastRight <= r.frameRight + 1, `${w}: the last column ends at ${r.lastRight}, past ${r.frameRight}`);
    assert.ok(r.errnos.length > 0);
    for (const [text, lines] of r.errnos) assert.equal(lines, 1, `${w}: "${text}" breaks over ${lines} lines`);
  }
  // At 1024 px the design names wrap between words (never at their hyphen), so the default view's columns all fit.
  await page.setViewportSize({ width: 1024, height: 768 });
  await open(page, baseUrl);
  const narrow = await page.evaluate(() => {
    const scroller = document.querySelector('.matrix-scroll');
    return {
      scrolls: scroller.scrollWidth > scroller.clientWidth + 1,
      // The characters either side of a name's hyphen sit on one line.
      hyphenBreaks: [...document.querySelectorAll('.row-design')].filter((b) => {
        const chars = [];
        const walk = document.createTreeWalker(b, NodeFilter.SHOW_TEXT);
        for (let t = walk.nextNode(); t; t = walk.nextNode()) {
          for (let k = 0; k < t.textContent.length; k++) {
            const r = document.createRange();
            r.setStart(t, k);
            r.setEnd(t, k + 1);
            chars.push([t.textContent[k], Math.round(r.getBoundingClientRect().top)]);
          }
        }
        return chars.some(([c], k) => c === '-' && k > 0 && k + 1 < chars.length && chars[k - 1][1] !== chars[k + 1][1]);
      }).map((b) => b.textContent),
    };
  });
  assert.equal(narrow.scrolls, false, 'the matrix scrolls at 1024 px');
  assert.deepEqual(narrow.hyphenBreaks, [], 'a design name breaks at its hyphen');
  await page.setViewportSize({ width: 1280, height: 800 });
}

export async function theInspectorCoversNeitherTheToolbarNorTheMatrix({ page, baseUrl }) {
  for (const [w, h] of VIEWPORTS) {
    await page.setViewportSize({ width: w, height: h });
    await open(page, baseUrl);
    await page.click($('verdict-vfio-owned-guest-cacheable'));
    await page.click(FAULT + '[data-node="x_mmio"]');
    const r = await page.evaluate(() => {
      const b = (sel) => document.querySelector(sel).getBoundingClientRect();
      const hit = (a, c) => a.left < c.right && a.right > c.left && a.top < c.bottom && a.bottom > c.top;
      const insp = b('[data-testid="inspector"]');
      return { toolbar: hit(insp, b('.app-header')), matrix: hit(insp, b('[data-testid="verdict-matrix"]')), answer: hit(insp, b('[data-testid="answer"]')) };
    });
    assert.deepEqual(r, { toolbar: false, matrix: false, answer: false }, `${w}×${h}`);
    assert.ok((await horizontalOverflow(page)) <= 0, `${w}: overflow with the inspector open`);
  }
}

export async function aCellLightsWhatDecidedItsVerdict({ page, baseUrl }) {
  await open(page, baseUrl);
  await page.click($('verdict-hotplug-guest-cacheable'));
  // The cell selects its design...
  assert.equal(await page.inputValue($('ctl-design')), 'hotplug');
  // ...and the step that decided the verdict is lit and current, with the inspector saying so.
  const decided = await page.getAttribute(FAULT + '[data-decided="true"]', 'data-node');
  assert.equal(await page.getAttribute(FAULT + '[data-current="true"]', 'data-node'), decided);
  assert.match(await page.textContent($('decided-by')), /Decided by step \d+/);
  // The claim decides exclusive ownership: the resource is lit in the tree.
  await page.click($('verdict-vfio-owned-exclusive-ownership'));
  assert.equal(await page.getAttribute(`${$('tree-node')}[data-decided="true"]`, 'data-path'), 'CXL Window 0/region0/Reserved/vfio-cxl-hdm');
  // The UC answer: kvm_is_mmio_pfn() decides it, and the final entry is red, never green.
  await page.click($('verdict-vfio-owned-guest-cacheable'));
  assert.equal(await page.getAttribute(FAULT + '[data-decided="true"]', 'data-node'), 'x_mmio');
  const fill = await page.evaluate(() => {
    const last = [...document.querySelectorAll('[data-testid="fault-graph"] [data-step-index]')].at(-1);
    return [last.getAttribute('class'), getComputedStyle(last.querySelector('rect')).fill, getComputedStyle(document.querySelector('[data-testid="headline"]')).backgroundColor];
  });
  assert.match(fill[0], /tone-bad/);
  assert.equal(fill[1], fill[2], 'the UC entry has the colour of the red headline');
}

export async function compareShowsBothWholePathsAlignedWithTheDivergenceMarked({ page, baseUrl, screenshot }) {
  for (const [w, h] of [[1280, 800], [1920, 1080]]) {
    await page.setViewportSize({ width: w, height: h });
    await open(page, baseUrl, '#v=2&d=vfio-owned&cmp=design:hotplug');
    await page.waitForSelector($('compare-paths'));
    await layOutEverything(page);
    // Both final entries are drawn, whole.
    assert.match(await page.textContent($('compare-result-a')), /EPT 2M UC/);
    assert.match(await page.textContent($('compare-result-b')), /EPT 2M WB\+IPAT/);
    // The shared prefix reads across, then the first divergence is marked in both columns.
    const r = await page.evaluate(() => {
      const shared = document.querySelectorAll('[data-testid="compare-step-shared"]').length;
      const div = [...document.querySelectorAll('[data-diverges="true"]')].map((e) => [e.getAttribute('data-testid'), Number(e.getAttribute('data-index'))]);
      return { shared, div };
    });
    assert.ok(r.shared > 5);
    assert.deepEqual(r.div, [['compare-step-a', r.shared], ['compare-step-b', r.shared]]);
    // The summary is in words: verdict labels and design names, no internal keys.
    const summary = await page.textContent($('compare-summary'));
    assert.match(summary, /Guest sees cacheable memory/);
    assert.doesNotMatch(summary, /guest-cacheable|exclusive-ownership|huge-mappings|live-migration|device-reset|firmware-ram|struct-pages|upstream-status|vfio-owned|(?<!Memory )hotplug/);
    assert.deepEqual(await textProblems(page), []);
    assert.ok((await horizontalOverflow(page)) <= 0);
    await screenshot(`compare-${w}x${h}`);
  }
  // One path never reaches KVM: its error is still drawn, beside the other path's entry.
  await open(page, baseUrl, '#v=2&d=vfio-owned&fw=conventional&cmp=design:memremap');
  await page.waitForSelector($('compare-paths'));
  assert.match(await page.textContent($('compare-result-a')), /-EBUSY/);
  assert.match(await page.textContent($('compare-result-b')), /EPT/);
}

export async function keyboardSkipLinksAndAFocusRingOnSvgBoxes({ page, baseUrl }) {
  await open(page, baseUrl);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'skip-answer');
  assert.ok(await page.isVisible($('skip-answer')), 'a focused skip link is visible');
  for (const [link, target] of [['skip-diagram-fault', 'diagram-fault'], ['skip-diagram-resource', 'diagram-resource'], ['skip-diagram-vma', 'diagram-vma'], ['skip-answer', 'answer']]) {
    await page.focus($(link));
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), target, link);
  }
  // From the fault path's skip target, one Tab reaches the first step, which shows a clear ring.
  await page.focus($('skip-diagram-fault'));
  await page.keyboard.press('Enter');
  let tabs = 0;
  while (tabs < 12 && !(await page.evaluate(() => document.activeElement?.getAttribute('data-step-index') === '0'))) {
    await page.keyboard.press('Tab');
    tabs++;
  }
  assert.ok(tabs < 12, 'the first step is a few Tabs after its skip link');
  const ring = await page.evaluate(() => {
    const r = document.activeElement.querySelector('rect');
    return [getComputedStyle(r).strokeWidth, getComputedStyle(r).stroke];
  });
  assert.equal(ring[0], '3.5px');
  // The skip link to the inspector appears once something is selected.
  await page.keyboard.press('Enter');
  assert.ok(await page.locator($('skip-inspector')).count());
}

export async function steppingControlsSayWhatTheyDoAndDoNotMove({ page, baseUrl }) {
  await open(page, baseUrl);
  assert.equal((await page.textContent($('step-next'))).trim(), 'Next step ▶');
  const where = () => page.evaluate(() => ['step-prev', 'step-play', 'step-next', 'copy-link', 'export-menu', 'present', 'ctl-design', 'ctl-arch', 'ctl-compare'].map((id) => {
    const r = document.querySelector(`[data-testid="${id}"]`).getBoundingClientRect();
    return `${id} ${Math.round(r.left)},${Math.round(r.top + scrollY)},${Math.round(r.width)}`;
  }));
  const before = await where();
  for (const d of ['hotplug', 'private-node', 'memremap', 'nvgrace-gpu', 'vfio-owned']) {
    await page.selectOption($('ctl-design'), d);
    assert.deepEqual(await where(), before, d);
  }
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('End');
  assert.deepEqual(await where(), before, 'after stepping');
}

/** Changing the architecture or the firmware type enables or disables controls, but moves none (1024 and 1280 wide). */
export async function platformControlsKeepTheirPlaceAcrossArchitectureAndFirmware({ page, baseUrl }) {
  for (const width of [1024, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    await open(page, baseUrl);
    const where = () => page.evaluate(() => [...document.querySelectorAll('.scenario-bar [data-testid^="ctl-"]')].map((el) => {
      const r = el.getBoundingClientRect();
      return `${el.getAttribute('data-testid')} ${Math.round(r.left)},${Math.round(r.top + scrollY)},${Math.round(r.width)}`;
    }).concat(`bar height ${Math.round(document.querySelector('.scenario-bar').getBoundingClientRect().height)}`));
    const before = await where();
    for (const [id, v] of [['ctl-arch', 'arm64'], ['ctl-firmware', 'soft-reserved'], ['ctl-firmware', 'conventional'], ['ctl-arch', 'x86_64'], ['ctl-firmware', 'reserved']]) {
      await page.selectOption($(id), v);
      assert.deepEqual(await where(), before, `${width} px, after ${id}=${v}`);
    }
    // Every select is wide enough for its longest option, so the value shown is never cut.
    const cut = await page.evaluate(() => {
      const ctx = document.createElement('canvas').getContext('2d');
      return [...document.querySelectorAll('.scenario-bar select')].flatMap((sel) => {
        ctx.font = getComputedStyle(sel).font;
        const longest = Math.max(...[...sel.options].map((o) => ctx.measureText(o.text).width));
        // About 26 px of the box is padding, border and the arrow.
        return longest + 26 > sel.getBoundingClientRect().width ? [`${sel.getAttribute('data-testid')}: ${Math.round(longest)} px of text in ${Math.round(sel.getBoundingClientRect().width)} px`] : [];
      });
    });
    assert.deepEqual(cut, [], `${width} px`);
    // What does not apply is disabled, and says so.
    assert.equal(await page.isDisabled($('ctl-fwb')), true);
    assert.equal(await page.isDisabled($('ctl-efi-attr')), true);
    await page.selectOption($('ctl-arch'), 'arm64');
    assert.equal(await page.isDisabled($('ctl-fwb')), false);
    assert.equal(await page.isDisabled($('ctl-efi-attr')), false);
    assert.equal(await page.isDisabled($('ctl-vendor')), true);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

export async function aStepPastTheEndClampsToTheLastStep({ page, baseUrl }) {
  await open(page, baseUrl, '#v=2&d=vfio-owned&s=999');
  const n = await page.locator(FAULT + '[data-step-index]').count();
  assert.equal(await page.textContent($('step-status')), `step ${n}/${n}`);
  assert.equal(await page.getAttribute(FAULT + '[data-current="true"]', 'data-step-index'), String(n - 1));
  await page.waitForFunction((s) => location.hash.includes(`s=${s}`), n - 1);
}

export async function longImportedNamesAndDeepTreesLayOut({ page, baseUrl, consoleErrors }) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await open(page, baseUrl);
  await page.waitForSelector($('import-text'), { state: 'attached' });
  await page.evaluate(() => localStorage.clear());
  const long = 'L'.repeat(200);
  const huge = 'H'.repeat(1 << 20);
  const nest = (depth) => {
    const lines = [];
    for (let i = 0; i < depth; i++) lines.push(`${'  '.repeat(i + 2)}${(0x1050000000 + (i + 1) * 0x1000).toString(16)}-${(0x144fffffff - (i + 1) * 0x1000).toString(16)} : level ${i}`);
    return lines.join('\n');
  };
  const head = '00001000-0009efff : System RAM\n1050000000-304fffffff : CXL Window 0\n  1050000000-144fffffff : region0\n';
  const dumps = [`${head}    1050000000-144fffffff : ${long}\n`, `${head}    1050000000-144fffffff : ${huge}\n`, `${head}${nest(120)}\n`];
  for (const [i, dump] of dumps.entries()) {
    if (!(await page.locator($('import-panel')).evaluate((d) => d.open))) await page.click($('import-toggle'));
    await page.fill($('import-text'), dump);
    await page.click($('import-submit'));
    await page.waitForFunction((sel) => !document.querySelector(sel), $('import-progress'));
    const cand = page.locator($('import-candidate')).first();
    await cand.locator('input[type=radio]').check();
    await page.waitForSelector($('import-applied'));
    await page.waitForTimeout(200);
    await layOutEverything(page);
    assert.ok((await horizontalOverflow(page)) <= 0, `dump ${i}: the page scrolls sideways (${await horizontalOverflow(page)} px)`);
    const problems = (await textProblems(page)).filter((p) => !/elided/.test(p));
    assert.deepEqual(problems, [], `dump ${i}`);
    // The whole name is one hover or focus away (the box's accessible name and tooltip start with it).
    if (i < 2) {
      const label = await page.locator(`${$('tree-node')}[data-elided="true"]`).first().getAttribute('aria-label');
      assert.ok(label.startsWith(i === 0 ? long : 'H'.repeat(4096)), `dump ${i}: ${label.slice(0, 40)}`);
    }
    await page.click($('import-remove-iomem'));
  }
  assert.deepEqual(consoleErrors, []);
}

export async function presentationTextGrowsWithTheScreen({ page, baseUrl, screenshot }) {
  const sizes = [];
  for (const [w, h] of [[1280, 800], [1920, 1080], [2560, 1440]]) {
    await page.setViewportSize({ width: w, height: h });
    await open(page, baseUrl, '#v=2&d=vfio-owned&p=1&s=3');
    const px = await page.evaluate(() => {
      const t = document.querySelector('[data-testid="fault-graph"] .fnode-label');
      return t.getBoundingClientRect().height;
    });
    sizes.push(px);
    assert.deepEqual(await textProblems(page), []);
    assert.ok((await horizontalOverflow(page)) <= 0);
    await screenshot(`presentation-${w}x${h}`);
  }
  assert.ok(sizes[1] > sizes[0] * 1.2 && sizes[2] > sizes[1] * 1.2, `label heights ${sizes.join(', ')}`);
}

export async function noAxeViolationsInEveryModeLightAndDark({ page, baseUrl, axe }) {
  const notes = Buffer.from(JSON.stringify([{ id: 'a', target: { kind: 'step', nodeId: 'x_mmio' }, text: 'EPT ignores the VMA -EFAULT' }])).toString('base64url');
  const views = [
    ['compare designs', '#v=2&d=hotplug&cmp=design:memremap'],
    ['compare platforms', '#v=2&d=vfio-owned&cmp=platform&c.a=arm64'],
    ['notes', `#v=2&d=vfio-owned&n=${notes}`],
    ['presentation', `#v=2&d=vfio-owned&p=1&s=3&n=${notes}`],
    ['warnings', '#v=2&d=nvgrace-gpu'],
  ];
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [name, hash] of views) {
      await open(page, baseUrl, hash);
      const v = await axe();
      assert.deepEqual(v, [], `${scheme} ${name}: ${JSON.stringify(v, null, 2)}`);
    }
    // With a verdict's inspector open.
    await open(page, baseUrl);
    await page.click($('verdict-vfio-owned-guest-cacheable'));
    const v = await axe();
    assert.deepEqual(v, [], `${scheme} inspector: ${JSON.stringify(v, null, 2)}`);
  }
}
