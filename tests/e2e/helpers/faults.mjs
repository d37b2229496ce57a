// Shared by the fault tests (storage.e2e.mjs, worker.e2e.mjs, tabs.e2e.mjs): selectors, opening the page, notes,
// pasting, and the faults themselves (init scripts that run before the app in every page of the context).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { $ } from './selectors.mjs';

export { $ };
export const sample = (p) => readFileSync(join(resolve(import.meta.dirname, '../../fixtures/samples'), p), 'utf8');

/** A function_graph trace of about `bytes` characters (over the main-thread limit, so it goes to the worker). */
export const bigTrace = (bytes = 400_000, fn = 'hva_to_pfn') => `  2)   0.122 us    |    ${fn} [kvm]();\n`.repeat(Math.ceil(bytes / (30 + fn.length)));

/** A /proc/iomem of about `bytes` characters. */
export function bigIomem(bytes = 300_000) {
  const out = [];
  let a = 0x100000;
  for (let n = 0; n < bytes; a += 0x1000) {
    const l = `${a.toString(16).padStart(8, '0')}-${(a + 0xfff).toString(16).padStart(8, '0')} : System RAM`;
    out.push(l);
    n += l.length + 1;
  }
  out.push('c050000000-c08fffffff : CXL Window 0', '  c050000000-c08fffffff : Soft Reserved');
  return out.join('\n') + '\n';
}

/** Open the app and wait for the diagrams (and, unless told not to, the lazy import panel). */
export async function open(page, baseUrl, { hash = '', panel = true } = {}) {
  await page.goto(baseUrl + hash);
  await page.waitForSelector($('fault-result'));
  if (panel) await page.waitForSelector($('import-text'), { state: 'attached' });
}

/** Not a blank page: the three diagrams and the matrix are drawn. */
export async function assertDrawn(page) {
  for (const id of ['diagram-resource', 'diagram-vma', 'diagram-fault']) assert.ok(await page.isVisible($(id)), `${id} not visible`);
  assert.match(await page.textContent($('fault-result')), /\S/);
}

export async function addNote(page, verdict, text) {
  await page.click($(verdict));
  await page.fill($('note-input'), text);
  await page.click($('note-add'));
  await page.keyboard.press('Escape'); // the inspector is an overlay: close it
}

/** The note texts the inspector shows for a verdict. */
export async function notesOn(page, verdict) {
  await page.click($(verdict));
  await page.waitForSelector($('note-input')); // the inspector's code loads on first use
  const texts = await page.locator($('note')).evaluateAll((els) => els.map((e) => e.firstChild?.textContent ?? ''));
  await page.keyboard.press('Escape');
  return texts;
}

export async function openPanel(page) {
  if (!(await page.locator($('import-panel')).evaluate((d) => d.open))) await page.click($('import-toggle'));
}

/** Hand `text` to the panel the way a paste does (a large one goes straight to the parser). */
export async function paste(page, text) {
  await openPanel(page);
  await page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    document.querySelector('[data-testid="import-text"]').dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
}

/** Put `text` in the textarea as typing would (page.fill takes minutes for a few hundred KB in Chromium). */
export async function typeInto(page, text) {
  await openPanel(page);
  await page.evaluate((t) => {
    const ta = document.querySelector('[data-testid="import-text"]');
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value').set.call(ta, t);
    ta.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
}

/**
 * Paste a trace of about `bytes` characters made in the page: a string of tens of MB handed over from Node by
 * page.evaluate makes Chromium's string operations on it crawl, which is not what the app does with a real paste.
 */
export async function pasteMadeInPage(page, bytes, fn) {
  await openPanel(page);
  await page.evaluate(
    ([n, f]) => {
      const dt = new DataTransfer();
      dt.setData('text/plain', `  2)   0.122 us    |    ${f} [kvm]();\n`.repeat(Math.ceil(n / (30 + f.length))));
      document.querySelector('[data-testid="import-text"]').dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    },
    [bytes, fn],
  );
}

export async function importText(page, text) {
  await openPanel(page);
  await page.fill($('import-text'), text);
  await page.click($('import-submit'));
  await page.waitForFunction((sel) => !document.querySelector(sel), $('import-progress'));
}

export const idle = (page) => page.waitForFunction(() => document.querySelector('[data-testid="import-progress"]') === null);

/**
 * Init script: reading window.localStorage throws, as in Chromium when site data is blocked, until the page sets
 * window.__allowStorage (the user allowing site data again).
 */
export function blockStorage() {
  const d = Object.getOwnPropertyDescriptor(window, 'localStorage') ?? Object.getOwnPropertyDescriptor(Window.prototype, 'localStorage');
  Object.defineProperty(window, 'localStorage', {
    configurable: true,
    get() {
      if (window.__allowStorage) return d.get.call(window);
      throw new DOMException("Failed to read the 'localStorage' property from 'Window': Access is denied for this document.", 'SecurityError');
    },
  });
}

/** Init script: `new Worker` throws, as when a policy or an extension blocks workers. */
export function blockWorkers() {
  window.Worker = function Worker() {
    throw new DOMException('Refused to create a worker (blocked by policy in this test)', 'SecurityError');
  };
}

/** Fill localStorage until it refuses even 16 characters more. */
export async function fillStorage(page) {
  await page.evaluate(() => {
    let size = 1 << 20;
    for (let i = 0; size >= 16; i++) {
      try {
        localStorage.setItem(`filler-${i}`, 'x'.repeat(size));
      } catch {
        size >>= 1;
      }
    }
  });
}

/** Free what fillStorage() took, from another page of the same origin: this page gets `storage` events. */
export async function freeStorageFrom(context, baseUrl) {
  const other = await context.newPage();
  await other.goto(baseUrl + 'favicon.svg');
  await other.evaluate(() => {
    for (const k of Object.keys(localStorage)) if (k.startsWith('filler-')) localStorage.removeItem(k);
  });
  await other.close();
}

export const stored = (page, key) => page.evaluate((k) => localStorage.getItem(k), key);
