/**
 * The /proc/iomem parser as it was before the speed work of issue 6 (commit ccdb1ad, src/model/resource/iomem.ts),
 * kept verbatim as a test oracle: tests/unit/iomem-oracle.test.ts checks that the optimised parser gives the same
 * result (tree, flags, errors, warnings, counts) on random valid, damaged and hostile dumps. Not used by the app.
 */
import { newRoot } from '../../src/model/resource/tree';
import type { Resource } from '../../src/model/resource/types';
import { IORESOURCE, IORESOURCE_SYSTEM_RAM, IORES_DESC } from '../../src/model/resource/types';

export const MAX_IORES_LEVEL = 5;
export const MAX_PARSE_DEPTH = 256;

export interface ParseError {
  /** 1-based line number. */
  line: number;
  /** 1-based column where the problem starts, when it is known. */
  column?: number;
  message: string;
}

export interface ParseResult {
  tree: Resource;
  errors: ParseError[];
  /** Accepted but unusual, e.g. indentation that is not two spaces per level (a mail client re-indented the dump). */
  warnings: ParseError[];
  /** Every address is zero: the dump was read without CAP_SYS_ADMIN. The shape and names are real, the ranges are not. */
  nonRoot: boolean;
  lineCount: number;
  /** Resources successfully placed in the tree. */
  nodeCount: number;
  finalNewline: boolean;
  eol: '\n' | '\r\n';
  /** Map from resource to the 1-based line it came from. */
  lineOf: Map<Resource, number>;
}

export interface ParseOptions {
  /** Stop after this many errors (the rest are counted in one final error). Default 200. */
  maxErrors?: number;
}

/** Hex digit value of a char code, or -1. */
function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/**
 * Parse s[from, to) as hex into a bigint; null when empty, longer than 16 digits or not hex. Avoids BigInt string
 * parsing (the hot path of a 100,000-line dump): up to 13 digits fit a double exactly.
 */
export function parseHex64(s: string, from: number, to: number): bigint | null {
  const len = to - from;
  if (len <= 0 || len > 16) return null;
  if (len <= 13) {
    let n = 0;
    for (let i = from; i < to; i++) {
      const d = hexDigit(s.charCodeAt(i));
      if (d < 0) return null;
      n = n * 16 + d;
    }
    return BigInt(n);
  }
  let hi = 0;
  let lo = 0;
  const mid = to - 8;
  for (let i = from; i < mid; i++) {
    const d = hexDigit(s.charCodeAt(i));
    if (d < 0) return null;
    hi = hi * 16 + d;
  }
  for (let i = mid; i < to; i++) {
    const d = hexDigit(s.charCodeAt(i));
    if (d < 0) return null;
    lo = lo * 16 + d;
  }
  return (BigInt(hi) << 32n) | BigInt(lo);
}

/**
 * Flags a parsed line most likely had. /proc/iomem does not print flags, so they are inferred from the name:
 * "System RAM*" and "Kernel *" are SYSTEM_RAM|BUSY (kmem/driver-managed names also SYSRAM_DRIVER_MANAGED);
 * "Reserved"/"reserved", "Soft Reserved", "CXL Window N", "regionN", "PCI Bus …", the x86 MCFG entries ("PCI ECAM 0000
 * [bus …]", "PCI MMCONFIG …"), "pcie@…" windows and "Persistent Memory" are not busy; the generic "PCI ECAM" is busy;
 * "ACPI …" and "Unusable memory" are busy (firmware entries marked busy at boot); a dax device is busy unless kmem took it
 * over (it then has a "System RAM (kmem)" child); any other leaf is taken to be a driver's
 * request_mem_region() (busy), any other inner node a bridge or bus window (not busy).
 */
