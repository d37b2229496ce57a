/**
 * The `explain` command line that reproduces a scenario, and the one that checks a set what-it-takes reported:
 * the scenario's own flags followed by the set's. Pure, so the CLI, the app and the tests print the same thing.
 */
import type { Platform, Scenario } from '../scenario';
import { CONFIG_KEYS, DEFAULT_PLATFORM } from '../scenario';
import type { ChangeItem } from './items';

const onOff = (b: boolean) => (b ? 'on' : 'off');

/** Flags for every field that differs from explain's defaults (plus --design and --arch, which it requires). */
export function scenarioFlags(s: Scenario): string[] {
  const p: Platform = s.platform;
  const d = DEFAULT_PLATFORM;
  const out = [`--design ${s.design}`, `--arch ${p.arch}`];
  if (p.vendor !== d.vendor) out.push(`--vendor ${p.vendor}`);
  if (p.fwb !== d.fwb) out.push(`--fwb ${onOff(p.fwb)}`);
  if (p.dic !== d.dic) out.push(`--dic ${onOff(p.dic)}`);
  if (p.efiAttr !== d.efiAttr) out.push(`--efi-attr ${p.efiAttr}`);
  if (p.firmware !== d.firmware) out.push(`--firmware ${p.firmware}`);
  if (p.nosoftreserve) out.push('--nosoftreserve');
  if (p.kernel !== d.kernel) out.push(`--kernel ${p.kernel}`);
  if (p.region !== d.region) out.push(`--region ${p.region}`);
  const cfg = CONFIG_KEYS.filter((k) => p.config[k] !== d.config[k]).map((k) => `CONFIG_${k}=${p.config[k]}`);
  if (cfg.length > 0) out.push(`--config ${cfg.join(',')}`);
  if (p.onlinePolicy !== d.onlinePolicy) out.push(`--online ${p.onlinePolicy}`);
  if (p.hugeFault !== d.hugeFault) out.push(`--huge-fault ${onOff(p.hugeFault)}`);
  if (p.mte !== d.mte) out.push(`--mte ${onOff(p.mte)}`);
  if (p.dirtyLog !== d.dirtyLog) out.push(`--dirty-log ${onOff(p.dirtyLog)}`);
  if (p.deviceReset) out.push('--reset');
  if (p.patches.length > 0) out.push(`--patch ${p.patches.join(',')}`);
  return out;
}

/** The scenario's flags, then the set's: later flags win, so each item overrides what it changes. */
export function checkFlags(s: Scenario, set: readonly ChangeItem[]): string[] {
  return [...scenarioFlags(s), ...set.map((i) => i.flag)];
}

/** A set applied to the scenario's platform (what the app does on "apply", and what checkFlags() reproduces). */
export function applySet(p: Platform, set: readonly ChangeItem[]): Platform {
  return set.reduce((q, i) => i.apply(q), p);
}
