/** A located message about one line of an imported text (1-based line and column). */
export interface ImportError {
  /** 1-based line. */
  line: number;
  /** 1-based column, when known. */
  column?: number;
  message: string;
}

/** "line 3, column 7: what" — the one way every view and the CLI print a located message. */
export function formatLocated(e: ImportError): string {
  return `line ${e.line}${e.column !== undefined ? `, column ${e.column}` : ''}: ${e.message}`;
}

/**
 * A list that keeps the first `max` messages and counts the rest: `count` is the total, and `list()` ends with one
 * "N more … not shown" entry when some were left out.
 */
export class CappedList {
  readonly items: ImportError[] = [];
  count = 0;
  constructor(private readonly max: number, private readonly what = 'errors') {}
  push(e: ImportError): void {
    this.count++;
    if (this.items.length < this.max) this.items.push(e);
  }
  /** The kept messages, with a final "N more … not shown" at `lastLine` when some were left out. */
  list(lastLine: number): ImportError[] {
    const dropped = this.count - this.items.length;
    return dropped > 0 ? [...this.items, { line: Math.max(1, lastLine), message: `${dropped} more ${this.what} not shown` }] : this.items;
  }
}
