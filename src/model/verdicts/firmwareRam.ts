/**
 * "If firmware calls it System RAM": the design re-run with the range as EFI_CONVENTIONAL_MEMORY (or read as it is
 * when firmware already did): does it fail loudly (a busy System RAM in the way), alias the direct map silently, or
 * fail by accident?
 */
import type { Core, DeriveOptions } from '../derive';
import { deriveCore } from '../derive';
import type { Verdict } from '../explain-types';
import type { Scenario } from '../scenario';
import { varyPlatform } from '../track';

export function firmwareRam(s: Scenario, c: Core, opts: DeriveOptions): Verdict {
  const base = { id: 'firmware-ram' as const, label: 'If firmware calls it System RAM' };
  const already = c.firmware.bootRam;
  const probe = already || opts.baseTree ? c : deriveCore({ ...s, platform: varyPlatform(s.platform, { firmware: 'conventional', nosoftreserve: false, deviceReset: false, dirtyLog: false }) }, opts);
  const prefix = already ? '' : 'Had firmware described the range as EFI_CONVENTIONAL_MEMORY: ';
  if (probe.run.conflict) {
    const k = probe.run.conflict;
    const vfio = s.design === 'vfio-owned';
    return {
      ...base, status: 'good', short: `fails loudly: ${k.errno}`, verified: true,
      detail: `${prefix}${k.fn} meets the busy "${k.conflictWith.name}" and fails ${k.errno} at setup` +
        (vfio ? ' — Jason\'s "fail during the initial startup phases".' : s.design === 'private-node' ? '; Gregory Price wants such a firmware bug to splat.' : '.'),
      sources: [...k.sources, ...(vfio ? ['thread/jason-seed', 'thread/dan-c'] : s.design === 'private-node' ? ['thread/gregory-d'] : [])],
    };
  }
  if (probe.run.memory.kernelMapping?.kind === 'direct-map-alias' && probe.vma.kind === 'vfio-region') {
    return {
      ...base, status: 'bad', short: 'silent direct-map alias', verified: true,
      detail: `${prefix}memremap() returns the direct map of buddy-owned pages and VFIO hands them to the guest; nothing fails (Dan Williams).`,
      sources: ['mr/memremap', 'thread/dan-c'],
    };
  }
  const failed = [...probe.run.ops].reverse().find((o) => !o.ok && o.fn === 'memremap()');
  if (failed && !probe.run.deviceBound) {
    return {
      ...base, status: 'partial', short: 'memremap() NULL', verified: true,
      detail: `${prefix}${failed.result}. The setup fails, but by accident of this kernel's region_intersects()/ioremap rules, not because anything owns the range.`,
      sources: failed.sources,
    };
  }
  if (!probe.firmware.bootRam) {
    return { ...base, status: 'n/a', short: 'not RAM here', detail: 'The pasted tree does not show the range as System RAM.', sources: ['res/r_show'], verified: true };
  }
  return {
    ...base, status: 'bad', short: 'buddy RAM, not exclusive', verified: true,
    detail: `${prefix}the memory is ordinary System RAM from boot: nothing to hotplug and nothing exclusive about it.` +
      (s.design === 'private-node' ? ' Gregory Price: a private-node user should splat, as this is a firmware bug.' : ''),
    sources: [...probe.firmware.sources, 'thread/dan-c', ...(s.design === 'private-node' ? ['thread/gregory-d'] : [])],
  };
}
