/** /proc/iomem as the kernel prints it (kernel/resource.c r_show()): what every explanation carries as text. */
import { hex } from '../addr';
import type { Resource } from './types';

/** MAX_IORES_LEVEL in released kernels (a Dec 2025 patch raising it to 8 is unverified as merged). */
export const MAX_IORES_LEVEL = 5;

export interface PrintOptions {
  /** A reader without CAP_SYS_ADMIN sees every start and end as 0. */
  nonRoot?: boolean;
  maxLevel?: number;
  /** End the text with a newline (the kernel always does; a pasted dump may not). Default true. */
  finalNewline?: boolean;
  eol?: '\n' | '\r\n';
}

/**
 * Print the tree below `root` exactly as r_show() does: pre-order, two spaces per depth capped at MAX_IORES_LEVEL,
 * addresses zero-padded lower-case hex of at least 8 digits (4 when the root ends below 0x10000, as for
 * /proc/ioports), "<BAD>" for a null name, and every start and end printed as 0 for a reader without CAP_SYS_ADMIN.
 */
export function printIomem(root: Resource, opts: PrintOptions = {}): string {
  const maxLevel = opts.maxLevel ?? MAX_IORES_LEVEL;
  const eol = opts.eol ?? '\n';
  const width = root.end < 0x10000n ? 4 : 8;
  const lines: string[] = [];
  // Pre-order with an explicit stack (no recursion, so any depth prints).
  const stack: [Resource, number][] = [];
  for (let i = root.children.length - 1; i >= 0; i--) stack.push([root.children[i]!, 0]);
  while (stack.length > 0) {
    const [r, depth] = stack.pop()!;
    const d = Math.min(depth, maxLevel);
    const start = opts.nonRoot ? 0n : r.start;
    const end = opts.nonRoot ? 0n : r.end;
    lines.push(`${' '.repeat(d * 2)}${hex(start, width)}-${hex(end, width)} : ${r.name ?? '<BAD>'}`);
    for (let i = r.children.length - 1; i >= 0; i--) stack.push([r.children[i]!, depth + 1]);
  }
  if (lines.length === 0) return '';
  return lines.join(eol) + (opts.finalNewline === false ? '' : eol);
}

