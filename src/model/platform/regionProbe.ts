/**
 * What cxl_region_probe() does with the accelerator's region once it is committed, and the posted hmem patch that
 * puts Soft Reserved back into iomem. Both are boot-time rules read from platform.patches:
 * - cxl/type2-no-dax: without "cxl: Avoid dax creation for accelerators" (v7.1 has no device-memory test), a committed
 *   RAM region goes to dax_cxl and kmem (device_dax with CONFIG_DEV_DAX_KMEM=n) claims it, unless System RAM already
 *   sits in it ("has System RAM"); with it, the region gets no dax.
 * - dax/soft-reserve-iomem: on x86 ≥ 7.0, when hmem registers a range it first inserts "Soft Reserved" into iomem.
 */
import { hex } from '../addr';
import type { KernelOp } from '../explain-types';
import { hasPatch } from '../patches/ids';
import { findPath, insertResource } from '../resource/tree';
import type { Resource } from '../resource/types';
import { IORESOURCE, IORES_DESC } from '../resource/types';
import type { HdmLayout, Platform } from '../scenario';
import { daxClaim } from './dax';
import type { FirmwareEntry } from './firmware';
import { daxDriver } from './softReserved';

export interface RegionProbe {
  ops: KernelOp[];
  /** A dax claim that failed, with its errno. */
  failure: { fn: string; errno: string } | null;
}

/** cxl_region_probe() on a region committed at boot, after hmem has decided about a Soft Reserved range. */
export function probeCommittedRegion(root: Resource, layout: HdmLayout, p: Platform, fw: FirmwareEntry): RegionProbe {
  const op = (result: string, sources: string[]): KernelOp => ({
    fn: 'cxl_region_probe()', file: 'drivers/cxl/core/region.c', args: 'region0', ok: true, resourcePath: ['CXL Window 0', 'region0'], result, sources,
  });
  if (hasPatch(p, 'cxl/type2-no-dax')) {
    return {
      ops: [op('a device-memory (Type-2) region returns before the dax switch ("cxl: Avoid dax creation for accelerators", posted, applied): no dax, nothing onlines it', ['cxl/type2-no-dax', 'dax/cxl_region_probe'])],
      failure: null,
    };
  }
  if (fw.bootRam) {
    return { ops: [op('part of the region is already online as "System RAM": no dax region ("has System RAM")', ['dax/cxl_region_probe'])], failure: null };
  }
  const driver = daxDriver(p);
  const sources = ['dax/cxl_region_probe', 'pt/type2-region-dax'];
  const claim = daxClaim(root, layout, p, driver, 'dax0.0', sources);
  return {
    ops: [
      op(
        `v7.1 has no device-memory test here (the no-dax patch is not applied): devm_cxl_add_dax_region(), dax_cxl binds and ${driver === 'kmem' ? 'kmem onlines the range' : 'device_dax maps it (CONFIG_DEV_DAX_KMEM=n)'}`,
        sources,
      ),
      ...claim.ops,
    ],
    failure: claim.ok ? null : { fn: claim.failedAt ?? 'request_mem_region()', errno: claim.errno ?? '-EBUSY' },
  };
}

/**
 * dax/soft-reserve-iomem: add_soft_reserve_into_iomem() before hmem's dax device claims the range. Only where Soft
 * Reserved is kept out of iomem (x86 ≥ 7.0); elsewhere it is there already and the patch changes nothing.
 */
export function reinsertSoftReserved(root: Resource, layout: HdmLayout, p: Platform, fw: FirmwareEntry): KernelOp | null {
  if (!hasPatch(p, 'dax/soft-reserve-iomem') || fw.held !== 'soft_reserve_resource') return null;
  const r = insertResource(root, { start: layout.hdmStart, end: layout.hdmEnd, name: 'Soft Reserved', flags: IORESOURCE.MEM, desc: IORES_DESC.SOFT_RESERVED, owner: 'firmware' });
  return {
    fn: 'add_soft_reserve_into_iomem()', file: 'drivers/dax/hmem/hmem.c', args: `${hex(layout.hdmStart)}-${hex(layout.hdmEnd)} "Soft Reserved"`,
    ok: r.ok, resourcePath: r.ok ? findPath(r.res) : [],
    result: r.ok
      ? '"Soft Reserved" inserted into iomem_resource before hmem registers the range (posted v8 9/9, applied): the dax claim nests under it'
      : 'insert_resource() failed: a resource overlaps the range partially',
    sources: ['pt/soft-reserve-iomem'],
  };
}
