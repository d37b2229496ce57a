/**
 * "What would it take" for one verdict cell that is not good: the smallest sets of platform facts and kernel changes
 * that make it good without making another verdict worse (src/model/search), found in the search worker
 * (src/workers/searchClient.ts) so the page never blocks. Each item says what kind of step it is (config, merged
 * release, platform, posted, hypothetical) and what it rests on; one click applies a set, and the app then compares
 * the changed scenario with the unchanged one.
 *
 * The search runs for the whole design at once, so every cell of the same design shares one answer (cached by
 * scenario); a scenario change while it runs cancels it.
 */
import './whatItTakes.css';
import { memo, useEffect, useRef, useState } from 'react';
import type { ExplainOptions } from '../../model/explain';
import type { Verdict } from '../../model/explain-types';
import type { Platform, Scenario } from '../../model/scenario';
import { applySet } from '../../model/search/flags';
import type { ChangeItem } from '../../model/search/items';
import type { SearchResult } from '../../model/search/search';
import { cachedSearch, startSearch, type SearchOutcome } from '../../workers/searchClient';
import { scenarioKey } from '../derive-cache';
import { SourceList } from '../Inspector';
import { DESIGN_LABEL } from '../labels';
import { STATUS_ICON } from '../verdictColumns';
import { itemBadge } from './witText';

type Search = { state: 'loading'; fraction: number; onPage?: string } | { state: 'done'; outcome: SearchOutcome } | { state: 'failed'; message: string };

