/**
 * Check every registered upstream citation against a kernel tree: for each identifier its `fn` names, look at the
 * revision the citation names (its commit, else its tag) when the tree has it, else at the caller's revision; find
 * the definition in the cited file (found), in another file (moved) or nowhere (gone). Out-of-tree code, a
 * revision the tree lacks, a file the tree lacks and text that names no identifier are not checkable. Pure given
 * the tree: all I/O is behind SourceTree.
 */
import type { Source, SourceId } from '../source';
import { citedRevision, outOfTree } from './cited';
import { findDefinitions } from './definitions';
import { extractSymbols, isKconfigPath, type SymbolQuery } from './symbols';
import { atRev, memoTree, type Rev, type SourceTree } from './tree';
import type { At, DefinitionKind, SymbolCheck } from './types';

type Upstream = Extract<Source, { kind: 'upstream' }>;

export interface CheckOptions {
  sources: Readonly<Record<SourceId, Source>>;
  tree: SourceTree;
  /** Where to look when a citation names no revision, or (when `fallbackForMissing`) one the tree lacks. */
  fallback: Rev;
  /** Check citations of a revision the tree lacks at `fallback` (the user gave --rev) instead of reporting them. */
  fallbackForMissing: boolean;
  /** How many candidate files to open when looking for a definition elsewhere. */
  maxCandidates?: number;
}

/** The revision a citation is checked at, or why there is none. */
export async function revisionFor(s: Upstream, o: Pick<CheckOptions, 'tree' | 'fallback' | 'fallbackForMissing'>): Promise<Rev | string> {
  const c = citedRevision(s);
  if (c.commit) {
    const id = await o.tree.resolve(c.commit);
    if (id) return { commit: id, label: c.commit };
  }
  if (c.tag) {
    const id = await o.tree.resolve(c.tag);
    if (id) return { commit: id, label: c.tag };
  }
  if (!c.commit && !c.tag) return o.fallback;
  if (o.fallbackForMissing) return o.fallback;
  return `no ${[c.tag, c.commit].filter(Boolean).join(' or ')} in the tree`;
}

interface Found {
  at: At;
  kind: DefinitionKind;
}

async function definedIn(tree: SourceTree, rev: Rev, q: Extract<SymbolQuery, { ok: true }>, path: string): Promise<Found | null | undefined> {
  const text = await tree.read(rev.commit, path);
  if (text === null) return undefined;
  const d = findDefinitions(text, q, path)[0];
  return d ? { at: { file: path, line: d.line }, kind: d.kind } : null;
}

async function elsewhere(o: CheckOptions, rev: Rev, q: Extract<SymbolQuery, { ok: true }>, cited: string): Promise<Found | null> {
  const files = await o.tree.candidates(rev.commit, q.name, q.want === 'config' || isKconfigPath(cited));
  for (const f of files.filter((x) => x !== cited).slice(0, o.maxCandidates ?? 200)) {
    const d = await definedIn(o.tree, rev, q, f);
    if (d) return d;
  }
  return null;
}

async function checkSymbol(o: CheckOptions, id: SourceId, s: Upstream, rev: Rev, q: SymbolQuery): Promise<SymbolCheck> {
  const row = { id, file: s.file, version: s.version, rev: rev.label };
  if (!q.ok) return { ...row, symbol: null, outcome: 'not-checkable', at: null, kind: null, reason: q.reason };
  const base = { ...row, symbol: q.name };
  const here = await definedIn(o.tree, rev, q, s.file);
  if (here) return { ...base, outcome: 'found', at: here.at, kind: here.kind, reason: null };
  const other = await elsewhere(o, rev, q, s.file);
  if (other) {
    const why = here === undefined ? `no ${s.file} ${atRev(rev.label)}` : `not defined in ${s.file} ${atRev(rev.label)}`;
    return { ...base, outcome: 'moved', at: other.at, kind: other.kind, reason: why };
  }
  if (here === undefined) return { ...base, outcome: 'not-checkable', at: null, kind: null, reason: `no ${s.file} ${atRev(rev.label)}` };
  return { ...base, outcome: 'gone', at: null, kind: null, reason: `not defined in ${s.file} or elsewhere ${atRev(rev.label)}` };
}

/** The rows for one source: one per name its `fn` holds. */
export async function checkSource(o: CheckOptions, id: SourceId, s: Upstream): Promise<SymbolCheck[]> {
  const queries = extractSymbols(s.fn, s.file);
  const row = { id, file: s.file, version: s.version, at: null, kind: null };
  const none = (reason: string, rev: string | null = null): SymbolCheck[] =>
    (queries.length ? queries : [null]).map((q) => ({ ...row, symbol: q?.ok ? q.name : null, outcome: 'not-checkable', rev, reason }));
  const away = outOfTree(s);
  if (away) return none(away);
  if (queries.length === 0) return none(`"${s.fn}" names no symbol`);
  const rev = await revisionFor(s, o);
  if (typeof rev === 'string') return none(rev);
  const out: SymbolCheck[] = [];
  for (const q of queries) out.push(await checkSymbol(o, id, s, rev, q));
  return out;
}

/** A source whose lookup failed (git timed out, a file too large): not checkable, with the reason. */
export function failed(id: SourceId, s: Upstream, e: unknown): SymbolCheck[] {
  const reason = `lookup failed: ${e instanceof Error ? e.message : String(e)}`;
  return [{ id, file: s.file, symbol: null, version: s.version, outcome: 'not-checkable', at: null, rev: null, kind: null, reason }];
}

/** Run `work` over `items`, at most `n` at a time, keeping order. */
export async function mapLimit<T, R>(items: readonly T[], n: number, work: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, lane));
  return out;
}

/** Every upstream source of the registry, in registry order. */
export function upstreamSources(sources: Readonly<Record<SourceId, Source>>): Array<[SourceId, Upstream]> {
  return Object.entries(sources).filter((e): e is [SourceId, Upstream] => e[1].kind === 'upstream');
}

/** Check every upstream source; rows in registry order. */
export async function checkSources(opts: CheckOptions): Promise<SymbolCheck[]> {
  const o = { ...opts, tree: memoTree(opts.tree) };
  const rows = await mapLimit(upstreamSources(o.sources), 4, ([id, s]) => checkSource(o, id, s).catch((e: unknown) => failed(id, s, e)));
  return rows.flat();
}
