/**
 * The report of `cli check-sources`: the JSON form (`{ tree, rev, sources: [ { id, file, symbol, version, outcome,
 * at } ] }`, each row also with `rev`, `kind` and `reason`) and plain text within 80 columns, problems first.
 */
import { wrap } from '../text/render';
import type { Outcome, SymbolCheck } from './types';
import { OUTCOMES } from './types';
import { atRev } from './tree';

export interface Report {
  /** The tree's top-level directory. */
  tree: string;
  /** The --rev given, or null (the working tree). */
  rev: string | null;
  /** `git describe` of that revision, e.g. "v6.19-rc3-12-gabcdef123456". */
  describe: string;
  sources: SymbolCheck[];
}

export type Counts = Record<Outcome, number>;

export function countOutcomes(rows: readonly { outcome: Outcome }[]): Counts {
  const c: Counts = { found: 0, moved: 0, gone: 0, 'not-checkable': 0 };
  for (const r of rows) c[r.outcome]++;
  return c;
}

/** Exit status: 1 when any name is gone, else 0. */
export function reportExitCode(r: Report): 0 | 1 {
  return r.sources.some((s) => s.outcome === 'gone') ? 1 : 0;
}

export function reportJson(r: Report): unknown {
  return {
    tree: r.tree,
    rev: r.rev,
    describe: r.describe,
    counts: countOutcomes(r.sources),
    sources: r.sources.map((s) => ({
      id: s.id, file: s.file, symbol: s.symbol, version: s.version, outcome: s.outcome, at: s.at, rev: s.rev, kind: s.kind, reason: s.reason,
    })),
  };
}

const HEADING: Record<Outcome, string> = {
  gone: 'GONE: not defined in the cited file or anywhere else',
  moved: 'MOVED: defined in another file than the one cited',
  'not-checkable': 'NOT CHECKABLE',
  found: 'FOUND in the cited file',
};

const ORDER: readonly Outcome[] = ['gone', 'moved', 'not-checkable', 'found'];

const where = (s: SymbolCheck) => (s.at ? `${s.at.file}:${s.at.line}` : '');

function entry(s: SymbolCheck): string[] {
  const name = `${s.id}${s.symbol ? `  ${s.symbol}` : ''}`;
  switch (s.outcome) {
    case 'found':
      return wrap(`${name}  ${where(s)} (${s.rev})`, 80, '      ', '  ');
    case 'moved':
      return [...wrap(name, 80, '      ', '  '), ...wrap(`${where(s)} ${atRev(s.rev ?? '')}; ${s.reason}`, 80, '      ', '      ')];
    default:
      return [...wrap(name, 80, '      ', '  '), ...wrap(s.reason ?? '', 80, '      ', '      ')];
  }
}

/** The plain-text report: a header, the counts, then one section per outcome, gone first. */
export function reportText(r: Report): string {
  const c = countOutcomes(r.sources);
  const ids = new Set(r.sources.map((s) => s.id)).size;
  const out = [
    ...wrap(`check-sources: ${r.tree}`, 80, '  ', ''),
    ...wrap(`sources citing no release (or one the tree lacks, with --rev) are checked ${r.rev === null ? 'in the working tree' : `at ${r.rev}`} (${r.describe})`, 80, '  ', ''),
    ...wrap(`${ids} citations, ${r.sources.length} names: ${OUTCOMES.map((o) => `${c[o]} ${o}`).join(', ')}`, 80, '  ', ''),
  ];
  for (const o of ORDER) {
    const rows = r.sources.filter((s) => s.outcome === o);
    if (rows.length === 0) continue;
    out.push('', HEADING[o]);
    for (const s of rows) out.push(...entry(s));
  }
  if (r.sources.some((s) => s.outcome === 'not-checkable' && /^no v?\S+ in the tree$/.test(s.reason ?? '') && r.rev === null)) {
    out.push('', ...wrap('Citations of a version the tree lacks can be checked at another one with --rev REV.', 80));
  }
  return `${out.join('\n')}\n`;
}