/** The search for `s`, started when the scenario (or the imported tree) changes and cancelled when it changes again. */
function useSearch(s: Scenario, opts: ExplainOptions, ikey: string, attempt: number): Search {
  const key = scenarioKey(s, ikey);
  const [found, setFound] = useState<{ key: string; attempt: number; search: Search } | null>(null);
  useEffect(() => {
    if (cachedSearch(key)) return;
    const job = startSearch(s, opts, key, { onProgress: (fraction, onPage) => setFound({ key, attempt, search: { state: 'loading', fraction, ...(onPage ? { onPage } : {}) } }) });
    job.promise.then(
      (outcome) => setFound({ key, attempt, search: { state: 'done', outcome } }),
      (e: unknown) => {
        if (e instanceof Error && e.message === 'cancelled') return;
        setFound({ key, attempt, search: { state: 'failed', message: e instanceof Error ? e.message : String(e) } });
      },
    );
    return () => job.cancel();
    // `s` and `opts` are named by `key` (and a new attempt asks again).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, attempt]);
  const hit = cachedSearch(key);
  if (hit) return { state: 'done', outcome: hit };
  return found?.key === key && found.attempt === attempt ? found.search : { state: 'loading', fraction: 0 };
}

export interface WhatItTakesProps {
  /** The design of the cell, on the platform on screen. */
  scenario: Scenario;
  verdict: Verdict;
  opts: ExplainOptions;
  ikey: string;
  /** A set was chosen: the platform with it applied, and its items in words. */
  onApply: (platform: Platform, items: { id: string; label: string; flag: string }[]) => void;
  onClose: () => void;
}

function Item({ i }: { i: ChangeItem }) {
  return (
    <li className="wit-item" data-testid="wit-item" data-status={i.status}>
      <span className={`wit-badge ${i.status}`}>{itemBadge(i)}</span> <span className="wit-label">{i.label}</span>{' '}
      <code className="wit-flag">{i.flag}</code>
      {i.sources.length > 0 && (
        <details className="wit-sources">
          <summary>Sources ({i.sources.length})</summary>
          <SourceList ids={i.sources} />
        </details>
      )}
    </li>
  );
}

function Sets({ r, verdict, onApply }: { r: SearchResult; verdict: Verdict; onApply: (set: readonly ChangeItem[]) => void }) {
  const v = r.verdicts.find((x) => x.id === verdict.id);
  if (!v) return <p>The search has no answer for this verdict.</p>;
  if (v.status === 'good') return <p>Good already.</p>;
  if (v.needs.length === 0) return <p data-testid="wit-why">Nothing found: {v.why ?? 'no set of changes works'}.</p>;
  const k = v.needs[0]!.length;
  return (
    <>
      <p className="wit-intro">
        {v.needs.length === 1 ? (k === 1 ? 'One change makes' : `One set of ${k} changes makes`) : `${v.needs.length} ${k === 1 ? 'changes' : `sets of ${k} changes`} each make`} it good without making
        another verdict of {DESIGN_LABEL[r.design]} worse{k > 1 ? '; no part of a set would do alone' : ''}.
        {v.needs.length > 1 && ' Best first: a config or boot option, a newer release, a platform fact, an older release, a posted change, a hypothetical one.'}
      </p>
      <ol className="wit-sets" data-testid="wit-sets">
        {v.needs.map((set, n) => (
          <li key={set.map((i) => i.id).join('+')} className="wit-set" data-testid="wit-set">
            <ul>
              {set.map((i) => (
                <Item key={i.id} i={i} />
              ))}
            </ul>
            <button type="button" className="wit-apply" data-testid={`wit-apply-${n}`} onClick={() => onApply(set)}>
              Apply {set.length > 1 ? 'these changes' : 'this change'} and compare
            </button>
          </li>
        ))}
      </ol>
    </>
  );
}

export const WhatItTakes = memo(function WhatItTakes({ scenario, verdict, opts, ikey, onApply, onClose }: WhatItTakesProps) {
  const [attempt, setAttempt] = useState(0);
  const search = useSearch(scenario, opts, ikey, attempt);
  const box = useRef<HTMLElement>(null);
  const cell = `[data-testid="verdict-${scenario.design}-${verdict.id}"]`;
  // Opened from a cell: take the focus (and scroll into view), so the keyboard goes on from here; Escape goes back.
  // Only from the cell (or nowhere): the panel's code may arrive after the user went on to the inspector's note field.
  useEffect(() => {
    const a = document.activeElement;
    if (!a || a === document.body || a.matches(cell)) box.current?.focus();
  }, [scenario.design, verdict.id, cell]);
  const close = () => {
    onClose();
    setTimeout(() => document.querySelector<HTMLElement>(cell)?.focus(), 0);
  };
  const apply = (set: readonly ChangeItem[]) => onApply(applySet(scenario.platform, set), set.map(({ id, label, flag }) => ({ id, label, flag })));
  return (
    <section
      ref={box}
      tabIndex={-1}
      className="what-it-takes"
      data-testid="what-it-takes"
      aria-labelledby="wit-h"
      aria-busy={search.state === 'loading'}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          close();
        }
      }}
    >
      <div className="wit-head">
        <h3 id="wit-h">
          What would it take: {DESIGN_LABEL[scenario.design]}, {verdict.label}{' '}
          <span className={`status ${verdict.status.replace('/', '')}`}>
            <span aria-hidden="true">{STATUS_ICON[verdict.status]}</span> {verdict.status}
          </span>
        </h3>
        <button type="button" className="wit-close" data-testid="wit-close" onClick={close}>
          Close
        </button>
      </div>
      {search.state === 'loading' && (
        <p className="wit-loading" role="status" data-testid="wit-loading">
          Searching platform facts and kernel changes… {Math.round(search.fraction * 100)}%
          {search.onPage && <span className="wit-onpage"> (on this page: {search.onPage})</span>}
        </p>
      )}
      {search.state === 'failed' && (
        <div className="wit-error" role="alert" data-testid="wit-error">
          <p>The search failed: {search.message}</p>
          <button type="button" data-testid="wit-retry" onClick={() => setAttempt((a) => a + 1)}>
            Try again
          </button>
        </div>
      )}
      {search.state === 'done' && (
        <>
          <Sets r={search.outcome.result} verdict={verdict} onApply={apply} />
          <p className="wit-meta" data-testid="wit-meta">
            Searched {search.outcome.result.evaluated} derivations in {search.outcome.result.ms} ms
            {search.outcome.onPage ? `, on this page (${search.outcome.onPage})` : ', in a worker'}. Check a set with the command line: explain with the flags shown.
          </p>
        </>
      )}
    </section>
  );
});
