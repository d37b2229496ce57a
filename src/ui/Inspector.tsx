/**
 * The inspector: what the selected box, step, verdict or VMA part is, where each fact comes from (links to Elixir at
 * the cited version and to lore), what is unverified, and the review notes pinned to it.
 */
import { memo, useState } from 'react';
import type { Decider } from '../model/decider';
import { formatSize, hex } from '../model/addr';
import type { Explanation } from '../model/explain-types';
import { findByPath } from '../model/resource/tree';
import { IORESOURCE, IORES_DESC } from '../model/resource/types';
import { getSource } from '../model/sources';
import { sourceNote } from '../model/source-notes';
import { useSourceNotes } from './hooks/useSourceNotes';
import { sourceLabel, sourceLinkNote, sourceUrl } from '../model/source-links';
import { CHECKED, checkOf, checkSentence, type CheckedLines } from '../model/source-check/checked';
import type { NoteTarget, ReviewNote } from '../model/view-state';
import { notesFor } from './diagrams/common';
import { DESIGN_LABEL } from './labels';
import { NoBreakErrnos } from './NoBreakErrnos';
import { noteTargetSelector } from './app/noteTargets';
import { NotesSaveHint } from './share/NotesSaveHint';

function flagNames(flags: number): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(IORESOURCE)) {
    if (['IO', 'REG', 'IRQ', 'DMA', 'BUS', 'TYPE_BITS', 'EXT_TYPE_BITS'].includes(k)) continue;
    if (k === 'MEM' ? (flags & IORESOURCE.TYPE_BITS) === IORESOURCE.MEM : ((flags & v) >>> 0) === v >>> 0) out.push(`IORESOURCE_${k}`);
  }
  return out;
}

function descName(d: number): string {
  return Object.entries(IORES_DESC).find(([, v]) => v === d)?.[0] ?? String(d);
}

/**
 * The sources of a box, step or verdict: each linked where it can be read, marked when unverified, with its note and
 * (from the committed line file, `checks`) what `cli check-sources` last found for it in a kernel tree.
 */
export function SourceList({ ids, checks = CHECKED }: { ids: readonly string[]; checks?: CheckedLines }) {
  const notes = useSourceNotes();
  if (ids.length === 0) return null;
  return (
    <ol className="sources" data-testid="sources" aria-busy={!notes.ready && !notes.error}>
      {[...new Set(ids)].map((id) => {
        const s = getSource(id);
        const check = checkOf(id, s, checks);
        const url = sourceUrl(s, check);
        const linkNote = sourceLinkNote(s);
        return (
          <li key={id} className={s.verified ? 'verified' : 'unverified'} data-source={id}>
            {url ? (
              <a href={url} target="_blank" rel="noreferrer noopener" title={linkNote ?? undefined}>{sourceLabel(s)}</a>
            ) : (
              <span>{sourceLabel(s)}</span>
            )}
            {linkNote && <span className="link-note" data-testid="link-note"> ({linkNote})</span>}
            {!s.verified && <span className="unverified-mark">unverified</span>}
            {check && (
              <div className={`source-check ${check.outcome}`} data-check={check.outcome} title={`${checks.tree}, ${checks.date}`}>
                {checkSentence(check, checks)}
              </div>
            )}
            {notes.ready && sourceNote(id) && <div className="source-note">{sourceNote(id)}</div>}
            {notes.error && <div className="source-note" data-testid="source-note-error">(the notes could not be loaded: {notes.error})</div>}
          </li>
        );
      })}
    </ol>
  );
}

