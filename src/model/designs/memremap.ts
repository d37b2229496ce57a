/**
 * Alternative (3), memremap as in v2 16/20: memremap(MEMREMAP_WB) for the kernel's pread/pwrite KVA, a demand-fault
 * PFNMAP VMA for user space, and no claim of the HPA in the resource tree (domain §4.1, §7.1–§7.2). Like v3, v2 uses
 * the firmware-committed decoder's region (cxl_get_committed_decoder()).
 */
import type { Ctx, DesignRun } from './common';
import { ensureRegion, memoryNow, memremapWb, unbound } from './common';

/** Run v2's memremap design on the context's tree. */
export function memremapDesign(c: Ctx): DesignRun {
  const region = ensureRegion(c);
  if (!region.ok) return unbound(c, `vfio-cxl gets no HDM region: ${region.why}`, { error: region.error, at: region.at });
  const { mapping, ok } = memremapWb(c, 'vfio_cxl_register_cxl_region()');
  c.ops.push({
    fn: 'vfio_pci_core_register_dev_region()', file: 'drivers/vfio/pci/vfio_pci_core.c', args: 'VFIO_REGION_SUBTYPE_CXL', ok,
    result: ok
      ? 'HDM region registered; nothing requests the HPA in the resource tree, so nothing stops kmem, another driver or firmware RAM from overlapping'
      : 'memremap() returned NULL: registering the region fails -ENOMEM',
    sources: ['mr/no-claim'],
  });
  const memory = memoryNow(c, mapping, ['mr/memremap']);
  if (memory.pages === 'buddy') c.warnings.push('The range is buddy-owned System RAM: VFIO would hand the guest memory the page allocator may also give out.');
  return {
    ops: c.ops, conflict: null, memory, deviceBound: ok,
    unboundReason: ok ? null : `memremap() returned NULL (${memory.systemRamIntersection})`,
    setupError: ok ? null : { error: '-ENOMEM', at: 'memremap()' },
    claimPath: null, warnings: c.warnings,
  };
}
