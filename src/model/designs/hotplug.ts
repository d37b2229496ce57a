/**
 * Alternative (1), memory hotplug: the accelerator's region handed to device-dax + kmem, which claim "daxX.Y", clear
 * its BUSY bit and add "System RAM (kmem)" with add_memory_driver_managed(); the online policy picks the zone
 * (domain §5). When hmem and kmem already onlined a Soft Reserved range at boot, there is nothing left to do.
 */
import { hasPatch } from '../patches/ids';
import { daxClaim } from '../platform/dax';
import { findPath } from '../resource/tree';
import type { Ctx, DesignRun } from './common';
import { ensureRegion, memoryNow, unbound } from './common';

function offlineRun(c: Ctx, claimPath: string[] | null): DesignRun {
  return {
    ops: c.ops, conflict: null, memory: memoryNow(c), deviceBound: false,
    unboundReason: 'the memory blocks are offline: nothing can allocate from the node until they are onlined',
    setupError: { error: 'no mapping', at: 'memhp_default_state=offline' }, claimPath, warnings: c.warnings,
  };
}

/** Run memory hotplug (dax/kmem) on the context's tree. */
export function hotplug(c: Ctx): DesignRun {
  const before = memoryNow(c);
  if (before.pages === 'buddy') {
    const held = before.heldBy?.join(' › ') ?? 'System RAM';
    if (before.owner === 'boot') {
      c.ops.push({
        fn: 'cxl_region_probe()', file: 'drivers/cxl/core/region.c', args: 'region0', ok: false, resourcePath: before.heldBy ?? [],
        result: 'no dax device: part of the region is already online as "System RAM", so CXL cannot manage it and kmem never runs',
        sources: ['dax/cxl_region_probe', ...c.fw.sources],
      });
      c.warnings.push('Firmware already made the range System RAM: there is nothing to hotplug; the memory is buddy RAM from boot and not exclusive.');
    } else {
      c.warnings.push(`The range is already hotplugged ("${held}"): there is nothing more to do; mm owns it.`);
    }
    if (!before.online) return offlineRun(c, before.heldBy);
    return { ops: c.ops, conflict: null, memory: before, deviceBound: true, unboundReason: null, setupError: null, claimPath: before.heldBy, warnings: c.warnings };
  }
  const region = ensureRegion(c);
  if (!region.ok) return unbound(c, `no CXL region to hand to dax/kmem: ${region.why}`, { error: region.error, at: region.at });
  if (c.p.config.DEV_DAX_KMEM === 'n') {
    c.ops.push({
      fn: 'dev_dax_kmem_probe()', file: 'drivers/dax/kmem.c', args: 'dax0.0', ok: false,
      result: 'CONFIG_DEV_DAX_KMEM=n: there is no kmem driver to online the dax device as System RAM',
      sources: ['dax/dax_match_type'],
    });
    return unbound(c, 'CONFIG_DEV_DAX_KMEM=n: nothing onlines the range', { error: '-ENODEV', at: 'dev_dax_kmem_probe()' });
  }
  const noDax = hasPatch(c.p, 'cxl/type2-no-dax');
  if (noDax) c.warnings.push('With the no-dax patch a Type-2 region gets no dax device by itself; this assumes the region is handed to device-dax + kmem (a driver calling add_memory_driver_managed() itself behaves the same).');
  const dax = daxClaim(c.tree, c.layout, c.p, 'kmem', 'dax0.0', noDax ? ['hp/kmem-probe'] : ['hp/kmem-probe', 'dax/cxl_region_probe']);
  c.ops.push(...dax.ops);
  if (!dax.ok) {
    const cw = dax.conflict;
    const conflict = {
      fn: dax.failedAt ?? 'request_mem_region()', errno: dax.failedAt === 'add_memory_driver_managed()' ? '-EEXIST' : '-EBUSY',
      conflictWith: { start: cw?.start ?? 0n, end: cw?.end ?? 0n, name: cw?.name ?? null, path: cw ? findPath(cw) : [] },
      busy: cw ? (cw.flags & 0x80000000) !== 0 : false,
      sources: ['hp/kmem-probe', 'res/__request_region'],
    };
    return unbound(c, `${conflict.fn} could not claim the range`, { error: conflict.errno, at: conflict.fn }, { conflict });
  }
  const memory = memoryNow(c);
  if (memory.zone === 'ZONE_MOVABLE') {
    c.warnings.push('ZONE_MOVABLE: a FOLL_LONGTERM pin (VFIO/iommufd DMA mapping of guest RAM) migrates the pages off the CXL node.');
  }
  const claimPath = dax.res ? findPath(dax.res) : null;
  if (!memory.online) return offlineRun(c, claimPath);
  return { ops: c.ops, conflict: null, memory, deviceBound: true, unboundReason: null, setupError: null, claimPath, warnings: c.warnings };
}
