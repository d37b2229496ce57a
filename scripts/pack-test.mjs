#!/usr/bin/env node
/**
 * The packed command line, as a user gets it: `npm pack` (prepack compiles dist-cli/hdm-atlas.js), the tarball
 * installed into an empty directory with `npm install --omit=dev --offline` (it has no dependencies, so no network is
 * needed), and the `hdm-atlas` bin run through npx: --version, --help and every command's --help, explain (text and
 * JSON), iomem. No tsx, no dev tools, no repository files are reachable from there.
 *
 * Writes test-results/pack.json ({passed, failed, tests}); scripts/test-all.sh counts it.
 *
 *   node scripts/pack-test.mjs [--keep]     (--keep leaves the temp directory and prints its path)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const keep = process.argv.includes('--keep');
const tmp = mkdtempSync(join(tmpdir(), 'hdm-atlas-pack-'));
const app = join(tmp, 'app');
mkdirSync(app);
const results = [];

function sh(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
  return { code: r.status, out: r.stdout ?? '', err: (r.stderr ?? '') + (r.error ? String(r.error) : '') };
}
function check(name, fn) {
  const t0 = Date.now();
  let error;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  results.push({ id: `pack > ${name}`, ok: !error, ms: Date.now() - t0, error: error ? String(error.message ?? error) : undefined });
  console.log(`${error ? '✗' : '✓'} ${name}${error ? `\n    ${String(error.message ?? error).split('\n').join('\n    ')}` : ''}`);
}
function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}
// The installed bin, run from the directory it was installed into: through npx as the README says, and directly as
// node_modules/.bin/hdm-atlas (the symlink npm made, run through its #! line) where many calls would make npx's
// start-up dominate the test.
const npx = (args, input) => sh('npx', ['hdm-atlas', ...args], { cwd: app, input });
const bin = (args, input) => sh(join(app, 'node_modules/.bin/hdm-atlas'), args, { cwd: app, input });

let tarball = null;
check('npm pack builds the bin and packs it', () => {
  const r = sh('npm', ['pack', '--json', '--pack-destination', tmp], { cwd: root });
  assert(r.code === 0, `npm pack exited ${r.code}\n${r.err}`);
  const info = JSON.parse(r.out.slice(r.out.indexOf('[')))[0];
  tarball = join(tmp, info.filename);
  const files = info.files.map((f) => f.path).sort();
  for (const want of ['package.json', 'README.md', 'CHANGELOG.md', 'scripts/collect.sh', pkg.bin['hdm-atlas']]) assert(files.includes(want), `${want} missing from the tarball: ${files.join(', ')}`);
  const stray = files.filter((f) => /^(src|tests|node_modules|dist|dist-single)\//.test(f));
  assert(stray.length === 0, `sources or build output in the tarball: ${stray.join(', ')}`);
  console.log(`    ${info.filename}: ${(info.size / 1024).toFixed(1)} KB packed, ${(info.unpackedSize / 1024).toFixed(1)} KB unpacked, ${files.length} files`);
});

check('installs into an empty directory with --omit=dev, offline, and nothing else comes with it', () => {
  assert(tarball, 'no tarball');
  const r = sh('npm', ['install', '--omit=dev', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], { cwd: app });
  assert(r.code === 0, `npm install exited ${r.code}\n${r.err}`);
  const mods = readdirSync(join(app, 'node_modules')).filter((n) => !n.startsWith('.'));
  assert(mods.length === 1 && mods[0] === 'hdm-atlas', `node_modules holds ${mods.join(', ')}`);
});

check('--version prints the tool version, the model date and the kernels', () => {
  const r = npx(['--version']);
  assert(r.code === 0, `exit ${r.code}: ${r.err}`);
  assert(r.out.startsWith(`hdm-atlas ${pkg.version}\nmodel 20`), r.out);
  assert(/^kernels \d+\.\d+( \d+\.\d+)+$/m.test(r.out), r.out);
});

let commands = [];
check('--help reads like a man page and lists the commands', () => {
  const r = bin(['--help']);
  assert(r.code === 0, `exit ${r.code}: ${r.err}`);
  for (const s of ['NAME', 'SYNOPSIS', 'DESCRIPTION', 'COMMANDS', 'OPTIONS', 'EXIT STATUS', 'VERSION']) assert(new RegExp(`^${s}$`, 'm').test(r.out), `no ${s} section`);
  const section = r.out.slice(r.out.indexOf('\nCOMMANDS\n') + 10, r.out.indexOf('\nOPTIONS\n'));
  commands = [...section.matchAll(/^ {7}([a-z][a-z-]*)/gm)].map((m) => m[1]);
  assert(commands.includes('explain') && commands.includes('iomem'), `commands: ${commands.join(', ')}`);
  for (const l of r.out.split('\n')) assert([...l].length <= 80, `longer than 80 columns: ${l}`);
});

check('every command has its own --help page', () => {
  for (const c of commands) {
    const r = bin([c, '--help']);
    assert(r.code === 0, `${c} --help: exit ${r.code}: ${r.err.slice(0, 300)}`);
    assert(/^NAME$/m.test(r.out) && /^SYNOPSIS$/m.test(r.out), `${c} --help is not a manual page:\n${r.out.slice(0, 300)}`);
  }
});

check('explain prints the mail text with the version line', () => {
  const r = npx(['explain', '--design', 'vfio-owned', '--arch', 'x86_64']);
  assert(r.code === 0, `exit ${r.code}: ${r.err}`);
  assert(r.out.startsWith('HDM Atlas: VFIO-owned on x86-64\n'), r.out.slice(0, 200));
  assert(r.out.includes(`hdm-atlas ${pkg.version}, model 20`), 'no version line');
  assert(/Result: EPT entry: 2M, UC \(not cacheable\)/.test(r.out), 'no result line');
});

check('explain --format json carries the tool and the model date', () => {
  const r = bin(['explain', '--design', 'vfio-owned', '--arch', 'arm64', '--fwb', 'off', '--format', 'json']);
  assert(r.code === 0, `exit ${r.code}: ${r.err}`);
  const j = JSON.parse(r.out);
  assert(j.tool?.version === pkg.version && /^\d{4}-\d\d-\d\d$/.test(j.tool?.modelDate), JSON.stringify(j.tool));
  assert(j.fault?.result?.error === '-EINVAL', JSON.stringify(j.fault?.result));
});

check('iomem prints a real dump back byte for byte (stdin and file)', () => {
  const file = join(root, 'tests/fixtures/samples/iomem/cxl-qemu-window-over-e820-reserved-lkml-gourry.iomem');
  const text = readFileSync(file, 'utf8');
  const a = bin(['iomem', '-'], text);
  assert(a.code === 0 && a.out === text, `stdin: exit ${a.code} ${a.err}`);
  const b = bin(['iomem', file]);
  assert(b.code === 0 && b.out === text, `file: exit ${b.code} ${b.err}`);
});

check('the collector in the tarball writes a bundle the installed bin reads', () => {
  const out = join(tmp, 'machine.txt');
  const c = sh('sh', [join(app, 'node_modules/hdm-atlas/scripts/collect.sh'), '-o', out], { cwd: app });
  assert(c.code === 0, `collect.sh exited ${c.code}: ${c.err.slice(0, 300)}`);
  const r = bin(['bundle', out, '--format', 'json']);
  assert(r.code === 0, `bundle: exit ${r.code}: ${r.err.slice(0, 300)}`);
  const j = JSON.parse(r.out);
  assert(j.detected.some((d) => d.key === 'arch') && j.designs.length === 5, JSON.stringify(j).slice(0, 300));
});

check('bad usage exits 2 with the message on stderr', () => {
  const r = bin(['explain', '--design', 'nope', '--arch', 'x86_64']);
  assert(r.code === 2 && /unknown value "nope"/.test(r.err) && r.out === '', `exit ${r.code}: ${r.err}`);
});

if (keep) console.log(`kept: ${tmp}`);
else rmSync(tmp, { recursive: true, force: true });
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
mkdirSync(join(root, 'test-results'), { recursive: true });
writeFileSync(join(root, 'test-results/pack.json'), JSON.stringify({ passed, failed, tests: results }, null, 2));
console.log(`pack tests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
