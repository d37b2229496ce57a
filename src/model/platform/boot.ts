/**
 * The boot-time resource tree a platform produces: firmware memory map → e820/memblock → /proc/iomem, then the CXL
 * window and the accelerator's region. Every design starts from this tree.
 */
import type { KernelOp } from '../explain-types';
import { insertResource, newRoot, requestResource } from '../resource/tree';
import type { Resource } from '../resource/types';
import { IORESOURCE, IORESOURCE_SYSTEM_RAM, IORES_DESC } from '../resource/types';
import type { HdmLayout, Platform } from '../scenario';
import { kernelAtLeast } from '../scenario';
import { hex } from '../addr';

/** What the firmware entry covering the HDM range turned into. */
export interface FirmwareEntry {
  /** /proc/iomem name, or null when nothing is published in iomem (Soft Reserved deferred on ≥ 7.0). */
  name: string | null;
  busy: boolean;
  /** The range is in the kernel's memory (memblock / buddy) from boot: direct map and struct pages exist. */
  bootRam: boolean;
  /** Listed as E820_TYPE_RAM in e820_table_firmware (x86). */
  firmwareE820Ram: boolean;
  /** arm64 pfn_is_map_memory(): memblock memory without NOMAP. */
  mapMemory: boolean;
  explanation: string;
  sources: string[];
}

