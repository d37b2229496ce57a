/**
 * What firmware and boot made of the HDM range, read off a user's /proc/iomem instead of derived from the platform:
 * the firmware entry is the outermost firmware-named resource that overlaps the range (System RAM, Soft Reserved,
 * Reserved), whatever CXL and dax resources sit around or under it; a "regionN" containing the range is a committed
 * region. The memory state itself is read from the whole tree by memory/fromTree.ts.
 */
import type { BootFacts } from '../designs/common';
import { overlapping } from '../memory/fromTree';
import type { Resource } from '../resource/types';
import { IORESOURCE, IORESOURCE_SYSTEM_RAM, IORES_DESC } from '../resource/types';
import type { HdmLayout, Platform } from '../scenario';
import type { FirmwareEntry } from './firmware';

const FIRMWARE_NAMES: Record<string, 'ram' | 'soft' | 'reserved'> = {
  'System RAM': 'ram',
  'Soft Reserved': 'soft',
  Reserved: 'reserved',
  reserved: 'reserved',
};

/** The CXL window ("CXL Window N") that contains the range, if any. */
export function windowContaining(tree: Resource, start: bigint, end: bigint): Resource | null {
  return overlapping(tree, start, end).find((r) => /^CXL Window \d+$/.test(r.name ?? '') && r.start <= start && r.end >= end) ?? null;
}

/** The CXL region ("regionN") that contains the range, if any. */
export function regionContaining(tree: Resource, start: bigint, end: bigint): Resource | null {
  return overlapping(tree, start, end).find((r) => /^region\d+$/.test(r.name ?? '') && r.start <= start && r.end >= end) ?? null;
}

export function firmwareFromTree(p: Platform, tree: Resource, layout: HdmLayout): { firmware: FirmwareEntry; boot: BootFacts } {
  const { hdmStart: start, hdmEnd: end } = layout;
  const fwRes = overlapping(tree, start, end).find((r) => FIRMWARE_NAMES[r.name ?? ''] !== undefined) ?? null;
  const kind = fwRes ? FIRMWARE_NAMES[fwRes.name ?? '']! : null;
  const ram = kind === 'ram' && (fwRes!.flags & IORESOURCE_SYSTEM_RAM) === IORESOURCE_SYSTEM_RAM && fwRes!.start <= start && fwRes!.end >= end;
  const arm = p.arch === 'arm64';
  const firmware: FirmwareEntry = {
    name: fwRes?.name ?? null,
    held: fwRes ? 'iomem' : 'none',
    busy: fwRes ? (fwRes.flags & IORESOURCE.BUSY) !== 0 : false,
    desc: kind === 'soft' ? IORES_DESC.SOFT_RESERVED : kind === 'reserved' ? IORES_DESC.RESERVED : IORES_DESC.NONE,
    softReserved: kind === 'soft',
    bootRam: ram,
    firmwareE820Ram: ram && !arm,
    mapMemory: ram,
    // arm64 prints NOMAP memblock regions as "reserved": they have a memmap (a64/nomap-memmap).
    memmap: ram || (arm && fwRes?.name === 'reserved' && fwRes.start <= start && fwRes.end >= end),
    explanation: fwRes
      ? `From the pasted /proc/iomem: "${fwRes.name}" is the firmware entry over the range (flags inferred from its name).`
      : 'From the pasted /proc/iomem: no firmware entry (System RAM, Soft Reserved, Reserved) overlaps the range.',
    sources: fwRes?.name === 'reserved' && arm ? ['res/r_show', 'res/iomem-flags-inferred', 'a64/nomap-memmap'] : ['res/r_show', 'res/iomem-flags-inferred'],
  };
  return {
    firmware,
    boot: { regionCommitted: regionContaining(tree, start, end) !== null, softReservedOwner: null, bootFailure: null },
  };
}
