/** Compare mode in words: where the fault paths part, how each ends, every verdict that differs, the tree diff. */
import { memo } from 'react';
import { STATUS_ICON } from '../verdictColumns';
import { NoBreakErrnos } from '../NoBreakErrnos';
import type { CompareWords } from './compareWords';

/** Drop paths that another listed path extends (a › b is implied by a › b › c). */
function deepest(paths: string[]): string[] {
  return paths.filter((p) => !paths.some((q) => q.startsWith(`${p} › `)));
}

/** The resources (paths of names from the root) that only one of the compared trees has. */
function TreeDiff({ onlyA, onlyB, nameA, nameB }: { onlyA: string[]; onlyB: string[]; nameA: string; nameB: string }) {
  if (onlyA.length === 0 && onlyB.length === 0) return <p data-testid="tree-diff">Same resource tree.</p>;
  const row = (label: string, paths: string[]) =>
    paths.length > 0 && (
      <p>
        {label}{' '}
        {deepest(paths).map((p, i) => (
          <span key={p}>{i > 0 && '; '}<code>{p}</code></span>
        ))}
      </p>
    );
  return (
    <div data-testid="tree-diff" className="tree-diff">
      {row(`Only in the tree of ${nameA}:`, onlyA)}
      {row(`Only in the tree of ${nameB}:`, onlyB)}
    </div>
  );
}

export const CompareSummary = memo(function CompareSummary({ words, treeDiff }: { words: CompareWords; treeDiff: { onlyA: string[]; onlyB: string[] } }) {
  const cell = (v: CompareWords['verdicts'][number]['a']) =>
    v ? (
      <td className={`cell ${v.status.replace('/', '')}`}>
        <span className="icon" aria-hidden="true">{STATUS_ICON[v.status]}</span> <NoBreakErrnos text={v.short} /> <span className="sr-only">({v.status})</span>
      </td>
    ) : (
      <td className="cell absent">no such verdict</td>
    );
  return (
    <section className="compare-summary" data-testid="compare-summary" aria-labelledby="compare-h">
      <h2 id="compare-h">Compare: {words.title}</h2>
      <p data-testid="first-divergence"><NoBreakErrnos text={words.path} /></p>
      <p data-testid="compare-results"><NoBreakErrnos text={words.results} /></p>
      {words.verdicts.length > 0 ? (
        <table className="verdict-diffs" data-testid="verdict-diffs">
          <caption>Verdicts that differ</caption>
          <thead>
            <tr><th scope="col">Verdict</th><th scope="col">{words.nameA}</th><th scope="col">{words.nameB}</th></tr>
          </thead>
          <tbody>
            {words.verdicts.map((v) => (
              <tr key={v.id}><th scope="row">{v.label}</th>{cell(v.a)}{cell(v.b)}</tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>No verdict differs.</p>
      )}
      <TreeDiff onlyA={treeDiff.onlyA} onlyB={treeDiff.onlyB} nameA={words.nameA} nameB={words.nameB} />
    </section>
  );
});
