/**
 * `check-sources --all-versions`: each citation's names at every kernel version the model offers, and where a name
 * appears, disappears or changes file between them, so a version-dependent rule can be checked against the release
 * it claims.
 */
import type { Source, SourceId } from '../source';
import { citedRevision } from './cited';
import { checkSource, failed, mapLimit, upstreamSources, type CheckOptions } from './check';
import { memoTree, type Rev, type SourceTree } from './tree';
import type { At, Outcome, SymbolCheck } from './types';

type Upstream = Extract<Source, { kind: 'upstream' }>;

/** One name of one source across versions. */
export interface VersionRow {
  id: SourceId;
  file: string;
  symbol: string | null;
  version: string;
  /** The tag the citation names, if any (see citedRevision). */
  cited: string | null;
  /** Outcome at each version, in version order; not-checkable where the tree lacks the tag. */
  cells: Array<{ rev: string; outcome: Outcome; at: At | null; reason: string | null }>;
  changes: Change[];
}

export interface Change {
  /** The version where the change is first seen. */
  rev: string;
  what: 'appears' | 'disappears' | 'moves';
  /** The last version seen before it. */
  since: string;
  /** Where it is defined after the change (appears, moves), else null. */
  at: At | null;
}

/** Appearances, disappearances and file changes between consecutive versions whose outcome is known. */
export function changesOf(cells: VersionRow['cells']): Change[] {
  const out: Change[] = [];
  let prev: VersionRow['cells'][number] | null = null;
  for (const c of cells) {
    if (c.outcome === 'not-checkable') continue;
    if (prev) {
      const was = prev.outcome !== 'gone';
      const is = c.outcome !== 'gone';
      if (!was && is) out.push({ rev: c.rev, what: 'appears', since: prev.rev, at: c.at });
      else if (was && !is) out.push({ rev: c.rev, what: 'disappears', since: prev.rev, at: null });
      else if (was && is && prev.at?.file !== c.at?.file) out.push({ rev: c.rev, what: 'moves', since: prev.rev, at: c.at });
    }
    prev = c;
  }
  return out;
}

export interface AllVersionsOptions {
  sources: Readonly<Record<SourceId, Source>>;
  tree: SourceTree;
  /** Tags, oldest first, e.g. ["v6.11", "v6.12", "v6.17", "v7.0", "v7.1"]. */
  tags: readonly string[];
}

/** A source at one tag: the citation's own revision replaced by the tag. */
function atTag(s: Upstream, tag: string): Upstream {
  return { ...s, version: tag, commit: undefined, elixirTag: undefined };
}

export async function checkAllVersions(opts: AllVersionsOptions): Promise<VersionRow[]> {
  const tree = memoTree(opts.tree);
  const none: Rev = { commit: null, label: 'working tree' };
  const base: CheckOptions = { sources: opts.sources, tree, fallback: none, fallbackForMissing: false };
  const perSource = await mapLimit(upstreamSources(opts.sources), 4, async ([id, s]) => {
    const cited = citedRevision(s).tag;
    const byTag: SymbolCheck[][] = [];
    for (const tag of opts.tags) byTag.push(await checkSource(base, id, atTag(s, tag)).catch((e: unknown) => failed(id, s, e)));
    const names = byTag[0] ?? [];
    return names.map((first, k): VersionRow => {
      const cells = byTag.map((rows, t) => {
        const r = rows[k] ?? rows[0]!;
        return { rev: opts.tags[t]!, outcome: r.outcome, at: r.at, reason: r.reason };
      });
      return { id, file: s.file, symbol: first.symbol, version: s.version, cited, cells, changes: changesOf(cells) };
    });
  });
  return perSource.flat();
}

/**
 * Whether a row disagrees with its citation: gone at the version it cites (when that version is one of the tags),
 * or gone at every tag the tree has.
 */
export function rowIsGone(r: VersionRow): boolean {
  const known = r.cells.filter((c) => c.outcome !== 'not-checkable');
  const cited = r.cells.find((c) => c.rev === r.cited);
  return (cited?.outcome === 'gone') || (known.length > 0 && known.every((c) => c.outcome === 'gone'));
}
