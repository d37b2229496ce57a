/**
 * /proc/PID/maps, /proc/PID/smaps and `pmap -X` output: the VMAs a user pastes from their own VMM process.
 * Tolerant: every rejected line gets a located error, the rest is kept. Linear in the input size.
 */
import type { SourceId } from '../source';
import { runSteps } from './steps';

export interface ImportError {
  /** 1-based line. */
  line: number;
  /** 1-based column, when known. */
  column?: number;
  message: string;
}

/** How a VFIO mapping's file offset (vm_pgoff << PAGE_SHIFT) reads. */
export interface VfioOffset {
  /** 'region-index': VFIO_PCI_INDEX_TO_OFFSET encoding (index << 40); 'physical': looks like a BAR's host physical address. */
  kind: 'region-index' | 'physical';
  regionIndex?: number;
  /** Offset inside the region (region-index encoding only). */
  regionOffset?: bigint;
  note: string;
  sources: SourceId[];
}

export interface ParsedVma {
  /** 1-based line of the VMA's header (or pmap row). */
  line: number;
  start: bigint;
  /** Exclusive, like vm_end. */
  end: bigint;
  perms: string;
  offset: bigint;
  dev: string;
  inode: string;
  path: string;
  /** smaps "VmFlags:" mnemonics; null when the input does not show them (maps, pmap -X). */
  vmFlags: string[] | null;
  /** Numeric smaps / pmap fields in kB (Size, Rss, Pss, ...). */
  fields: Record<string, number>;
  /** The mapping is a VFIO device region (path names vfio). */
  vfio: boolean;
  vfioOffset: VfioOffset | null;
}

export type MapsFormat = 'smaps' | 'maps' | 'pmap-X' | 'unknown';

export interface MapsParseResult {
  format: MapsFormat;
  /** Every VFIO VMA, and the others up to MAX_KEPT_VMAS (see vmaCount). */
  vmas: ParsedVma[];
  /** VMAs in the input, kept or not. */
  vmaCount: number;
  errors: ImportError[];
  lineCount: number;
}

export interface ProgressOptions {
  /** Called every few thousand lines with the fraction done (0..1). */
  onProgress?: (fraction: number) => void;
  maxErrors?: number;
}

/** Non-VFIO VMAs kept beyond this are only counted (a huge paste must not flood the page). */
export const MAX_KEPT_VMAS = 20_000;

/** VFIO_PCI_OFFSET_SHIFT (drivers/vfio/pci/vfio_pci_priv.h). */
export const VFIO_PCI_OFFSET_SHIFT = 40n;
/** Region indexes vfio-pci defines (BAR0..5, ROM, CONFIG, VGA); device-specific regions follow. */
const MAX_PLAUSIBLE_REGION = 16n;

const HEAD = /^([0-9a-fA-F]{1,16})-([0-9a-fA-F]{1,16})\s+([-rwxsp]{4})\s+([0-9a-fA-F]{1,16})\s+([0-9a-fA-F]{1,8}:[0-9a-fA-F]{1,8})\s+(\d+)(?:\s+(.*))?$/;
const FIELD = /^([A-Za-z_][A-Za-z0-9_]*):\s*(.*)$/;
const PMAP_ROW = /^\s*([0-9a-fA-F]{1,16})\s+([-rwxsp]{4})\s+([0-9a-fA-F]{1,16})\s+([0-9a-fA-F]{1,8}:[0-9a-fA-F]{1,8})\s+(\d+)\s+(.*)$/;

/** True when a mapping's path names a VFIO device (anon_inode:[vfio-device], /dev/vfio/…). */
export function isVfioPath(path: string): boolean {
  return /vfio/i.test(path);
}

/**
 * Read a VFIO mapping's file offset. Newer kernels keep vm_pgoff as VFIO's region encoding (index << 40); older
 * vfio-pci rewrote vm_pgoff to the BAR's pfn at mmap time, so the offset then reads as a host physical address.
 */
