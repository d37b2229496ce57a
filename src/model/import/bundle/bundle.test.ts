import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBundle } from './bundle';
import { kernelFor, platformFacts } from './facts';
import { isBundle, splitBundle } from './format';

const S = join(__dirname, '../../../../tests/fixtures/samples/bundle');
const read = (f: string) => readFileSync(join(S, f), 'utf8');
const keys = (l: { key: string }[]) => l.map((x) => x.key);

describe('bundle format', () => {
  it('splits sections, keeps "missing" ones with their reason, unescapes "\\=== "', () => {
    const b = splitBundle('# hdm-atlas bundle v1\n# uid 0\n=== uname -r\n6.12.0\n\n=== missing: cxl list -vvv (cxl-cli is not installed)\n=== dmesg\n\\=== not a header\n');
    expect(b.sections.map((s) => [s.name, s.line, s.text])).toEqual([['uname -r', 3, '6.12.0\n'], ['dmesg', 7, '=== not a header\n']]);
    expect(b.missing).toEqual([{ name: 'cxl list -vvv', reason: 'cxl-cli is not installed', line: 6 }]);
    expect(b.comments).toEqual(['uid 0']);
    expect(isBundle('\ufeff# hdm-atlas bundle v1\n')).toBe(true);
    expect(isBundle('00000000-00000fff : Reserved\n')).toBe(false);
  });

  it('maps uname -r to the newest kernel the model distinguishes', () => {
    expect(kernelFor('6.12.0-55.el10.x86_64')).toEqual({ kernel: '6.12', note: '' });
    expect(kernelFor('6.16.0-rc5-00056-gd7753fd13f9e')!.kernel).toBe('6.12');
    expect(kernelFor('6.18.44')!.kernel).toBe('6.17');
    expect(kernelFor('5.15.0')!.note).toMatch(/older than the oldest/);
    expect(kernelFor('not a version')).toBeNull();
  });
});

