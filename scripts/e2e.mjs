#!/usr/bin/env node
/**
 * Browser tests in real Chromium (Debian's /usr/bin/chromium driven by playwright-core).
 * Serves dist/ with a tiny static server (works offline), runs every exported async function of tests/e2e/*.e2e.mjs
 * in a fresh page (ctx.baseUrl is the served site, ctx.singleFileUrl the file:// URL of dist-single/hdm-atlas.html), writes test-results/e2e.json ({passed, failed, tests}) and screenshots to test-results/screenshots/.
 *
 *   node scripts/e2e.mjs [filter]     run the tests whose "file > name" contains filter
 */
import { createServer } from 'node:http';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { extname, join, resolve, normalize } from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import { chromium } from 'playwright-core';

const root = resolve(import.meta.dirname, '..');
const dist = join(root, 'dist');
const singleFile = join(root, 'dist-single', 'hdm-atlas.html');
const out = join(root, 'test-results');
const shots = join(out, 'screenshots');
mkdirSync(shots, { recursive: true });
const filter = process.argv[2] ?? '';
const TEST_TIMEOUT = 60_000;

if (!existsSync(join(dist, 'index.html'))) {
  console.log('dist/ missing: building');
  const b = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) process.exit(1);
}

if (!existsSync(singleFile)) {
  console.log('dist-single/hdm-atlas.html missing: building');
  const b = spawnSync('npx', ['vite', 'build', '--config', 'vite.single.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) process.exit(1);
}
const singleFileUrl = pathToFileURL(singleFile).href;

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.png': 'image/png', '.woff2': 'font/woff2' };
const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  let p = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
  let file = join(dist, p);
  if (!file.startsWith(dist)) {
    res.writeHead(403).end();
    return;
  }
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file)) {
    res.writeHead(404).end('not found');
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
  res.end(readFileSync(file));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const port = server.address().port;
const baseUrl = `http://127.0.0.1:${port}/`;

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
const axeSource = readFileSync(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');

const files = readdirSync(join(root, 'tests/e2e')).filter((f) => f.endsWith('.e2e.mjs')).sort();
const results = [];
for (const f of files) {
  const mod = await import(pathToFileURL(join(root, 'tests/e2e', f)).href);
  for (const [name, fn] of Object.entries(mod)) {
    if (typeof fn !== 'function') continue;
    const id = `${f.replace('.e2e.mjs', '')} > ${name}`;
    if (filter && !id.includes(filter)) continue;
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, colorScheme: 'light' });
    const page = await context.newPage();
    const consoleErrors = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    const ctx = {
      page,
      context,
      baseUrl,
      singleFileUrl,
      consoleErrors,
      screenshot: async (n, opts = {}) => {
        const p = join(shots, `${n}.png`);
        await page.screenshot({ path: p, fullPage: false, ...opts });
        return p;
      },
      axe: async (selector) => {
        // Runtime.evaluate is not subject to the page's CSP (script-src 'self'), unlike an injected <script>.
        if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
        return page.evaluate(async (sel) => {
          // eslint-disable-next-line no-undef
          const r = await axe.run(sel ? document.querySelector(sel) : document, { resultTypes: ['violations'] });
          return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
        }, selector ?? null);
      },
    };
    const t0 = Date.now();
    let error = null;
    try {
      await Promise.race([fn(ctx), new Promise((_, rej) => setTimeout(() => rej(new Error(`timeout after ${TEST_TIMEOUT} ms`)), TEST_TIMEOUT))]);
    } catch (e) {
      error = e;
      try {
        await page.screenshot({ path: join(shots, `FAILED-${id.replace(/[^\w-]+/g, '_')}.png`) });
      } catch {
        /* page gone */
      }
    }
    const ms = Date.now() - t0;
    results.push({ id, ok: !error, ms, error: error ? String(error.stack ?? error) : undefined });
    console.log(`${error ? '✗' : '✓'} ${id} (${ms} ms)`);
    if (error) console.log(String(error.message ?? error).split('\n').map((l) => `    ${l}`).join('\n'));
    await context.close();
  }
}
await browser.close();
server.close();
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
writeFileSync(join(out, 'e2e.json'), JSON.stringify({ passed, failed: files.length === 0 ? 1 : failed, tests: results }, null, 2));
console.log(`browser tests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || results.length === 0 ? 1 : 0);
