/**
 * The boot-time resource tree a platform produces: firmware memory map → e820/memblock → /proc/iomem, the CXL window
 * and, when one is committed, the accelerator's region, then whoever claims a Soft Reserved range (hmem → kmem or
 * device_dax). Every design starts from this tree.
 */
import type { KernelOp } from '../explain-types';
import { insertResource, newRoot, requestResource } from '../resource/tree';
import type { Resource } from '../resource/types';
import { IORESOURCE, IORESOURCE_SYSTEM_RAM, IORES_DESC } from '../resource/types';
import type { DesignId, HdmLayout, Platform } from '../scenario';
import { hex } from '../addr';
import { daxClaim } from './dax';
import { firmwareEntry, type FirmwareEntry } from './firmware';
import { probeCommittedRegion, reinsertSoftReserved } from './regionProbe';
import { softReservedOwner, type SoftReservedOwner } from './softReserved';

export { firmwareEntry, type FirmwareEntry } from './firmware';

function must(r: ReturnType<typeof requestResource>, what: string): Resource {
  if (!r.ok) throw new Error(`boot tree: ${what} conflicts with ${r.conflict?.name ?? 'its parent'}`);
  return r.res;
}

const SYSRAM_BUSY = (IORESOURCE_SYSTEM_RAM | IORESOURCE.BUSY) >>> 0;
const MEM_BUSY = (IORESOURCE.MEM | IORESOURCE.BUSY) >>> 0;

type LowEntry = readonly [start: bigint, end: bigint, name: string, flags: number, desc: number, owner: string, children?: readonly (readonly [bigint, bigint, string])[]];

/** A fixed, realistic low memory map per architecture; the last System RAM entry runs up to the CXL window. */
function lowEntries(p: Platform, windowStart: bigint): LowEntry[] {
  if (p.arch === 'x86_64') {
    return [
      [0x0n, 0xfffn, 'Reserved', IORESOURCE.MEM, IORES_DESC.RESERVED, 'firmware'],
      [0x1000n, 0x9efffn, 'System RAM', SYSRAM_BUSY, IORES_DESC.NONE, 'firmware'],
      [0x9f000n, 0xfffffn, 'Reserved', IORESOURCE.MEM, IORES_DESC.RESERVED, 'firmware'],
      [0x100000n, 0x6fffffffn, 'System RAM', SYSRAM_BUSY, IORES_DESC.NONE, 'firmware', [
        [0x1000000n, 0x1ffffffn, 'Kernel code'],
        [0x2000000n, 0x27fffffn, 'Kernel rodata'],
        [0x2800000n, 0x2bfffffn, 'Kernel data'],
        [0x2c00000n, 0x2ffffffn, 'Kernel bss'],
      ]],
      [0x70000000n, 0x7fffffffn, 'ACPI Tables', MEM_BUSY, IORES_DESC.ACPI_TABLES, 'firmware'],
      [0x80000000n, 0xfebfffffn, 'PCI Bus 0000:00', IORESOURCE.MEM, IORES_DESC.NONE, 'pci'],
      [0x100000000n, windowStart - 1n, 'System RAM', SYSRAM_BUSY, IORES_DESC.NONE, 'firmware'],
    ];
  }
  return [
    [0x09000000n, 0x09000fffn, 'pl011@9000000', MEM_BUSY, IORES_DESC.NONE, 'driver'],
    [0x10000000n, 0x3efeffffn, 'pcie@10000000', IORESOURCE.MEM, IORES_DESC.NONE, 'pci'],
    [0x40000000n, 0xbfffffffn, 'System RAM', SYSRAM_BUSY, IORES_DESC.NONE, 'firmware', [
      [0x40210000n, 0x4121ffffn, 'Kernel code'],
      [0x41220000n, 0x416bffffn, 'Kernel data'],
    ]],
    [0xc0000000n, windowStart - 1n, 'System RAM', SYSRAM_BUSY, IORES_DESC.NONE, 'firmware'],
  ];
}

/**
 * Add the low memory map below the CXL window. Entries that would reach into the window (a user-chosen layout
 * with a low window) are dropped, so any layout yields a valid tree.
 */