function Body({ ex, all, target, decided, onStep }: { ex: Explanation; all: Record<string, Explanation>; target: NoteTarget; decided: Decider | null; onStep: ((i: number) => void) | undefined }) {
  switch (target.kind) {
    case 'resource': {
      const r = findByPath(ex.tree, target.path);
      if (!r) return <p>This resource is not in the current tree.</p>;
      const key = target.path.join('/');
      const ops = ex.ops.filter((o) => o.resourcePath?.join('/') === key);
      const conflict = ex.conflict && ex.conflict.conflictWith.path.join('/') === key ? ex.conflict : null;
      return (
        <>
          <h3>{r.name ?? '<BAD>'}</h3>
          <dl>
            <dt>range</dt><dd><code>{hex(r.start, 8)}-{hex(r.end, 8)}</code> ({formatSize(r.end - r.start + 1n)})</dd>
            <dt>flags</dt><dd><code>{flagNames(r.flags).join(' | ') || '0'}</code></dd>
            <dt>desc</dt><dd><code>IORES_DESC_{descName(r.desc)}</code></dd>
            {r.owner && (<><dt>owner</dt><dd>{r.owner}{r.owner === 'parsed' ? ' (from your /proc/iomem; flags inferred from the name)' : ''}</dd></>)}
          </dl>
          {conflict && (
            <p className="conflict-text"><strong>{conflict.fn} fails {conflict.errno}</strong> here: {conflict.busy ? 'this resource is busy.' : 'this resource is not busy, but it overlaps the range without containing it, so the request cannot nest under it.'}</p>
          )}
          {ops.map((o, i) => (
            <p key={i}><code>{o.fn}</code> {o.args}: {o.result}</p>
          ))}
          <SourceList ids={[...ops.flatMap((o) => o.sources), ...(conflict?.sources ?? [])]} />
        </>
      );
    }
    case 'step': {
      const i = ex.fault.steps.findIndex((s) => s.nodeId === target.nodeId);
      const node = ex.fault.graph.nodes.find((n) => n.id === target.nodeId);
      if (!node) return <p>Not a node of this architecture's fault graph.</p>;
      const st = i >= 0 ? ex.fault.steps[i] : undefined;
      return (
        <>
          <h3><code>{node.label}</code></h3>
          <p>{node.file} — {st ? `step ${i + 1} of ${ex.fault.steps.length}` : 'not taken in this scenario'}{node.verified ? '' : ' — unverified'}</p>
          {st?.decision && <p>{st.decision.test}: <strong>{st.decision.value}</strong>{st.decision.taken ? ` ⇒ ${st.decision.taken}` : ''}</p>}
          {st?.detail && <p>{st.detail}</p>}
          <SourceList ids={st?.sources ?? node.sources} />
        </>
      );
    }
    case 'verdict': {
      const e = all[target.design] ?? ex;
      const v = e.verdicts.find((x) => x.id === target.verdict);
      if (!v) return <p>Unknown verdict.</p>;
      return (
        <>
          <h3>{DESIGN_LABEL[target.design]}: {v.label}</h3>
          <p><strong className={`status ${v.status.replace('/', '')}`}>{v.status}</strong> — <NoBreakErrnos text={v.short} />{v.verified ? '' : ' (unverified)'}</p>
          <p><NoBreakErrnos text={v.detail} /></p>
          {decided && target.design === ex.design && <DecidedBy ex={ex} d={decided} onStep={onStep} />}
          <SourceList ids={v.sources} />
        </>
      );
    }
    case 'vma': {
      const v = ex.vma;
      const text: Record<string, string> = {
        range: `${v.kind} 0x${hex(v.vmStart)}-0x${hex(v.vmEnd)}, vm_pgoff 0x${hex(v.vmPgoff)}`,
        flags: v.flags.map((f) => `${f.mnemonic} = ${f.name}${f.verified ? '' : ' (unverified)'}`).join(', '),
        pgprot: `${v.pgprot.cacheMode}: ${v.pgprot.origin}`,
        vm_ops: v.vmOps ? `${v.vmOps.name}: ${v.vmOps.handlers.map((h) => `.${h.name} = ${h.fn}`).join(', ')}` : 'none',
        walk: v.walk.map((w) => `${w.level}: ${w.entry}`).join('; '),
        leaves: v.leaves.map((l) => `${l.size} 0x${hex(l.hva)} → pfn 0x${hex(l.pfn)}${l.special ? ' special' : ''}`).join('; '),
      };
      return (
        <>
          <h3>VMA: {target.part}</h3>
          <p>{text[target.part] ?? ''}</p>
          {v.notes.map((n) => <p key={n}>{n}</p>)}
          <SourceList ids={v.sources} />
        </>
      );
    }
  }
}

