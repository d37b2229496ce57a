#!/usr/bin/env node
/**
 * npm run bench: the performance budgets of issue 6, measured in headless Debian Chromium and in Node.
 * Prints every figure as median and spread over several runs, checks it against its budget (PASS/MISS), writes
 * bench/results/latest.json and compares with the previous run (bench/results/previous.json).
 *
 *   npm run bench                      everything
 *   npm run bench -- --only interaction,import   some probes (bundle load interaction animation import parser model search memory cli noise)
 *
 * - search: the what-it-takes search for one design, cold, in Node (every design × arch on three platforms), and in
 *   the page: a click on a cell that is not good until the sets are drawn, with the worker not warmed beforehand.
 *
 * How each browser figure is taken (all with performance.now() in the page, none with Playwright round trips):
 * - interaction: the page is idle and a frame has just been drawn; a control changes (select value + change event,
 *   or a checkbox click); "drawn" is the main-thread time until the first frame after the input has been rendered:
 *   the synchronous part (derivation, React render and commit, style and layout forced at its end), any task the
 *   change queued ahead of that frame, and the frame itself (rAF → the first task after it). Only the wait for the
 *   frame deadline is left out. Taken at 1280×800 and with the whole page in the viewport (1280×2600), so content
 *   below the fold is drawn too. "settled" is the time until the page is idle again (the verdict matrix included).
 *   The first architecture switch of a fresh page is printed on its own (info): the warm-up pass hides it above.
 * - animation: the fault path stepped with the keyboard and played with space; a frame is dropped when two
 *   requestAnimationFrame callbacks are more than 1.5 frame intervals (25 ms) apart.
 * - cli: the packed command line (dist-cli/hdm-atlas.js, as `npm pack` builds it) started as a user starts it, a new
 *   node process each run: `hdm-atlas --version` and one `explain`, wall clock from spawn to exit, against a bare
 *   `node -e ''` measured in the same loop (Node's own start-up, which the tool cannot change).
 * - import: a 1,000-line server-shaped /proc/iomem (bench/iomem-gen.ts) pasted, and once the page is idle imported
 *   with the panel's Import button; then, idle again, the Type-2 candidate (CXL Window 3 → Soft Reserved) picked:
 *   time from click to the candidates drawn, plus from the pick to every diagram redrawn on the user's tree. Each half ends with the frame that first shows its result
 *   (a mutation observer sees the commit; the figure includes the wait for that frame).
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
const benchOut = join(root, 'bench/.out');
const outDir = join(root, 'bench/results');
mkdirSync(outDir, { recursive: true });

const onlyArg = process.argv.find((a) => a.startsWith('--only'));
const only = onlyArg ? (onlyArg.includes('=') ? onlyArg.split('=')[1] : process.argv[process.argv.indexOf(onlyArg) + 1]).split(',') : null;
const want = (name) => !only || only.includes(name);

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * (s.length - 1) + 0.5))];
  return { median: q(0.5), min: s[0], max: s[s.length - 1], p95: q(0.95), n: s.length };
};

console.log('building…');
const b = spawnSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd: root, stdio: 'inherit' });
if (b.status !== 0) process.exit(1);
// The browser half of the parser benchmark, built from the same sources as the app.
const bb = spawnSync(
  'npx',
  ['vite', 'build', '--logLevel', 'error', '--config', 'bench/vite.bench.config.ts'],
  { cwd: root, stdio: 'inherit' },
);
if (bb.status !== 0) process.exit(1);
writeFileSync(join(benchOut, 'parser.html'), '<!doctype html><meta charset="utf-8"><title>parser bench</title><script type="module" src="./parser.js"></script>\n');

const rows = [];
const raw = {};
const row = (name, value, spread, budget, ok) => rows.push([name, value, spread, budget, ok]);

// 1. Bundle: what index.html loads (JS + CSS), gzip.
if (want('bundle')) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const initialAssets = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  const bundleBytes = initialAssets.reduce((s, a) => s + gzipSync(readFileSync(join(dist, a)), { level: 9 }).length, 0);
  const allAssets = readdirSync(join(dist, 'assets')).filter((f) => /\.(js|css)$/.test(f));
  raw.bundle = { bundleBytes, initialAssets };
  row('bundle: initial JS+CSS gzip', `${(bundleBytes / 1024).toFixed(1)} KB`, `${initialAssets.length} files (${allAssets.length} in dist)`, '≤ 150 KB', bundleBytes <= 150 * 1024);
  // The one-file app (npm run build:single): what a mail attachment weighs.
  const bs = spawnSync('npx', ['vite', 'build', '--config', 'vite.single.config.ts', '--logLevel', 'error'], { cwd: root, stdio: 'inherit' });
  if (bs.status !== 0) process.exit(1);
  const single = readFileSync(join(root, 'dist-single/hdm-atlas.html'));
  const singleGz = gzipSync(single, { level: 9 }).length;
  raw.bundle.singleFile = { bytes: single.length, gzip: singleGz };
  row('bundle: single file hdm-atlas.html', `${(single.length / 1024).toFixed(0)} KB`, `${(singleGz / 1024).toFixed(1)} KB gzip`, '≤ 1024 KB', single.length <= 1024 * 1024);
}

// 2. Node: model and parser.
let nodeRes = null;
if (want('model') || want('parser') || want('search')) {
  console.log('model, search and parser benchmarks (node)…');
  const parts = ['model', 'parser', 'search'].filter(want).join(',');
  const nodeRun = spawnSync('npx', ['tsx', '--expose-gc', 'bench/model.bench.ts'], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20, env: { ...process.env, BENCH_PARTS: parts } });
  if (nodeRun.status !== 0) {
    console.error(nodeRun.stderr);
    process.exit(1);
  }
  nodeRes = JSON.parse(nodeRun.stdout.slice(nodeRun.stdout.indexOf('{')));
  raw.node = nodeRes;
}

// 2b. The command line: process start to exit, as a user runs it.
if (want('cli')) {
  console.log('command line start-up (node)…');
  const bc = spawnSync('npx', ['vite', 'build', '--config', 'vite.cli.config.ts', '--logLevel', 'error'], { cwd: root, stdio: 'inherit' });
  if (bc.status !== 0) process.exit(1);
  const bin = join(root, 'dist-cli/hdm-atlas.js');
  const runs = {
    node: ['-e', ''],
    version: [bin, '--version'],
    explain: [bin, 'explain', '--design', 'vfio-owned', '--arch', 'x86_64'],
  };
  const times = Object.fromEntries(Object.keys(runs).map((k) => [k, []]));
  const once = (args) => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  for (const args of Object.values(runs)) once(args); // warm the file cache
  // Interleaved, so a busy moment on the machine touches all three alike.
  for (let i = 0; i < 15; i++) for (const [k, args] of Object.entries(runs)) times[k].push(once(args));
  raw.cli = times;
  const n = stats(times.node);
  const cliRow = (label, xs, budget) => {
    const s = stats(xs);
    const over = s.median - n.median;
    row(label, `${s.median.toFixed(0)} ms`, `${s.min.toFixed(0)}–${s.max.toFixed(0)} ms, n=${s.n}; ${over.toFixed(0)} ms more than node -e '' (${n.median.toFixed(0)} ms)`, `≤ node + ${budget} ms`, over <= budget);
  };
  cliRow('cli: hdm-atlas --version', times.version, 100);
  cliRow('cli: hdm-atlas explain (one design, text)', times.explain, 250);
}

// 3. Browser.
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };
const server = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  const base = path.startsWith('/__bench/') ? benchOut : dist;
  let f = join(base, path.replace(/^\/__bench\//, '/'));
  if (!f.startsWith(base)) return res.writeHead(403).end();
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

async function freshPage(viewport = { width: 1280, height: 800 }) {
  const ctx = await browser.newContext({ viewport });
  const page = await ctx.newPage();
  return { ctx, page };
}
async function openApp(viewport) {
  const p = await freshPage(viewport);
  await p.page.goto(url);
  await p.page.waitForSelector('[data-testid="fault-result"]');
  await p.page.waitForSelector('[data-testid="import-text"]', { state: 'attached' });
  // Evaluated over CDP, which the page's CSP (no eval) does not restrict.
  await p.page.evaluate(`window.__applyChange = ${APPLY}`);
  return p;
}

// The machine itself, for reading the timings below (info, no budget): the same fixed piece of work timed again and
// again in a blank page, and how many frames a blank page drops. The work never changes, so its spread (p95 against
// median) is the machine's jitter, and every timing of this run carries it; a blank page has nothing to draw, so a
// frame it drops is the machine's too.
if (want('noise') || want('interaction') || want('animation')) {
  console.log('machine noise (a blank page)…');
  const { ctx, page } = await freshPage();
  await page.goto('about:blank');
  const noise = await page.evaluate(async () => {
    const work = () => {
      let x = 0;
      for (let i = 0; i < 2_000_000; i++) x = (x * 31 + i) % 1_000_003;
      return x;
    };
    for (let i = 0; i < 5; i++) work();
    const ms = [];
    for (let i = 0; i < 60; i++) {
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const t = performance.now();
      work();
      ms.push(performance.now() - t);
    }
    const gaps = await new Promise((resolve) => {
      const out = [];
      let last = performance.now();
      const end = last + 3000;
      const tick = (t) => {
        out.push(t - last);
        last = t;
        if (t < end) requestAnimationFrame(tick);
        else resolve(out.slice(2));
      };
      requestAnimationFrame(tick);
    });
    return { ms, gaps };
  });
  await ctx.close();
  raw.noise = noise;
  const s = stats(noise.ms);
  row('machine: fixed task, p95 / median', `${(s.p95 / s.median).toFixed(2)}×`, `median ${s.median.toFixed(1)} ms, p95 ${s.p95.toFixed(1)}, max ${s.max.toFixed(1)}, n=${s.n}: the same work each time, so the spread is the machine's`, '—', true);
  const over = noise.gaps.filter((g) => g > 25);
  row('machine: blank page, frames over 25 ms', `${over.length}`, `${noise.gaps.length} frames in 3 s, max gap ${Math.max(...noise.gaps).toFixed(0)} ms: nothing to draw, so a gap is the machine's`, '—', true);
}

if (want('load')) {
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
  raw.loadMs = loadMs;
  const s = stats(loadMs);
  row('load: all three diagrams drawn', `${s.median.toFixed(0)} ms`, `${s.min.toFixed(0)}–${s.max.toFixed(0)} ms, n=${s.n}`, '≤ 1000 ms', s.median <= 1000);
}

// The control changes the interaction and memory benchmarks cycle through: every control, both architectures.
const CHANGES = [
  ['ctl-arch', 'arm64'], ['ctl-firmware', 'conventional'], ['ctl-kernel', '6.12'], ['ctl-fwb', null], ['ctl-design', 'hotplug'],
  ['ctl-online', 'online_kernel'], ['ctl-huge-fault', null], ['ctl-arch', 'x86_64'], ['ctl-dirty-log', null], ['ctl-firmware', 'soft-reserved'],
  ['ctl-kernel', '7.0'], ['ctl-design', 'memremap'], ['ctl-device-reset', null], ['ctl-nosoftreserve', null], ['ctl-kernel', '6.17'],
  ['ctl-design', 'vfio-owned'], ['ctl-firmware', 'reserved'], ['ctl-mte', null], ['ctl-online', 'offline'], ['ctl-design', 'private-node'],
  ['ctl-kernel', '7.1'], ['ctl-arch', 'arm64'], ['ctl-design', 'nvgrace-gpu'], ['ctl-online', 'online_movable'], ['ctl-kernel', '6.11'],
  ['ctl-mte', null], ['ctl-arch', 'x86_64'],
];

/** In the page: apply change i of `changes` the way the control's own event would. */
const APPLY = `(changes, i) => {
  const [id, value] = changes[i % changes.length];
  const el = document.querySelector('[data-testid="' + id + '"]');
  if (el.type === 'checkbox') { if (!el.disabled) el.click(); return id; }
  const opts = [...el.options].map((o) => o.value);
  el.value = value ?? opts[(opts.indexOf(el.value) + 1) % opts.length];
  el.dispatchEvent(new Event('change', { bubbles: true }));
  return id + '=' + el.value;
}`;

