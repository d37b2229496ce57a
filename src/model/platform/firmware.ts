/**
 * What the firmware's description of the HDM range becomes at boot, per architecture, kernel and config: an iomem
 * entry (or none), whether the kernel took it as memory, whether a memmap exists (alternatives-and-resource-tree.md
 * §3.1–§3.3; ERRATA items 1, 4, 9, 19).
 */
import { IORES_DESC } from '../resource/types';
import type { Platform } from '../scenario';
import { kernelAtLeast } from '../scenario';
import type { SourceId } from '../source';

export interface FirmwareEntry {
  /** /proc/iomem name, or null when nothing is published in iomem. */
  name: string | null;
  /** Where the kernel keeps the entry: iomem, x86's private soft_reserve_resource tree (≥ 7.0), or nowhere. */
  held: 'iomem' | 'soft_reserve_resource' | 'none';
  busy: boolean;
  desc: number;
  /** An EFI_MEMORY_SP range the kernel kept as Soft Reserved (in iomem or the private tree): hmem may claim it. */
  softReserved: boolean;
  /** The range is in the kernel's memory (memblock / buddy) from boot: direct map and struct pages exist. */
  bootRam: boolean;
  /** Listed as E820_TYPE_RAM in e820_table_firmware (x86). */
  firmwareE820Ram: boolean;
  /** arm64 pfn_is_map_memory(): memblock memory without NOMAP (x86: boot RAM). */
  mapMemory: boolean;
  /** A memmap covers the range (pfn_valid()): boot RAM, or an arm64 NOMAP memblock region. */
  memmap: boolean;
  explanation: string;
  sources: SourceId[];
}

/** EFI_MEMORY_SP is honoured: CONFIG_EFI_SOFT_RESERVE=y and no efi=nosoftreserve (efi_soft_reserve_enabled()). */
export function softReserveEnabled(p: Platform): boolean {
  return p.config.EFI_SOFT_RESERVE === 'y' && !p.nosoftreserve;
}

function systemRam(p: Platform, why: string, sources: SourceId[]): FirmwareEntry {
  return {
    name: 'System RAM', held: 'iomem', busy: true, desc: IORES_DESC.NONE, softReserved: false, bootRam: true,
    firmwareE820Ram: p.arch === 'x86_64', mapMemory: true, memmap: true, explanation: why, sources,
  };
}

/** Decide what the firmware's description of the HDM range becomes (domain §3.1–§3.3). */
export function firmwareEntry(p: Platform): FirmwareEntry {
  const x86 = p.arch === 'x86_64';
  if (p.firmware === 'conventional') {
    return systemRam(
      p,
      'EFI_CONVENTIONAL_MEMORY without EFI_MEMORY_SP: the kernel takes the range as ordinary System RAM at boot (busy, buddy pages, direct map).',
      x86 ? ['fw/e820-x86'] : ['fw/arm64-request-standard-resources'],
    );
  }
  if (p.firmware === 'soft-reserved') {
    if (!softReserveEnabled(p)) {
      const why = p.nosoftreserve ? 'efi=nosoftreserve' : 'CONFIG_EFI_SOFT_RESERVE=n';
      return systemRam(
        p,
        `EFI_MEMORY_SP is ignored under ${why}: the range becomes ordinary System RAM at boot.`,
        x86 ? ['fw/efi-nosoftreserve', 'fw/e820-x86'] : ['fw/efi-nosoftreserve', 'fw/arm64-reserve-regions', 'fw/arm64-request-standard-resources'],
      );
    }
    if (x86 && kernelAtLeast(p, '7.0')) {
      return {
        name: null, held: 'soft_reserve_resource', busy: false, desc: IORES_DESC.SOFT_RESERVED, softReserved: true, bootRam: false,
        firmwareE820Ram: false, mapMemory: false, memmap: false,
        explanation:
          'EFI_CONVENTIONAL + EFI_MEMORY_SP on ≥ 7.0: e820__reserve_resources_late() keeps the Soft Reserved range in the private soft_reserve_resource tree, so /proc/iomem has no "Soft Reserved" line; hmem decides who owns it.',
        sources: ['dax/soft-reserve-resource-7.0', 'fw/soft-reserve-v6-series'],
      };
    }
    return {
      name: 'Soft Reserved', held: 'iomem', busy: false, desc: IORES_DESC.SOFT_RESERVED, softReserved: true, bootRam: false,
      firmwareE820Ram: false, mapMemory: false, memmap: false,
      explanation: x86
        ? 'EFI_CONVENTIONAL + EFI_MEMORY_SP: "Soft Reserved" (IORES_DESC_SOFT_RESERVED, not busy: do_mark_busy() leaves it free), memblock-reserved with no direct map until a driver hotplugs it.'
        : 'EFI_CONVENTIONAL + EFI_MEMORY_SP: not added to memblock (since v6.8); arm_enable_runtime_services() inserts "Soft Reserved" (not busy) into iomem.',
      sources: x86 ? ['fw/e820-x86'] : ['a64/soft-reserved-memblock-6.8', 'fw/arm64-soft-reserved'],
    };
  }
  // EFI_RESERVED_TYPE
  if (x86) {
    return {
      name: 'Reserved', held: 'iomem', busy: false, desc: IORES_DESC.RESERVED, softReserved: false, bootRam: false,
      firmwareE820Ram: false, mapMemory: false, memmap: false,
      explanation: 'EFI_RESERVED_TYPE → E820_TYPE_RESERVED → "Reserved" (not busy): a driver can claim inside it; not in memblock, so no struct pages and no direct map.',
      sources: ['fw/e820-x86'],
    };
  }
  if (p.efiAttr === 'wb') {
    return {
      name: 'reserved', held: 'iomem', busy: false, desc: IORES_DESC.NONE, softReserved: false, bootRam: false,
      firmwareE820Ram: false, mapMemory: false, memmap: true,
      explanation:
        'EFI_RESERVED_TYPE with a WB attribute on arm64: reserve_regions() adds it to memblock and marks it NOMAP, printed as "reserved" (not busy). It has a memmap (pfn_valid() true, PageReserved, never in the buddy allocator) but no linear map (pfn_is_map_memory() false).',
      sources: ['a64/efi-is-memory', 'fw/arm64-request-standard-resources', 'a64/nomap-memmap', 'a64/pfn_is_map_memory-nomap'],
    };
  }
  return {
    name: null, held: 'none', busy: false, desc: IORES_DESC.NONE, softReserved: false, bootRam: false,
    firmwareE820Ram: false, mapMemory: false, memmap: false,
    explanation:
      'EFI_RESERVED_TYPE without a WB, WT or WC attribute on arm64: is_memory() is false, so the range never reaches memblock or /proc/iomem (only the CXL window, if any, shows it).',
    sources: ['a64/efi-is-memory'],
  };
}
