/**
 * One entry point for everything a user imports: detect what the text is (/proc/iomem, maps/smaps/pmap -X, a fault
 * trace), parse it, and derive what the panel shows. Pure; runs the same in a Web Worker, in tests and in the CLI.
 */
import type { ParseResult } from '../resource/iomem';
import { importIomem } from './iomemImport';
import type { ImportError } from './located';
import { suggestCandidates, type CandidateResult } from './candidates';
import { detectMapsFormat, parseMaps, type MapsParseResult } from './maps';
import { parseTrace, type TraceParseResult } from './trace';

export type ImportKind = 'iomem' | 'maps' | 'trace';

/** An imported /proc/iomem with more resources than this is refused: real ones have hundreds, and the page must stay responsive. */
export const MAX_IOMEM_RESOURCES = 250_000;

/** Largest text accepted (characters). A 50 MB paste fits; beyond this the user is told to trim it. */
export const MAX_IMPORT_CHARS = 64 * 1024 * 1024;

export type ImportResult =
  | { kind: 'iomem'; iomem: ParseResult; candidates: CandidateResult; repairs: ImportError[]; dropped: ImportError[] }
  | { kind: 'maps'; maps: MapsParseResult }
  | { kind: 'trace'; trace: TraceParseResult }
  | { kind: 'rejected'; message: string; line?: number; column?: number };

const IOMEM_LINE = /^\s*[0-9a-fA-F]{1,16}-[0-9a-fA-F]{1,16} : /;
const TRACE_HINT = /^# tracer:|^\s*(?:\d+\.\d+\s*\|\s*)?\d+\)\s|\b(?:kvm|kvmmmu|kvm_\w+):|\d+\.\d+:\s+\w+:\s|\s<-\s*\w/;

/** Guess what a pasted text is from its first meaningful lines; null when nothing fits. */
export function detectImportKind(text: string): ImportKind | null {
  const head = text.slice(0, 64 * 1024).split('\n').map((l) => l.replace(/\r$/, ''));
  let seen = 0;
  for (const l of head) {
    if (l.trim() === '') continue;
    if (/^# tracer:/.test(l)) return 'trace';
    if (l.startsWith('#')) continue;
    if (IOMEM_LINE.test(l)) return 'iomem';
    if (++seen > 40) break;
  }
  if (detectMapsFormat(head) !== 'unknown') return 'maps';
  for (const l of head.slice(0, 200)) if (TRACE_HINT.test(l)) return 'trace';
  return null;
}

export interface ParseImportOptions {
  /** Force a kind instead of detecting it. */
  kind?: ImportKind;
  onProgress?: (fraction: number) => void;
}

/** Parse an imported text. Never throws; a text that fits no format or is too large is 'rejected' with a reason. */
export function parseImport(text: string, opts: ParseImportOptions = {}): ImportResult {
  if (text.length > MAX_IMPORT_CHARS) {
    return {
      kind: 'rejected',
      message: `the text is ${(text.length / 1048576).toFixed(1)} MiB; the limit is ${MAX_IMPORT_CHARS / 1048576} MiB — trim it (e.g. grep the lines you need)`,
    };
  }
  if (text.trim() === '') return { kind: 'rejected', message: 'the text is empty' };
  const kind = opts.kind ?? detectImportKind(text);
  if (!kind) {
    const first = text.split('\n').findIndex((l) => l.trim() !== '');
    return {
      kind: 'rejected',
      line: first + 1,
      column: 1,
      message: 'not /proc/iomem ("start-end : name"), maps/smaps/pmap -X ("start-end perms offset dev inode path") or a fault trace (ftrace function_graph, kvm_page_fault)',
    };
  }
  if (kind === 'iomem') {
    opts.onProgress?.(0.1);
    const { iomem, repairs, dropped } = importIomem(text);
    opts.onProgress?.(0.9);
    if (iomem.nodeCount > MAX_IOMEM_RESOURCES) {
      return {
        kind: 'rejected',
        message: `this /proc/iomem has ${iomem.nodeCount} resources in ${iomem.lineCount} lines; more than ${MAX_IOMEM_RESOURCES} are refused (a real one has hundreds) — paste the part around the accelerator`,
      };
    }
    const candidates = suggestCandidates(iomem.tree, { nonRoot: iomem.nonRoot, lineOf: iomem.lineOf });
    opts.onProgress?.(1);
    return { kind, iomem, candidates, repairs, dropped };
  }
  if (kind === 'maps') return { kind, maps: parseMaps(text, { onProgress: opts.onProgress }) };
  return { kind, trace: parseTrace(text, { onProgress: opts.onProgress }) };
}
