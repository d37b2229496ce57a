/**
 * The upstream precedent, vfio/nvgrace-gpu (vma-and-kvm-fault-path.md §A2): usemem — Grace GPU memory described by
 * ACPI, not CXL — exposed as a fake BAR, kernel access through memremap(WB), a cacheable PFNMAP (remap_pfn_range() at
 * mmap before the v6.19 cycle, huge faults since; vma/build.ts). Probe claims no iomem resource for memphys.
 */
import type { Ctx, DesignRun } from './common';
import { memoryNow, memremapWb } from './common';

/** Run nvgrace-gpu's usemem path on the context's tree. */
export function nvgraceGpu(c: Ctx): DesignRun {
  if (c.p.arch === 'x86_64') {
    c.warnings.push('nvgrace-gpu is an arm64 (Grace) driver; on x86-64 this column shows what the same VMA would meet.');
  }
  c.ops.push({
    fn: 'nvgrace_gpu_probe()', file: 'drivers/vfio/pci/nvgrace-gpu/main.c', args: 'memphys from ACPI (nvidia,gpu-mem-base-pa)', ok: true,
    result: 'usemem exposed as a fake BAR4/5; the GPU memory is not CXL (no CXL window or region), and memphys is not requested in the resource tree, so nothing there stops another owner',
    sources: c.p.arch === 'x86_64' ? ['nv/no-claim', 'nv/mmap', 'nv/arm64-only'] : ['nv/no-claim', 'nv/mmap'],
  });
  const { mapping, ok } = memremapWb(c, 'nvgrace_gpu_map_device_mem(), lazily on first read/write');
  const memory = memoryNow(c, mapping, ['nv/request']);
  return {
    ops: c.ops, conflict: null, memory, deviceBound: ok, unboundReason: ok ? null : 'memremap() returned NULL',
    setupError: ok ? null : { error: '-ENOMEM', at: 'memremap()' }, claimPath: null, warnings: c.warnings,
  };
}