/** Decide what the firmware's description of the HDM range becomes, per architecture and kernel (domain §3.1–§3.3). */
export function firmwareEntry(p: Platform): FirmwareEntry {
  const ram = (why: string, sources: string[]): FirmwareEntry => ({
    name: 'System RAM', busy: true, bootRam: true, firmwareE820Ram: p.arch === 'x86_64', mapMemory: true, explanation: why, sources,
  });
  if (p.firmware === 'conventional') {
    return ram(
      'EFI_CONVENTIONAL_MEMORY without EFI_MEMORY_SP: the kernel takes the range as ordinary System RAM at boot (busy, buddy pages, direct map).',
      p.arch === 'x86_64' ? ['fw/e820-x86'] : ['fw/arm64-request-standard-resources'],
    );
  }
  if (p.firmware === 'soft-reserved') {
    if (p.nosoftreserve) {
      return ram(
        'EFI_MEMORY_SP is ignored under efi=nosoftreserve: the range becomes ordinary System RAM at boot.',
        p.arch === 'x86_64' ? ['fw/efi-nosoftreserve', 'fw/e820-x86'] : ['fw/efi-nosoftreserve', 'fw/arm64-reserve-regions', 'fw/arm64-request-standard-resources'],
      );
    }
    if (p.arch === 'x86_64' && kernelAtLeast(p, '7.0')) {
      return {
        name: null, busy: false, bootRam: false, firmwareE820Ram: false, mapMemory: false,
        explanation:
          'EFI_CONVENTIONAL + EFI_MEMORY_SP on ≥ 7.0: the Soft Reserved range is held in soft_reserve_resource, not in iomem, until CXL/HMEM decide who owns it (final merged form unverified).',
        sources: ['fw/soft-reserve-deferral', 'fw/soft-reserve-v6-series'],
      };
    }
    return {
      name: 'Soft Reserved', busy: false, bootRam: false, firmwareE820Ram: false, mapMemory: false,
      explanation: 'EFI_CONVENTIONAL + EFI_MEMORY_SP: "Soft Reserved" (IORES_DESC_SOFT_RESERVED, not busy), memblock-reserved with no direct map until a driver hotplugs it.',
      sources: p.arch === 'x86_64' ? ['fw/e820-x86'] : ['fw/arm64-reserve-regions', 'fw/arm64-soft-reserved'],
    };
  }
  // EFI_RESERVED_TYPE
  if (p.arch === 'x86_64') {
    return {
      name: 'Reserved', busy: false, bootRam: false, firmwareE820Ram: false, mapMemory: false,
      explanation: 'EFI_RESERVED_TYPE → E820_TYPE_RESERVED → "Reserved" (not busy): a driver can claim inside it; no struct pages, no direct map.',
      sources: ['fw/e820-x86'],
    };
  }
  return {
    name: 'reserved', busy: false, bootRam: false, firmwareE820Ram: false, mapMemory: false,
    explanation: 'EFI_RESERVED_TYPE on arm64: a NOMAP memblock region printed as "reserved" (not busy); whether it appears at all without memory attributes is unverified.',
    sources: ['fw/arm64-reserve-regions', 'fw/arm64-request-standard-resources', 'fw/arm64-efi-reserved-unverified'],
  };
}

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
function lowMap(root: Resource, p: Platform, layout: HdmLayout): void {
  for (const [start, end, name, flags, desc, owner, kids] of lowEntries(p, layout.windowStart)) {
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
}

/**
 * Build /proc/iomem as it stands after boot and CXL region assembly, before any of the designs runs:
 * low memory map; the firmware entry for the HDM range (e820 / EFI); "CXL Window 0" wrapping it
 * (insert_resource_expand_to_fit); "region0" for the firmware-committed decoder (insert_resource).
 */
export function buildBootTree(p: Platform, layout: HdmLayout): BootTree {
  const root = newRoot();
  lowMap(root, p, layout);
  const fw = firmwareEntry(p);
  const ops: KernelOp[] = [];
  const size = layout.hdmEnd - layout.hdmStart + 1n;
  const range = `${hex(layout.hdmStart)}-${hex(layout.hdmEnd)}`;
  if (fw.name) {
    const flags = fw.busy ? SYSRAM_BUSY : IORESOURCE.MEM;
    const desc = fw.name === 'Soft Reserved' ? IORES_DESC.SOFT_RESERVED : fw.busy ? IORES_DESC.NONE : IORES_DESC.RESERVED;
    must(requestResource(root, { start: layout.hdmStart, end: layout.hdmEnd, name: fw.name, flags, desc, owner: 'firmware' }), fw.name);
    ops.push({
      // Busy e820 entries go in at e820__reserve_resources(); non-busy ones (Reserved, Soft Reserved) late.
      fn: p.arch === 'x86_64' ? (fw.busy ? 'e820__reserve_resources()' : 'e820__reserve_resources_late()') : fw.name === 'Soft Reserved' ? 'arm_enable_runtime_services()' : 'request_standard_resources()',
      file: p.arch === 'x86_64' ? 'arch/x86/kernel/e820.c' : fw.name === 'Soft Reserved' ? 'drivers/firmware/efi/arm-runtime.c' : 'arch/arm64/kernel/setup.c',
      args: `${range} "${fw.name}"`,
      result: fw.explanation,
      ok: true,
      resourcePath: [fw.name],
      sources: fw.sources,
    });
  } else {
    ops.push({
      fn: 'e820__reserve_resources_late()',
      file: 'arch/x86/kernel/e820.c',
      args: `${range} Soft Reserved`,
      result: fw.explanation,
      ok: true,
      sources: fw.sources,
    });
  }
  const win = insertResource(root, {
    start: layout.windowStart, end: layout.windowEnd, name: 'CXL Window 0', flags: IORESOURCE.MEM, desc: IORES_DESC.CXL, owner: 'cxl',
  });
  if (!win.ok) throw new Error('boot tree: CXL Window 0 overlaps a boot resource partially');
  ops.push({
    fn: 'add_cxl_resources()',
    file: 'drivers/cxl/acpi.c',
    args: `${hex(layout.windowStart)}-${hex(layout.windowEnd)} "CXL Window 0"`,
    result: fw.name ? `window inserted above "${fw.name}" (insert_resource_expand_to_fit)` : 'window inserted',
    ok: true,
    resourcePath: ['CXL Window 0'],
    sources: ['cxl/add_cxl_resources'],
  });
  const region = insertResource(win.res, { start: layout.hdmStart, end: layout.hdmEnd, name: 'region0', flags: IORESOURCE.MEM, owner: 'cxl' });
  if (!region.ok) throw new Error('boot tree: region0 overlaps partially');
  const regionPath = ['CXL Window 0', 'region0'];
  ops.push({
    fn: 'construct_region()',
    file: 'drivers/cxl/core/region.c',
    args: `${range} (${size / (1n << 30n)} GiB) "region0"`,
    result: fw.name
      ? `firmware-committed region inserted; it adopts the same-range "${fw.name}" (insertion order is unverified). Type-2: no dax device.`
      : 'firmware-committed region inserted (not busy). Type-2: no dax device.',
    ok: true,
    resourcePath: regionPath,
    sources: fw.name ? ['cxl/construct_region', 'cxl/nesting-order', 'cxl/type2-no-dax'] : ['cxl/construct_region', 'cxl/type2-no-dax'],
  });
  return { tree: root, firmware: fw, ops };
}
