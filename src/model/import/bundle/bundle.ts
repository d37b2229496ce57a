/**
 * A whole machine in one file (bundle/format.ts): each section read by the parser of its kind — the same ones the panel
 * and the CLI use for a lone paste — the accelerator range suggested from `cxl list` and /proc/iomem, and the platform
 * facts proved (bundle/facts.ts). Every located message names the line of the bundle file.
 */
import { suggestCandidates, type CandidateResult } from '../candidates';
import { parseCxlList, type CxlListResult } from '../cxl/cxlList';
import { refineSuggestions, tieToIomem, type CxlTie } from '../cxl/tie';
import { importIomem, type IomemImport } from '../iomemImport';
import { parseMaps, type MapsParseResult } from '../maps';
import { parseTrace, type TraceParseResult } from '../trace';
import { platformFacts, type PlatformFacts } from './facts';
import { section, splitBundle, type BundleParse, type BundleSection } from './format';

export interface BundleRange {
  start: bigint;
  /** Inclusive. */
  end: bigint;
  /** "region0 (cxl list)", "Soft Reserved (/proc/iomem line 40)" */
  from: string;
  reason: string;
}

export interface BundleResult {
  parse: BundleParse;
  iomem: (IomemImport & { candidates: CandidateResult }) | null;
  cxl: CxlListResult | null;
  ties: CxlTie[];
  maps: MapsParseResult | null;
  trace: TraceParseResult | null;
  /** The accelerator range the designs run on, best guess first; null when nothing suggests one. */
  range: BundleRange | null;
  facts: PlatformFacts;
  /** Sections the bundle holds, or says it could not collect. */
  summary: { name: string; line: number; lines: number; read: boolean }[];
}

/** Move a section's messages to the lines of the bundle file. */
function shift<T extends { line: number }>(s: BundleSection, list: readonly T[]): T[] {
  return list.map((e) => ({ ...e, line: e.line + s.line }));
}

const READ = ['/proc/iomem', 'cxl list', 'smaps', 'ftrace', 'uname -r', 'uname -m', 'cpu vendor', '/proc/cmdline', 'kernel config', 'dmesg', 'memory auto_online_blocks'];

/** Read a bundle. Never throws. */
export function parseBundle(text: string): BundleResult {
  const parse = splitBundle(text);
  const io = section(parse, '/proc/iomem');
  let iomem: BundleResult['iomem'] = null;
  if (io && io.text.trim() !== '') {
    const imp = importIomem(io.text);
    const located = { ...imp, repairs: shift(io, imp.repairs), dropped: shift(io, imp.dropped), iomem: { ...imp.iomem, errors: shift(io, imp.iomem.errors), warnings: shift(io, imp.iomem.warnings) } };
    const lineOf = new Map([...imp.iomem.lineOf].map(([r, l]) => [r, l + io.line]));
    Object.defineProperty(located.iomem, 'lineOf', { value: lineOf, enumerable: true });
    iomem = { ...located, candidates: suggestCandidates(imp.iomem.tree, { nonRoot: imp.iomem.nonRoot, lineOf }) };
  }
  const cs = section(parse, 'cxl list');
  let cxl: CxlListResult | null = null;
  if (cs && cs.text.trim() !== '') {
    const c = parseCxlList(cs.text);
    cxl = { ...c, errors: shift(cs, c.errors), notes: shift(cs, c.notes) };
  }
  const ties = cxl && iomem ? tieToIomem(cxl.topology, iomem.iomem.tree, iomem.iomem.lineOf) : [];
  const ms = section(parse, 'smaps');
  const maps = ms && ms.text.trim() !== '' ? (() => {
    const m = parseMaps(ms.text);
    return { ...m, errors: shift(ms, m.errors), repairs: shift(ms, m.repairs), vmas: m.vmas.map((v) => ({ ...v, line: v.line + ms.line })) };
  })() : null;
  const ts = section(parse, 'ftrace');
  const trace = ts && ts.text.trim() !== '' ? (() => {
    const t = parseTrace(ts.text);
    return { ...t, errors: shift(ts, t.errors), warnings: shift(ts, t.warnings), repairs: shift(ts, t.repairs), faults: shift(ts, t.faults) };
  })() : null;

  const range = pickRange(cxl, ties, iomem);
  const facts = platformFacts(parse, { cxl, firmwareOver: range && iomem && !iomem.iomem.nonRoot ? { tree: iomem.iomem.tree, start: range.start, end: range.end } : null });
  const summary = [
    ...parse.sections.map((s) => ({ name: s.name, line: s.line, lines: s.lineCount, read: READ.some((r) => s.name.toLowerCase().startsWith(r)) })),
    ...parse.missing.map((m) => ({ name: `${m.name}: ${m.reason}`, line: m.line, lines: 0, read: false })),
  ].sort((a, b) => a.line - b.line);
  return { parse, iomem, cxl, ties, maps, trace, range, facts, summary };
}

function pickRange(cxl: CxlListResult | null, ties: CxlTie[], iomem: BundleResult['iomem']): BundleRange | null {
  if (cxl) {
    const s = refineSuggestions(cxl.suggestions, ties)[0];
    if (s) {
      const t = ties.find((x) => x.object === s.from);
      const where = t?.match === 'exact' ? `; /proc/iomem: ${t.resources.map((r) => r.name).join(' / ')}${t.resources[0]?.line ? ` (line ${t.resources[0].line})` : ''}` : '';
      return { start: s.start, end: s.end, from: `${s.from} (cxl list)`, reason: s.reason + where };
    }
  }
  const c = iomem?.candidates.candidates[0];
  return c ? { start: c.start, end: c.end, from: `${c.name} (/proc/iomem${c.line ? ` line ${c.line}` : ''})`, reason: c.reason } : null;
}