/** Idle-aligned control changes; see the header for what "drawn" and "settled" include. */
async function interactionProbe(page, n) {
  return page.evaluate(
    async ({ changes, n }) => {
      const applyChange = window.__applyChange;
      const idle = () => new Promise((r) => requestIdleCallback(() => r(), { timeout: 1000 }));
      const afterFrame = () => new Promise((r) => requestAnimationFrame(() => { const c = new MessageChannel(); c.port1.onmessage = () => r(); c.port2.postMessage(0); }));
      const out = { drawn: [], sync: [], frame: [], queued: [], settled: [], kinds: [], changed: 0 };
      for (let i = 0; i < n; i++) {
        await idle();
        await afterFrame();
        // Registered before the change, so it is the first frame callback and its message the first task after the frame.
        const frame = new Promise((r) =>
          requestAnimationFrame(() => {
            const a = performance.now();
            const c = new MessageChannel();
            c.port1.onmessage = () => r([a, performance.now()]);
            c.port2.postMessage(0);
          }),
        );
        const before = document.querySelector('[data-testid="fault-result"]')?.textContent;
        const t0 = performance.now();
        const kind = applyChange(changes, i);
        await Promise.resolve();
        await Promise.resolve();
        document.body.getBoundingClientRect();
        const t1 = performance.now();
        // Tasks the change queued before this point (React's scheduler, effects) run before this message.
        const queuedEnd = await new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = () => r(performance.now()); c.port2.postMessage(0); });
        const [fa, fb] = await frame;
        const queued = queuedEnd < fa ? queuedEnd - t1 : 0;
        out.sync.push(t1 - t0);
        out.queued.push(queued);
        out.frame.push(fb - fa);
        out.drawn.push(t1 - t0 + queued + (fb - fa));
        await idle();
        out.settled.push(performance.now() - t0);
        out.kinds.push(kind);
        if (document.querySelector('[data-testid="fault-result"]')?.textContent !== before) out.changed++;
      }
      return out;
    },
    { changes: CHANGES, n },
  );
}

