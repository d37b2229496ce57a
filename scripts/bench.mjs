#!/usr/bin/env node
/**
 * npm run bench: the performance budgets of issue 6, measured in headless Debian Chromium and in Node.
 * Prints every figure as median and spread over several runs, checks it against its budget (PASS/MISS), writes
 * bench/results/latest.json and compares with the previous run (bench/results/previous.json).
 */
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { cpus } from 'node:os';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const root = resolve(import.meta.dirname, '..');
const dist = join(root, 'dist');
const outDir = join(root, 'bench/results');
mkdirSync(outDir, { recursive: true });

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * (s.length - 1) + 0.5))];
  return { median: q(0.5), min: s[0], max: s[s.length - 1], p95: q(0.95), n: s.length };
};

console.log('building…');
const b = spawnSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd: root, stdio: 'inherit' });
if (b.status !== 0) process.exit(1);

// 1. Bundle: what index.html loads (JS + CSS), gzip.
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const initialAssets = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
const bundleBytes = initialAssets.reduce((s, a) => s + gzipSync(readFileSync(join(dist, a)), { level: 9 }).length, 0);
const allAssets = readdirSync(join(dist, 'assets')).filter((f) => /\.(js|css)$/.test(f));

// 2. Node: model and parser.
console.log('model and parser benchmarks (node)…');
const nodeRun = spawnSync('npx', ['tsx', 'bench/model.bench.ts'], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
if (nodeRun.status !== 0) {
  console.error(nodeRun.stderr);
  process.exit(1);
}
const nodeRes = JSON.parse(nodeRun.stdout.slice(nodeRun.stdout.indexOf('{')));

// 3. Browser.
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };
const server = createServer((req, res) => {
  let f = join(dist, new URL(req.url ?? '/', 'http://x').pathname);
  if (!f.startsWith(dist)) return res.writeHead(403).end();
  if (existsSync(f) && statSync(f).isDirectory()) f = join(f, 'index.html');
  if (!existsSync(f)) return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': TYPES[extname(f)] ?? 'application/octet-stream' });
  res.end(readFileSync(f));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--js-flags=--expose-gc', '--enable-precise-memory-info', '--disable-dev-shm-usage'],
});
const version = browser.version();

async function freshPage() {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await ctx.newPage();
  return { ctx, page };
}

console.log('initial load…');
const loadMs = [];
for (let i = 0; i < 9; i++) {
  const { ctx, page } = await freshPage();
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(
    () => ['diagram-resource', 'diagram-vma', 'diagram-fault'].every((id) => document.querySelector(`[data-testid="${id}"] svg g`)),
    null,
    { polling: 'raf', timeout: 30000 },
  );
  loadMs.push(await page.evaluate(() => performance.now()));
  await ctx.close();
}

// The control changes the interaction and memory benchmarks cycle through (distinct platforms, cold caches).
const CHANGES = [
  ['ctl-arch', 'arm64'], ['ctl-firmware', 'conventional'], ['ctl-kernel', '6.12'], ['ctl-fwb', null], ['ctl-design', 'hotplug'],
  ['ctl-online', 'online_kernel'], ['ctl-huge-fault', null], ['ctl-arch', 'x86_64'], ['ctl-dirty-log', null], ['ctl-firmware', 'soft-reserved'],
  ['ctl-kernel', '7.0'], ['ctl-design', 'memremap'], ['ctl-device-reset', null], ['ctl-nosoftreserve', null], ['ctl-kernel', '6.17'],
  ['ctl-design', 'vfio-owned'], ['ctl-firmware', 'reserved'], ['ctl-mte', null], ['ctl-online', 'offline'], ['ctl-design', 'private-node'],
  ['ctl-kernel', '7.1'], ['ctl-arch', 'arm64'], ['ctl-design', 'nvgrace-gpu'], ['ctl-online', 'online_movable'], ['ctl-kernel', '6.11'],
];