function lowMap(root: Resource, p: Platform, layout: HdmLayout, cxl: boolean): void {
  for (const [start, end, name, flags, desc, owner, kids] of lowEntries(p, cxl ? layout.windowStart : layout.hdmStart)) {
    if (end < start || end >= layout.windowStart) continue;
    const r = requestResource(root, { start, end, name, flags, desc, owner });
    if (!r.ok) continue;
    for (const [s, e, n] of kids ?? []) requestResource(r.res, { start: s, end: e, name: n, flags: SYSRAM_BUSY, owner: 'kernel' });
  }
}

export interface BootTree {
  tree: Resource;
  firmware: FirmwareEntry;
  /** The boot steps that built the part of the tree around the HDM range, for the ops list. */
  ops: KernelOp[];
  /** Whether a committed CXL region covers the range (false for nvgrace-gpu, or with CONFIG_CXL_REGION=n). */
  regionCommitted: boolean;
  /** Who claimed a Soft Reserved range at boot (null when firmware made no Soft Reserved range). */
  softReservedOwner: SoftReservedOwner | null;
  /** A boot-time claim that failed (e.g. kmem's request straddling a non-busy entry), with its errno. */
  bootFailure: { fn: string; errno: string } | null;
  warnings: string[];
}

/** The designs that sit in a CXL window: all but nvgrace-gpu, whose usemem is Grace GPU memory described by ACPI. */
export function usesCxl(design: DesignId): boolean {
  return design !== 'nvgrace-gpu';
}

function firmwareOp(p: Platform, fw: FirmwareEntry, range: string): KernelOp {
  if (fw.held === 'soft_reserve_resource') {
    return { fn: 'e820__reserve_resources_late()', file: 'arch/x86/kernel/e820.c', args: `${range} Soft Reserved`, result: fw.explanation, ok: true, sources: fw.sources };
  }
  if (fw.held === 'none') {
    return { fn: 'reserve_regions()', file: 'drivers/firmware/efi/efi-init.c', args: `${range} EFI_RESERVED_TYPE`, result: fw.explanation, ok: true, sources: fw.sources };
  }
  const x86 = p.arch === 'x86_64';
  return {
    // Busy e820 entries go in at e820__reserve_resources(); non-busy ones (Reserved, Soft Reserved) late.
    fn: x86 ? (fw.busy ? 'e820__reserve_resources()' : 'e820__reserve_resources_late()') : fw.name === 'Soft Reserved' ? 'arm_enable_runtime_services()' : 'request_standard_resources()',
    file: x86 ? 'arch/x86/kernel/e820.c' : fw.name === 'Soft Reserved' ? 'drivers/firmware/efi/arm-runtime.c' : 'arch/arm64/kernel/setup.c',
    args: `${range} "${fw.name}"`,
    result: fw.explanation,
    ok: true,
    resourcePath: [fw.name ?? '<BAD>'],
    sources: fw.sources,
  };
}

/**
 * Build /proc/iomem as it stands after boot, CXL enumeration and hmem's decision, before any design runs:
 * low memory map; the firmware entry for the HDM range (e820 / EFI); "CXL Window 0" wrapping it
 * (insert_resource_expand_to_fit) unless the design is nvgrace-gpu; "region0" when a committed region covers the
 * range (insert_resource); then hmem's claim of a Soft Reserved range, if it makes one; then what cxl_region_probe()
 * gives the committed region (dax and kmem, unless the posted no-dax patch is applied; regionProbe.ts).
 */
