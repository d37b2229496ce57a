/**
 * `iomem <file|->`: parse a real /proc/iomem and print it back, byte for byte; errors as "line N: what".
 */
import { parseIomem, printIomem } from '../model/resource/iomem';
import { readInput } from './input';
import type { CliIo } from './io';
import { UsageError } from './io';

export { readInput } from './input';

/**
 * Parse the /proc/iomem text in the file (or stdin for "-") and print it back as r_show() would, byte for byte for a
 * real dump. Returns the exit code: 0 printed, 1 the input has errors (each "line N, column C: what" on stderr, and
 * nothing on stdout). Bad usage or an unreadable file throws UsageError (main() exits 2).
 */
export function runIomem(args: string[], io: CliIo): number {
  if (args.length !== 1 || args[0]!.startsWith('--')) throw new UsageError('usage: iomem <file|->');
  const raw = readInput(args[0]!, io);
  // A UTF-8 byte-order mark (Windows editors add one) is no part of the dump; it is printed back as it came.
  const bom = raw.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  const text = bom ? raw.slice(1) : raw;
  const r = parseIomem(text);
  if (r.errors.length === 0 && r.nodeCount === 0) {
    io.err(`${args[0] === '-' ? 'stdin' : args[0]}: no resource lines ("start-end : name")\n`);
    return 1;
  }
  if (r.errors.length > 0) {
    for (const e of r.errors) io.err(`line ${e.line}${e.column ? `, column ${e.column}` : ''}: ${e.message}\n`);
    io.err(`${r.errorCount} error(s); ${r.nodeCount} of ${r.lineCount} lines understood\n`);
    return 1;
  }
  for (const w of r.warnings) io.err(`warning: line ${w.line}: ${w.message}\n`);
  if (r.nonRoot) io.err('note: every address is zero: this dump was read without CAP_SYS_ADMIN (addresses hidden)\n');
  io.out(bom + printIomem(r.tree, { finalNewline: r.finalNewline, eol: r.eol }));
  return 0;
}
