/**
 * Alternative (4), VFIO-owned (Jason Gunthorpe's model, v3+): at bind vfio-cxl registers the device with CXL, which
 * assembles its committed decoder into region0, then request_mem_region_exclusive() on the HDM HPA — a busy resource
 * in the way fails the bind with -EBUSY — then memremap(WB) for pread/pwrite and cacheable special PTEs for user
 * space (domain §7.1–§7.4; v3 07/11; a later vfio-cxl module copy). Which version: the huge-fault control (v4 on, v3 off).
 */
import { findPath } from '../resource/tree';
import { IORESOURCE } from '../resource/types';
import type { Ctx, DesignRun } from './common';
import { claim, ensureRegion, memoryNow, memremapWb, unbound } from './common';

/** Run the VFIO-owned design on the context's tree. */
export function vfioOwned(c: Ctx): DesignRun {
  const region = ensureRegion(c);
  if (!region.ok) return unbound(c, `vfio-cxl gets no HDM region: ${region.why}`, { error: region.error, at: region.at });
  // The huge-fault control picks the series version (patches/catalogue-cxl.ts): v4's vfio-cxl module claims with
  // request_mem_region_exclusive() and has vfio_cxl_mem_huge_fault(); v3 used request_mem_region() and .fault only.
  const v4 = c.p.hugeFault;
  const { res, conflict } = claim(c, {
    fn: v4 ? 'request_mem_region_exclusive()' : 'request_mem_region()', file: 'drivers/vfio/pci/cxl/vfio_cxl_core.c', name: 'vfio-cxl-hdm',
    flags: v4 ? IORESOURCE.EXCLUSIVE : 0, owner: 'vfio', errno: '-EBUSY',
    sources: v4 ? ['vo/request_mem_region', 'vo/v3-acquire', 'vo/vfio-cxl-module', 'thread/jason-seed'] : ['vo/request_mem_region', 'vo/v3-acquire', 'pt/vfio-cxl-v3', 'thread/jason-seed'],
  });
  if (!res) {
    c.ops.push({
      fn: 'vfio_pci_core_register_device()', file: 'drivers/vfio/pci/vfio_pci_core.c', args: '', ok: false,
      result: 'bind fails -EBUSY: "fail during the initial startup phases" (Jason Gunthorpe)', sources: ['vo/v3-acquire', 'thread/jason-seed'],
    });
    return unbound(c, 'probe failed -EBUSY: the range is already claimed', conflict ? { error: conflict.errno, at: conflict.fn } : null, { conflict });
  }
  if (findPath(res).includes('Soft Reserved')) {
    // The HPA claim succeeds inside an unowned Soft Reserved; the field report's -EBUSY came from the DPA side.
    c.ops.at(-1)?.sources.push('dax/field-report-dpa');
    c.warnings.push(
      'A Type-2 device shown as "Soft Reserved" under "CXL Window 0" was reported failing -EBUSY (PJ Waskiewicz): not on this HPA request but in cxl_request_dpa(), on the device\'s DPA resource tree, where a firmware-committed decoder had already reserved the DPA. /proc/iomem does not show DPA, so the model cannot decide that failure.',
    );
  }
  const { mapping, ok } = memremapWb(c, 'vfio-cxl bind');
  return {
    ops: c.ops, conflict: null, memory: memoryNow(c, mapping, ['vo/exclusive']), deviceBound: ok,
    unboundReason: ok ? null : 'memremap() returned NULL', setupError: ok ? null : { error: '-ENOMEM', at: 'memremap()' },
    claimPath: findPath(res), warnings: c.warnings,
  };
}
