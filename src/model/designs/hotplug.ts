/**
 * Alternative (1), memory hotplug: device-dax + kmem claim "daxX.Y", clear its BUSY bit and add
 * "System RAM (kmem)" with add_memory_driver_managed(); the online policy picks the zone (domain §5).
 */
import type { MemoryState } from '../explain-types';
import { findPath } from '../resource/tree';
import { IORESOURCE_SYSTEM_RAM } from '../resource/types';
import type { Ctx, DesignRun } from './common';
import { DEVICE_NODE, SYSRAM_DM, bootRamMemory, bootRamSources, claim, intersects, noPagesMemory, zoneFor } from './common';

/** Run memory hotplug (dax/kmem) on the context's tree. */
export function hotplug(c: Ctx): DesignRun {
  if (c.fw.bootRam) {
    const fwSources = bootRamSources(c);
    const name = c.fw.name ?? 'System RAM';
    if (name === 'System RAM') {
      c.ops.push({
        fn: 'cxl_region_probe()', file: 'drivers/cxl/core/region.c', args: 'region0', ok: false, resourcePath: ['CXL Window 0', 'region0'],
        result: 'no dax device: part of the region is already online as "System RAM", so CXL cannot manage it and kmem never runs',
        sources: ['cxl/type2-no-dax', ...fwSources],
      });
      c.warnings.push('Firmware already made the range System RAM: there is nothing to hotplug; the memory is buddy RAM from boot and not exclusive.');
    } else {
      // A pasted tree where the range is already hotplugged ("System RAM (kmem)" or a driver's "System RAM (…)").
      c.warnings.push(`The range is already online as "${name}": there is nothing more to hotplug; mm owns it.`);
    }
    return {
      ops: c.ops, conflict: null, memory: bootRamMemory(c, fwSources), deviceBound: true, unboundReason: null,
      claimPath: null, warnings: c.warnings,
    };
  }
  c.warnings.push('Type-2 regions skip dax by default; this assumes the region is handed to device-dax + kmem (a driver calling add_memory_driver_managed() itself behaves the same).');
  const dax = claim(c, 'request_mem_region()', 'drivers/dax/kmem.c', 'dax0.0', 0, 'kmem', '-EBUSY', ['hp/kmem-probe']);
  if (!dax.res) {
    return {
      ops: c.ops, conflict: dax.conflict, memory: noPagesMemory(c, null, ['hp/kmem-probe']), deviceBound: false,
      unboundReason: 'dev_dax_kmem_probe() could not claim the range', claimPath: null, warnings: c.warnings,
    };
  }
  dax.res.flags = IORESOURCE_SYSTEM_RAM >>> 0;
  c.ops.push({
    fn: 'dev_dax_kmem_probe()', file: 'drivers/dax/kmem.c', args: '"dax0.0"', ok: true, resourcePath: findPath(dax.res),
    result: 'clears IORESOURCE_BUSY on "dax0.0" (flags = IORESOURCE_SYSTEM_RAM) so add_memory() can add a child resource',
    sources: ['hp/kmem-probe'],
  });
  const sys = claim(
    c, 'add_memory_driver_managed()', 'mm/memory_hotplug.c', 'System RAM (kmem)', SYSRAM_DM, 'mm', '-EEXIST',
    ['hp/add_memory_driver_managed'],
  );
  if (!sys.res) {
    return {
      ops: c.ops, conflict: sys.conflict, memory: noPagesMemory(c, null, ['hp/add_memory_driver_managed']), deviceBound: false,
      unboundReason: 'add_memory_driver_managed() failed', claimPath: null, warnings: c.warnings,
    };
  }
  const zone = zoneFor(c.p);
  c.ops.push({
    fn: 'add_memory_resource()', file: 'mm/memory_hotplug.c', args: `node ${DEVICE_NODE}`, ok: true, resourcePath: findPath(sys.res),
    result:
      zone === null
        ? `memmap and direct map created, node ${DEVICE_NODE} registered; blocks left offline (policy "offline")`
        : `direct map + memmap, node ${DEVICE_NODE} online as a memory-only node; blocks onlined to ${zone}` +
          (c.p.arch === 'arm64' ? '; added to memblock (pfn_is_map_memory() true)' : ''),
    sources: ['hp/add_memory_resource', 'hp/online-policy'],
  });
  const memory: MemoryState = {
    structPages: true,
    zone,
    numaNode: DEVICE_NODE,
    nodeState: zone ? 'N_MEMORY' : null,
    directMap: true,
    kernelMapping: { kind: 'linear-map', via: 'arch_add_memory()', note: 'Hotplug adds the range to the kernel direct map.' },
    systemRamIntersection: intersects(c),
    pfnValid: true,
    pfnIsMapMemory: true,
    firmwareE820Ram: c.fw.firmwareE820Ram,
    sources: c.p.arch === 'arm64' ? ['hp/add_memory_resource', 'a64/pfn_is_map_memory'] : ['hp/add_memory_resource'],
  };
  if (zone === 'ZONE_MOVABLE') {
    c.warnings.push('ZONE_MOVABLE: a FOLL_LONGTERM pin (VFIO/iommufd DMA mapping of guest RAM) migrates the pages off the CXL node.');
  }
  if (zone === null) {
    return {
      ops: c.ops, conflict: null, memory, deviceBound: false,
      unboundReason: 'the memory blocks are offline: nothing can allocate from the node until they are onlined',
      claimPath: findPath(sys.res), warnings: c.warnings,
    };
  }
  return { ops: c.ops, conflict: null, memory, deviceBound: true, unboundReason: null, claimPath: findPath(sys.res), warnings: c.warnings };
}
