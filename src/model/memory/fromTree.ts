/**
 * The state of the HDM memory, read off the whole resource tree: every resource that overlaps the range, at any
 * depth, decides it — boot "System RAM", a hotplugged "System RAM (…)" under "daxX.Y" and "regionN", a device_dax
 * claim — and the online policy decides the zone of hotplugged blocks. The one derivation for the built-in trees and
 * for a user's /proc/iomem (issue 13 item 8).
 */
import { findPath, regionIntersects } from '../resource/tree';
import type { Resource } from '../resource/types';
import { IORESOURCE, IORESOURCE_SYSTEM_RAM, IORES_DESC } from '../resource/types';
import type { MemoryState } from '../explain-types';
import type { FirmwareEntry } from '../platform/firmware';
import type { HdmLayout, Platform } from '../scenario';
import { kernelAtLeast } from '../scenario';
import type { SourceId } from '../source';

/** Illustrative NUMA node number a hotplugged / private node gets (node 0 is boot RAM). */
export const DEVICE_NODE = 1;

/** The zone hotplugged blocks are onlined to, or null when they stay offline (memhp_default_state / sysfs state). */
export function zoneFor(p: Platform): string | null {
  switch (p.onlinePolicy) {
    case 'online_movable':
      return 'ZONE_MOVABLE';
    case 'online_kernel':
      return 'ZONE_NORMAL';
    case 'online':
      // MMOP_ONLINE: contig-zones default puts a new node's memory in ZONE_NORMAL (unless movable_node/auto-movable).
      return 'ZONE_NORMAL';
    case 'offline':
      return null;
  }
}

function isBusySystemRam(r: Resource): boolean {
  return (r.flags & IORESOURCE_SYSTEM_RAM) === IORESOURCE_SYSTEM_RAM && (r.flags & IORESOURCE.BUSY) !== 0;
}

/** A hotplugged System RAM resource: driver-managed, or named "System RAM (driver)" as add_memory_driver_managed() requires. */
function isHotplugged(r: Resource): boolean {
  return (r.flags & IORESOURCE.SYSRAM_DRIVER_MANAGED) !== 0 || /^System RAM \(.+\)$/.test(r.name ?? '');
}

/** A device_dax claim: a busy, non-System-RAM "daxX.Y" (dev_dax_probe() names it after the device). */
function isDeviceDax(r: Resource): boolean {
  return (r.flags & IORESOURCE.BUSY) !== 0 && (r.flags & IORESOURCE.SYSRAM) === 0 && /^dax\d+\.\d+$/.test(r.name ?? '');
}

/** How much of [start, end] the union of `rs` covers. */
function coverage(rs: Resource[], start: bigint, end: bigint): 'full' | 'partial' | 'none' {
  if (rs.length === 0) return 'none';
  const spans = rs.map((r) => [r.start > start ? r.start : start, r.end < end ? r.end : end] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  let next = start;
  for (const [s, e] of spans) {
    if (s > next) return 'partial';
    if (e + 1n > next) next = e + 1n;
  }
  return next > end ? 'full' : 'partial';
}

/**
 * Every resource at any depth that overlaps [start, end], in tree order: a walk that skips subtrees outside the range.
 * Siblings are sorted by start and disjoint (kernel/resource.c keeps them so, and the /proc/iomem parser rejects a
 * line that breaks it), so their ends are sorted too: each level finds its first overlapping child by binary search
 * instead of stepping over every sibling below the range (a server's dump has ~1,000 top-level lines, and a
 * derivation asks several times).
 */
export function overlapping(root: Resource, start: bigint, end: bigint): Resource[] {
  const out: Resource[] = [];
  const visit = (r: Resource): void => {
    const cs = r.children;
    let lo = 0;
    let hi = cs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cs[mid]!.end < start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < cs.length; i++) {
      const c = cs[i]!;
      if (c.start > end) break;
      out.push(c);
      if (c.children.length > 0) visit(c);
    }
  };
  visit(root);
  return out;
}

