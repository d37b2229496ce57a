/**
 * The platform facts a bundle proves, each with the evidence that proves it; every other control stays at its
 * default and is reported as an assumption.
 *
 * - arch: `uname -m` (x86_64; aarch64 is arm64).
 * - vendor: /proc/cpuinfo vendor_id (GenuineIntel; AuthenticAMD or HygonGenuine run SVM/NPT).
 * - fwb, dic (arm64): neither is in /proc/cpuinfo. The kernel prints each system capability it finds once at boot,
 *   "CPU features: detected: <desc>" (arch/arm64/kernel/cpufeature.c: pr_fmt "CPU features: ", update_cpu_capabilities()
 *   pr_info("detected: %s\n", caps->desc)), with .desc "Stage-2 Force Write-Back" for ARM64_HAS_STAGE2_FWB and
 *   "Instruction cache invalidation not required for I/D coherence" for ARM64_HAS_CACHE_DIC. A dmesg that still holds
 *   the boot's "CPU features: detected:" lines but not that one proves the feature absent; a dmesg without any proves
 *   nothing (the ring buffer wrapped, or dmesg_restrict).
 * - nosoftreserve: /proc/cmdline has efi=nosoftreserve (or not).
 * - kernel: `uname -r`, mapped to the newest version the model distinguishes that is not newer than it.
 * - config: the four options that change an outcome, where the config shows them ("=y", "=m", "is not set").
 * - onlinePolicy: /sys/devices/system/memory/auto_online_blocks.
 * - region: `cxl list` (a region with decode_state "commit", or regions all "reset").
 * - firmware: what /proc/iomem has over the accelerator range: "Soft Reserved", "Reserved", or "System RAM" from boot.
 */
import type { Resource } from '../../resource/types';
import type { BoolConfig, KernelConfig, KernelVersion, OnlinePolicy, Platform, Tristate } from '../../scenario';
import { CONFIG_KEYS, DEFAULT_PLATFORM, KERNEL_VERSIONS, ONLINE_POLICIES } from '../../scenario';
import type { CxlListResult } from '../cxl/cxlList';
import { section, type BundleParse } from './format';

/** A platform control, or one kernel config option ("config.CXL_REGION"). */
export type FactKey = Exclude<keyof Platform, 'config'> | `config.${keyof KernelConfig}`;

export interface Fact {
  key: FactKey;
  /** The value as the CLI writes it ("x86_64", "on", "y", "6.12"). */
  value: string;
  /** What proves it: the section and the line that says so. */
  evidence: string;
}

export interface PlatformFacts {
  /** The platform with every detected fact applied, defaults elsewhere. */
  platform: Platform;
  detected: Fact[];
  /** Controls still at their defaults, and why each could not be read. */
  assumed: { key: FactKey; value: string; why: string }[];
}

const FWB = 'Stage-2 Force Write-Back';
const DIC = 'Instruction cache invalidation not required for I/D coherence';

/** The newest model version not newer than `uname -r` (the model distinguishes only these). */
export function kernelFor(release: string): { kernel: KernelVersion; note: string } | null {
  const m = /^(\d+)\.(\d+)/.exec(release.trim());
  if (!m) return null;
  const v = Number(m[1]) * 1000 + Number(m[2]);
  const num = (k: KernelVersion) => Number(k.split('.')[0]) * 1000 + Number(k.split('.')[1]);
  let best: KernelVersion | null = null;
  for (const k of KERNEL_VERSIONS) if (num(k) <= v) best = k;
  if (!best) return { kernel: KERNEL_VERSIONS[0], note: `${m[1]}.${m[2]} is older than the oldest the model distinguishes; read as ${KERNEL_VERSIONS[0]}` };
  return { kernel: best, note: best === `${m[1]}.${m[2]}` ? '' : `; the model's ${best} is the newest it distinguishes up to ${m[1]}.${m[2]}` };
}

const onOff = (b: boolean) => (b ? 'on' : 'off');

