/**
 * The import commands (cxl, maps, trace, bundle, explain --iomem / --bundle) on the public samples: their JSON shapes,
 * their located messages on stderr, and exit codes 0 (understood), 1 (nothing understood), 2 (bad usage).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLE_USAGE } from './bundle';
import { CXL_USAGE } from './cxl';
import { main } from './main';
import { commandManual } from './manual';
import { MAPS_USAGE } from './maps';
import { TRACE_USAGE } from './trace';

const S = join(__dirname, '../../tests/fixtures/samples');
const f = (p: string) => join(S, p);

function run(argv: string[], stdin = '') {
  let out = '';
  let err = '';
  const code = main(argv, {
    readFile: (p) => readFileSync(p, 'utf8'),
    readStdin: () => stdin,
    out: (s) => (out += s),
    err: (s) => (err += s),
  });
  return { code, out, err };
}

describe('cli cxl', () => {
  it('JSON: the topology, the region state, the suggestions, and with --iomem each range\'s resource', () => {
    const r = run(['cxl', f('cxl-list/qemu-3hostbridges-vvvv-quoted-lkml-gourry.txt'), '--iomem', f('iomem/cxl-qemu-window-over-e820-reserved-lkml-gourry.iomem'), '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.buses.map((b: { name: string }) => b.name)).toEqual(['root0']);
    expect(j.decoders.filter((d: { kind: string }) => d.kind === 'root').map((d: { range: { start: string } }) => d.range.start)).toEqual(['0x590000000', '0x690000000', '0x790000000']);
    expect(j.memdevs).toHaveLength(3);
    expect(j.iomem[0]).toMatchObject({ object: 'decoder0.0', match: 'exact', resources: [{ name: 'CXL Window 0', line: 1 }, { name: 'Reserved', line: 2 }] });
    expect(j.suggestions[0]).toMatchObject({ from: 'decoder0.0', start: '0x590000000', end: '0x68fffffff' });
    expect(r.err).toMatch(/note: line 1, column 1: mail quote marks/);
  });
  it('a committed region sets region: committed; text names it', () => {
    const r = run(['cxl', f('cxl-list/hw-128GiB-expander-memdev-region9-blog-scargall.json')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^region9 ram 6be80000000-6de7fffffff \(128 GiB\) decode_state commit/m);
    expect(r.out).toMatch(/^Region: committed \(region9: decode_state "commit"\)$/m);
    expect(r.out).toMatch(/serial 12208648699093770240/);
  });
  it('invalid JSON: exit 1 with line and column', () => {
    const r = run(['cxl', f('cxl-list/ndctl-doc-list-A-alert-config.invalid-json.txt')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/line 26, column 3: invalid JSON: a comma before "}": JSON allows no trailing comma — remove it/);
  });
  it('bad usage exits 2', () => {
    expect(run(['cxl']).code).toBe(2);
    expect(run(['cxl', 'a', 'b']).code).toBe(2);
    expect(run(['cxl', '-', '--bogus']).code).toBe(2);
    expect(run(['cxl', '-', '--format', 'xml']).code).toBe(2);
  });
});

describe('cli maps', () => {
  it('JSON { vmas: [ { start, end, flags, path, vfio } ] }; vfio null for a mapping that is no VFIO region', () => {
    const text = '7f2ad4108000-7f2ad410c000 rw-s d0000000 00:0f 3091 anon_inode:[vfio-device]\nVmFlags: rd wr sh mr mw me ms pf io de dd\n7f2ad4200000-7f2ad4400000 rw-p 00000000 00:00 0\nVmFlags: rd wr mr mw me ac\n';
    const r = run(['maps', '-', '--format', 'json'], text);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(Object.keys(j)).toEqual(['vmas']);
    expect(j.vmas[0]).toEqual({
      start: '0x7f2ad4108000', end: '0x7f2ad410c000', flags: ['rd', 'wr', 'sh', 'mr', 'mw', 'me', 'ms', 'pf', 'io', 'de', 'dd'], path: 'anon_inode:[vfio-device]',
      vfio: { kind: 'ambiguous', region: { index: 0, name: 'BAR0', offset: '0xd0000000' }, physical: '0xd0000000', note: expect.stringMatching(/^ambiguous: /) },
    });
    expect(j.vmas[1]).toMatchObject({ path: '', vfio: null });
  });
  it('the region-index sample and the pmap -X sample', () => {
    const a = JSON.parse(run(['maps', f('smaps/qemu-vfio-maps-offset-encodes-region-index-martins3.maps'), '--format', 'json']).out);
    expect(a.vmas.map((v: { vfio: { region: { index: number } } }) => v.vfio.region.index)).toEqual([0, 4, 1]);
    const text = run(['maps', f('smaps/qemu-kata-7xH100-vfio-pmap-X-hugepages-1G.txt')]);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/VFIO physical: 0x43a000000000 reads as the BAR's host physical address/);
  });
  it('nothing understood exits 1', () => {
    expect(run(['maps', '-'], 'hello\n').code).toBe(1);
  });
});

describe('cli trace', () => {
  it('JSON { format, events, functions, known, unknown, skipped } for the bcc exit table', () => {
    const r = run(['trace', f('ftrace/kvm-exits-table-bcc-kvmexit-example.txt'), '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(Object.keys(j)).toEqual(['format', 'events', 'functions', 'known', 'unknown', 'skipped']);
    expect(j.format).toBe('exit-table');
    expect(j.known.map((k: { name: string }) => k.name)).toEqual(['handle_ept_violation']);
    expect(j.unknown).toEqual(['handle_ept_misconfig']);
    expect(j.skipped.map((s: { line: number }) => s.line)).toEqual([2, 24]);
  });
  it('the wrapped trace: 7 fault events, rejoined lines noted on stderr; --arch/--kernel choose the graph', () => {
    const r = run(['trace', f('ftrace/kvm-tracepoints-formatflowed-wrapped-lkml-lefebvre.txt'), '--arch', 'x86_64', '--kernel', '6.12']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^tracepoint trace, 72 lines: 0 functions, 7 fault events$/m);
    expect(r.err).toMatch(/note: line 2, column 1: a wrapped line: rejoined with line 1/);
    expect(run(['trace', '-', '--kernel', '5.0'], 'x').code).toBe(2);
    expect(run(['trace', '-'], 'nothing here\n').code).toBe(1);
  });
});

describe('cli bundle and explain --bundle', () => {
  it('bundle JSON: detected facts with evidence, assumptions, the range and every design', () => {
    const r = run(['bundle', f('bundle/qemu-cxl-window-reserved-assembled-lkml-gourry.bundle'), '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.detected).toEqual([expect.objectContaining({ key: 'firmware', value: 'reserved' })]);
    expect(j.assumed.map((a: { key: string }) => a.key)).toEqual(expect.arrayContaining(['arch', 'kernel', 'region']));
    expect(j.range).toMatchObject({ start: '0x590000000', end: '0x68fffffff' });
    expect(j.designs.map((d: { design: string }) => d.design)).toEqual(['hotplug', 'private-node', 'memremap', 'vfio-owned', 'nvgrace-gpu']);
  });
  it('explain --bundle: the facts set the platform (no --arch needed), flags win, and the text says which is which', () => {
    const r = run(['explain', '--design', 'nvgrace-gpu', '--bundle', f('bundle/grace-arm64-fwb-dic-assembled-lkml-leitao.bundle'), '--dic', 'off', '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.platform).toMatchObject({ arch: 'arm64', fwb: true, dic: false, kernel: '6.12' });
    expect(j.input.bundle.flags).toEqual(['dic']);
    expect(j.input.bundle.detected.map((d: { key: string }) => d.key)).toEqual(['arch', 'fwb', 'kernel']);
    const t = run(['explain', '--design', 'nvgrace-gpu', '--bundle', f('bundle/grace-arm64-fwb-dic-assembled-lkml-leitao.bundle')]);
    expect(t.out).toMatch(/^Detected: arch arm64 \(uname -m: aarch64\); fwb on/m);
    for (const l of t.out.split('\n')) expect(l.length).toBeLessThanOrEqual(80);
  });
  it('--bundle with --iomem is a usage error; a non-bundle exits 1', () => {
    expect(run(['explain', '--design', 'hotplug', '--bundle', '-', '--iomem', '-']).code).toBe(2);
    expect(run(['explain', '--design', 'hotplug', '--bundle', '-'], 'not a bundle\n').code).toBe(1);
  });
});

describe('cli explain --iomem uses every line it understood', () => {
  it.each([
    ['iomem-damaged/cxl-type2-accelerator-softreserved-snip-lkml-ppwaskie.iomem', 'c050000000-c08fffffff', 1],
    ['iomem-damaged/cxl-2windows-blank-lines-lkml-aschofie.iomem', 'c080000000-c47fffffff', 2],
    ['iomem-damaged/cxl-window-pci-bars-quoted-printable-nbsp-qemu-devel-pengguo.txt', '480010000-4bfffffff', 4],
    ['iomem-damaged/cxl-3windows-formatflowed-3space-indent-lkml-smita.iomem', '850000000-284fffffff', 0],
  ])('%s: exit 0, the skipped lines located on stderr, the output says how many', (file, range, skipped) => {
    const r = run(['explain', '--design', 'vfio-owned', '--arch', 'x86_64', '--iomem', f(file), '--range', range]);
    expect(r.code).toBe(0);
    expect((r.err.match(/: skipped: line \d+/g) ?? []).length).toBe(skipped);
    if (skipped) expect(r.out.replace(/\n/g, " ")).toMatch(new RegExp(`${skipped} lines? skipped \\(listed on stderr\\)`));
    const j = JSON.parse(run(['explain', '--design', 'vfio-owned', '--arch', 'x86_64', '--iomem', f(file), '--range', range, '--format', 'json']).out);
    expect(j.input.iomem.skipped).toHaveLength(skipped);
  });
  it('a range outside the dump exits 1 and says what the dump spans', () => {
    const r = run(['explain', '--design', 'vfio-owned', '--arch', 'x86_64', '--iomem', '-', '--range', '1000-1fff'], '590000000-68fffffff : CXL Window 0\n');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/--range 1000-1fff overlaps no resource of this \/proc\/iomem \(it spans 590000000-68fffffff\)/);
  });
});

describe('cli hygiene', () => {
  it('a UTF-8 byte-order mark is accepted by iomem (and printed back) and by explain', () => {
    const text = '\ufeff00001000-00001fff : CXL Window 0\n';
    const r = run(['iomem', '-'], text);
    expect(r.code).toBe(0);
    expect(r.out).toBe(text);
    expect(run(['explain', '--design', 'hotplug', '--arch', 'x86_64', '--iomem', '-', '--range', '1000-1fff'], text).code).toBe(0);
  });
  it('terminal escape sequences in names are escaped in text and JSON', () => {
    const text = '00001000-00001fff : \u001b[31mevil\u009b2J\n';
    const r = run(['iomem', '-'], text);
    expect(r.out).toBe('00001000-00001fff : \\x1b[31mevil\\u009b2J\n');
    const j = run(['explain', '--design', 'vfio-owned', '--arch', 'x86_64', '--iomem', '-', '--range', '1000-1fff', '--format', 'json'], text);
    expect(j.out.includes('\u001b') || j.out.includes('\u009b')).toBe(false);
    expect(JSON.parse(j.out).iomem).toContain('\u001b[31mevil\u009b2J');
    const t = run(['explain', '--design', 'vfio-owned', '--arch', 'x86_64', '--iomem', '-', '--range', '1000-1fff'], text);
    expect(t.out.includes('\u001b') || t.out.includes('\u009b')).toBe(false);
  });
});

describe('explain --iomem and --bundle JSON keep the published contract (schema/explain.schema.json)', () => {
  it.each([
    [['--arch', 'x86_64', '--iomem', f('iomem-damaged/cxl-window-pci-bars-quoted-printable-nbsp-qemu-devel-pengguo.txt'), '--range', '480010000-4bfffffff']],
    [['--bundle', f('bundle/qemu-cxl-window-reserved-assembled-lkml-gourry.bundle')]],
    [['--bundle', f('bundle/grace-arm64-fwb-dic-assembled-lkml-leitao.bundle'), '--mte', 'on']],
  ])('%j', async (args) => {
    const { ExplainJson } = await import('./explainSchema');
    const r = run(['explain', '--design', 'vfio-owned', ...args, '--format', 'json']);
    expect(r.code).toBe(0);
    const p = ExplainJson.safeParse(JSON.parse(r.out));
    expect(p.success, p.success ? '' : JSON.stringify(p.error.issues[0])).toBe(true);
  });
});

describe('the pages of cxl, maps, trace and bundle', () => {
  it('describe every option their usage accepts; --help, -h and help <command> print the page, exit 0', () => {
    const usages: Record<string, string> = { cxl: CXL_USAGE, maps: MAPS_USAGE, trace: TRACE_USAGE, bundle: BUNDLE_USAGE };
    for (const [c, usage] of Object.entries(usages)) {
      const page = commandManual(c)!;
      const options = page.slice(page.indexOf('\nOPTIONS\n'), page.indexOf('\nEXIT STATUS\n'));
      for (const [o] of usage.matchAll(/--[a-z-]+/g)) expect(options, `${c} ${o}`).toMatch(new RegExp(`^ {7}${o}\\b`, 'm'));
      for (const argv of [[c, '--help'], [c, 'x.txt', '-h'], ['help', c]]) expect(run(argv)).toEqual({ code: 0, out: page, err: '' });
    }
  });
});