export interface MemoryInput {
  tree: Resource;
  layout: HdmLayout;
  platform: Platform;
  firmware: FirmwareEntry;
}

/**
 * Memory state of the HDM range in `tree`. Kernel mapping and node state are the caller's to refine (memremap's
 * result, a private node); everything else follows from the resources that overlap the range.
 */
export function memoryFromTree({ tree, layout, platform: p, firmware: fw }: MemoryInput): MemoryState {
  const { hdmStart: start, hdmEnd: end } = layout;
  const over = overlapping(tree, start, end);
  const ram = over.filter(isBusySystemRam);
  const ri = regionIntersects(tree, start, end - start + 1n, IORESOURCE_SYSTEM_RAM, IORES_DESC.NONE, { descendantAware: kernelAtLeast(p, '6.12') });
  const base = {
    systemRamIntersection: ri,
    firmwareE820Ram: fw.firmwareE820Ram,
    kernelMapping: null,
  } satisfies Partial<MemoryState>;
  const cov = coverage(ram, start, end);
  if (cov === 'full') {
    const hot = ram.find(isHotplugged);
    if (hot) {
      const zone = zoneFor(p);
      return {
        ...base,
        pages: 'buddy', structPages: true, online: zone !== null, zone, numaNode: DEVICE_NODE, nodeState: zone ? 'N_MEMORY' : null,
        directMap: true, pfnValid: true, pfnIsMapMemory: true,
        heldBy: findPath(hot), owner: 'hotplug',
        kernelMapping: { kind: 'linear-map', via: 'arch_add_memory()', note: 'Hotplug adds the range to the kernel direct map.' },
        sources: p.arch === 'arm64' ? ['hp/add_memory_resource', 'hp/online-policy', 'a64/pfn_is_map_memory'] : ['hp/add_memory_resource', 'hp/online-policy'],
      };
    }
    const boot = ram[0]!;
    return {
      ...base,
      pages: 'buddy', structPages: true, online: true, zone: 'ZONE_NORMAL', numaNode: 0, nodeState: 'N_MEMORY',
      directMap: true, pfnValid: true, pfnIsMapMemory: true,
      heldBy: findPath(boot), owner: 'boot',
      kernelMapping: { kind: 'linear-map', via: 'boot memory map', note: 'Firmware handed the range to the kernel as ordinary RAM at boot.' },
      sources: fw.sources.length > 0 ? fw.sources : p.arch === 'x86_64' ? ['fw/e820-x86'] : ['fw/arm64-request-standard-resources'],
    };
  }
  const dax = over.find((r) => isDeviceDax(r) && r.start <= start && r.end >= end);
  if (dax && cov === 'none') {
    return {
      ...base,
      pages: 'zone-device', structPages: true, online: true, zone: 'ZONE_DEVICE', numaNode: DEVICE_NODE, nodeState: null,
      directMap: true, pfnValid: true, pfnIsMapMemory: false,
      heldBy: findPath(dax), owner: 'device_dax',
      kernelMapping: { kind: 'linear-map', via: 'devm_memremap_pages()', note: 'device_dax maps the range into the kernel with ZONE_DEVICE struct pages.' },
      sources: ['dax/device-dax-probe'],
    };
  }
  const partial: SourceId[] = cov === 'partial' ? ['res/region_intersects'] : [];
  if (fw.memmap) {
    return {
      ...base,
      pages: 'reserved', structPages: false, online: false, zone: null, numaNode: null, nodeState: null,
      directMap: false, pfnValid: true, pfnIsMapMemory: false, heldBy: null, owner: null,
      sources: [...fw.sources, ...partial],
    };
  }
  return {
    ...base,
    pages: 'none', structPages: false, online: false, zone: null, numaNode: null, nodeState: null,
    directMap: false, pfnValid: false, pfnIsMapMemory: false, heldBy: null, owner: null,
    sources: partial,
  };
}
