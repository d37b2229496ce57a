/**
 * Alternative (2), private NUMA node (Gregory Price's N_MEMORY_PRIVATE RFC v4): the cxl_sysram region driver first
 * requests a non-busy "cxl_sysramN" (IORESOURCE_SYSTEM_RAM), then add_private_memory_driver_managed() adds the busy
 * "System RAM (CXL)" under it and a memmap; the node is excluded from normal allocations (domain §6; RFC patch 25,
 * ERRATA item 13). RFC, not merged.
 */
import { findPath } from '../resource/tree';
import { IORESOURCE_SYSTEM_RAM } from '../resource/types';
import type { Ctx, DesignRun } from './common';
import { SYSRAM_DM, claim, ensureRegion, memoryNow, unbound } from './common';

/** Run the private-node hotplug on the context's tree. */
export function privateNode(c: Ctx): DesignRun {
  const srcs = ['pn/add_private_memory_driver_managed', 'dax/private-node-sysram', 'thread/private-node-patch25'];
  const region = ensureRegion(c);
  if (!region.ok) return unbound(c, `cxl_sysram binds a CXL region, and there is none: ${region.why}`, { error: region.error, at: region.at });
  const sysram = claim(c, {
    fn: 'request_mem_region()', file: 'drivers/cxl/core/region_sysram.c (RFC)', name: 'cxl_sysram0', flags: 0, owner: 'cxl',
    errno: '-EBUSY', sources: [...srcs, ...(c.fw.bootRam ? ['dax/private-node-firmware-ram-ebusy'] : [])],
  });
  if (!sysram.res) {
    if (c.fw.bootRam) c.warnings.push('Gregory Price: a private-node user should splat when firmware did not mark the memory reserved (firmware bug).');
    return unbound(c, 'the private hotplug could not claim the range', sysram.conflict ? { error: sysram.conflict.errno, at: sysram.conflict.fn } : null, { conflict: sysram.conflict });
  }
  // sysram_hotplug_add(): the request is made with IORESOURCE_SYSTEM_RAM and is not busy, so the hotplug can nest under it.
  sysram.res.flags = IORESOURCE_SYSTEM_RAM >>> 0;
  const sys = claim(c, {
    fn: 'add_private_memory_driver_managed()', file: 'mm/memory_hotplug.c (RFC)', name: 'System RAM (CXL)', flags: SYSRAM_DM, owner: 'mm',
    errno: '-EEXIST', sources: srcs,
  });
  if (!sys.res) return unbound(c, 'the private hotplug could not add the memory', sys.conflict ? { error: sys.conflict.errno, at: sys.conflict.fn } : null, { conflict: sys.conflict });
  const m = memoryNow(c, undefined, ['pn/add_private_memory_driver_managed']);
  const memory = { ...m, nodeState: m.online ? ('N_MEMORY_PRIVATE' as const) : null };
  c.ops.push({
    fn: 'node_private_register()', file: 'mm (RFC v4)', args: `node ${memory.numaNode ?? '?'}`, ok: true, resourcePath: findPath(sys.res),
    result: memory.online
      ? `online_pages() inside add_private_memory_driver_managed(): node ${memory.numaNode ?? '?'} is N_MEMORY_PRIVATE, excluded from fallback lists and default mempolicy; only __GFP_PRIVATE or opted-in mempolicy allocates there`
      : 'the blocks stay offline (memhp_default_state=offline): the node is registered but holds no usable memory',
    sources: ['dax/private-node-sysram', 'pn/add_private_memory_driver_managed'],
  });
  if (!memory.online) {
    return {
      ops: c.ops, conflict: null, memory, deviceBound: false, unboundReason: 'the private node\'s blocks are offline',
      setupError: { error: 'no mapping', at: 'memhp_default_state=offline' }, claimPath: findPath(sys.res), warnings: c.warnings,
    };
  }
  return { ops: c.ops, conflict: null, memory, deviceBound: true, unboundReason: null, setupError: null, claimPath: findPath(sys.res), warnings: c.warnings };
}
