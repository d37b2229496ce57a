import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isUrlLine } from '../model/text/render';
import { main } from './main';

const SAMPLES = join(__dirname, '../../tests/fixtures/samples');

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
    expect(j.vma.flags).toEqual(['rd', 'wr', 'sh', 'mr', 'mw', 'me', 'ms', 'pf', 'io', 'de', 'dd']);
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
  it('text stays within 80 columns, but for footnote URLs on lines of their own', () => {
    const r = run(['explain', '--design', 'memremap', '--arch', 'arm64', '--firmware', 'conventional']);
    expect(r.code).toBe(0);
    for (const l of r.out.split('\n')) if (!isUrlLine(l)) expect(l.length).toBeLessThanOrEqual(80);
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
    expect(JSON.parse(r.out).iomem).toContain('  590000000-68fffffff : region0\n    590000000-68fffffff : Reserved\n      590000000-68fffffff : vfio-cxl-hdm');
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

describe('cli explain: options and JSON shape', () => {
  it('help explain prints the page with every explain option and exits 0', () => {
    const r = run(['help', 'explain']);
    expect(r.code).toBe(0);
    for (const o of ['--design', '--arch', '--fwb', '--firmware', '--nosoftreserve', '--kernel', '--online', '--huge-fault', '--mte', '--dirty-log', '--reset', '--format', '--iomem', '--range']) {
      expect(r.out).toContain(o);
    }
    expect(run([]).code).toBe(2);
  });

  it('every flag reaches the platform (--opt value and --opt=value forms)', () => {
    const j = JSON.parse(
      run([
        'explain', '--design=hotplug', '--arch', 'arm64', '--fwb=off', '--dic', 'off', '--vendor=amd', '--efi-attr', 'uc',
        '--firmware', 'soft-reserved', '--nosoftreserve', '--kernel=6.11', '--region', 'none',
        '--config', 'CONFIG_CXL_REGION=n,DEV_DAX_KMEM=n', '--online', 'online_kernel', '--huge-fault', 'off', '--mte', 'on',
        '--dirty-log', 'on', '--reset', '--patch=vmm/retry-after-reset', '--patch', 'cxl/type2-no-dax', '--format', 'json',
      ]).out,
    );
    expect(j.design).toBe('hotplug');
    expect(j.platform).toEqual({
      arch: 'arm64', vendor: 'amd', fwb: false, dic: false, efiAttr: 'uc', firmware: 'soft-reserved', nosoftreserve: true, kernel: '6.11',
      region: 'none', config: { CXL_REGION: 'n', DEV_DAX_HMEM: 'y', DEV_DAX_KMEM: 'n', EFI_SOFT_RESERVE: 'y' },
      onlinePolicy: 'online_kernel', hugeFault: false, mte: true, dirtyLog: true, deviceReset: true,
      patches: ['cxl/type2-no-dax', 'vmm/retry-after-reset'],
    });
  });

  it.each([
    ['CONFIG_FOO=y', /does not change any outcome/],
    ['CONFIG_CXL_REGION=m', /expected y, n/],
    ['CXL_REGION', /not OPTION=VALUE/],
  ])('--config %s is a usage error naming the problem', (cfg, msg) => {
    const r = run(['explain', '--design', 'hotplug', '--arch', 'x86_64', '--config', cfg]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(msg);
  });

  it('JSON writes bigints as 0x strings and carries the conflict with the busy node\'s path', () => {
    const j = JSON.parse(run(['explain', '--design', 'vfio-owned', '--arch', 'x86_64', '--firmware', 'conventional', '--format', 'json']).out);
    expect(j.layout.hdmStart).toBe('0x1050000000');
    expect(j.conflict).toMatchObject({ errno: '-EBUSY', conflictWith: { name: 'System RAM', path: ['CXL Window 0', 'region0', 'System RAM'] } });
    expect(j.fault.result).toMatchObject({ kind: 'error', error: '-EBUSY' });
    expect(j.sources.every((s: { id: string; kind: string }) => typeof s.id === 'string' && typeof s.kind === 'string')).toBe(true);
    expect(j).not.toHaveProperty('bootTree');
  });

  it('--iomem without --range (and the reverse) is a usage error', () => {
    expect(run(['explain', '--design', 'hotplug', '--arch', 'x86_64', '--iomem', '-']).code).toBe(2);
    expect(run(['explain', '--design', 'hotplug', '--arch', 'x86_64', '--range', '1000-1fff']).code).toBe(2);
  });

  it('--iomem - reads stdin; a kmem-onlined range makes VFIO-owned fail -EBUSY (Huang Ying\'s tree)', () => {
    const kmem = '490000000-50fffffff : CXL Window 0\n  490000000-50fffffff : region0\n    490000000-50fffffff : dax0.0\n      490000000-50fffffff : System RAM (kmem)\n';
    const r = run(['explain', '--design', 'vfio-owned', '--arch', 'x86_64', '--iomem', '-', '--range', '490000000-50fffffff', '--format', 'json'], kmem);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).conflict.conflictWith.name).toBe('System RAM (kmem)');
  });

  it('a damaged --iomem file exits 1 with located errors', () => {
    const r = run(['explain', '--design', 'vfio-owned', '--arch', 'x86_64', '--iomem', '-', '--range', '1000-1fff'], 'garbage line\n');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^stdin: skipped: line 1, column 1: not a resource line/m);
    expect(r.err).toMatch(/no resource line .* understood/);
  });
});
