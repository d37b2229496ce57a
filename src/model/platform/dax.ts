/**
 * A dax device's claim of the HDM range, as kmem or device_dax makes it (drivers/dax/kmem.c, drivers/dax/device.c):
 * shared by hmem's claim of a Soft Reserved range at boot and by the hotplug design.
 */
import { formatSize, hex } from '../addr';
import type { KernelOp } from '../explain-types';
import { findPath, requestRegion } from '../resource/tree';
import type { Resource } from '../resource/types';
import { IORESOURCE, IORESOURCE_SYSTEM_RAM } from '../resource/types';
import type { HdmLayout, Platform } from '../scenario';
import type { SourceId } from '../source';

/** SYSTEM_RAM | SYSRAM_DRIVER_MANAGED; __request_region() adds BUSY (register_memory_resource()). */
export const SYSRAM_DM = (IORESOURCE_SYSTEM_RAM | IORESOURCE.SYSRAM_DRIVER_MANAGED) >>> 0;

export interface DaxClaim {
  ok: boolean;
  /** The resource holding the memory: "System RAM (kmem)" (kmem) or the busy "daxX.Y" (device_dax). */
  res: Resource | null;
  /** The busy resource (or the non-busy one the request straddles) that made it fail. */
  conflict: Resource | null;
  errno: string | null;
  /** Which call failed. */
  failedAt: string | null;
  ops: KernelOp[];
}

function args(l: HdmLayout, name: string): string {
  return `${hex(l.hdmStart)}, ${formatSize(l.hdmEnd - l.hdmStart + 1n)}, "${name}"`;
}

/** Why a request failed, in the kernel's terms: a busy resource in the way, or a non-busy one that does not contain it. */
export function conflictText(conflict: Resource | null, errno: string, start: bigint, end: bigint): string {
  if (!conflict) return `${errno}: the range does not fit in the tree`;
  const where = `"${conflict.name ?? '<BAD>'}" at ${hex(conflict.start)}-${hex(conflict.end)}`;
  if ((conflict.flags & IORESOURCE.BUSY) !== 0) return `${errno}: ${where} is busy`;
  if (conflict.start > start || conflict.end < end) return `${errno}: the request overlaps ${where} but is not contained in it (a non-busy parent must hold the whole request)`;
  return `${errno}: ${where} is in the way`;
}

/**
 * kmem: request_mem_region("daxX.Y"), clear BUSY, add_memory_driver_managed("System RAM (kmem)"), online per policy;
 * device_dax: devm_request_mem_region("daxX.Y") busy, devm_memremap_pages() (ZONE_DEVICE).
 */
export function daxClaim(tree: Resource, layout: HdmLayout, p: Platform, driver: 'kmem' | 'device_dax', daxName: string, sources: SourceId[]): DaxClaim {
  const ops: KernelOp[] = [];
  const size = layout.hdmEnd - layout.hdmStart + 1n;
  const fail = (fn: string, file: string, name: string, r: { conflict: Resource | null }, extra: SourceId[]): DaxClaim => {
    const conflict = r.conflict;
    ops.push({
      fn, file, args: args(layout, name), ok: false, resourcePath: conflict ? findPath(conflict) : [],
      result: `${conflictText(conflict, '-EBUSY', layout.hdmStart, layout.hdmEnd)}${fn === 'request_mem_region()' ? ': "could not reserve region", the probe fails -EBUSY' : ''}`,
      sources: [...sources, ...extra, 'res/__request_region'],
    });
    return { ok: false, res: null, conflict, errno: '-EBUSY', failedAt: fn, ops };
  };
  if (driver === 'device_dax') {
    const r = requestRegion(tree, layout.hdmStart, size, daxName, { owner: 'dax' });
    if (!r.ok) return fail('devm_request_mem_region()', 'drivers/dax/device.c', daxName, r, ['dax/device-dax-probe']);
    ops.push({
      fn: 'dev_dax_probe()', file: 'drivers/dax/device.c', args: args(layout, daxName), ok: true, resourcePath: findPath(r.res),
      result: `busy "${daxName}" (devm_request_mem_region), then devm_memremap_pages(): ZONE_DEVICE struct pages (MEMORY_DEVICE_GENERIC) and a linear map; user space maps /dev/${daxName}`,
      sources: [...sources, 'dax/device-dax-probe', 'res/__request_region'],
    });
    return { ok: true, res: r.res, conflict: null, errno: null, failedAt: null, ops };
  }
  const dax = requestRegion(tree, layout.hdmStart, size, daxName, { owner: 'kmem' });
  if (!dax.ok) return fail('request_mem_region()', 'drivers/dax/kmem.c', daxName, dax, ['dax/kmem-probe']);
  dax.res.flags = IORESOURCE_SYSTEM_RAM >>> 0;
  ops.push({
    fn: 'dev_dax_kmem_probe()', file: 'drivers/dax/kmem.c', args: args(layout, daxName), ok: true, resourcePath: findPath(dax.res),
    result: `"${daxName}" requested busy, then flags = IORESOURCE_SYSTEM_RAM (BUSY cleared) so add_memory() can add a child resource`,
    sources: [...sources, 'dax/kmem-probe', 'res/__request_region'],
  });
  const sys = requestRegion(tree, layout.hdmStart, size, 'System RAM (kmem)', { flags: SYSRAM_DM, owner: 'mm' });
  if (!sys.ok) return fail('add_memory_driver_managed()', 'mm/memory_hotplug.c', 'System RAM (kmem)', sys, ['hp/add_memory_driver_managed']);
  const policy = p.onlinePolicy;
  ops.push({
    fn: 'add_memory_driver_managed()', file: 'mm/memory_hotplug.c', args: args(layout, 'System RAM (kmem)'), ok: true, resourcePath: findPath(sys.res),
    result:
      `busy "System RAM (kmem)" (SYSTEM_RAM | DRIVER_MANAGED); direct map and memmap built; ` +
      (policy === 'offline' ? 'memory blocks left offline (memhp_default_state=offline)' : `memory blocks onlined (${policy})`) +
      (p.arch === 'arm64' ? '; added to memblock, so pfn_is_map_memory() is true' : ''),
    sources: ['hp/add_memory_driver_managed', 'hp/add_memory_resource', 'hp/online-policy'],
  });
  return { ok: true, res: sys.res, conflict: null, errno: null, failedAt: null, ops };
}