async function changeLoop(page, n) {
  return page.evaluate(
    async ({ changes, n }) => {
      const times = [];
      let changed = 0;
      for (let i = 0; i < n; i++) {
        const [id, value] = changes[i % changes.length];
        const el = document.querySelector(`[data-testid="${id}"]`);
        const before = document.querySelector('[data-testid="fault-result"]')?.textContent;
        const t0 = performance.now();
        if (el.type === 'checkbox') el.click();
        else {
          const opts = [...el.options].map((o) => o.value);
          el.value = value ?? opts[(opts.indexOf(el.value) + 1) % opts.length];
          el.dispatchEvent(new Event('change', { bubbles: true }));
        }
        await Promise.resolve();
        await Promise.resolve();
        document.body.getBoundingClientRect();
        times.push(performance.now() - t0);
        if (document.querySelector('[data-testid="fault-result"]')?.textContent !== before) changed++;
        if (i % 10 === 9) await new Promise((r) => setTimeout(r, 0));
      }
      return { times, changed };
    },
    { changes: CHANGES, n },
  );
}

console.log('interaction (platform control → all diagrams re-derived and re-drawn)…');
let interaction;
{
  const { ctx, page } = await freshPage();
  await page.goto(url);
  await page.waitForSelector('[data-testid="fault-result"]');
  interaction = await changeLoop(page, 250);
  await ctx.close();
}