/** Back-to-back changes without waiting (the memory probe): as fast as a user holding a key on a select. */
async function rapidChanges(page, n) {
  return page.evaluate(
    async ({ changes, n }) => {
      const applyChange = window.__applyChange;
      for (let i = 0; i < n; i++) {
        applyChange(changes, i);
        await Promise.resolve();
        if (i % 10 === 9) await new Promise((r) => setTimeout(r, 0));
      }
    },
    { changes: CHANGES, n },
  );
}

const interaction = {};
if (want('interaction')) {
  for (const [label, viewport] of [['1280×800', { width: 1280, height: 800 }], ['whole page', { width: 1280, height: 2600 }]]) {
    console.log(`interaction (platform control → re-derived and drawn), ${label}…`);
    const { ctx, page } = await openApp(viewport);
    await interactionProbe(page, 27); // warm-up: one pass over every change (JIT, first derivations)
    interaction[label] = await interactionProbe(page, 270);
    await ctx.close();
    const r = interaction[label];
    const d = stats(r.drawn);
    const sy = stats(r.sync);
    const fr = stats(r.frame);
    const se = stats(r.settled);
    // The slowest kind of change, by its median.
    const byKind = {};
    r.kinds.forEach((k, i) => (byKind[k] ??= []).push(r.drawn[i]));
    const worst = Object.entries(byKind).map(([k, v]) => [k, stats(v).median]).sort((a, b2) => b2[1] - a[1])[0];
    row(
      `control change → drawn, p95 (${label})`,
      `${d.p95.toFixed(1)} ms`,
      `median ${d.median.toFixed(1)}, max ${d.max.toFixed(1)}; sync p95 ${sy.p95.toFixed(1)}, frame p95 ${fr.p95.toFixed(1)}; slowest ${worst[0]} ${worst[1].toFixed(1)}; n=${d.n}, ${r.changed} changed the result`,
      '≤ 16 ms',
      d.p95 <= 16,
    );
    row(`control change → settled, median (${label})`, `${se.median.toFixed(1)} ms`, `p95 ${se.p95.toFixed(1)}, incl. the verdict matrix a frame later and waiting for frames`, '—', true);
  }
  // The first architecture switch of a session, in fresh pages once idle: the other architecture's drawings are
  // prebuilt and laid out hidden, but this switch still brings them up to date for the first time (info, no budget).
  const first = [];
  for (let i = 0; i < 7; i++) {
    const { ctx, page } = await openApp({ width: 1280, height: 800 });
    await page.waitForFunction(() => document.querySelectorAll('.fault-graph.kept, .tree-graph.kept').length === 2, null, { timeout: 10000 });
    first.push((await interactionProbe(page, 1)).drawn[0]);
    await ctx.close();
  }
  const fs = stats(first);
  row('first architecture switch → drawn, median', `${fs.median.toFixed(1)} ms`, `${fs.min.toFixed(1)}–${fs.max.toFixed(1)} ms, n=${fs.n}, fresh pages after idle (1280×800)`, '—', true);
  interaction.firstSwitch = first;
  raw.interaction = interaction;
}