export function decodeVfioOffset(offset: bigint): VfioOffset {
  const index = offset >> VFIO_PCI_OFFSET_SHIFT;
  const within = offset & ((1n << VFIO_PCI_OFFSET_SHIFT) - 1n);
  if (index < MAX_PLAUSIBLE_REGION) {
    const names = ['BAR0', 'BAR1', 'BAR2', 'BAR3', 'BAR4', 'BAR5', 'ROM', 'CONFIG', 'VGA'];
    const name = names[Number(index)] ?? 'device-specific region';
    return {
      kind: 'region-index',
      regionIndex: Number(index),
      regionOffset: within,
      note: `region ${index} (${name}) + 0x${within.toString(16)}: vm_pgoff holds VFIO's index << 40 encoding, not a pfn`,
      sources: ['vma/vfio_pci_core_mmap'],
    };
  }
  return {
    kind: 'physical',
    note:
      `0x${offset.toString(16)} is too large for a region index (${index}); it reads as the BAR's host physical address, ` +
      'which older vfio-pci stored in vm_pgoff at mmap time (inference from older vfio_pci_mmap() source, unverified: ' +
      'no registry entry yet; kernel version of the change not pinned here)',
    sources: [],
  };
}

function hexBig(s: string): bigint {
  return BigInt('0x' + s);
}

function clip(s: string): string {
  return JSON.stringify(s.length > 40 ? s.slice(0, 40) + '…' : s);
}

/** Guess the format from the first meaningful lines. */
export function detectMapsFormat(lines: readonly string[]): MapsFormat {
  for (let i = 0; i < Math.min(lines.length, 50); i++) {
    const l = lines[i]!.replace(/\r$/, '');
    if (/^\s*Address\s+Perm\s+Offset\s+Device\s+Inode/.test(l)) return 'pmap-X';
    if (HEAD.test(l.trim())) {
      const next = (lines[i + 1] ?? '').replace(/\r$/, '');
      return FIELD.test(next) ? 'smaps' : 'maps';
    }
  }
  return 'unknown';
}

/**
 * Parse maps, smaps or `pmap -X` text. Never throws; errors name line and column.
 */
export function parseMaps(text: string, opts: ProgressOptions = {}): MapsParseResult {
  return runSteps(mapsSteps(text, opts), opts.onProgress);
}