/** Read every fact the bundle proves; `firmware` from what covers the accelerator range in /proc/iomem, when given. */
export function platformFacts(b: BundleParse, ctx: { cxl?: CxlListResult | null; firmwareOver?: { tree: Resource; start: bigint; end: bigint } | null } = {}): PlatformFacts {
  const p: Platform = { ...DEFAULT_PLATFORM, config: { ...DEFAULT_PLATFORM.config } };
  const detected: Fact[] = [];
  const why = new Map<FactKey, string>();
  const set = (key: FactKey, value: string, evidence: string) => detected.push({ key, value, evidence });

  const machine = section(b, 'uname -m')?.text.trim();
  if (machine === 'x86_64' || machine === 'aarch64' || machine === 'arm64') {
    p.arch = machine === 'x86_64' ? 'x86_64' : 'arm64';
    set('arch', p.arch, `uname -m: ${machine}`);
  } else why.set('arch', machine ? `uname -m says ${JSON.stringify(machine)}, which the model does not cover` : 'no "uname -m" section');

  if (p.arch === 'x86_64') {
    const vendor = /vendor_id\s*:\s*(\S+)/.exec(section(b, 'cpu vendor')?.text ?? '')?.[1];
    if (vendor === 'GenuineIntel' || vendor === 'AuthenticAMD' || vendor === 'HygonGenuine') {
      p.vendor = vendor === 'GenuineIntel' ? 'intel' : 'amd';
      set('vendor', p.vendor, `/proc/cpuinfo vendor_id: ${vendor}`);
    } else why.set('vendor', vendor ? `vendor_id ${vendor} is neither Intel nor AMD` : 'no "cpu vendor" section');
  }

  const dmesg = section(b, 'dmesg')?.text ?? '';
  if (p.arch === 'arm64') {
    const caps = dmesg.split('\n').filter((l) => l.includes('CPU features: detected: '));
    if (caps.length > 0) {
      for (const [key, desc] of [['fwb', FWB], ['dic', DIC]] as const) {
        const hit = caps.find((l) => l.includes(`detected: ${desc}`));
        p[key] = hit !== undefined;
        set(key, onOff(p[key]), hit ? `dmesg: ${hit.trim()}` : `dmesg lists ${caps.length} "CPU features: detected:" lines from boot, none "${desc}"`);
      }
    } else {
      const reason = dmesg ? 'dmesg holds no "CPU features: detected:" line (the ring buffer wrapped since boot?)' : 'no dmesg section (not root, or dmesg_restrict)';
      why.set('fwb', reason);
      why.set('dic', reason);
    }
  }

  const cmdline = section(b, '/proc/cmdline')?.text.trim();
  if (cmdline !== undefined) {
    p.nosoftreserve = /(?:^|\s)efi=(?:\S*,)?nosoftreserve(?:,|\s|$)/.test(cmdline);
    set('nosoftreserve', onOff(p.nosoftreserve), p.nosoftreserve ? '/proc/cmdline has efi=nosoftreserve' : '/proc/cmdline has no efi=nosoftreserve');
  } else why.set('nosoftreserve', 'no /proc/cmdline section');

  const release = section(b, 'uname -r')?.text.trim();
  const k = release ? kernelFor(release) : null;
  if (k) {
    p.kernel = k.kernel;
    set('kernel', k.kernel, `uname -r: ${release}${k.note}`);
  } else why.set('kernel', release ? `uname -r ${JSON.stringify(release)} is not a version` : 'no "uname -r" section');

  const config = section(b, 'kernel config')?.text ?? null;
  for (const key of CONFIG_KEYS) {
    const fk = `config.${key}` as FactKey;
    if (config === null) {
      why.set(fk, 'no kernel config section (neither /proc/config.gz nor /boot/config-*)');
      continue;
    }
    const on = new RegExp(`^CONFIG_${key}=([ymn])\\s*$`, 'm').exec(config);
    const off = new RegExp(`^# CONFIG_${key} is not set\\s*$`, 'm').test(config);
    const v = on ? on[1]! : off ? 'n' : null;
    const allowed = key === 'CXL_REGION' || key === 'EFI_SOFT_RESERVE' ? ['y', 'n'] : ['y', 'm', 'n'];
    if (v && allowed.includes(v)) {
      (p.config as unknown as Record<string, string>)[key] = v;
      set(fk, v as Tristate | BoolConfig, on ? `kernel config: CONFIG_${key}=${v}` : `kernel config: # CONFIG_${key} is not set`);
    } else if (v) why.set(fk, `CONFIG_${key}=${v} is not a value the model takes`);
    else {
      // Not in the config at all: its dependencies are off, so it cannot be built.
      (p.config as unknown as Record<string, string>)[key] = 'n';
      set(fk, 'n', `kernel config: CONFIG_${key} absent (its dependencies are not enabled)`);
    }
  }

  const online = section(b, 'memory auto_online_blocks')?.text.trim();
  if (online && (ONLINE_POLICIES as readonly string[]).includes(online)) {
    p.onlinePolicy = online as OnlinePolicy;
    set('onlinePolicy', online, `/sys/devices/system/memory/auto_online_blocks: ${online}`);
  } else why.set('onlinePolicy', online ? `auto_online_blocks says ${JSON.stringify(online)}` : 'no auto_online_blocks section');

  if (ctx.cxl?.region) {
    p.region = ctx.cxl.region.state;
    set('region', p.region, `cxl list: ${ctx.cxl.region.reason}`);
  } else why.set('region', ctx.cxl ? 'the cxl list shows no region' : 'no cxl list section (cxl-cli not installed?)');

  const fw = ctx.firmwareOver ? firmwareOver(ctx.firmwareOver.tree, ctx.firmwareOver.start, ctx.firmwareOver.end) : null;
  if (fw) {
    p.firmware = fw.firmware;
    set('firmware', fw.firmware, `/proc/iomem: ${fw.evidence}`);
  } else why.set('firmware', ctx.firmwareOver ? 'no "Soft Reserved", "Reserved" or boot "System RAM" over the range in /proc/iomem' : 'no accelerator range to look under');

  for (const key of ['efiAttr', 'hugeFault', 'mte', 'dirtyLog', 'deviceReset'] as const) {
    why.set(key, {
      efiAttr: 'the EFI memory attribute is printed only with efi=debug',
      hugeFault: 'which VFIO driver serves the device is not collected',
      mte: 'whether the VM enables MTE is a VMM setting',
      dirtyLog: 'dirty logging is on only during a live migration',
      deviceReset: 'a reset is an event, not a setting',
    }[key]);
  }
  const value = (key: FactKey): string => {
    if (key.startsWith('config.')) return p.config[key.slice(7) as keyof KernelConfig];
    const v = p[key as Exclude<keyof Platform, 'config'>];
    return typeof v === 'boolean' ? onOff(v) : String(v);
  };
  const detectedKeys = new Set(detected.map((d) => d.key));
  const assumed = [...why].filter(([key]) => !detectedKeys.has(key)).map(([key, w]) => ({ key, value: value(key), why: w }));
  return { platform: p, detected, assumed };
}

/** What firmware called the range: the nearest "Soft Reserved", "Reserved" or boot "System RAM" over or under it. */
export function firmwareOver(tree: Resource, start: bigint, end: bigint): { firmware: Platform['firmware']; evidence: string } | null {
  let found: { firmware: Platform['firmware']; evidence: string } | null = null;
  const visit = (r: Resource): void => {
    for (const c of r.children) {
      if (c.end < start || c.start > end) continue;
      const n = c.name ?? '';
      const covers = c.start <= start && c.end >= end;
      const at = `"${n}" ${c.start.toString(16)}-${c.end.toString(16)}`;
      if (covers && n === 'Soft Reserved') found = { firmware: 'soft-reserved', evidence: `${at} covers the range (EFI_MEMORY_SP)` };
      else if (covers && (n === 'Reserved' || n === 'reserved') && !found) found = { firmware: 'reserved', evidence: `${at} covers the range` };
      else if (covers && n === 'System RAM' && !found) found = { firmware: 'conventional', evidence: `${at} covers the range (RAM from boot)` };
      visit(c);
    }
  };
  visit(tree);
  return found;
}
