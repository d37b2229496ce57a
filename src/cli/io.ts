/** What the CLI touches of the outside world, so tests can run it in-process. */
export interface CliIo {
  readFile(path: string): string;
  readStdin(): string;
  out(s: string): void;
  err(s: string): void;
}

/** Thrown for bad usage; main() prints it and exits 2. */
export class UsageError extends Error {}