export function buildBootTree(p: Platform, layout: HdmLayout, design: DesignId = 'vfio-owned'): BootTree {
  const root = newRoot();
  const cxl = usesCxl(design);
  lowMap(root, p, layout, cxl);
  const fw = firmwareEntry(p);
  const ops: KernelOp[] = [];
  const warnings: string[] = [];
  const size = layout.hdmEnd - layout.hdmStart + 1n;
  const range = `${hex(layout.hdmStart)}-${hex(layout.hdmEnd)}`;
  if (fw.name && fw.held === 'iomem') {
    const flags = fw.busy ? SYSRAM_BUSY : IORESOURCE.MEM;
    must(requestResource(root, { start: layout.hdmStart, end: layout.hdmEnd, name: fw.name, flags, desc: fw.desc, owner: 'firmware' }), fw.name);
  }
  ops.push(firmwareOp(p, fw, range));
  let regionCommitted = false;
  if (cxl) {
    const win = insertResource(root, {
      start: layout.windowStart, end: layout.windowEnd, name: 'CXL Window 0', flags: IORESOURCE.MEM, desc: IORES_DESC.CXL, owner: 'cxl',
    });
    if (!win.ok) throw new Error('boot tree: CXL Window 0 overlaps a boot resource partially');
    ops.push({
      fn: 'add_cxl_resources()',
      file: 'drivers/cxl/acpi.c',
      args: `${hex(layout.windowStart)}-${hex(layout.windowEnd)} "CXL Window 0"`,
      result: fw.name && fw.held === 'iomem' ? `window inserted above "${fw.name}" (insert_resource_expand_to_fit)` : 'window inserted',
      ok: true,
      resourcePath: ['CXL Window 0'],
      sources: ['cxl/add_cxl_resources'],
    });
    if (p.region === 'committed' && p.config.CXL_REGION === 'n') {
      warnings.push('No CXL region can exist with CONFIG_CXL_REGION=n: the "region committed" setting is ignored.');
    } else if (p.region === 'committed') {
      const region = insertResource(win.res, { start: layout.hdmStart, end: layout.hdmEnd, name: 'region0', flags: IORESOURCE.MEM, owner: 'cxl' });
      if (!region.ok) throw new Error('boot tree: region0 overlaps partially');
      regionCommitted = true;
      ops.push({
        fn: 'construct_region()',
        file: 'drivers/cxl/core/region.c',
        args: `${range} (${size / (1n << 30n)} GiB) "region0"`,
        result:
          'the accelerator\'s committed decoder becomes "region0" (not busy), once its driver registered a memdev through the Type-2 API (posted): cxl_pci binds only Type-3 class codes.' +
          (fw.name && fw.held === 'iomem' ? ` It adopts the same-range "${fw.name}" (insertion order is unverified).` : ''),
        ok: true,
        resourcePath: ['CXL Window 0', 'region0'],
        sources: fw.name && fw.held === 'iomem'
          ? ['cxl/construct_region', 'dax/discover_region', 'dax/cxl_pci-class', 'dax/type2-api-posted', 'cxl/nesting-order']
          : ['cxl/construct_region', 'dax/discover_region', 'dax/cxl_pci-class', 'dax/type2-api-posted'],
      });
    }
  }
  let owner: SoftReservedOwner | null = null;
  let bootFailure: BootTree['bootFailure'] = null;
  if (fw.softReserved) {
    owner = softReservedOwner({ platform: p, inCxlWindow: cxl, regionCommitted });
    if (owner.by === 'hmem') {
      const back = reinsertSoftReserved(root, layout, p, fw);
      if (back) ops.push(back);
      const claim = daxClaim(root, layout, p, owner.driver, 'dax0.0', owner.sources);
      ops.push({
        fn: 'hmem_register_device()', file: 'drivers/dax/hmem/hmem.c', args: `${range} Soft Reserved`, ok: true,
        result: `hmem claims the range: ${owner.why}`, sources: owner.sources,
      });
      ops.push(...claim.ops);
      if (!claim.ok) bootFailure = { fn: claim.failedAt ?? 'request_mem_region()', errno: claim.errno ?? '-EBUSY' };
    } else {
      ops.push({
        fn: 'hmem_register_device()', file: 'drivers/dax/hmem/hmem.c', args: `${range} Soft Reserved`, ok: true,
        result: owner.why, sources: owner.sources,
      });
    }
  }
  // cxl_region_probe() runs on the committed region; from 7.1 dax_cxl binds only after hmem's decision (dax/cxl.c).
  if (regionCommitted && owner?.by !== 'hmem') {
    const probe = probeCommittedRegion(root, layout, p, fw);
    ops.push(...probe.ops);
    bootFailure ??= probe.failure;
  }
  return { tree: root, firmware: fw, ops, regionCommitted, softReservedOwner: owner, bootFailure, warnings };
}