/** Scroll the resource tree to a resource and focus it. */
function showInTree(path: string[]): void {
  const el = document.querySelector<SVGGElement>(noteTargetSelector({ kind: 'resource', path }));
  el?.scrollIntoView({ block: 'center' });
  el?.focus({ preventScroll: true });
}

/** Where the diagrams light what decided the verdict (model/decider.ts). */
function DecidedBy({ ex, d, onStep }: { ex: Explanation; d: Decider; onStep: ((i: number) => void) | undefined }) {
  const st = d.step !== null ? ex.fault.steps[d.step] : undefined;
  if (!st && !d.resourcePath && !d.vma) return <p className="decided-by">No single step or resource decides it: it follows from the whole scenario (see the detail).</p>;
  return (
    <p className="decided-by" data-testid="decided-by">
      <span className="swatch decided" aria-hidden="true" /> Decided by{' '}
      {st && (
        <button type="button" className="link" onClick={() => onStep?.(d.step!)}>
          step {d.step! + 1}, <code>{st.label}</code>
        </button>
      )}
      {st && d.resourcePath && ' and '}
      {d.resourcePath && (
        <>
          the resource{' '}
          <button type="button" className="link" data-testid="decided-resource" onClick={() => showInTree(d.resourcePath!)}>
            <code>{d.resourcePath.join(' › ')}</code>
          </button>
        </>
      )}
      {!st && !d.resourcePath && d.vma && 'the VMA'}
      {' '}(lit in the diagrams).
    </p>
  );
}

export interface InspectorProps {
  ex: Explanation;
  all: Record<string, Explanation>;
  target: NoteTarget | null;
  notes: ReviewNote[];
  onAddNote: (n: ReviewNote) => void;
  onRemoveNote: (id: string) => void;
  onClose: () => void;
  /** What decided the selected verdict, when it is one of the design on screen. */
  decided?: Decider | null;
  onStep?: (i: number) => void;
}

function InspectorImpl({ ex, all, target, notes, onAddNote, onRemoveNote, onClose, decided = null, onStep }: InspectorProps) {
  const [draft, setDraft] = useState('');
  if (!target) {
    return (
      <aside className="inspector empty" id="inspector" tabIndex={-1} aria-label="Inspector" data-testid="inspector">
        <p>Select a box, a step or a verdict to see its facts and sources. Press <kbd>n</kbd> on a focused box to pin a review note.</p>
        <p className="legend-line"><span className="unverified-mark">unverified</span> marks facts the domain notes could not check against source.</p>
      </aside>
    );
  }
  const pinned = notesFor(notes, target);
  return (
    <aside className="inspector" id="inspector" tabIndex={-1} aria-label="Inspector" data-testid="inspector">
      <button type="button" className="close" onClick={onClose} aria-label="Close inspector">×</button>
      <Body ex={ex} all={all} target={target} decided={decided} onStep={onStep} />
      <section className="notes" aria-label="Review notes">
        <h4>Review notes</h4>
        <NotesSaveHint />
        {pinned.map((n) => (
          <blockquote key={n.id} data-testid="note">
            {n.text}
            <button type="button" className="link" onClick={() => onRemoveNote(n.id)} aria-label="Delete note">delete</button>
          </blockquote>
        ))}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const text = draft.trim().slice(0, 2000);
            if (!text) return;
            onAddNote({ id: `n${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`, target, text });
            setDraft('');
          }}
        >
          <label className="sr-only" htmlFor="note-draft">New review note</label>
          <textarea id="note-draft" data-testid="note-input" value={draft} maxLength={2000} rows={2} placeholder="Pin a review note here…" onChange={(e) => setDraft(e.target.value)} />
          <button type="submit" data-testid="note-add" disabled={!draft.trim()}>Add note</button>
        </form>
      </section>
    </aside>
  );
}

export const Inspector = memo(InspectorImpl);
