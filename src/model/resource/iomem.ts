/**
 * /proc/iomem as text: a printer byte-identical to kernel/resource.c r_show(), and a tolerant parser for what users paste
 * (real dumps, non-root dumps with hidden addresses, and dumps that mail clients re-indented or snipped).
 */
import { newRoot } from './tree';
import type { Resource } from './types';
import { MAX_IORES_LEVEL } from './printIomem';

export { MAX_IORES_LEVEL, printIomem, type PrintOptions } from './printIomem';
import { IORESOURCE, IORESOURCE_SYSTEM_RAM, IORES_DESC } from './types';

/**
 * Deepest nesting the parser accepts. Real trees are a handful of levels (PCI bridges add one each, and there are at
 * most 256 buses); the limit keeps hostile input from building trees that recursive walkers cannot handle.
 */
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
  /**
   * Every error found, including those past `maxErrors` that `errors` leaves out (it then ends with one "N more errors
   * not shown" entry): the count to report.
   */
  errorCount: number;
  finalNewline: boolean;
  eol: '\n' | '\r\n';
  /** Map from resource to the 1-based line it came from. */
  lineOf: Map<Resource, number>;
}

export interface ParseOptions {
  /** Stop after this many errors (the rest are counted in one final error). Default 200. */
  maxErrors?: number;
}

/** Hex digit values by char code (0-9, a-f, A-F), -1 for any other code below 128. */
const HEX_DIGIT = new Int8Array(128).fill(-1);
for (let d = 0; d < 16; d++) {
  HEX_DIGIT['0123456789abcdef'.charCodeAt(d)] = d;
  HEX_DIGIT['0123456789ABCDEF'.charCodeAt(d)] = d;
}

/** Hex digit value of a char code (NaN past the end of a string), or -1. */
function hexDigit(c: number): number {
  return c < 128 ? HEX_DIGIT[c]! : -1;
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

/** A (flags, desc) pair inferFlags() can give; the parser reads them from these shared constants, allocating nothing. */
interface Inferred {
  readonly flags: number;
  readonly desc: number;
}
const inferred = (flags: number, desc: number): Inferred => Object.freeze({ flags: flags >>> 0, desc });
const MEM = IORESOURCE.MEM;
const BUSY = IORESOURCE.BUSY;
const AS_RAM = inferred(IORESOURCE_SYSTEM_RAM | BUSY, IORES_DESC.NONE);
const AS_DRIVER_RAM = inferred(IORESOURCE_SYSTEM_RAM | BUSY | IORESOURCE.SYSRAM_DRIVER_MANAGED, IORES_DESC.NONE);
const AS_WINDOW = inferred(MEM, IORES_DESC.NONE);
const AS_CLAIM = inferred(MEM | BUSY, IORES_DESC.NONE);
const AS_RESERVED = inferred(MEM, IORES_DESC.RESERVED);
const AS_SOFT_RESERVED = inferred(MEM, IORES_DESC.SOFT_RESERVED);
const AS_CXL = inferred(MEM, IORES_DESC.CXL);
const AS_PMEM = inferred(MEM, IORES_DESC.PERSISTENT_MEMORY);
const AS_PMEM_LEGACY = inferred(MEM, IORES_DESC.PERSISTENT_MEMORY_LEGACY);
const AS_ACPI_TABLES = inferred(MEM | BUSY, IORES_DESC.ACPI_TABLES);
const AS_ACPI_NVS = inferred(MEM | BUSY, IORES_DESC.ACPI_NV_STORAGE);
// At module level: a regex literal in a function body is a new RegExp object every time it is evaluated.
const CXL_WINDOW = /^CXL Window \d+$/;
const REGION = /^region\d+$/;
const PCI_WINDOW = /^PCI (Bus|ECAM|MMCONFIG) /;
const DAX = /^dax\d+\.\d+$/;

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
  const f = inferredFlags(name, children);
  return { flags: f.flags, desc: f.desc };
}

/**
 * inferFlags() without a result object per call (the parser calls it once per line of a dump). Every special name is
 * told by its first character, so most names (PCI functions "0000:…", driver names) take one switch and no regex.
 */
