import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explain } from '../model/explain';
import { CATALOGUE } from '../model/patches/catalogue';
import { DEFAULT_PLATFORM } from '../model/scenario';
import { applySet, checkFlags, scenarioFlags } from '../model/search/flags';
import { whatItTakes } from '../model/search/search';
import { parseExplainArgs } from './args';
import { main } from './main';
import { isUrlLine } from '../model/text/render';
import { PROVENANCE } from '../model/version';

const SAMPLES = join(__dirname, '../../tests/fixtures/samples');

function run(argv: string[], stdin = '') {
  let out = '';
  let err = '';
  const code = main(argv, { readFile: (p) => readFileSync(p, 'utf8'), readStdin: () => stdin, out: (s) => (out += s), err: (s) => (err += s) }) as number;
  return { code, out, err };
}
/** "--config CONFIG_X=n" → ["--config", "CONFIG_X=n"]: a flag as argv. */
const argv = (flags: string[]) => flags.flatMap((f) => (f.includes(' ') ? [f.slice(0, f.indexOf(' ')), f.slice(f.indexOf(' ') + 1)] : [f]));

describe('cli what-it-takes (issue 15)', () => {
  it('JSON is exactly one { id, status, needs } per verdict, each item exactly { kind, id, label, status, sources, flag }', () => {
    const r = run(['what-it-takes', '--design', 'vfio-owned', '--arch', 'x86_64', '--format', 'json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as { tool: unknown; design: string; platform: unknown; verdicts: { id: string; status: string; needs: Record<string, unknown>[][] }[] };
    expect(Object.keys(out)).toEqual(['tool', 'design', 'platform', 'verdicts']);
    expect(out.tool).toEqual(PROVENANCE);
    expect(out.platform).toEqual(DEFAULT_PLATFORM);
    const j = out.verdicts;
    expect(j.map((v) => v.id)).toEqual(explain({ design: 'vfio-owned', platform: DEFAULT_PLATFORM }).verdicts.map((v) => v.id));
    for (const v of j) {
      expect(Object.keys(v).sort()).toEqual(['id', 'needs', 'status']);
      for (const set of v.needs) for (const i of set) {
        expect(Object.keys(i).sort()).toEqual(['flag', 'id', 'kind', 'label', 'sources', 'status']);
        expect(['platform', 'patch']).toContain(i.kind);
        expect(['config', 'release', 'platform', 'posted', 'hypothetical']).toContain(i.status);
      }
    }
    expect(j.find((v) => v.id === 'exclusive-ownership')?.needs).toEqual([[]]);
    expect(j.find((v) => v.id === 'guest-cacheable')?.needs[0]?.[0]).toMatchObject({ kind: 'patch', id: 'kvm-x86/ept-host-pat', status: 'hypothetical', flag: '--patch kvm-x86/ept-host-pat' });
    expect(j.find((v) => v.id === 'huge-mappings')?.needs).toEqual([]);
  });

  it('every flag round-trips through explain: scenario flags + a set\'s flags parse back to the platform the set gives', () => {
    for (const platform of [DEFAULT_PLATFORM, { ...DEFAULT_PLATFORM, firmware: 'soft-reserved' as const, region: 'committed' as const }, { ...DEFAULT_PLATFORM, arch: 'arm64' as const, fwb: false, nosoftreserve: true, patches: ['dax/soft-reserve-iomem' as const] }]) {
      const s = { design: 'vfio-owned' as const, platform };
      expect(parseExplainArgs(argv(scenarioFlags(s))).scenario).toEqual(s);
      const res = whatItTakes(s);
      for (const v of res.verdicts) for (const set of v.status === 'good' ? [] : v.needs) {
        const parsed = parseExplainArgs(argv(checkFlags(s, set))).scenario;
        expect(parsed, set.map((i) => i.flag).join(' ')).toEqual({ design: 'vfio-owned', platform: applySet(platform, set) });
        const ex = run(['explain', ...argv(checkFlags(s, set)), '--format', 'json']);
        expect(JSON.parse(ex.out).verdicts.find((x: { id: string }) => x.id === v.id).status).toBe('good');
      }
    }
  });

  it('text fits 80 columns, names the check command, and says why when nothing works', () => {
    for (const design of ['vfio-owned', 'hotplug', 'nvgrace-gpu'] as const) {
      const r = run(['what-it-takes', '--design', design, '--arch', 'x86_64', '--firmware', 'soft-reserved']);
      expect(r.code).toBe(0);
      // A footnote's URL, whole on its own line, is the one line that may pass 80 columns (as in explain's text).
      for (const l of r.out.split('\n')) if (!isUrlLine(l)) expect(l.length, l).toBeLessThanOrEqual(80);
    }
    const t = run(['what-it-takes', '--design', 'vfio-owned', '--arch', 'x86_64']).out;
    expect(t).toMatch(/^What would it take: VFIO-owned on x86-64/);
    expect(t).toContain('explain --design vfio-owned --arch x86_64 --patch');
    expect(t).toMatch(/Huge mappings \(partial\): the HDM range starts at 0x1050000000/);
    expect(t).toContain('== Sources ==');
  });

  it('takes an imported /proc/iomem like explain', () => {
    const f = join(SAMPLES, 'iomem', 'cxl-qemu-window-over-e820-reserved-lkml-gourry.iomem');
    const r = run(['what-it-takes', '--design', 'vfio-owned', '--arch', 'x86_64', '--iomem', f, '--range', '590000000-68fffffff', '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { verdicts: unknown[]; input: { kind: string } };
    expect(j.verdicts).toHaveLength(9);
    expect(j.input).toBeDefined();
  });

  it('takes a bundle like explain: its facts set the platform searched from, flags win', () => {
    const file = join(SAMPLES, 'bundle', 'grace-arm64-fwb-dic-assembled-lkml-leitao.bundle');
    const r = run(['what-it-takes', '--design', 'vfio-owned', '--bundle', file, '--dic', 'off', '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { platform: { arch: string; fwb: boolean; dic: boolean }; input: { bundle: { flags: string[] } }; verdicts: unknown[] };
    expect(j.platform).toMatchObject({ arch: 'arm64', fwb: true, dic: false });
    expect(j.input.bundle.flags).toEqual(['dic']);
    expect(j.verdicts).toHaveLength(9);
    const t = run(['what-it-takes', '--design', 'vfio-owned', '--bundle', file]);
    expect(t.out).toMatch(/^Detected: arch arm64/m);
    expect(t.out).toMatch(/^What would it take: VFIO-owned on arm64$/m);
    expect(run(['what-it-takes', '--design', 'vfio-owned', '--bundle', '-'], 'not a bundle\n').code).toBe(1);
  });

  it.each([
    [['what-it-takes', '--arch', 'x86_64'], 2, /--design is required/],
    [['what-it-takes', '--design', 'vfio-owned', '--arch', 'x86_64', '--patch', 'nope'], 2, /unknown change "nope"/],
    [['what-it-takes', '--design', 'vfio-owned', '--arch', 'x86_64', '--format', 'yaml'], 2, /--format/],
    [['explain', '--design', 'vfio-owned', '--arch', 'x86_64', '--patch', 'kvm-arm64/cacheable-pfnmap'], 2, /merged v6\.17: use --kernel 6\.17/],
    [['explain', '--design', 'vfio-owned', '--arch', 'x86_64', '--patch', 'vfio-cxl/v3'], 2, /--design vfio-owned --huge-fault off/],
    [['explain', '--design', 'vfio-owned', '--arch', 'x86_64', '--patch'], 2, /--patch needs an id/],
  ])('%j exits %i', (args, code, msg) => {
    const r = run(args);
    expect(r.code).toBe(code);
    expect(r.err).toMatch(msg);
  });

  it('a bad /proc/iomem exits 1', () => {
    let err = '';
    const code = main(['what-it-takes', '--design', 'vfio-owned', '--arch', 'x86_64', '--iomem', '-', '--range', '1-2'], { readFile: () => '', readStdin: () => 'zz-yy : x\n', out: () => {}, err: (s) => (err += s) });
    expect(code).toBe(1);
    expect(err).toMatch(/line 1/);
  });
});

describe('cli explain --patch and cli patches', () => {
  it('--patch applies a change: the JSON carries platform.patches and the text headline says NOT UPSTREAM', () => {
    const j = JSON.parse(run(['explain', '--design', 'vfio-owned', '--arch', 'x86_64', '--patch', 'vmm/retry-after-reset', '--patch', 'kvm/memory-fault-exit', '--format', 'json']).out);
    expect(j.platform.patches).toEqual(['kvm/memory-fault-exit', 'vmm/retry-after-reset']);
    const t = run(['explain', '--design', 'vfio-owned', '--arch', 'x86_64', '--patch', 'kvm-x86/ept-host-pat']).out.split('\n');
    expect(t[1]).toMatch(/^Made with hdm-atlas /);
    expect(t[2]).toBe('NOT UPSTREAM: a hypothetical change applied:');
    expect(run(['explain', '--design', 'vfio-owned', '--arch', 'x86_64']).out).not.toContain('NOT UPSTREAM');
  });

  it('patches lists every catalogue entry with its status, how it is applied and its sources, within 80 columns', () => {
    const r = run(['patches']);
    expect(r.code).toBe(0);
    for (const e of CATALOGUE) expect(r.out).toContain(e.id);
    expect(r.out).toContain('kvm-x86/ept-host-pat [hypothetical]');
    expect(r.out).toContain('applied by: --kernel 6.17');
    expect(r.out).toContain('<ZfBzBUbxpF9MpII-@google.com>');
    for (const l of r.out.split('\n')) expect(l.length, l).toBeLessThanOrEqual(80);
    const pj = JSON.parse(run(['patches', '--format', 'json']).out) as { tool: unknown; patches: { id: string; flag: string; sources: { id: string; kind: string }[] }[] };
    expect(pj.tool).toEqual(PROVENANCE);
    const j = pj.patches;
    expect(j.map((e) => e.id)).toEqual(CATALOGUE.map((e) => e.id));
    expect(j.find((e) => e.id === 'cxl/type2-no-dax')).toMatchObject({ flag: '--patch cxl/type2-no-dax', sources: expect.arrayContaining([expect.objectContaining({ id: 'cxl/type2-no-dax', kind: 'patch' })]) });
    expect(run(['patches', '--bogus']).code).toBe(2);
  });
});