export function inferFlags(name: string | null, children: readonly Resource[]): { flags: number; desc: number } {
  const n = name ?? '';
  const MEM = IORESOURCE.MEM;
  const BUSY = IORESOURCE.BUSY;
  // Fast path: names that start with none of the letters below are driver claims or bus windows.
  const c0 = n.charCodeAt(0);
  if (c0 !== 83 /* S */ && c0 !== 75 /* K */ && c0 !== 82 /* R */ && c0 !== 114 /* r */ && c0 !== 67 /* C */ && c0 !== 80 /* P */ &&
    c0 !== 65 /* A */ && c0 !== 85 /* U */ && c0 !== 112 /* p */ && c0 !== 100 /* d */) {
    return { flags: children.length === 0 ? (MEM | BUSY) >>> 0 : MEM, desc: IORES_DESC.NONE };
  }
  if (n === 'System RAM') return { flags: (IORESOURCE_SYSTEM_RAM | BUSY) >>> 0, desc: IORES_DESC.NONE };
  if (n.startsWith('System RAM (')) {
    return { flags: (IORESOURCE_SYSTEM_RAM | BUSY | IORESOURCE.SYSRAM_DRIVER_MANAGED) >>> 0, desc: IORES_DESC.NONE };
  }
  if (/^Kernel (code|data|bss|rodata)$/.test(n)) return { flags: (IORESOURCE_SYSTEM_RAM | BUSY) >>> 0, desc: IORES_DESC.NONE };
  if (n === 'Reserved' || n === 'reserved') return { flags: MEM, desc: IORES_DESC.RESERVED };
  if (n === 'Soft Reserved') return { flags: MEM, desc: IORES_DESC.SOFT_RESERVED };
  if (/^CXL Window \d+$/.test(n)) return { flags: MEM, desc: IORES_DESC.CXL };
  if (n === 'Persistent Memory') return { flags: MEM, desc: IORES_DESC.PERSISTENT_MEMORY };
  if (n === 'Persistent Memory (legacy)') return { flags: MEM, desc: IORES_DESC.PERSISTENT_MEMORY_LEGACY };
  if (n === 'ACPI Tables') return { flags: (MEM | BUSY) >>> 0, desc: IORES_DESC.ACPI_TABLES };
  if (n === 'ACPI Non-volatile Storage') return { flags: (MEM | BUSY) >>> 0, desc: IORES_DESC.ACPI_NV_STORAGE };
  if (n === 'Unusable memory') return { flags: (MEM | BUSY) >>> 0, desc: IORES_DESC.NONE };
  // pci_ecam_create() (drivers/pci/ecam.c) claims "PCI ECAM" with request_resource() as MEM|BUSY; the x86 MCFG entries
  // ("PCI ECAM 0000 [bus 00-ff]", older "PCI MMCONFIG …") are inserted late without BUSY (arch/x86/pci/mmconfig-shared.c).
  if (n === 'PCI ECAM') return { flags: (MEM | BUSY) >>> 0, desc: IORES_DESC.NONE };
  if (/^region\d+$/.test(n) || /^PCI (Bus|ECAM|MMCONFIG) /.test(n) || /^pcie@/.test(n)) return { flags: MEM, desc: IORES_DESC.NONE };
  if (/^dax\d+\.\d+$/.test(n)) {
    const kmem = children.some((c) => (c.name ?? '').startsWith('System RAM'));
    return { flags: kmem ? MEM : (MEM | BUSY) >>> 0, desc: IORES_DESC.NONE };
  }
  return { flags: children.length === 0 ? (MEM | BUSY) >>> 0 : MEM, desc: IORES_DESC.NONE };
}

/**
 * True when the address part of `line` (from `from` to its first " : ") holds a hex digit other than 0. Used by the
 * pre-scan that tells a non-root dump (every address printed as 0) from a root dump before any line is placed.
 */
function addressHasNonZeroDigit(line: string, from: number): boolean {
  const sep = line.indexOf(' : ', from);
  if (sep < 0) return false;
  for (let i = from; i < sep; i++) {
    if (hexDigit(line.charCodeAt(i)) > 0) return true;
  }
  return false;
}

/**
 * Parse /proc/iomem text. Never throws: every rejected line gets an error with its line (and column), and the
 * lines that make sense are kept.
 *
 * - Nesting comes from relative indentation (a stack of open indent widths), so mail-mangled indents (3/5/7 spaces)
 *   still nest correctly; an indent that matches no open level is an error but the line is kept at the nearest level.
 * - r_show() prints every depth ≥ MAX_IORES_LEVEL at the same indent. A line at that capped depth is placed under the
 *   deepest preceding resource that contains it, which rebuilds the kernel's tree exactly (siblings are disjoint).
 * - A rejected line (not "start-end : name", bad hex, end below start, outside its parent, overlapping or out of order
 *   with its previous sibling, or nested deeper than MAX_PARSE_DEPTH) is skipped, and so are its children, each with
 *   its own located error.
 * - Non-root dumps: when no address anywhere in the text has a non-zero digit, the dump was read without
 *   CAP_SYS_ADMIN; `nonRoot` is set and the range checks are off (only the shape and names are real; beyond the
 *   capped depth the nesting cannot be recovered and stays flat). In a root dump an all-zero line is checked like
 *   any other.
 * - Flags are inferred from names (see inferFlags); the owner of every node is 'parsed'.
 * - CRLF line ends and a missing final newline are accepted and recorded (`eol`, `finalNewline`), so printing with
 *   them gives back a clean dump byte for byte.
 *
 * Linear in the input size, and lean: no per-line allocations beyond the resource itself (the open levels are
 * parallel arrays; the resource → line map is built only when asked for).
 */