if (want('animation')) {
  console.log('animation (stepping and playing the fault path)…');
  const { ctx, page } = await openApp();
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
  for (let i = 0; i < 26; i++) {
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(120);
  }
  await page.keyboard.press('Home');
  await page.keyboard.press('Space');
  await page.waitForTimeout(650 * 8);
  await page.keyboard.press('Space');
  const animation = await page.evaluate(() => {
    window.__stop = true;
    return { long: window.__long, frames: window.__frames.slice(2) };
  });
  await ctx.close();
  raw.animation = animation;
  const gaps = animation.frames.filter((d) => d > 25);
  row('stepping: long tasks (> 50 ms)', `${animation.long.length}`, `max ${animation.long.length ? Math.max(...animation.long).toFixed(0) : 0} ms`, '0', animation.long.length === 0);
  row('stepping: dropped frames (gap > 25 ms)', `${gaps.length}`, `${animation.frames.length} frames, max gap ${Math.max(...animation.frames).toFixed(0)} ms`, '0', gaps.length === 0);
}

if (want('import')) {
  console.log('import (1,000-line server-shaped /proc/iomem: parsed and drawn)…');
  const gen = spawnSync('npx', ['tsx', '-e', "import { serverIomem } from './bench/iomem-gen.ts'; process.stdout.write(serverIomem(1000));"], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  const iomem1k = gen.stdout;
  if (iomem1k.split('\n').length !== 1001) throw new Error('serverIomem(1000) did not give 1,000 lines');
  const imp = { total: [], parse: [], apply: [] };
  for (let i = 0; i < 7; i++) {
    const { ctx, page } = await openApp();
    await page.click('[data-testid="import-toggle"]');
    await page.fill('[data-testid="import-text"]', iomem1k);
    const r = await page.evaluate(async () => {
      const $ = (sel) => document.querySelector(sel);
      const afterFrame = () => new Promise((res) => requestAnimationFrame(() => { const c = new MessageChannel(); c.port1.onmessage = () => res(performance.now()); c.port2.postMessage(0); }));
      // The end of the frame that first shows what `test` looks for: a mutation observer sees the DOM change as soon
      // as it is committed, in the task that made it, so the frame after it is the one that draws it. (Polling with a
      // timer noticed it only after that frame, and then waited for one frame more.)
      const drawn = (test) => new Promise((res) => {
        const mo = new MutationObserver(() => { if (test()) { mo.disconnect(); afterFrame().then(res); } });
        mo.observe(document.body, { childList: true, subtree: true, characterData: true });
      });
      const soft = () => [...document.querySelectorAll('[data-testid="import-candidate"]')].find((c) => c.getAttribute('data-name') === 'Soft Reserved');
      // As a user does: the paste, then the click once the page is idle (as before the pick below).
      await new Promise((res) => requestIdleCallback(res, { timeout: 1000 }));
      const listed = drawn(soft);
      const t0 = performance.now();
      $('[data-testid="import-submit"]').click();
      const t1 = await listed;
      await new Promise((res) => requestIdleCallback(res, { timeout: 1000 }));
      const applied = drawn(() => $('[data-testid="import-applied"]') && $('[data-testid="iomem-text"]')?.textContent.includes('c050000000-c44fffffff : CXL Window 3'));
      const t2 = performance.now();
      soft().querySelector('input').click();
      const t3 = await applied;
      return { parse: t1 - t0, apply: t3 - t2 };
    });
    imp.parse.push(r.parse);
    imp.apply.push(r.apply);
    imp.total.push(r.parse + r.apply);
    await ctx.close();
  }
  raw.import = imp;
  const s = stats(imp.total);
  row('import: 1,000-line iomem parsed + drawn', `${s.median.toFixed(0)} ms`, `${s.min.toFixed(0)}–${s.max.toFixed(0)} ms, n=${s.n}: Import → candidates drawn ${stats(imp.parse).median.toFixed(0)} ms, pick → diagrams drawn ${stats(imp.apply).median.toFixed(0)} ms`, '≤ 100 ms', s.median <= 100);
}

if (want('parser')) {
  console.log('parser vs split+regex (node and chromium)…');
  const { ctx, page } = await freshPage();
  await page.goto(`${url}__bench/parser.html`);
  await page.waitForFunction(() => typeof window.__parserBench === 'function');
  const inBrowser = {};
  for (const shape of ['synthetic', 'server']) inBrowser[shape] = await page.evaluate(([shape]) => window.__parserBench(shape, 100_000, 9), [shape]);
  await ctx.close();
  raw.parserBrowser = inBrowser;
  const p1k = stats(nodeRes.parse1kMs);
  row('parser: 1,000 lines (node)', `${p1k.median.toFixed(2)} ms`, `${p1k.min.toFixed(2)}–${p1k.max.toFixed(2)} ms`, '—', true);
  // Issue 6 budgets the parser in headless Chromium; the Node figure (what the CLI sees) is printed beside it.
  const ratioRow = (label, parseMs, baseMs, budgeted = true) => {
    const p = stats(parseMs);
    const bs = stats(baseMs);
    const ratio = p.median / bs.median;
    row(`parser: 100,000 lines vs split+regex (${label})`, `${ratio.toFixed(1)}×`, `parser ${p.median.toFixed(0)} ms (${p.min.toFixed(0)}–${p.max.toFixed(0)}), baseline ${bs.median.toFixed(1)} ms, n=${p.n}, gc() before each run, after 3 warm-up runs`, budgeted ? '≤ 5×' : '— (CLI)', !budgeted || ratio <= 5);
  };
  ratioRow('node', nodeRes.parse100kMs, nodeRes.baseline100kMs, false);
  ratioRow('chromium', inBrowser.synthetic.parseMs, inBrowser.synthetic.baselineMs);
  ratioRow('chromium, server-shaped', inBrowser.server.parseMs, inBrowser.server.baselineMs);
}

if (want('search')) {
  // What would it take (issue 15): one design's search, cold, in Node (the worker runs the same code in Chromium).
  const ss = stats(nodeRes.searchMs);
  const worst = nodeRes.searchCases[nodeRes.searchMs.indexOf(ss.max)];
  row('what-it-takes: one design, cold (node)', `${ss.median.toFixed(0)} ms`, `max ${ss.max.toFixed(0)} ms (${worst}), n=${ss.n}: every design × arch on the default, soft-reserved and region-committed platforms`, '≤ 1000 ms', ss.max <= 1000);

  // In the page: a fresh page, idle, the pointer never near the matrix (so the worker is not warmed); a click on a
  // cell that is not good until the sets are drawn: the panel's code (preloaded when idle), the worker's start, the
  // search, the answer drawn. Two scenarios: the default, and the slowest found over a sample of every platform
  // (nvgrace-gpu with Soft Reserved firmware on 6.17, DEV_DAX_HMEM=n, a region committed at boot, online).
  // Long tasks on the page while it runs show the page does not block.
  console.log('what-it-takes in the page (chromium)…');
  const cases = [
    ['default', '#v=4&d=vfio-owned', 'verdict-vfio-owned-guest-cacheable'],
    ['slowest', '#v=4&d=nvgrace-gpu&fw=soft-reserved&k=6.17&hm=n&rg=committed&on=online', null],
  ];
  const page1 = { default: [], slowest: [] };
  const longest = [];
  for (const [name, hash, cellId] of cases) {
    for (let i = 0; i < 5; i++) {
      const { ctx, page } = await freshPage();
      await page.goto(url + hash);
      await page.waitForSelector('[data-testid="fault-result"]');
      const r = await page.evaluate(async (cellId) => {
        await new Promise((res) => requestIdleCallback(res, { timeout: 3000 }));
        await new Promise((res) => setTimeout(res, 300));
        await new Promise((res) => requestIdleCallback(res, { timeout: 3000 }));
        const tasks = [];
        const po = new PerformanceObserver((l) => tasks.push(...l.getEntries().map((e) => e.duration)));
        po.observe({ type: 'longtask' });
        const cell = cellId
          ? document.querySelector(`[data-testid="${cellId}"]`)
          : [...document.querySelectorAll('[data-testid^="verdict-nvgrace-gpu-"]')].find((b) => b.getAttribute('data-status') !== 'good');
        const t0 = performance.now();
        cell.click();
        while (!document.querySelector('[data-testid="wit-meta"]') && !document.querySelector('[data-testid="wit-error"]') && performance.now() - t0 < 20_000) await new Promise((res) => requestAnimationFrame(res));
        const ms = performance.now() - t0;
        // A click alone draws the cell's design: the frame of that click is not the search's.
        const clickFrame = tasks.shift() ?? 0;
        po.disconnect();
        return { ms, ok: !!document.querySelector('[data-testid="wit-meta"]'), longest: Math.max(0, ...tasks), clickFrame, meta: document.querySelector('[data-testid="wit-meta"]')?.textContent };
      }, cellId);
      if (!r.ok) throw new Error(`what-it-takes did not answer (${name})`);
      page1[name].push(r.ms);
      longest.push(r.longest);
      await ctx.close();
    }
  }
  raw.searchPage = { ...page1, longest };
  const d = stats(page1.default);
  const w = stats(page1.slowest);
  const lt = stats(longest);
  row('what-it-takes: click → sets drawn, cold worker (chromium)', `${w.median.toFixed(0)} ms`, `slowest scenario ${w.min.toFixed(0)}–${w.max.toFixed(0)} ms, default ${d.median.toFixed(0)} ms, n=${w.n}; longest page task while it ran ${lt.max.toFixed(0)} ms`, '≤ 1000 ms', w.max <= 1000);
}

if (want('model')) {
  const coldS = stats(nodeRes.explainColdUs);
  const warmS = stats(nodeRes.explainWarmUs);
  row('model: explain() per scenario, cold', `${coldS.median.toFixed(0)} µs`, `${coldS.min.toFixed(0)}–${coldS.max.toFixed(0)} µs over ${nodeRes.scenarios} scenarios × ${coldS.n} runs (second pass, derivations memoised, verdicts not: ${warmS.median.toFixed(0)} µs)`, '—', true);
}

if (want('memory')) {
  console.log('memory (1,000 rapid control changes)…');
  const { ctx, page } = await openApp();
  const heap = () =>
    page.evaluate(async () => {
      for (let i = 0; i < 3; i++) {
        window.gc?.();
        await new Promise((r) => setTimeout(r, 50));
      }
      return performance.memory?.usedJSHeapSize ?? null;
    });
  await rapidChanges(page, 100); // warm up: code paths, caches
  const m0 = await heap();
  await rapidChanges(page, 1000);
  const m1 = await heap();
  // Another 1,000: the derivation caches are bounded, so the heap should stay where it is (a leak would keep growing).
  await rapidChanges(page, 1000);
  const m2 = await heap();
  await ctx.close();
  raw.memory = { before: m0, after: m1, afterAnother: m2 };
  const mb = (x) => `${x >= 0 ? '+' : ''}${(x / 1048576).toFixed(2)} MB`;
  row('memory: heap after 1,000 changes', m0 === null ? 'n/a' : mb(m1 - m0), m0 === null ? 'performance.memory unavailable' : `${(m0 / 1048576).toFixed(1)} → ${(m1 / 1048576).toFixed(1)} MB (bounded caches filling); another 1,000: ${mb(m2 - m1)}`, '≤ 5 MB', m0 !== null && m1 - m0 <= 5 * 1048576);
}

await browser.close();
server.close();

const result = {
  date: new Date().toISOString(),
  machine: { cores: cpus().length, node: process.version, chromium: version },
  figures: Object.fromEntries(rows.map(([k, v, spread, budget, ok]) => [k, { value: v, spread, budget, ok }])),
  raw,
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
  console.log(`${ok ? 'PASS' : 'MISS'}  ${name.padEnd(w0)}  ${String(value).padStart(9)}  budget ${budget.padEnd(8)}  ${spread}${prev && prev !== value ? `  (last run: ${prev})` : ''}`);
}
const missed = rows.filter((r) => !r[4]).length;
console.log(`\n${rows.length - missed} within budget, ${missed} missed. Written: ${latest}${previous ? ' (previous run kept in previous.json)' : ''}`);
