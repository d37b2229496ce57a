import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './main';

const SAMPLES = join(__dirname, '../../../shared/samples');

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

describe('cli explain', () => {
  it('prints JSON with iomem, vma.flags, fault.steps, fault.result, verdicts and sources', () => {
    const r = run(['explain', '--design', 'vfio-owned', '--arch', 'x86_64', '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.iomem).toContain('vfio-cxl');
    expect(j.vma.flags).toEqual(['rd', 'wr', 'sh', 'mr', 'mw', 'me', 'ms', 'pf', 'io', 'de', 'dd', '??']);
    expect(j.fault.steps[0]).toHaveProperty('function');
    expect(j.fault.steps[0]).toHaveProperty('file');
    expect(j.fault.result).toMatchObject({ level: '2M', memtype: 'UC' });
    expect(j.verdicts.length).toBeGreaterThan(5);
    expect(j.sources[0]).toHaveProperty('kind');
  });
  it('arm64 without FWB: fault.result has the error', () => {
    const j = JSON.parse(run(['explain', '--design', 'vfio-owned', '--arch', 'arm64', '--fwb', 'off', '--format', 'json']).out);
    expect(j.fault.result.error).toBe('-EINVAL');
  });
  it('text stays within 80 columns', () => {
    const r = run(['explain', '--design', 'memremap', '--arch', 'arm64', '--firmware', 'conventional']);
    expect(r.code).toBe(0);
    for (const l of r.out.split('\n')) expect(l.length).toBeLessThanOrEqual(80);
  });
  it.each([
    [['explain', '--design', 'nope', '--arch', 'x86_64'], /--design: unknown value "nope"/],
    [['explain', '--design', 'hotplug'], /--arch is required/],
    [['explain', '--design', 'hotplug', '--arch', 'x86_64', '--bogus'], /unknown option "--bogus"/],
    [['explain', '--design', 'hotplug', '--arch', 'x86_64', '--fwb'], /--fwb needs a value/],
    [['frobnicate'], /unknown command "frobnicate"/],
  ])('%j exits 2 with a clear message', (argv, msg) => {
    const r = run(argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(msg);
  });
  it('runs the designs against a pasted /proc/iomem and range', () => {
    const f = join(SAMPLES, 'iomem', 'cxl-qemu-window-over-e820-reserved-lkml-gourry.iomem');
    const r = run(['explain', '--design', 'vfio-owned', '--arch', 'x86_64', '--iomem', f, '--range', '590000000-68fffffff', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).iomem).toContain('  590000000-68fffffff : Reserved\n    590000000-68fffffff : vfio-cxl');
  });
  it('rejects a bad range with the column', () => {
    const f = join(SAMPLES, 'iomem', 'cxl-qemu-window-over-e820-reserved-lkml-gourry.iomem');
    const r = run(['explain', '--design', 'vfio-owned', '--arch', 'x86_64', '--iomem', f, '--range', '590000000-zz']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/column 11/);
  });
});

describe('cli iomem', () => {
  it.each(readdirSync(join(SAMPLES, 'iomem')))('round-trips %s', (f) => {
    const text = readFileSync(join(SAMPLES, 'iomem', f), 'utf8');
    const r = run(['iomem', join(SAMPLES, 'iomem', f)]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(text);
  });
  it('reads stdin with "-"', () => {
    expect(run(['iomem', '-'], '00001000-00001fff : a\n').out).toBe('00001000-00001fff : a\n');
  });
  it('fails with "line N: …" on damaged input', () => {
    const r = run(['iomem', join(SAMPLES, 'iomem-damaged', 'cxl-type2-accelerator-softreserved-snip-lkml-ppwaskie.iomem')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^line 1, column 1: not a resource line/m);
    expect(r.out).toBe('');
  });
  it('a missing file is a usage error with the path', () => {
    const r = run(['iomem', '/nonexistent/iomem']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cannot read \/nonexistent\/iomem/);
  });
});
