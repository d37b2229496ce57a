/**
 * The generated line file (src/model/sources/checked-lines.json): each upstream citation's outcome and line, as
 * `cli check-sources --write` last found them in a kernel tree, with the tree's `git describe` and the date. The
 * inspector shows "checked against <rev>" from it and Elixir links point at `file#Lline` from it. An entry is used
 * only while the citation it was made for (file, fn, version) is unchanged.
 */
// valibot, like share links (model/validation.ts says why not zod): this is checked on the page, at startup.
import * as v from 'valibot';
import { int, object, record } from '../validation';
import type { Source, SourceId } from '../source';
import data from '../sources/checked-lines.json';
import { worstOutcome, OUTCOMES, type At, type Outcome, type SymbolCheck } from './types';

type Upstream = Extract<Source, { kind: 'upstream' }>;

const at = object({ file: v.string(), line: v.pipe(int(), v.gtValue(0)) });
const symbol = object({ symbol: v.nullable(v.string()), outcome: v.picklist(OUTCOMES), at: v.nullable(at), reason: v.nullable(v.string()) });
const entry = object({
  file: v.string(), fn: v.string(), version: v.string(), rev: v.nullable(v.string()), outcome: v.picklist(OUTCOMES), symbols: v.array(symbol),
});
export const checkedLinesSchema = object({
  regenerate: v.string(),
  tree: v.string(),
  date: v.string(),
  note: v.string(),
  sources: record(entry),
});

export type CheckedSymbol = { symbol: string | null; outcome: Outcome; at: At | null; reason: string | null };
export type CheckedSource = v.InferOutput<typeof entry>;
export type CheckedLines = v.InferOutput<typeof checkedLinesSchema>;

export const REGENERATE = 'npm run --silent cli -- check-sources --tree DIR --write';

/** The file's content for a report's rows. */
export function buildCheckedLines(rows: readonly SymbolCheck[], sources: Readonly<Record<SourceId, Source>>, meta: { tree: string; date: string; note: string }): CheckedLines {
  const out: CheckedLines = { regenerate: REGENERATE, ...meta, sources: {} };
  for (const r of rows) {
    const s = sources[r.id];
    if (!s || s.kind !== 'upstream') continue;
    const e = (out.sources[r.id] ??= { file: s.file, fn: s.fn, version: s.version, rev: r.rev, outcome: r.outcome, symbols: [] });
    e.symbols.push({ symbol: r.symbol, outcome: r.outcome, at: r.at, reason: r.reason });
    e.outcome = worstOutcome(e.symbols.map((x) => x.outcome));
    e.rev ??= r.rev;
  }
  return out;
}

/** JSON with one line per source, so a regenerated file diffs by citation. */
export function serializeCheckedLines(c: CheckedLines): string {
  const head = JSON.stringify({ ...c, sources: undefined }, null, 2).replace(/\n}$/, '');
  const ids = Object.keys(c.sources);
  const body = ids.map((id, i) => `    ${JSON.stringify(id)}: ${JSON.stringify(c.sources[id])}${i < ids.length - 1 ? ',' : ''}`).join('\n');
  return `${head},\n  "sources": {\n${body}${ids.length ? '\n' : ''}  }\n}\n`;
}

const parsed = v.safeParse(checkedLinesSchema, data);
/** The committed file, validated (an invalid one counts as empty; a test keeps it valid). */
export const CHECKED: CheckedLines = parsed.success ? parsed.output : { regenerate: REGENERATE, tree: '', date: '', note: '', sources: {} };

/** The check of a citation, or null when it was never checked or has changed since. */
export function checkOf(id: SourceId, s: Source, c: CheckedLines = CHECKED): CheckedSource | null {
  const e = c.sources[id];
  if (!e || s.kind !== 'upstream') return null;
  return e.file === s.file && e.fn === s.fn && e.version === s.version ? e : null;
}

/** The line to link to in the cited file at `tag`: only when the check was made at that tag and found the name there. */
export function checkedLine(e: CheckedSource | null, s: Upstream, tag: string | null): number | null {
  if (!e || tag === null || e.rev !== tag) return null;
  const hit = e.symbols.find((x) => x.outcome === 'found' && x.at?.file === s.file);
  return hit?.at?.line ?? null;
}

/** "checked against v6.19 (partial tree): found at …", for the inspector. */
export function checkSentence(e: CheckedSource, c: CheckedLines = CHECKED): string {
  return `checked against ${e.rev ?? c.tree}${c.note ? ` (${c.note})` : ''}: ${checkPhrase(e)}`;
}

/** A short phrase for the inspector: "found at virt/kvm/kvm_main.c:2981", "moved: …", "gone: …", "not checkable: …". */
export function checkPhrase(e: CheckedSource): string {
  const parts = e.symbols.map((x) => {
    const name = e.symbols.length > 1 && x.symbol ? `${x.symbol}: ` : '';
    switch (x.outcome) {
      case 'found':
        return `${name}found at ${x.at?.file}:${x.at?.line}`;
      case 'moved':
        return `${name}defined in ${x.at?.file}:${x.at?.line}, not in the cited file`;
      case 'gone':
        return `${name}not defined anywhere`;
      case 'not-checkable':
        return `${name}not checkable (${x.reason})`;
    }
  });
  return parts.join('; ');
}
