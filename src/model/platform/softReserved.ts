/**
 * Who claims a Soft Reserved range at boot: hmem (then kmem or device_dax), a CXL region, or nobody — by kernel,
 * config, architecture and whether a committed CXL region covers the range (ERRATA item 1; /work research R1 §8).
 * Soft Reserved itself is never busy; the claim is dax's.
 */
import type { Platform } from '../scenario';
import { kernelAtLeast } from '../scenario';
import type { SourceId } from '../source';

export type SoftReservedOwner =
  | { by: 'hmem'; driver: 'kmem' | 'device_dax'; why: string; sources: SourceId[] }
  | { by: 'cxl' | 'nobody'; driver: null; why: string; sources: SourceId[]; verified: boolean };

export interface OwnerInput {
  platform: Platform;
  /** The range lies in a CXL window (region_intersects(..., IORES_DESC_CXL) is not DISJOINT). */
  inCxlWindow: boolean;
  /** A committed CXL region fully contains the range when hmem looks (cxl_region_contains_resource()). */
  regionCommitted: boolean;
}

/** Which dax driver binds hmem's device: kmem when CONFIG_DEV_DAX_KMEM is y or m, else device_dax (dax_match_type()). */
export function daxDriver(p: Platform): 'kmem' | 'device_dax' {
  return p.config.DEV_DAX_KMEM === 'n' ? 'device_dax' : 'kmem';
}

/** CONFIG_DEV_DAX_CXL, which defaults to CXL_REGION && DEV_DAX (drivers/dax/Kconfig); the model takes the default. */
function devDaxCxl(p: Platform): boolean {
  return p.config.CXL_REGION === 'y';
}

/** Decide who owns a Soft Reserved range (one that efi_soft_reserve_enabled() kept as Soft Reserved). */
export function softReservedOwner({ platform: p, inCxlWindow, regionCommitted }: OwnerInput): SoftReservedOwner {
  const hmem = (why: string, sources: SourceId[]): SoftReservedOwner => {
    const driver = daxDriver(p);
    return {
      by: 'hmem', driver, sources: [...sources, 'dax/dax_hmem_probe', 'dax/dax_match_type'],
      why: `${why} dax_hmem_probe() makes a dax device flagged IORESOURCE_DAX_KMEM; ${driver === 'kmem' ? `kmem binds it (CONFIG_DEV_DAX_KMEM=${p.config.DEV_DAX_KMEM}${p.config.DEV_DAX_KMEM === 'm' ? ', loaded on demand' : ''})` : 'with CONFIG_DEV_DAX_KMEM=n device_dax binds it'}.`,
    };
  };
  const nobody = (why: string, sources: SourceId[], verified = true): SoftReservedOwner => ({ by: 'nobody', driver: null, why, sources, verified });
  if (p.config.DEV_DAX_HMEM === 'n') {
    return nobody('CONFIG_DEV_DAX_HMEM=n: no hmem driver turns Soft Reserved into a dax device, so nothing claims the range.', ['dax/dax_hmem_probe']);
  }
  if (p.arch === 'arm64' && kernelAtLeast(p, '7.0')) {
    return nobody(
      'arm64 ≥ 7.0: arm_enable_runtime_services() puts "Soft Reserved" in iomem, but hmem now looks only at the private soft_reserve_resource tree that x86 e820 fills, so it would never claim the range (inferred, unverified).',
      ['dax/arm64-soft-reserved-7.0-inference', 'dax/soft-reserve-resource-7.0'],
      false,
    );
  }
  if (!inCxlWindow) return hmem('The range is in no CXL window, so hmem registers it at once.', ['dax/hmem-defer-cxl-region']);
  if (kernelAtLeast(p, '7.1')) {
    if (!devDaxCxl(p)) {
      return hmem('7.1 gates the deferral on CONFIG_DEV_DAX_CXL, off with CONFIG_CXL_REGION=n: hmem registers the range at once.', ['dax/hmem-gate-dev-dax-cxl']);
    }
    if (regionCommitted) {
      return {
        by: 'cxl', driver: null, verified: true,
        sources: ['dax/hmem-resolve-7.1', 'dax/cxl_region_contains_resource'],
        why: '7.1: hmem waits for the initial device probe, then finds a committed CXL region that contains the range ("CXL claims resource, dropping"). The region is the accelerator\'s; what it gets is cxl_region_probe()\'s decision.',
      };
    }
    return hmem(
      '7.1: hmem waits for the initial device probe ("await CXL initial probe"); no committed CXL region contains the range, so it registers it ("CXL did not claim resource, registering").',
      ['dax/hmem-resolve-7.1', 'dax/cxl_region_contains_resource'],
    );
  }
  if (p.config.CXL_REGION === 'y') {
    return nobody(
      `${p.kernel}: with CONFIG_CXL_REGION=y hmem leaves a range in a CXL window to CXL ("deferring range to CXL") and never looks again.` +
        (regionCommitted ? ' The accelerator\'s committed region covers it: what it gets is cxl_region_probe()\'s decision.' : ' No CXL region covers it, so nothing claims it.'),
      ['dax/hmem-defer-cxl-region'],
    );
  }
  return hmem(`${p.kernel}: with CONFIG_CXL_REGION=n hmem does not defer to CXL and registers the range.`, ['dax/hmem-defer-cxl-region']);
}
