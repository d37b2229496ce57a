/**
 * The report of `cli check-sources --all-versions`: a grid of outcomes per kernel version, and the versions where a
 * name appears, disappears or changes file. Plain text within 80 columns, or JSON.
 */
import { wrap } from '../text/render';
import { rowIsGone, type Change, type VersionRow } from './all-versions';
import type { Outcome } from './types';

export interface VersionsReport {
  tree: string;
  tags: readonly string[];
  sources: VersionRow[];
}

const MARK: Record<Outcome, string> = { found: 'F', moved: 'M', gone: '-', 'not-checkable': '?' };

export function versionsExitCode(r: VersionsReport): 0 | 1 {
  return r.sources.some(rowIsGone) ? 1 : 0;
}

export function versionsJson(r: VersionsReport): unknown {
  return {
    tree: r.tree,
    versions: r.tags,
    sources: r.sources.map((s) => ({
      id: s.id, file: s.file, symbol: s.symbol, version: s.version,
      outcomes: s.cells.map((c) => ({ rev: c.rev, outcome: c.outcome, at: c.at, reason: c.reason })),
      changes: s.changes,
      gone: rowIsGone(s),
    })),
  };
}

function say(c: Change): string {
  const at = c.at ? ` (${c.at.file}:${c.at.line})` : '';
  switch (c.what) {
    case 'appears':
      return `appears in ${c.rev}${at}, not defined in ${c.since}`;
    case 'disappears':
      return `disappears in ${c.rev}, defined in ${c.since}`;
    case 'moves':
      return `moves in ${c.rev}${at}`;
  }
}

export function versionsText(r: VersionsReport): string {
  const widths = r.tags.map((t) => t.length + 1);
  const indent = ' '.repeat(widths.reduce((a, b) => a + b, 0) + 1);
  const changed = r.sources.filter((s) => s.changes.length > 0).length;
  const gone = r.sources.filter(rowIsGone).length;
  const out = [
    ...wrap(`check-sources --all-versions: ${r.tree}`, 80, '  ', ''),
    ...wrap(`${r.sources.length} names; ${changed} change between versions; ${gone} gone at the version cited or at every version`, 80, '  ', ''),
    ...wrap('F defined in the cited file, M in another file, - nowhere, ? not checkable (no such tag or file, or not a name)', 80, '  ', ''),
    '',
    r.tags.map((t, i) => t.padEnd(widths[i]!)).join(''),
  ];
  for (const s of r.sources) {
    const grid = s.cells.map((c, i) => `  ${MARK[c.outcome]}`.padEnd(widths[i]!)).join('');
    const name = `${rowIsGone(s) ? '! ' : ''}${s.id}${s.symbol ? ` ${s.symbol}` : ''}`;
    out.push(...wrap(name, 80, indent, `${grid} `));
    for (const c of s.changes) out.push(...wrap(say(c), 80, `${indent}  `, `${indent}  `));
  }
  if (gone > 0) out.push('', '! gone at the version the citation names, or at every version');
  return `${out.join('\n')}\n`;
}
