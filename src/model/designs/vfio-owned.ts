/**
 * Alternative (4), VFIO-owned (Jason Gunthorpe's model, v3+): request_mem_region() on the HDM HPA at bind — a busy
 * resource in the way fails probe with -EBUSY — then memremap(WB) for pread/pwrite and cacheable special PTEs for
 * user space (domain §7.1–§7.4).
 */
import { findPath } from '../resource/tree';
import type { Ctx, DesignRun } from './common';
import { bootRamMemory, bootRamSources, claim, memremapWb, noPagesMemory } from './common';

/** Run the VFIO-owned design on the context's tree. */
export function vfioOwned(c: Ctx): DesignRun {
  const { res, conflict } = claim(
    c, 'request_mem_region()', 'drivers/vfio/pci/cxl (v3)', 'vfio-cxl', 0, 'vfio', '-EBUSY',
    ['vo/request_mem_region', 'thread/jason-seed'],
  );
  // The claim's outcome is sourced; only the name it shows under is an inference.
  if (res) c.ops.at(-1)?.sources.push('vo/resource-name');
  if (!res) {
    c.ops.push({
      fn: 'vfio_pci_probe()', file: 'drivers/vfio/pci/vfio_pci.c', args: '', ok: false,
      result: 'bind fails -EBUSY: "fail during the initial startup phases" (Jason Gunthorpe)', sources: ['vo/request_mem_region', 'thread/jason-seed'],
    });
    return {
      ops: c.ops, conflict,
      memory: c.fw.bootRam ? bootRamMemory(c, bootRamSources(c)) : noPagesMemory(c, null, ['vo/request_mem_region']),
      deviceBound: false, unboundReason: 'probe failed -EBUSY: the range is already busy', claimPath: null, warnings: c.warnings,
    };
  }
  if (res.parent?.name === 'Soft Reserved') {
    // The model and a field report disagree here: say so rather than pick a side.
    c.ops.at(-1)?.sources.push('vo/soft-reserved-field-report', 'thread/alejandro-efi-reserved');
    c.warnings.push(
      'Reported otherwise: PJ Waskiewicz\'s Type-2 device under "CXL Window 0 → Soft Reserved" failed -EBUSY (quoted by Alejandro Lucero). __request_region() as modelled descends into the non-busy Soft Reserved and succeeds; what failed on that system is unverified.',
    );
  }
  const { mapping, ok } = memremapWb(c, 'vfio-cxl bind');
  if (c.p.firmware === 'soft-reserved' && !c.p.nosoftreserve) {
    c.warnings.push('Soft Reserved: if hmem/kmem claims and onlines the range before VFIO binds, request_mem_region() meets "System RAM (kmem)" and fails -EBUSY (Dan, Alejandro want EFI_RESERVED_TYPE).');
  }
  return {
    ops: c.ops, conflict: null, memory: noPagesMemory(c, mapping, ['vo/exclusive']), deviceBound: ok,
    unboundReason: ok ? null : 'memremap() returned NULL', claimPath: findPath(res), warnings: c.warnings,
  };
}