function inferredFlags(name: string | null, children: readonly Resource[]): Inferred {
  const n = name ?? '';
  switch (n.charCodeAt(0)) {
    case 83 /* S */:
      if (n === 'System RAM') return AS_RAM;
      if (n.startsWith('System RAM (')) return AS_DRIVER_RAM;
      if (n === 'Soft Reserved') return AS_SOFT_RESERVED;
      break;
    case 75 /* K */:
      if (n === 'Kernel code' || n === 'Kernel data' || n === 'Kernel bss' || n === 'Kernel rodata') return AS_RAM;
      break;
    case 82 /* R */:
      if (n === 'Reserved') return AS_RESERVED;
      break;
    case 114 /* r */:
      if (n === 'reserved') return AS_RESERVED;
      if (REGION.test(n)) return AS_WINDOW;
      break;
    case 67 /* C */:
      if (CXL_WINDOW.test(n)) return AS_CXL;
      break;
    case 80 /* P */:
      if (n === 'Persistent Memory') return AS_PMEM;
      if (n === 'Persistent Memory (legacy)') return AS_PMEM_LEGACY;
      // pci_ecam_create() (drivers/pci/ecam.c) claims "PCI ECAM" with request_resource() as MEM|BUSY; the x86 MCFG
      // entries ("PCI ECAM 0000 [bus 00-ff]", older "PCI MMCONFIG …") are inserted late without BUSY
      // (arch/x86/pci/mmconfig-shared.c).
      if (n === 'PCI ECAM') return AS_CLAIM;
      if (PCI_WINDOW.test(n)) return AS_WINDOW;
      break;
    case 65 /* A */:
      if (n === 'ACPI Tables') return AS_ACPI_TABLES;
      if (n === 'ACPI Non-volatile Storage') return AS_ACPI_NVS;
      break;
    case 85 /* U */:
      if (n === 'Unusable memory') return AS_CLAIM;
      break;
    case 112 /* p */:
      if (n.startsWith('pcie@')) return AS_WINDOW;
      break;
    case 100 /* d */:
      if (DAX.test(n)) return children.some((c) => (c.name ?? '').startsWith('System RAM')) ? AS_WINDOW : AS_CLAIM;
      break;
  }
  return children.length === 0 ? AS_CLAIM : AS_WINDOW;
}

/**
 * Whether some line's address part (after its leading spaces, up to its first " : ") holds a hex digit other than 0:
 * the pre-scan that tells a root dump from a non-root one (every address printed as 0) before any line is placed.
 * It reads each line once and only up to its " : ", and stops at the first such line (line 1 of a root dump).
 */
function anyNonZeroAddress(text: string): boolean {
  const len = text.length;
  for (let pos = 0; pos < len; ) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = len;
    let k = pos;
    while (k < eol && text.charCodeAt(k) === 32) k++;
    let nonZero = false;
    for (; k < eol; k++) {
      const c = text.charCodeAt(k);
      // The look-ahead cannot match past the line: text[eol] is "\n" or past the end.
      if (c === 32 && text.charCodeAt(k + 1) === 58 && text.charCodeAt(k + 2) === 32) {
        if (nonZero) return true;
        break;
      }
      if (hexDigit(c) > 0) nonZero = true;
    }
    pos = eol + 1;
  }
  return false;
}

/**
 * The located error for a line the parser's scan did not accept as `hex{1,16}-hex{1,16} : name` (after its indent),
 * worked out on the line alone: not a resource line (no "-" before the first " : "), else a bad start address, else
 * a bad end address (the only part left that can be wrong).
 */
function malformedLine(line: string, indent: number, lineNo: number): ParseError {
  const dash = line.indexOf('-', indent);
  const sep = line.indexOf(' : ', indent);
  if (dash <= indent || sep < 0 || dash > sep) {
    const body = line.slice(indent);
    const what = body.length > 40 ? body.slice(0, 40) + '…' : body;
    return { line: lineNo, column: indent + 1, message: `not a resource line ("start-end : name"): ${JSON.stringify(what)}` };
  }
  if (parseHex64(line, indent, dash) === null) {
    return { line: lineNo, column: indent + 1, message: `start address ${JSON.stringify(line.slice(indent, Math.min(dash, indent + 24)))} is not a 64-bit hex number` };
  }
  return { line: lineNo, column: dash + 2, message: `end address ${JSON.stringify(line.slice(dash + 1, Math.min(sep, dash + 25)))} is not a 64-bit hex number` };
}