/** parseMaps() as steps: yields the fraction done every 5,000 lines, so a caller can parse in slices (see steps.ts). */
export function* mapsSteps(text: string, opts: ProgressOptions = {}): Generator<number, MapsParseResult, void> {
  const maxErrors = opts.maxErrors ?? 200;
  const errors: ImportError[] = [];
  let dropped = 0;
  const err = (e: ImportError): void => {
    if (errors.length < maxErrors) errors.push(e);
    else dropped++;
  };
  const lines = text.length === 0 ? [] : text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const format = detectMapsFormat(lines);
  const vmas: ParsedVma[] = [];
  if (format === 'unknown') {
    if (lines.length > 0) err({ line: 1, column: 1, message: 'no maps/smaps line ("start-end perms offset dev inode path") or pmap -X header found' });
    return { format, vmas, vmaCount: 0, errors, lineCount: lines.length };
  }
  let vmaCount = 0;
  const keep = (v: ParsedVma): boolean => {
    vmaCount++;
    if (v.vfio || vmas.length < MAX_KEPT_VMAS) {
      vmas.push(v);
      return true;
    }
    return false;
  };
  let headerCols: string[] = [];
  let cur: ParsedVma | null = null;
  const step = 5000;
  for (let i = 0; i < lines.length; i++) {
    if (i % step === 0 && i > 0) yield i / lines.length;
    const lineNo = i + 1;
    const raw = lines[i]!.endsWith('\r') ? lines[i]!.slice(0, -1) : lines[i]!;
    if (raw.trim() === '') continue;
    if (format === 'pmap-X') {
      if (/^\s*Address\s+Perm/.test(raw)) {
        headerCols = raw.trim().split(/\s+/);
        continue;
      }
      if (/^\s*\d+:\s/.test(raw) && headerCols.length === 0) continue; // "PID:   command line"
      if (/^\s*=+(\s+=+)*\s*$/.test(raw)) continue; // totals separator
      if (/^\s*\d+(\s+\d+)*(\s+[kK]B)?\s*$/.test(raw) && i > 0 && /^\s*=/.test(lines[i - 1] ?? '')) continue; // totals
      const m = PMAP_ROW.exec(raw);
      if (!m) {
        err({ line: lineNo, column: raw.length - raw.trimStart().length + 1, message: `not a pmap -X row: ${clip(raw.trim())}` });
        continue;
      }
      const rest = m[6]!.split(/\s+/);
      // Numeric columns after Inode, up to the "Mapping" column (which is the rest and may contain spaces).
      const numericNames = headerCols.slice(5, headerCols[headerCols.length - 1] === 'Mapping' ? -1 : undefined);
      const fields: Record<string, number> = {};
      let k = 0;
      for (; k < numericNames.length && k < rest.length; k++) {
        if (!/^\d+$/.test(rest[k]!)) break;
        fields[numericNames[k]!] = Number(rest[k]);
      }
      const path = rest.slice(k).join(' ');
      const start = hexBig(m[1]!);
      const sizeKb = fields.Size;
      if (sizeKb === undefined) {
        err({ line: lineNo, column: 1, message: 'pmap -X row without a Size column: cannot tell where the VMA ends' });
        continue;
      }
      const offset = hexBig(m[3]!);
      const vfio = isVfioPath(path);
      keep({
        line: lineNo, start, end: start + BigInt(sizeKb) * 1024n, perms: m[2]!, offset, dev: m[4]!, inode: m[5]!, path,
        vmFlags: null, fields, vfio, vfioOffset: vfio ? decodeVfioOffset(offset) : null,
      });
      continue;
    }
    const trimmed = raw.trim();
    const h = HEAD.exec(trimmed);
    if (h) {
      const start = hexBig(h[1]!);
      const end = hexBig(h[2]!);
      if (end < start) {
        err({ line: lineNo, column: h[1]!.length + 2, message: `end 0x${h[2]} is below start 0x${h[1]}` });
        cur = null;
        continue;
      }
      const offset = hexBig(h[4]!);
      const path = (h[7] ?? '').trim();
      const vfio = isVfioPath(path);
      const v: ParsedVma = {
        line: lineNo, start, end, perms: h[3]!, offset, dev: h[5]!, inode: h[6]!, path,
        vmFlags: null, fields: {}, vfio, vfioOffset: vfio ? decodeVfioOffset(offset) : null,
      };
      // A VMA not kept still swallows its field lines (into a throw-away record).
      cur = keep(v) ? v : { ...v };
      continue;
    }
    const f = FIELD.exec(trimmed);
    if (f && format === 'smaps') {
      if (!cur) {
        err({ line: lineNo, column: 1, message: `field "${f[1]}" before any VMA header line` });
        continue;
      }
      if (f[1] === 'VmFlags') {
        const mn = f[2]!.trim().split(/\s+/).filter((x) => x.length > 0);
        const bad = mn.findIndex((x) => !/^[a-z?]{2}$/.test(x));
        if (bad >= 0) {
          const col = raw.indexOf(mn[bad]!) + 1;
          err({ line: lineNo, column: col > 0 ? col : 1, message: `VmFlags: ${clip(mn[bad]!)} is not a two-letter mnemonic` });
        }
        cur.vmFlags = mn.filter((x) => /^[a-z?]{2}$/.test(x));
        continue;
      }
      const num = /^(\d+)(?:\s+kB)?$/.exec(f[2]!.trim());
      if (num) cur.fields[f[1]!] = Number(num[1]);
      // Non-numeric fields (THPeligible text, ProtectionKey, Name: …) are kept out, not rejected.
      continue;
    }
    const col = raw.length - raw.trimStart().length + 1;
    err({ line: lineNo, column: col, message: `not a ${format} line: ${clip(trimmed)}` });
    cur = null;
  }
  if (dropped > 0) errors.push({ line: lines.length, message: `${dropped} more errors not shown` });
  return { format, vmas, vmaCount, errors, lineCount: lines.length };
}
