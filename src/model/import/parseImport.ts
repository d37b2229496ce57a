/**
 * One entry point for everything a user imports: detect what the text is (a bundle from scripts/collect.sh,
 * `cxl list` JSON, /proc/iomem, maps/smaps/pmap -X, a fault trace in any shape), parse it, and derive what the panel
 * shows. Pure; runs the same in a Web Worker, in tests and in the CLI — the CLI and the panel give the same answer on
 * the same input because both come through here.
 */
import type { ParseResult } from '../resource/iomem';
import { importIomem } from './iomemImport';
import type { ImportError } from './located';
import { suggestCandidates, type CandidateResult } from './candidates';
import { detectMapsFormat, mapsSteps, type MapsParseResult } from './maps';
import { runSteps, type Steps } from './steps';
import { traceSteps, type TraceParseResult } from './trace';
import { parseCxlList, type CxlListResult } from './cxl/cxlList';
import { parseBundle, type BundleResult } from './bundle/bundle';
import { isBundle } from './bundle/format';
import { callTreeFunctions, EXIT_HEADER, stackFrame, BPF_OPEN } from './trace/shapes';

export const IMPORT_KINDS = ['iomem', 'maps', 'trace', 'cxl', 'bundle'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** An imported /proc/iomem with more resources than this is refused: real ones have hundreds, and the page must stay responsive. */
export const MAX_IOMEM_RESOURCES = 250_000;

/** Largest text accepted (characters). A 50 MB paste fits; beyond this the user is told to trim it. */
export const MAX_IMPORT_CHARS = 64 * 1024 * 1024;

export type ImportResult =
  | { kind: 'iomem'; iomem: ParseResult; candidates: CandidateResult; repairs: ImportError[]; dropped: ImportError[] }
  | { kind: 'maps'; maps: MapsParseResult }
  | { kind: 'trace'; trace: TraceParseResult }
  | { kind: 'cxl'; cxl: CxlListResult }
  | { kind: 'bundle'; bundle: BundleResult }
  | { kind: 'rejected'; message: string; line?: number; column?: number };

/** A resource line anywhere in a line: mail quote marks, no-break or quoted-printable indentation may come first. */
const IOMEM_LINE = /(?:^|[\s>])[0-9a-fA-F]{1,16}-[0-9a-fA-F]{1,16} : /;
const CXL_KEY = /"(?:bus|port|endpoint|memdev|decoder|region|buses|memdevs|regions|anon memdevs|(?:root|port|endpoint) decoders|(?:ports|endpoints|decoders|memdevs|regions):[\w.]+)"\s*:/;
const JSON_START = /^(?:\s*>)*\s*[[{]\s*$|^(?:\s*>)*\s*\{\s*"/;
const TRACE_HINT = /^# tracer:|^\s*(?:\d+\.\d+\s*\|\s*)?\d+\)\s|\b(?:kvm|kvmmmu|kvm_\w+):|\d+\.\d+:\s+\w+:\s|\s<-\s*\w/;

/** Guess what a pasted text is from its first meaningful lines; null when nothing fits. */
export function detectImportKind(text: string): ImportKind | null {
  if (isBundle(text)) return 'bundle';
  const head = text.slice(0, 64 * 1024).split('\n').map((l) => l.replace(/\r$/, ''));
  if (head.some((l) => JSON_START.test(l)) && head.some((l) => CXL_KEY.test(l))) return 'cxl';
  let seen = 0;
  for (const l of head) {
    if (l.trim() === '') continue;
    if (/^# tracer:/.test(l)) return 'trace';
    if (l.startsWith('#')) continue;
    if (IOMEM_LINE.test(l)) return 'iomem';
    if (++seen > 40) break;
  }
  if (detectMapsFormat(head) !== 'unknown') return 'maps';
  for (const l of head.slice(0, 200)) {
    if (TRACE_HINT.test(l) || EXIT_HEADER.test(l) || BPF_OPEN.test(l) || stackFrame(l) !== null || (callTreeFunctions(l)?.length ?? 0) > 0) return 'trace';
  }
  return null;
}

export interface ParseImportOptions {
  /** Force a kind instead of detecting it. */
  kind?: ImportKind;
  onProgress?: (fraction: number) => void;
}

/** Parse an imported text. Never throws; a text that fits no format or is too large is 'rejected' with a reason. */
export function parseImport(text: string, opts: ParseImportOptions = {}): ImportResult {
  return runSteps(importSteps(text, opts), opts.onProgress);
}

/**
 * parseImport() as steps (see steps.ts): maps and traces yield every 5,000 lines; a /proc/iomem, a `cxl list` and a
 * bundle are parsed in one step each (a real one has hundreds of lines; 100,000 iomem lines take about 0.2 s).
 * `opts.onProgress` is not called: the caller reports what is yielded.
 */
export function* importSteps(text: string, opts: Omit<ParseImportOptions, 'onProgress'> = {}): Steps<ImportResult> {
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
      message:
        'not /proc/iomem ("start-end : name"), maps/smaps/pmap -X ("start-end perms offset dev inode path"), `cxl list` JSON, ' +
        'a bundle from scripts/collect.sh, or a trace with kernel function names (ftrace, tracepoints, stacks, call trees, exit tables)',
    };
  }
  if (kind === 'iomem') {
    yield 0.1;
    const { iomem, repairs, dropped } = importIomem(text);
    yield 0.9;
    if (iomem.nodeCount > MAX_IOMEM_RESOURCES) {
      return {
        kind: 'rejected',
        message: `this /proc/iomem has ${iomem.nodeCount} resources in ${iomem.lineCount} lines; more than ${MAX_IOMEM_RESOURCES} are refused (a real one has hundreds) — paste the part around the accelerator`,
      };
    }
    const candidates = suggestCandidates(iomem.tree, { nonRoot: iomem.nonRoot, lineOf: iomem.lineOf });
    return { kind, iomem, candidates, repairs, dropped };
  }
  if (kind === 'maps') return { kind, maps: yield* mapsSteps(text) };
  if (kind === 'cxl') {
    const cxl = parseCxlList(text);
    if (cxl.objectCount === 0 && cxl.errors[0]) return { kind: 'rejected', ...cxl.errors[0] };
    return { kind, cxl };
  }
  if (kind === 'bundle') return { kind, bundle: parseBundle(text) };
  return { kind, trace: yield* traceSteps(text) };
}
