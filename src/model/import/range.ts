/**
 * The accelerator range a user picks in their own /proc/iomem: "START-END" in hex (inclusive end, like /proc/iomem),
 * and the layout the designs then run against.
 */
import type { Resource } from '../resource/types';
import type { HdmLayout } from '../scenario';

export type RangeResult = { ok: true; start: bigint; end: bigint } | { ok: false; column: number; message: string };

const HEXNUM = /^(0x)?[0-9a-fA-F]{1,16}$/;

/** Parse "START-END" (hex, optional 0x, inclusive end). Errors name the column. */
export function parseRange(text: string): RangeResult {
  const t = text.trim();
  const dash = t.indexOf('-');
  if (dash <= 0) return { ok: false, column: 1, message: 'expected START-END in hex, e.g. 1050000000-144fffffff' };
  const a = t.slice(0, dash);
  const b = t.slice(dash + 1);
  if (!HEXNUM.test(a)) return { ok: false, column: 1, message: `start "${a.slice(0, 24)}" is not a 64-bit hex number` };
  if (!HEXNUM.test(b)) return { ok: false, column: dash + 2, message: `end "${b.slice(0, 24)}" is not a 64-bit hex number` };
  const start = BigInt(a.startsWith('0x') ? a : `0x${a}`);
  const end = BigInt(b.startsWith('0x') ? b : `0x${b}`);
  if (end < start) return { ok: false, column: dash + 2, message: 'end is below start' };
  if ((start & 0xfffn) !== 0n || ((end + 1n) & 0xfffn) !== 0n) {
    return { ok: false, column: 1, message: 'the range must be page aligned (start …000, end …fff)' };
  }
  return { ok: true, start, end };
}

/** Layout for a user's range: the enclosing "CXL Window N" if there is one, else the range itself. */
export function layoutForRange(tree: Resource, start: bigint, end: bigint): HdmLayout {
  let win: Resource | null = null;
  const visit = (r: Resource): void => {
    for (const c of r.children) {
      if (c.start <= start && c.end >= end) {
        if (/^CXL Window \d+$/.test(c.name ?? '')) win = c;
        visit(c);
      }
    }
  };
  visit(tree);
  const w = win as Resource | null;
  return { windowStart: w ? w.start : start, windowEnd: w ? w.end : end, hdmStart: start, hdmEnd: end };
}

/**
 * Why a range cannot be applied to a dump: it overlaps no resource of it (a typo, or a range from another machine),
 * or null when it can. The message says what the dump spans.
 */
export function rangeOutsideDump(tree: Resource, start: bigint, end: bigint): string | null {
  const top = tree.children;
  if (top.length === 0) return 'the dump has no resources';
  const overlaps = (r: Resource): boolean => r.start <= end && r.end >= start;
  if (top.some(overlaps)) return null;
  const lo = top.reduce((a, r) => (r.start < a ? r.start : a), top[0]!.start);
  const hi = top.reduce((a, r) => (r.end > a ? r.end : a), top[0]!.end);
  return `${start.toString(16)}-${end.toString(16)} overlaps no resource of this /proc/iomem (it spans ${lo.toString(16)}-${hi.toString(16)})`;
}