describe('platform facts', () => {
  it('NVIDIA Grace: arm64, FWB and DIC from the boot\'s "CPU features: detected:" lines (Breno Leitao\'s log)', () => {
    const r = parseBundle(read('grace-arm64-fwb-dic-assembled-lkml-leitao.bundle'));
    const f = r.facts;
    expect(f.platform).toMatchObject({ arch: 'arm64', fwb: true, dic: true, kernel: '6.12' });
    expect(f.detected.find((d) => d.key === 'fwb')!.evidence).toBe('dmesg: [    0.129452] CPU features: detected: Stage-2 Force Write-Back');
    expect(f.detected.find((d) => d.key === 'dic')!.evidence).toMatch(/Instruction cache invalidation not required for I\/D coherence$/);
    expect(keys(f.assumed)).toEqual(expect.arrayContaining(['nosoftreserve', 'config.CXL_REGION', 'region', 'firmware', 'efiAttr', 'mte']));
    expect(keys(f.assumed)).not.toContain('vendor');
  });

  it('boot CPU features without FWB prove FWB absent; no CPU features line proves nothing', () => {
    const without = platformFacts(splitBundle('# hdm-atlas bundle v1\n=== uname -m\naarch64\n=== dmesg\n[    0.1] CPU features: detected: Privileged Access Never\n'));
    expect(without.platform.fwb).toBe(false);
    expect(without.detected.find((d) => d.key === 'fwb')!.evidence).toMatch(/none "Stage-2 Force Write-Back"/);
    const wrapped = platformFacts(splitBundle('# hdm-atlas bundle v1\n=== uname -m\naarch64\n=== dmesg\n[ 9999.1] vfio-pci 0000:01:00.0: enabling device\n'));
    expect(keys(wrapped.assumed)).toEqual(expect.arrayContaining(['fwb', 'dic']));
  });

  it('x86: vendor, command line, config (y, m, not set, absent) and the online policy', () => {
    const f = platformFacts(
      splitBundle(
        [
          '# hdm-atlas bundle v1', '=== uname -r', '6.17.1', '=== uname -m', 'x86_64', '=== cpu vendor', 'vendor_id\t: AuthenticAMD',
          '=== /proc/cmdline', 'BOOT_IMAGE=/vmlinuz efi=nosoftreserve', '=== kernel config (/proc/config.gz)', 'CONFIG_CXL_REGION=y',
          'CONFIG_DEV_DAX_KMEM=m', '# CONFIG_EFI_SOFT_RESERVE is not set', '=== memory auto_online_blocks', 'online_movable', '',
        ].join('\n'),
      ),
    );
    expect(f.platform).toMatchObject({
      arch: 'x86_64', vendor: 'amd', nosoftreserve: true, kernel: '6.17', onlinePolicy: 'online_movable',
      config: { CXL_REGION: 'y', DEV_DAX_KMEM: 'm', EFI_SOFT_RESERVE: 'n', DEV_DAX_HMEM: 'n' },
    });
    expect(f.detected.find((d) => d.key === 'config.DEV_DAX_HMEM')!.evidence).toMatch(/absent/);
  });

  it('QEMU CXL: cxl list and /proc/iomem together: the range is decoder0.0 = "CXL Window 0", firmware Reserved under it', () => {
    const r = parseBundle(read('qemu-cxl-window-reserved-assembled-lkml-gourry.bundle'));
    expect(r.range).toMatchObject({ start: 0x590000000n, end: 0x68fffffffn, from: 'decoder0.0 (cxl list)' });
    expect(r.range!.reason).toMatch(/\/proc\/iomem: CXL Window 0 \/ Reserved \(line 7\)/);
    expect(r.facts.platform.firmware).toBe('reserved');
    expect(r.facts.detected.find((d) => d.key === 'firmware')!.evidence).toMatch(/"Reserved" 590000000-68fffffff covers the range/);
    expect(keys(r.facts.assumed)).toEqual(expect.arrayContaining(['arch', 'kernel', 'region']));
    expect(r.summary.map((s) => [s.name, s.line, s.read])).toEqual([
      ['uname -r: not in the published material', 3, false],
      ['uname -m: not in the published material', 4, false],
      ['kernel config: not in the published material', 5, false],
      ['/proc/iomem', 6, true],
      ['cxl list -vvv', 9, true],
    ]);
  });

  it('what scripts/collect.sh gathers on this machine reads as a bundle with arch and kernel detected', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hdm-collect-'));
    const out = join(dir, 'b.txt');
    execFileSync('sh', [join(__dirname, '../../../../scripts/collect.sh'), '-o', out], { stdio: 'pipe' });
    const r = parseBundle(readFileSync(out, 'utf8'));
    expect(r.parse.sections.map((s) => s.name)).toEqual(expect.arrayContaining(['uname -r', 'uname -m']));
    expect(keys(r.facts.detected)).toEqual(expect.arrayContaining(['arch', 'kernel']));
  });

  it('collect.sh refuses bad usage with exit 2 and says why; --help exits 0', () => {
    const sh = (args: string[]) => {
      try {
        execFileSync('sh', [join(__dirname, '../../../../scripts/collect.sh'), ...args], { stdio: 'pipe' });
        return { code: 0, err: '' };
      } catch (e) {
        const x = e as { status: number; stderr: Buffer };
        return { code: x.status, err: x.stderr.toString() };
      }
    };
    expect(sh(['--help']).code).toBe(0);
    expect(sh(['--bogus'])).toMatchObject({ code: 2, err: expect.stringMatching(/unknown option: --bogus/) });
    expect(sh(['--qemu-pid', 'abc'])).toMatchObject({ code: 2, err: expect.stringMatching(/--qemu-pid needs a process id/) });
    expect(sh(['--trace', '999'])).toMatchObject({ code: 2, err: expect.stringMatching(/at most 60 seconds/) });
  });
});
