/** The platform in words, for the headline, compare summaries and exports: names, never ids. */
import type { Arch, Platform } from '../model/scenario';
import { FIRMWARE_OPTION, VENDOR_OPTION } from './labels';

export function archName(p: Platform): string {
  return p.arch === 'x86_64' ? 'x86-64' : 'arm64';
}

/** "x86-64, Intel (VMX, EPT)" or "arm64, FWB on, DIC on". */
export function cpuLine(p: Platform): string {
  return p.arch === 'x86_64' ? `x86-64, ${VENDOR_OPTION[p.vendor]}` : `arm64, FWB ${p.fwb ? 'on' : 'off'}, DIC ${p.dic ? 'on' : 'off'}`;
}

/** One line naming every platform fact that changes an outcome. */
export function platformLine(p: Platform): string {
  return [
    cpuLine(p),
    `firmware: ${FIRMWARE_OPTION[p.firmware]}${p.nosoftreserve ? ', efi=nosoftreserve' : ''}`,
    `kernel v${p.kernel}`,
    p.region === 'committed' ? 'CXL region committed' : 'no CXL region',
    `hotplug ${p.onlinePolicy}`,
    ...(p.hugeFault ? ['.huge_fault'] : []),
    ...(p.arch === 'arm64' && p.mte ? ['MTE guest'] : []),
    ...(p.dirtyLog ? ['dirty logging'] : []),
    ...(p.deviceReset ? ['after a device reset'] : []),
  ].join(' · ');
}

/** The facts of platform `a` that platform `b` does not share, in words ("arm64, FWB on, DIC on", "kernel v6.12"). */
export function platformOnly(a: Platform, b: Platform): string[] {
  const pb = platformLine(b).split(' · ');
  return platformLine(a).split(' · ').filter((x) => !pb.includes(x));
}

/** The fault diagram's title: "KVM fault path (x86-64, EPT)". */
export function faultTitle(arch: Arch): string {
  return `KVM fault path (${arch === 'x86_64' ? 'x86-64, EPT' : 'arm64, stage-2'})`;
}
