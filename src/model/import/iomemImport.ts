/**
 * A pasted /proc/iomem as the panel and `explain --iomem` read it: parsed as it is, and when that finds errors,
 * restored (restore/iomemRules.ts) and parsed again, every message moved back to the line the user pasted. The
 * strict reader is parseIomem() itself (`cli iomem`).
 */
import { parseIomem, type ParseResult } from '../resource/iomem';
import type { Resource } from '../resource/types';
import type { ImportError } from './located';
import { IOMEM_RULES } from './restore/iomemRules';
import { relocate, restoreText } from './restore/restore';

export interface IomemImport {
  /** The parse of the restored text; errors, warnings and lineOf are on the pasted lines. */
  iomem: ParseResult;
  /** What the restore layer changed (rejoined lines, quote marks, a byte-order mark…), located. */
  repairs: ImportError[];
  /** Lines left out before parsing (blank, comments), located. */
  dropped: ImportError[];
}

/** Parse a pasted /proc/iomem, restoring it first when it is damaged. Never throws. */
export function importIomem(text: string): IomemImport {
  const first = parseIomem(text);
  if (first.errorCount === 0) return { iomem: first, repairs: [], dropped: [] };
  const r = restoreText(text, IOMEM_RULES);
  if (!r.changed) return { iomem: first, repairs: [], dropped: [] };
  const p = parseIomem(r.text);
  const errors = relocate(r, p.errors);
  const warnings = relocate(r, p.warnings);
  const result = { ...p, errors, warnings, lineCount: r.lineCount } as Omit<ParseResult, 'lineOf'>;
  let lineOf: Map<Resource, number> | null = null;
  Object.defineProperty(result, 'lineOf', {
    enumerable: true,
    get() {
      if (!lineOf) {
        lineOf = new Map();
        for (const [res, line] of p.lineOf) lineOf.set(res, r.locate(line).line);
      }
      return lineOf;
    },
  });
  return { iomem: result as ParseResult, repairs: r.repairs, dropped: r.dropped };
}
