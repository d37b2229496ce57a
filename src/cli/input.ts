/**
 * Reading a file argument, and the options every import command shares (`--format text|json`, one FILE or "-").
 */
import { formatLocated, type ImportError } from '../model/import/located';
import type { CliIo } from './io';
import { UsageError } from './io';

/** Read a file argument ("-" is stdin) with a located message when it cannot be read. */
export function readInput(arg: string, io: CliIo): string {
  try {
    return arg === '-' ? io.readStdin() : io.readFile(arg);
  } catch (e) {
    throw new UsageError(`cannot read ${arg === '-' ? 'stdin' : arg}: ${(e as Error).message}`);
  }
}

/** The name a file argument is reported under. */
export const inputName = (arg: string): string => (arg === '-' ? 'stdin' : arg);

export interface CommandArgs {
  file: string;
  format: 'text' | 'json';
  /** Values of the command's own options ("--iomem" → "FILE"). */
  options: Map<string, string>;
}

/**
 * Parse `FILE [--format text|json] [--opt value]…` for a command whose own value options are `known`. Unknown
 * options, a missing or second FILE, and bad values are usage errors (exit 2).
 */
export function parseCommandArgs(argv: string[], usage: string, known: readonly string[] = []): CommandArgs {
  let file: string | null = null;
  let format: 'text' | 'json' = 'text';
  const options = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const opt = eq > 0 ? a.slice(0, eq) : a;
    const value = (): string => {
      const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (v === undefined || v === '' || (v.startsWith('--') && eq < 0)) throw new UsageError(`${opt} needs a value\n${usage}`);
      return v;
    };
    if (opt === '--format') {
      const v = value();
      if (v !== 'text' && v !== 'json') throw new UsageError(`--format: unknown value "${v}" (expected text or json)\n${usage}`);
      format = v;
    } else if (known.includes(opt)) options.set(opt, value());
    else if (a.startsWith('--') || (a.startsWith('-') && a !== '-')) throw new UsageError(`unknown option "${a}"\n${usage}`);
    else if (file === null) file = a;
    else throw new UsageError(`one file only ("${file}" and "${a}")\n${usage}`);
  }
  if (file === null) throw new UsageError(`a file is needed ("-" for stdin)\n${usage}`);
  return { file, format, options };
}

/** Write located messages to stderr, one per line: "FILE: line N, column C: what" (`what` prefixes each). */
export function reportLocated(io: CliIo, file: string, list: readonly ImportError[], what = ''): void {
  for (const e of list) io.err(`${inputName(file)}: ${what}${formatLocated(e)}\n`);
}

/** JSON with bigints as "0x…" strings. */
export function toJson(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `0x${x.toString(16)}` : x), 2) + '\n';
}

/** The one-line reason an import was refused: "FILE: line N, column C: what". */
export function rejection(file: string, r: { kind: string; message?: string; line?: number; column?: number }): string {
  if (r.kind !== 'rejected') return `${inputName(file)}: read as ${r.kind}, not what this command reads\n`;
  return `${inputName(file)}: ${r.line ? `line ${r.line}${r.column ? `, column ${r.column}` : ''}: ` : ''}${r.message}\n`;
}