console.log('animation (stepping the fault path)…');
let animation;
{
  const { ctx, page } = await freshPage();
  await page.goto(url);
  await page.waitForSelector('[data-testid="fault-result"]');
  await page.evaluate(() => {
    window.__long = [];
    new PerformanceObserver((l) => window.__long.push(...l.getEntries().map((e) => e.duration))).observe({ type: 'longtask', buffered: false });
    window.__frames = [];
    let last = performance.now();
    const tick = (t) => {
      window.__frames.push(t - last);
      last = t;
      if (!window.__stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  for (let i = 0; i < 23; i++) {
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(120);
  }
  animation = await page.evaluate(() => {
    window.__stop = true;
    return { long: window.__long, frames: window.__frames.slice(2) };
  });
  await ctx.close();
}

console.log('import (1,000-line /proc/iomem pasted, parsed and drawn)…');
const gen = spawnSync('npx', ['tsx', '-e', "import { syntheticIomem } from './bench/model.bench.ts'; process.stdout.write(syntheticIomem(1000));"], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20, env: { ...process.env, BENCH_GEN_ONLY: '1' } });
const iomem1k = gen.stdout.slice(gen.stdout.search(/^[0-9a-f]{8}-/m));
const importMs = [];
for (let i = 0; i < 5; i++) {
  const { ctx, page } = await freshPage();
  await page.goto(url);
  await page.waitForSelector('[data-testid="fault-result"]');
  if (!(await page.locator('[data-testid="import-panel"]').evaluate((d) => d.open))) await page.click('[data-testid="import-toggle"]');
  await page.fill('[data-testid="import-text"]', iomem1k);
  const t0 = await page.evaluate(() => performance.now());
  await page.click('[data-testid="import-submit"]');
  await page.waitForSelector('[data-testid="import-candidate"] input[type=radio]', { timeout: 30000 });
  await page.locator('[data-testid="import-candidate"] input[type=radio]').first().check();
  await page.waitForSelector('[data-testid="import-applied"]', { timeout: 30000 });
  await page.waitForFunction(() => document.querySelector('[data-testid="diagram-resource"] svg g'), null, { polling: 'raf' });
  importMs.push((await page.evaluate(() => performance.now())) - t0);
  await ctx.close();
}

console.log('memory (1,000 rapid control changes)…');
let memory;
{
  const { ctx, page } = await freshPage();
  await page.goto(url);
  await page.waitForSelector('[data-testid="fault-result"]');
  await changeLoop(page, 100); // warm up: code paths, caches
  const m0 = await page.evaluate(async () => {
    for (let i = 0; i < 3; i++) {
      window.gc?.();
      await new Promise((r) => setTimeout(r, 50));
    }
    return performance.memory?.usedJSHeapSize ?? null;
  });
  await changeLoop(page, 1000);
  const m1 = await page.evaluate(async () => {
    for (let i = 0; i < 3; i++) {
      window.gc?.();
      await new Promise((r) => setTimeout(r, 50));
    }
    return performance.memory?.usedJSHeapSize ?? null;
  });
  memory = { before: m0, after: m1 };
  await ctx.close();
}
await browser.close();
server.close();

// Report.
const loadS = stats(loadMs);
const interS = stats(interaction.times);
const frameGaps = animation.frames.filter((d) => d > 34).length;
const impS = stats(importMs);
const coldS = stats(nodeRes.explainColdUs);
const p1k = stats(nodeRes.parse1kMs);
const p100k = stats(nodeRes.parse100kMs);
const base = stats(nodeRes.baseline100kMs);
const heapDeltaMb = memory.before !== null ? (memory.after - memory.before) / (1024 * 1024) : null;

const rows = [
  ['bundle: initial JS+CSS gzip', `${(bundleBytes / 1024).toFixed(1)} KB`, `${initialAssets.length} files (${allAssets.length} in dist)`, '≤ 150 KB', bundleBytes <= 150 * 1024],
  ['load: all three diagrams drawn', `${loadS.median.toFixed(0)} ms`, `${loadS.min.toFixed(0)}–${loadS.max.toFixed(0)} ms, n=${loadS.n}`, '≤ 1000 ms', loadS.median <= 1000],
  ['control change → re-derived + drawn, p95', `${interS.p95.toFixed(1)} ms`, `median ${interS.median.toFixed(1)}, max ${interS.max.toFixed(1)} ms, n=${interS.n}, ${interaction.changed} changed the result`, '≤ 16 ms', interS.p95 <= 16],
  ['stepping: long tasks (> 50 ms)', `${animation.long.length}`, `max ${animation.long.length ? Math.max(...animation.long).toFixed(0) : 0} ms`, '0', animation.long.length === 0],
  ['stepping: dropped frames (gap > 34 ms)', `${frameGaps}`, `${animation.frames.length} frames, max gap ${Math.max(...animation.frames).toFixed(0)} ms`, '0', frameGaps === 0],
  ['import: 1,000-line iomem parsed + drawn', `${impS.median.toFixed(0)} ms`, `${impS.min.toFixed(0)}–${impS.max.toFixed(0)} ms, n=${impS.n} (paste → candidates → pick → drawn)`, '≤ 100 ms', impS.median <= 100],
  ['parser: 1,000 lines (node)', `${p1k.median.toFixed(2)} ms`, `${p1k.min.toFixed(2)}–${p1k.max.toFixed(2)} ms`, '—', true],
  ['parser: 100,000 lines vs split+regex', `${(p100k.median / base.median).toFixed(1)}×`, `parser ${p100k.median.toFixed(0)} ms, baseline ${base.median.toFixed(1)} ms`, '≤ 5×', p100k.median / base.median <= 5],
  ['model: explain() per scenario, cold', `${coldS.median.toFixed(0)} µs`, `${coldS.min.toFixed(0)}–${coldS.max.toFixed(0)} µs over ${nodeRes.scenarios} scenarios × ${coldS.n} runs`, '—', true],
  ['memory: heap after 1,000 changes', heapDeltaMb === null ? 'n/a' : `${heapDeltaMb >= 0 ? '+' : ''}${heapDeltaMb.toFixed(2)} MB`, memory.before === null ? 'performance.memory unavailable' : `${(memory.before / 1048576).toFixed(1)} → ${(memory.after / 1048576).toFixed(1)} MB`, '≤ 5 MB', heapDeltaMb !== null && heapDeltaMb <= 5],
];

const result = {
  date: new Date().toISOString(),
  machine: { cores: cpus().length, node: process.version, chromium: version },
  figures: Object.fromEntries(rows.map(([k, v, spread, budget, ok]) => [k, { value: v, spread, budget, ok }])),
  raw: { bundleBytes, initialAssets, loadMs, interactionMs: interaction.times, longTasks: animation.long, frameGaps, importMs, node: nodeRes, memory },
};
const latest = join(outDir, 'latest.json');
let previous = null;
if (existsSync(latest)) {
  previous = JSON.parse(readFileSync(latest, 'utf8'));
  renameSync(latest, join(outDir, 'previous.json'));
}
writeFileSync(latest, JSON.stringify(result, null, 2));

console.log(`\nHDM Atlas benchmarks — ${cpus().length} cores, node ${process.version}, chromium ${version}`);
const w0 = Math.max(...rows.map((r) => r[0].length));
for (const [name, value, spread, budget, ok] of rows) {
  const prev = previous?.figures?.[name]?.value;
  console.log(`${ok ? 'PASS' : 'MISS'}  ${name.padEnd(w0)}  ${String(value).padStart(10)}  budget ${budget.padEnd(8)}  ${spread}${prev && prev !== value ? `  (last run: ${prev})` : ''}`);
}
console.log(`\nwritten: ${latest}${previous ? ' (previous run kept in previous.json)' : ''}`);
