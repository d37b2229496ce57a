/** What the CLI touches of the outside world, so tests can run it in-process. */
export interface CliIo {
  readFile(path: string): string;
  readStdin(): string;
  out(s: string): void;
  err(s: string): void;
}

/** Thrown for bad usage; main() prints it and exits 2. */
export class UsageError extends Error {}

/**
 * Text for a terminal: control characters a pasted file can carry in a name (ESC starting a terminal escape sequence,
 * C1 controls such as CSI U+009B, a lone CR that rewrites the line) are written as visible escapes ("\x1b", "\u009b").
 * Tab, newline and a CR before a newline (a CRLF dump printed back) pass. Inside JSON text the same escapes are valid
 * string escapes for C1; C0 controls never appear raw there (JSON.stringify escapes them).
 */
// Control characters are what this pattern is for.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\r(?!\n)|[\u0080-\u009f]/g;

export function escapeTerminal(s: string): string {
  return s.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return code >= 0x80 ? `\\u${code.toString(16).padStart(4, '0')}` : `\\x${code.toString(16).padStart(2, '0')}`;
  });
}

/** An io whose output is safe for a terminal (escapeTerminal on everything written). */
export function safeIo(io: CliIo): CliIo {
  return { ...io, out: (s) => io.out(escapeTerminal(s)), err: (s) => io.err(escapeTerminal(s)) };
}
