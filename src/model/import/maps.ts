/**
 * /proc/PID/maps, /proc/PID/smaps and `pmap -X` output: the VMAs a user pastes from their own VMM process.
 * Tolerant: every rejected line gets a located error, the rest is kept. Linear in the input size.
 */
import { CappedList, type ImportError } from './located';
import { decodeVfioOffset, leanOf, type Lean, type VfioOffset } from './maps/vfio';
import { MAPS_RULES } from './restore/mapsRules';
import { relocate, restoreText } from './restore/restore';
import { runSteps, type Steps } from './steps';

export type { ImportError } from './located';
export { decodeVfioOffset, VFIO_PCI_OFFSET_SHIFT, type VfioOffset } from './maps/vfio';

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
  /** Every error, including those `errors` leaves out. */
  errorCount: number;
  /** What the restore layer changed (rejoined wrapped lines, quote marks…), located. */
  repairs: ImportError[];
  lineCount: number;
}

export interface ProgressOptions {
  /** Called every few thousand lines with the fraction done (0..1). */
  onProgress?: (fraction: number) => void;
  maxErrors?: number;
}

/** Non-VFIO VMAs kept beyond this are only counted (a huge paste must not flood the page). */
export const MAX_KEPT_VMAS = 20_000;

const HEAD = /^([0-9a-fA-F]{1,16})-([0-9a-fA-F]{1,16})\s+([-rwxsp]{4})\s+([0-9a-fA-F]{1,16})\s+([0-9a-fA-F]{1,8}:[0-9a-fA-F]{1,8})\s+(\d+)(?:\s+(.*))?$/;
const FIELD = /^([A-Z][A-Za-z0-9_]*):\s*(.*)$/;
const PMAP_ROW = /^\s*([0-9a-fA-F]{1,16})\s+([-rwxsp]{4})\s+([0-9a-fA-F]{1,16})\s+([0-9a-fA-F]{1,8}:[0-9a-fA-F]{1,8})\s+(\d+)\s+(.*)$/;

/** True when a mapping's path names a VFIO device (anon_inode:[vfio-device], /dev/vfio/…). */
export function isVfioPath(path: string): boolean {
  return /vfio/i.test(path);
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
 * Parse maps, smaps or `pmap -X` text. Never throws; errors name line and column of the text as pasted. A text with
 * errors is restored (restore/mapsRules.ts: wrapped lines, quote marks) and parsed again.
 */
export function parseMaps(input: string, opts: ProgressOptions = {}): MapsParseResult {
  return runSteps(mapsSteps(input, opts), opts.onProgress);
}

/**
 * parseMaps() as steps (see steps.ts): yields the fraction done every 5,000 lines, so a caller can parse in slices.
 * A restored text is parsed a second time, and its fractions run from 0 again.
 */
export function* mapsSteps(input: string, opts: Omit<ProgressOptions, 'onProgress'> = {}): Steps<MapsParseResult> {
  const first = yield* parseRestored(input, opts);
  if (first.errorCount === 0 && input.charCodeAt(0) !== 0xfeff) return first;
  const r = restoreText(input, MAPS_RULES);
  if (!r.changed) return first;
  const p = yield* parseRestored(r.text, opts);
  return { ...p, errors: relocate(r, p.errors), vmas: p.vmas.map((v) => ({ ...v, line: r.locate(v.line).line })), repairs: r.repairs, lineCount: r.lineCount };
}

/**
 * Decode every VFIO mapping's offset against its size, each device file's mappings (same device and inode) read
 * together: one that fits only one encoding settles the others.
 */
function decodeVfio(vmas: ParsedVma[]): void {
  const lean = new Map<string, Lean | 'mixed'>();
  for (const v of vmas) {
    if (!v.vfio) continue;
    const k = `${v.dev} ${v.inode}`;
    const l = leanOf(v.offset, v.end - v.start);
    if (!l) continue;
    const prev = lean.get(k);
    lean.set(k, prev === undefined || prev === l ? l : 'mixed');
  }
  for (const v of vmas) {
    if (!v.vfio) continue;
    const l = lean.get(`${v.dev} ${v.inode}`);
    v.vfioOffset = decodeVfioOffset(v.offset, v.end - v.start, l === 'mixed' || l === undefined ? null : l);
  }
}

function* parseRestored(text: string, opts: Omit<ProgressOptions, 'onProgress'>): Steps<MapsParseResult> {
  const maxErrors = opts.maxErrors ?? 200;
  const capped = new CappedList(maxErrors);
  const err = (e: ImportError): void => capped.push(e);
  const lines = text.length === 0 ? [] : text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const format = detectMapsFormat(lines);
  const vmas: ParsedVma[] = [];
  if (format === 'unknown') {
    if (lines.length > 0) err({ line: 1, column: 1, message: 'no maps/smaps line ("start-end perms offset dev inode path") or pmap -X header found' });
    return { format, vmas, vmaCount: 0, errors: capped.list(1), errorCount: capped.count, repairs: [], lineCount: lines.length };
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
        vmFlags: null, fields, vfio, vfioOffset: null,
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
        vmFlags: null, fields: {}, vfio, vfioOffset: null,
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
  decodeVfio(vmas);
  return { format, vmas, vmaCount, errors: capped.list(lines.length), errorCount: capped.count, repairs: [], lineCount: lines.length };
}