/**
 * Stands for an address held as a bigint instead of a double. Up to 13 hex digits (below 2^52) an address is exact as
 * a double, and the parser's range, order and containment checks compare doubles; a longer one may round, so it is
 * compared through its bigint. Addresses are never negative, so -1 cannot be a real one.
 */
const BIG = -1;

/**
 * a ≤ b for two addresses, each an exact double or BIG with its bigint beside it (`aBig`/`bBig` are only read for a
 * BIG side, or to widen the other side when one is BIG). Only a comparison with an address of 14–16 hex digits
 * touches bigints.
 */
function addrLE(a: number, aBig: bigint | null, b: number, bBig: bigint | null): boolean {
  if (a !== BIG && b !== BIG) return a <= b;
  return (aBig ?? BigInt(a)) <= (bBig ?? BigInt(b));
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
 * Linear in the input size, and lean, because a pasted dump can be 100,000 lines (issue 6 budgets the parser at 5× a
 * bare split plus one regex test per line):
 * - the text is walked in place (indexOf for line ends, charCodeAt for the rest); no line string is made except the
 *   name, and the whole line only to describe a malformed one;
 * - addresses are read digit by digit into doubles, and every check compares doubles (see BIG for the 14–16 digit
 *   exception); the open levels and each level's last child are kept as parallel arrays of those doubles, so the
 *   bigints of a resource are made once it is accepted, and not at all where it starts or ends where its parent does
 *   (a driver's claim of its whole BAR, say: the parent's bigint is shared);
 * - nothing is allocated per line but the resource (its object, children array, name and bigints; a first child gets
 *   a one-slot array) and, for a rejected line, its error; flags come from shared constants (inferredFlags); the
 *   resource → line map is built only when asked for.
 */
export function parseIomem(text: string, opts: ParseOptions = {}): ParseResult {
  const maxErrors = opts.maxErrors ?? 200;
  const root = newRoot();
  const errors: ParseError[] = [];
  const warnings: ParseError[] = [];
  let dropped = 0;
  let errorCount = 0;
  const err = (e: ParseError): void => {
    errorCount++;
    if (errors.length < maxErrors) errors.push(e);
    else dropped++;
  };
  // Every placed resource and its line, for lineOf (built when first read, from these references, so later changes
  // to the tree do not shift it). Messages take lines from the level stack instead.
  const nodes: Resource[] = [];
  let nodeLine = new Int32Array(1024);
  const len = text.length;
  const eol: '\n' | '\r\n' = text.includes('\r\n') ? '\r\n' : '\n';
  const finalNewline = text.endsWith('\n');
  // Open levels, level 0 being the root: indentation, node (null: the line was rejected, so are its children), line,
  // range (doubles, or BIG: see addrLE), and the level's last placed child with its range and line (the previous
  // sibling of the next line placed there). Entries at `open` and above are stale. Preallocated, and grown only by
  // growLevels: a store past the end of an array in the loop would send optimised code back to the interpreter at the
  // start of every parse.
  let cap = 64;
  let stIndent = new Int32Array(cap);
  let stLine = new Int32Array(cap);
  let stLastLine = new Int32Array(cap);
  let stStart = new Float64Array(cap);
  let stEnd = new Float64Array(cap);
  let stLastStart = new Float64Array(cap);
  let stLastEnd = new Float64Array(cap);
  const stNode = new Array<Resource | null>(cap).fill(null);
  const stLast = new Array<Resource | null>(cap).fill(null);
  stIndent[0] = -1;
  stNode[0] = root;
  stEnd[0] = BIG;
  let open = 1;
  /** Double the level stack: only for a dump nested deeper than 64 levels (past MAX_PARSE_DEPTH it is all errors). */
  const growLevels = (): void => {
    const ints = (a: Int32Array) => {
      const b = new Int32Array(cap * 2);
      b.set(a);
      return b;
    };
    const doubles = (a: Float64Array) => {
      const b = new Float64Array(cap * 2);
      b.set(a);
      return b;
    };
    stIndent = ints(stIndent);
    stLine = ints(stLine);
    stLastLine = ints(stLastLine);
    stStart = doubles(stStart);
    stEnd = doubles(stEnd);
    stLastStart = doubles(stLastStart);
    stLastEnd = doubles(stLastEnd);
    for (let k = cap; k < cap * 2; k++) {
      stNode.push(null);
      stLast.push(null);
    }
    cap *= 2;
  };
  /**
   * Close the open levels from `to` up. A closed level never gets another child, so this is where a resource's flags,
   * which depend on its children (leaves, dax devices), are inferred: no second pass over the tree.
   */
  const closeLevels = (to: number): void => {
    while (open > to) {
      const res = stNode[--open];
      if (res) {
        const f = inferredFlags(res.name, res.children);
        res.flags = f.flags;
        res.desc = f.desc;
      }
    }
  };
  const openLevel = (indent: number, node: Resource | null, line: number, start: number, end: number): void => {
    if (open === cap) growLevels();
    stIndent[open] = indent;
    stNode[open] = node;
    stLine[open] = line;
    stStart[open] = start;
    stEnd[open] = end;
    stLast[open] = null;
    open++;
  };
  const hidden = !anyNonZeroAddress(text);

  let lineNo = 0;
  for (let pos = 0; pos < len; ) {
    // The line is text[ls, le), without its "\n" and the "\r" of a CRLF.
    const ls = pos;
    let le = text.indexOf('\n', pos);
    if (le < 0) le = len;
    pos = le + 1;
    if (le > ls && text.charCodeAt(le - 1) === 13) le--;
    lineNo++;
    let i = ls;
    while (i < le && text.charCodeAt(i) === 32) i++;
    const indent = i - ls;
    if (i === le) {
      err({ line: lineNo, column: 1, message: 'empty line' });
      continue;
    }
    if (text.charCodeAt(i) === 9) {
      err({ line: lineNo, column: indent + 1, message: 'tab in indentation; /proc/iomem indents with spaces' });
      continue;
    }
    // "start-end : name": 1–16 hex digits, "-", 1–16 hex digits, " : ". Anything else is described by malformedLine.
    // The digits are summed as they are read (exact up to 13 of them); text[le] is "\r", "\n" or past the end, so
    // no look-ahead below matches past the line.
    let s = 0;
    let dash = i;
    for (; dash < le; dash++) {
      const d = hexDigit(text.charCodeAt(dash));
      if (d < 0) break;
      s = s * 16 + d;
    }
    let e = 0;
    let sep = dash + 1;
    for (; sep < le; sep++) {
      const d = hexDigit(text.charCodeAt(sep));
      if (d < 0) break;
      e = e * 16 + d;
    }
    const startDigits = dash - i;
    const endDigits = sep - dash - 1;
    if (
      startDigits === 0 || startDigits > 16 || text.charCodeAt(dash) !== 45 /* - */ || endDigits === 0 || endDigits > 16 ||
      text.charCodeAt(sep) !== 32 || text.charCodeAt(sep + 1) !== 58 /* : */ || text.charCodeAt(sep + 2) !== 32
    ) {
      err(malformedLine(text.slice(ls, le), indent, lineNo));
      continue;
    }
    let startBig: bigint | null = null;
    let endBig: bigint | null = null;
    if (startDigits > 13) {
      startBig = parseHex64(text, i, dash);
      s = BIG;
    }
    if (endDigits > 13) {
      endBig = parseHex64(text, dash + 1, sep);
      e = BIG;
    }

    // Find the parent from relative indentation: pop the open levels indented at least as deep as this line.
    // r_show() prints every depth ≥ MAX_IORES_LEVEL at the same indent, so at that capped depth an open level with the
    // same indent that contains this line is its parent (a sibling would be disjoint from it); the capped run is kept
    // on the stack, which rebuilds the kernel's nesting exactly in amortised constant time per line.
    let top = open - 1;
    while (top > 0 && stIndent[top]! >= indent) {
      const topIndent = stIndent[top]!;
      if (topIndent === indent && top > MAX_IORES_LEVEL && !hidden) {
        const n = stNode[top];
        if (n && addrLE(stStart[top]!, n.start, s, startBig) && addrLE(e, endBig, stEnd[top]!, n.end)) break;
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
    closeLevels(top + 1);
    const parent = stNode[top]!;
    const parentLine = stLine[top]!;
    if (top >= MAX_PARSE_DEPTH) {
      err({ line: lineNo, column: indent + 1, message: `nested deeper than ${MAX_PARSE_DEPTH} levels (a real resource tree is far shallower)` });
      openLevel(indent, null, lineNo, s, e);
      continue;
    }
    // Columns point at the field that is wrong: the start address, or the end address.
    const startCol = indent + 1;
    const endCol = dash - ls + 2;
    if (!parent) {
      // A line's own error is reported even under a rejected parent; only a line with nothing wrong of its own is
      // "skipped" because of its parent.
      err(
        addrLE(s, startBig, e, endBig)
          ? { line: lineNo, column: startCol, message: `skipped: its parent at line ${parentLine} was rejected` }
          : { line: lineNo, column: endCol, message: `end ${text.slice(dash + 1, sep)} is below start ${text.slice(i, dash)} (and its parent at line ${parentLine} was rejected)` },
      );
      openLevel(indent, null, lineNo, s, e);
      continue;
    }
    let problem: string | null = null;
    let column = startCol;
    if (!addrLE(s, startBig, e, endBig)) {
      problem = `end ${text.slice(dash + 1, sep)} is below start ${text.slice(i, dash)}`;
      column = endCol;
    } else if (!hidden && parent !== root && (!addrLE(stStart[top]!, parent.start, s, startBig) || !addrLE(e, endBig, stEnd[top]!, parent.end))) {
      problem = `range ${text.slice(i, sep)} is not inside its parent ${parent.name ?? '<BAD>'} (line ${stLine[top]})`;
      // The start inside the parent: it is the end that runs past it.
      if (addrLE(stStart[top]!, parent.start, s, startBig)) column = endCol;
    } else if (!hidden) {
      const last = stLast[top];
      if (last && addrLE(s, startBig, stLastEnd[top]!, last.end)) {
        problem = !addrLE(stLastStart[top]!, last.start, s, startBig)
          ? `siblings out of order: starts below ${last.name ?? '<BAD>'} (line ${stLastLine[top]})`
          : `overlaps its sibling ${last.name ?? '<BAD>'} (line ${stLastLine[top]})`;
      }
    }
    if (problem) {
      err({ line: lineNo, column, message: problem });
      openLevel(indent, null, lineNo, s, e);
      continue;
    }
    const name = text.slice(sep + 3, le);
    const res: Resource = {
      // BIG never equals a double, so a shared bigint is always the same value.
      start: startBig ?? (s === stStart[top] ? parent.start : BigInt(s)),
      end: endBig ?? (e === stEnd[top] ? parent.end : BigInt(e)),
      name: name === '<BAD>' ? null : name,
      flags: IORESOURCE.MEM,
      desc: IORES_DESC.NONE,
      parent,
      children: [],
      owner: 'parsed',
    };
    // A first child gets an array of exactly one slot: push() onto the empty array would reserve 17, and most parents
    // in a dump have one child (a device and its driver's claim, a window and its region).
    if (parent.children.length === 0) parent.children = [res];
    else parent.children.push(res);
    if (nodes.length === nodeLine.length) {
      const grown = new Int32Array(nodes.length * 2);
      grown.set(nodeLine);
      nodeLine = grown;
    }
    nodeLine[nodes.length] = lineNo;
    nodes.push(res);
    stLast[top] = res;
    stLastStart[top] = s;
    stLastEnd[top] = e;
    stLastLine[top] = lineNo;
    if (warnings.length === 0 && indent !== Math.min(top, MAX_IORES_LEVEL) * 2) {
      warnings.push({
        line: lineNo,
        column: 1,
        message: `indented ${indent} spaces at depth ${top} (the kernel prints ${Math.min(top, MAX_IORES_LEVEL) * 2}); nesting taken from relative indentation`,
      });
    }
    openLevel(indent, res, lineNo, s, e);
  }
  const lineCount = lineNo;
  const nodeCount = nodes.length;
  closeLevels(1);
  if (dropped > 0) errors.push({ line: lineCount, message: `${dropped} more errors not shown` });
  const nonRoot = nodeCount > 0 && hidden;
  const result = { tree: root, errors, warnings, nonRoot, lineCount, nodeCount, errorCount, finalNewline, eol } as Omit<ParseResult, 'lineOf'>;
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
