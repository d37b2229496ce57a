/**
 * Alternative (2), private NUMA node (Gregory Price's N_MEMORY_PRIVATE RFC v4): add_private_memory_driver_managed()
 * adds busy "System RAM (CXL)" and a memmap; the node is excluded from normal allocations (domain §6). RFC, not merged.
 */
import type { MemoryState } from '../explain-types';
import { findPath } from '../resource/tree';
import type { Ctx, DesignRun } from './common';
import { DEVICE_NODE, SYSRAM_DM, bootRamMemory, bootRamSources, claim, intersects, noPagesMemory, zoneFor } from './common';

/** Run the private-node hotplug on the context's tree. */
export function privateNode(c: Ctx): DesignRun {
  const srcs = ['pn/add_private_memory_driver_managed', 'thread/private-node-patch25', 'pn/intermediate-unverified'];
  const sys = claim(c, 'add_private_memory_driver_managed()', 'mm/memory_hotplug.c (RFC)', 'System RAM (CXL)', SYSRAM_DM, 'mm', '-EEXIST', srcs);
  if (!sys.res) {
    if (c.fw.bootRam) {
      c.warnings.push('Gregory Price: a private-node user should splat when firmware did not mark the memory reserved (firmware bug).');
    }
    return {
      ops: c.ops, conflict: sys.conflict,
      memory: c.fw.bootRam ? bootRamMemory(c, [...bootRamSources(c), 'thread/gregory-d']) : noPagesMemory(c, null, srcs),
      deviceBound: false, unboundReason: 'the private hotplug could not claim the range', claimPath: null, warnings: c.warnings,
    };
  }
  const zone = zoneFor(c.p);
  c.ops.push({
    fn: 'node_private_set_ops()', file: 'mm (RFC v4)', args: `node ${DEVICE_NODE}`, ok: true, resourcePath: findPath(sys.res),
    result: `node ${DEVICE_NODE} is N_MEMORY_PRIVATE: excluded from fallback lists and default mempolicy; only __GFP_PRIVATE or opted-in mempolicy allocates there`,
    sources: ['pn/add_private_memory_driver_managed'],
  });
  const memory: MemoryState = {
    structPages: true,
    zone,
    numaNode: DEVICE_NODE,
    nodeState: zone ? 'N_MEMORY_PRIVATE' : null,
    directMap: true,
    kernelMapping: { kind: 'linear-map', via: 'arch_add_memory()', note: 'Private hotplug still builds the direct map and memmap.' },
    systemRamIntersection: intersects(c),
    pfnValid: true,
    pfnIsMapMemory: true,
    firmwareE820Ram: c.fw.firmwareE820Ram,
    sources: c.p.arch === 'arm64' ? ['pn/add_private_memory_driver_managed', 'a64/pfn_is_map_memory'] : ['pn/add_private_memory_driver_managed'],
  };
  if (zone === null) {
    return {
      ops: c.ops, conflict: null, memory, deviceBound: false,
      unboundReason: 'the private node\'s blocks are offline', claimPath: findPath(sys.res), warnings: c.warnings,
    };
  }
  return { ops: c.ops, conflict: null, memory, deviceBound: true, unboundReason: null, claimPath: findPath(sys.res), warnings: c.warnings };
}
