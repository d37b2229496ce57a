/** The platform in words, for the headline, compare summaries and exports: names, never ids (CONFIG_ names are the kernel's). */
import { APPLICABLE, appliedKinds } from '../model/patches/applied';
import type { Arch, Platform } from '../model/scenario';
import { CONFIG_KEYS, DEFAULT_CONFIG } from '../model/scenario';
import { FIRMWARE_OPTION, VENDOR_OPTION } from './labels';

export function archName(p: Platform): string {
  return p.arch === 'x86_64' ? 'x86-64' : 'arm64';
}

/** "x86-64, Intel (VMX, EPT)" or "arm64, FWB on, DIC on". */
export function cpuLine(p: Platform): string {
  return p.arch === 'x86_64' ? `x86-64, ${VENDOR_OPTION[p.vendor]}` : `arm64, FWB ${p.fwb ? 'on' : 'off'}, DIC ${p.dic ? 'on' : 'off'}`;
}

/** One line naming every platform fact that changes an outcome, and the kernel changes applied ("with …"). */
export function platformLine(p: Platform): string {
  const config = CONFIG_KEYS.filter((k) => p.config[k] !== DEFAULT_CONFIG[k]).map((k) => `CONFIG_${k}=${p.config[k]}`);
  return [
    cpuLine(p),
    `firmware: ${FIRMWARE_OPTION[p.firmware]}${p.nosoftreserve ? ', efi=nosoftreserve' : ''}`,
    `kernel v${p.kernel}`,
    ...config,
    p.region === 'committed' ? 'CXL region committed' : 'no CXL region',
    `hotplug ${p.onlinePolicy}`,
    ...(p.hugeFault ? ['.huge_fault'] : []),
    ...(p.arch === 'arm64' && p.mte ? ['MTE guest'] : []),
    ...(p.dirtyLog ? ['dirty logging'] : []),
    ...(p.deviceReset ? ['after a device reset'] : []),
    ...p.patches.map((id) => `with ${APPLICABLE[id].short}`),
  ].join(' · ');
}

/** "NOT UPSTREAM: a hypothetical change applied", for exports' titles and slides; null when nothing is applied. */
export function notUpstream(p: Platform): string | null {
  return p.patches.length > 0 ? `NOT UPSTREAM: ${appliedKinds(p.patches)} applied` : null;
}

/** What a platform without a fact the other has is called, for the facts the line names only when present. */
const ABSENT: Record<string, string> = {
  '.huge_fault': 'no .huge_fault',
  'MTE guest': 'no MTE',
  'dirty logging': 'no dirty logging',
  'after a device reset': 'no device reset',
};

/**
 * The facts of platform `a` that platform `b` does not share, in words ("arm64, FWB on, DIC on", "kernel v6.12"),
 * and what `a` lacks of `b`'s ("no .huge_fault", "without EPT memtype from the host PAT").
 */
export function platformOnly(a: Platform, b: Platform): string[] {
  const la = platformLine(a).split(' · ');
  const lb = platformLine(b).split(' · ');
  const lacks = lb.filter((x) => !la.includes(x)).flatMap((x) => (x.startsWith('with ') ? [`without ${x.slice(5)}`] : ABSENT[x] ? [ABSENT[x]] : []));
  return [...la.filter((x) => !lb.includes(x)), ...lacks];
}

/** The fault diagram's title: "KVM fault path (x86-64, EPT)". */
export function faultTitle(arch: Arch): string {
  return `KVM fault path (${arch === 'x86_64' ? 'x86-64, EPT' : 'arm64, stage-2'})`;
}