export function parseIomem(text: string, opts: ParseOptions = {}): ParseResult {
  const maxErrors = opts.maxErrors ?? 200;
  const root = newRoot();
  const errors: ParseError[] = [];
  const warnings: ParseError[] = [];
  let dropped = 0;
  const err = (e: ParseError): void => {
    if (errors.length < maxErrors) errors.push(e);
    else dropped++;
  };
  const nodes: Resource[] = [];
  const nodeLine: number[] = [];
  let lineMap: Map<Resource, number> | null = null;
  /** Line of a placed resource (for messages and lineOf), extending the lazily built map as nodes are added. */
  const lineOfRes = (r: Resource): number | undefined => {
    if (!lineMap) lineMap = new Map();
    for (let k = lineMap.size; k < nodes.length; k++) lineMap.set(nodes[k]!, nodeLine[k]!);
    return lineMap.get(r);
  };
  const eol: '\n' | '\r\n' = text.includes('\r\n') ? '\r\n' : '\n';
  const finalNewline = text.endsWith('\n');
  const raw = text.length === 0 ? [] : text.split('\n');
  if (finalNewline) raw.pop();
  const lineCount = text.length === 0 ? 0 : raw.length;
  // Open levels: indentation, node (null: the line was rejected, so are its children), line.
  const stIndent: number[] = [-1];
  const stNode: (Resource | null)[] = [root];
  const stLine: number[] = [0];
  // Pre-scan: a single non-zero address digit anywhere means the addresses are real (a root dump).
  let anyNonZero = false;
  for (let i = 0; i < raw.length && !anyNonZero; i++) {
    const l = raw[i]!;
    let k = 0;
    while (k < l.length && l.charCodeAt(k) === 32) k++;
    anyNonZero = addressHasNonZeroDigit(l, k);
  }
  const hidden = !anyNonZero;

  for (let i = 0; i < raw.length; i++) {
    const lineNo = i + 1;
    let line = raw[i]!;
    if (line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
    let indent = 0;
    while (indent < line.length && line.charCodeAt(indent) === 32) indent++;
    if (indent === line.length) {
      err({ line: lineNo, column: 1, message: 'empty line' });
      continue;
    }
    if (line.charCodeAt(indent) === 9) {
      err({ line: lineNo, column: indent + 1, message: 'tab in indentation; /proc/iomem indents with spaces' });
      continue;
    }
    const dash = line.indexOf('-', indent);
    const sep = line.indexOf(' : ', indent);
    if (dash <= indent || sep < 0 || dash > sep) {
      const body = line.slice(indent);
      const what = body.length > 40 ? body.slice(0, 40) + '…' : body;
      err({ line: lineNo, column: indent + 1, message: `not a resource line ("start-end : name"): ${JSON.stringify(what)}` });
      continue;
    }
    const start = parseHex64(line, indent, dash);
    if (start === null) {
      err({ line: lineNo, column: indent + 1, message: `start address ${JSON.stringify(line.slice(indent, Math.min(dash, indent + 24)))} is not a 64-bit hex number` });
      continue;
    }
    const end = parseHex64(line, dash + 1, sep);
    if (end === null) {
      err({ line: lineNo, column: dash + 2, message: `end address ${JSON.stringify(line.slice(dash + 1, Math.min(sep, dash + 25)))} is not a 64-bit hex number` });
      continue;
    }

    // Find the parent from relative indentation: pop the open levels indented at least as deep as this line.
    // r_show() prints every depth ≥ MAX_IORES_LEVEL at the same indent, so at that capped depth an open level with the
    // same indent that contains this line is its parent (a sibling would be disjoint from it); the capped run is kept
    // on the stack, which rebuilds the kernel's nesting exactly in amortised constant time per line.
    let top = stIndent.length - 1;
    while (top > 0 && stIndent[top]! >= indent) {
      const topIndent = stIndent[top]!;
      if (topIndent === indent && top > MAX_IORES_LEVEL && !hidden) {
        const n = stNode[top];
        if (n && n.start <= start && n.end >= end) break;
        top--;
        if (stIndent[top] === indent) continue;
        break;
      }
      top--;
      if (topIndent === indent) break;
      if (stIndent[top]! < indent) {
        const below = stIndent[top]!;
        err({
          line: lineNo,
          column: 1,
          message: `indentation of ${indent} matches no open level (${below < 0 ? 'top' : below} or ${topIndent}); nested under line ${stLine[top] || 'top'}`,
        });
        break;
      }
    }
    while (stIndent.length > top + 1) {
      stIndent.pop();
      stNode.pop();
      stLine.pop();
    }
    const parent = stNode[top]!;
    const parentLine = stLine[top]!;
    if (top >= MAX_PARSE_DEPTH) {
      err({ line: lineNo, column: indent + 1, message: `nested deeper than ${MAX_PARSE_DEPTH} levels (a real resource tree is far shallower)` });
      stIndent.push(indent);
      stNode.push(null);
      stLine.push(lineNo);
      continue;
    }
    if (!parent) {
      err({ line: lineNo, column: indent + 1, message: `skipped: its parent at line ${parentLine} was rejected` });
      stIndent.push(indent);
      stNode.push(null);
      stLine.push(lineNo);
      continue;
    }
    let problem: string | null = null;
    if (end < start) problem = `end ${line.slice(dash + 1, sep)} is below start ${line.slice(indent, dash)}`;
    else if (!hidden && parent !== root && (start < parent.start || end > parent.end)) {
      problem = `range ${line.slice(indent, sep)} is not inside its parent ${parent.name ?? '<BAD>'} (line ${lineOfRes(parent)})`;
    } else if (!hidden) {
      const last = parent.children[parent.children.length - 1];
      if (last && start <= last.end) {
        problem =
          start < last.start
            ? `siblings out of order: starts below ${last.name ?? '<BAD>'} (line ${lineOfRes(last)})`
            : `overlaps its sibling ${last.name ?? '<BAD>'} (line ${lineOfRes(last)})`;
      }
    }
    if (problem) {
      err({ line: lineNo, column: indent + 1, message: problem });
      stIndent.push(indent);
      stNode.push(null);
      stLine.push(lineNo);
      continue;
    }
    const name = line.slice(sep + 3);
    const res: Resource = {
      start,
      end,
      name: name === '<BAD>' ? null : name,
      flags: IORESOURCE.MEM,
      desc: IORES_DESC.NONE,
      parent,
      children: [],
      owner: 'parsed',
    };
    parent.children.push(res);
    nodes.push(res);
    nodeLine.push(lineNo);
    const depth = stIndent.length - 1;
    if (warnings.length === 0 && indent !== Math.min(depth, MAX_IORES_LEVEL) * 2) {
      warnings.push({
        line: lineNo,
        column: 1,
        message: `indented ${indent} spaces at depth ${depth} (the kernel prints ${Math.min(depth, MAX_IORES_LEVEL) * 2}); nesting taken from relative indentation`,
      });
    }
    stIndent.push(indent);
    stNode.push(res);
    stLine.push(lineNo);
  }
  // Flags depend on children (dax devices, leaves), so infer them once the shape is known.
  for (const res of nodes) {
    const f = inferFlags(res.name, res.children);
    res.flags = f.flags;
    res.desc = f.desc;
  }
  if (dropped > 0) errors.push({ line: lineCount, message: `${dropped} more errors not shown` });
  const nodeCount = nodes.length;
  const nonRoot = nodeCount > 0 && hidden;
  const result = { tree: root, errors, warnings, nonRoot, lineCount, nodeCount, finalNewline, eol } as Omit<ParseResult, 'lineOf'>;
  let full: Map<Resource, number> | null = null;
  Object.defineProperty(result, 'lineOf', {
    enumerable: true,
    get() {
      if (!full) {
        full = new Map();
        for (let k = 0; k < nodes.length; k++) full.set(nodes[k]!, nodeLine[k]!);
      }
      return full;
    },
  });
  return result as ParseResult;
}
