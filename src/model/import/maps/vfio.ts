/**
 * What a VFIO mapping's file offset (vm_pgoff << PAGE_SHIFT, the maps "offset" column) says. Newer vfio-pci keeps
 * VFIO's region encoding there (VFIO_PCI_INDEX_TO_OFFSET: index << 40, drivers/vfio/pci/vfio_pci_priv.h); older
 * vfio-pci rewrote vm_pgoff to the BAR's pfn at mmap time, so the offset then reads as a host physical address. One
 * number can fit both readings: each is checked against the mapping's size, and the other VFIO mappings of the same
 * device file break a tie; where nothing does, the answer is "ambiguous", with both readings.
 */
import { formatSize, hex } from '../../addr';
import type { SourceId } from '../../source';

/** VFIO_PCI_OFFSET_SHIFT (drivers/vfio/pci/vfio_pci_priv.h). */
export const VFIO_PCI_OFFSET_SHIFT = 40n;
const REGION_SPAN = 1n << VFIO_PCI_OFFSET_SHIFT;
/** vfio-pci's own regions (BAR0..5, ROM, CONFIG, VGA) and room for a few device-specific ones after them. */
const MAX_REGION_INDEX = 15n;
/** Physical addresses stop at 52 bits on both architectures. */
const MAX_PHYS = 1n << 52n;
/** No BAR sits in the first megabyte of the physical address space. */
const MIN_BAR = 1n << 20n;
/** A mapping this deep into a region is unusual (sparse mmap areas skip a table of a few pages, not gigabytes). */
const TYPICAL_REGION_OFFSET = 256n << 20n;
const REGION_NAMES = ['BAR0', 'BAR1', 'BAR2', 'BAR3', 'BAR4', 'BAR5', 'ROM', 'CONFIG', 'VGA'];

export interface VfioRegionReading {
  index: number;
  /** "BAR2", "ROM", … or "device-specific region". */
  name: string;
  /** Offset inside the region. */
  offset: bigint;
}

export interface VfioOffset {
  /** Which reading holds: the region encoding, the BAR's physical address, or both could ("ambiguous"). */
  kind: 'region-index' | 'physical' | 'ambiguous';
  /** The region reading, when it fits the offset and size. */
  region: VfioRegionReading | null;
  /** The physical-address reading, when it fits. */
  physical: bigint | null;
  /** Region index and offset (the region reading, when kind is 'region-index'). */
  regionIndex?: number;
  regionOffset?: bigint;
  note: string;
  sources: SourceId[];
}

/** The two readings of one offset, each null when the offset and size rule it out. */
export function readings(offset: bigint, size: bigint | null): { region: VfioRegionReading | null; physical: bigint | null } {
  const index = offset >> VFIO_PCI_OFFSET_SHIFT;
  const within = offset & (REGION_SPAN - 1n);
  const len = size ?? 0n;
  const region =
    index <= MAX_REGION_INDEX && within + len <= REGION_SPAN
      ? { index: Number(index), name: REGION_NAMES[Number(index)] ?? 'device-specific region', offset: within }
      : null;
  const physical = offset >= MIN_BAR && offset + len <= MAX_PHYS ? offset : null;
  return { region, physical };
}

/** How the offsets of one device file lean: toward the region encoding, a physical address, or neither. */
export type Lean = 'region' | 'physical' | null;

/** What one offset alone says about its device file's encoding. */
export function leanOf(offset: bigint, size: bigint | null): Lean {
  const r = readings(offset, size);
  if (r.region && !r.physical) return 'region';
  if (r.physical && !r.region) return 'physical';
  if (r.region && r.region.index > 0 && r.region.offset === 0n) return 'region';
  return null;
}

/**
 * Decode a VFIO mapping's offset, checked against its size (bytes, when known) and, to break a tie, how the other
 * mappings of the same device file read (`lean`).
 */
export function decodeVfioOffset(offset: bigint, size: bigint | null = null, lean: Lean = null): VfioOffset {
  const { region, physical } = readings(offset, size);
  const regionText = (r: VfioRegionReading) => `region ${r.index} (${r.name}) + 0x${hex(r.offset)}`;
  const sizeText = size !== null ? `${formatSize(size)} mapping` : 'mapping';
  const regionSources: SourceId[] = ['vma/vfio_pci_core_mmap'];
  const physicalNote = 'older vfio-pci stored the BAR\'s pfn in vm_pgoff at mmap time (inference from older vfio_pci_mmap() source, unverified: kernel version of the change not pinned here)';
  const asRegion = (r: VfioRegionReading, why: string): VfioOffset => ({
    kind: 'region-index', region: r, physical, regionIndex: r.index, regionOffset: r.offset,
    note: `${regionText(r)}: vm_pgoff holds VFIO's index << 40 encoding, not a pfn${why}`, sources: regionSources,
  });
  const asPhysical = (p: bigint, why: string): VfioOffset => ({
    kind: 'physical', region, physical: p,
    note: `0x${hex(p)} reads as the BAR's host physical address${why}; ${physicalNote}`, sources: [],
  });
  if (region && !physical) return asRegion(region, '');
  if (physical && !region) {
    const idx = offset >> VFIO_PCI_OFFSET_SHIFT;
    return asPhysical(physical, idx > MAX_REGION_INDEX ? ` (as a region it would be index ${idx}, past any region vfio-pci has)` : ` (the ${sizeText} would run past its region)`);
  }
  if (region && physical) {
    if (lean === 'region') return asRegion(region, '; the other mappings of this device file use that encoding too');
    if (lean === 'physical') return asPhysical(physical, '; the other mappings of this device file read as physical addresses too');
    if (region.index > 0 && region.offset === 0n) return asRegion(region, ` (a BAR at exactly 0x${hex(physical)} would read the same)`);
    if (region.index === 0 && region.offset < TYPICAL_REGION_OFFSET) return asRegion(region, '');
    return {
      kind: 'ambiguous', region, physical,
      note:
        `ambiguous: 0x${hex(offset)} reads as ${regionText(region)} (newer vfio-pci) or as a BAR at host physical 0x${hex(physical)} ` +
        `(${physicalNote}); the ${sizeText} fits both, and no other mapping of this device file tells them apart`,
      sources: regionSources,
    };
  }
  return {
    kind: 'ambiguous', region: null, physical: null,
    note: `0x${hex(offset)} fits neither reading: as a region it would be index ${offset >> VFIO_PCI_OFFSET_SHIFT}, and as a physical address the ${sizeText} would end past 2^52`,
    sources: [],
  };
}
