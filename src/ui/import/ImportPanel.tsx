/**
 * "Your machine": paste or drop /proc/iomem, /proc/PID/smaps (or maps, pmap -X) and a fault trace; see what was
 * understood and where the input is bad; pick the accelerator range the designs then run against.
 * Parsing runs in a worker; the scenario on screen is only touched when the user picks a range that the model accepts.
 */
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type DragEvent, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { explainAll, type ExplainOptions } from '../../model/explain';
import type { Explanation } from '../../model/explain-types';
import { compareVmFlags } from '../../model/import/flags';
import type { ParsedVma } from '../../model/import/maps';
import { MAX_IMPORT_CHARS, type ImportKind, type ImportResult } from '../../model/import/parseImport';
import { layoutForRange, parseRange } from '../../model/import/range';
import { betterKernelFor, matchTrace } from '../../model/import/trace';
import { focusTree } from '../../model/import/focusTree';
import { faultGraph } from '../../model/kvm/fault';
import { formatSize, hex } from '../../model/addr';
import type { DesignId, HdmLayout, Platform } from '../../model/scenario';
import { DESIGNS } from '../../model/scenario';
import type { Resource } from '../../model/resource/types';
import { startImport, type ImportJob, type ImportProgress } from '../../workers/importClient';
import { explainCached } from '../derive-cache';
import { whenIdle } from '../hooks/whenIdle';
import type { Observed } from '../diagrams/types';
import { loadImports, storableText, type StoredImports } from './importStorage';
import { openLocalStorage } from '../storage/storageFault';
import { KINDS } from './importMerge';
import { ElsewhereNotice, NotKeptNotice, SaveProblemNotice, SetAsideNotice } from './ImportNotices';
import { textsOf } from './importTexts';
import { beginRestore, checkRestore, endRestore, failRestore, type SetAside } from './restoreGuard';
import { useImportPersistence } from './useImportPersistence';
import './import.css';
import './notices.css';
import { SOURCES } from '../../model/sources';
import { sourceLabel, sourceUrlOf } from '../../model/source-links';
import type { SourceId } from '../../model/source';

/** What the import feeds into the app: overlays for the diagrams and explain() options for the picked range. */
export interface ImportSelection {
  observed: Observed;
  /** Options for explain() (baseTree + layout), and a key that changes whenever they do; null: model's own tree. */
  explain: { opts: ExplainOptions; key: string } | null;
}

export interface ImportPanelProps {
  platform: Platform;
  /**
   * The design on screen (default vfio-owned). A picked range is checked by deriving this design on it, through the
   * app's derivation cache, so the app's own derivation of the picked range is then a cache hit.
   */
  design?: DesignId;
  /** Every design's explanation on the current platform (for the expected VmFlags); derived here when absent. */
  all?: Record<DesignId, Explanation>;
  onChange: (s: ImportSelection) => void;
  /** Where imports persist; default window.localStorage. Pass null to disable. */
  storage?: Storage | null;
  designLabel?: (d: DesignId) => string;
}

type Parsed<K extends ImportKind> = Extract<ImportResult, { kind: K }>;

interface Slot<K extends ImportKind> {
  name: string;
  /** Null when the text was too large to keep in storage and this slot was restored. */
  text: string | null;
  result: Parsed<K> | null;
  id: number;
}

interface Slots {
  iomem?: Slot<'iomem'>;
  maps?: Slot<'maps'>;
  trace?: Slot<'trace'>;
}

const LARGE_PASTE = 200_000;
const SHOW_ERRORS = 50;
const SHOW_VMAS = 500;

/** How an import ended, for whoever started it (the restore, the Import button). */
type After = (outcome: 'ok' | 'failed' | 'cancelled', why?: string) => void;

function vmaLabel(v: ParsedVma): string {
  return `${hex(v.start)}-${hex(v.end)} ${v.perms} ${v.path || '[anon]'}`;
}

function ErrorList({ errors, title, testId }: { errors: { line: number; column?: number; message: string }[]; title: string; testId: string }) {
  if (errors.length === 0) return null;
  return (
    <details className={title === 'notes' ? 'import-errors import-notes' : 'import-errors'} open={errors.length <= 5} data-testid={testId}>
      <summary>
        {errors.length} {errors.length === 1 ? title.replace(/^lines /, 'line ').replace(/^notes$/, 'note') : title}
      </summary>
      <ul>
        {errors.slice(0, SHOW_ERRORS).map((e, i) => (
          <li key={i}>
            line {e.line}
            {e.column !== undefined ? `, column ${e.column}` : ''}: {e.message}
          </li>
        ))}
        {errors.length > SHOW_ERRORS && <li>… and {errors.length - SHOW_ERRORS} more</li>}
      </ul>
    </details>
  );
}

/** Short citations for a suggestion, linked where the source has an address. */
function Cites({ ids }: { ids: readonly SourceId[] }) {
  if (ids.length === 0) return null;
  return (
    <span className="import-cites">
      {' '}[
      {ids.map((id, i) => {
        const s = SOURCES[id];
        if (!s) return null;
        const url = sourceUrlOf(id, s);
        const label = sourceLabel(s) + (s.verified ? '' : ' (unverified)');
        return (
          <span key={id}>
            {i > 0 ? '; ' : ''}
            {url ? (
              <a href={url} target="_blank" rel="noreferrer">
                {label}
              </a>
            ) : (
              label
            )}
          </span>
        );
      })}
      ]
    </span>
  );
}

let slotIds = 1;

/** The key that tells the derivation cache (and App) apart runs on different imported dumps and ranges. */
const importKey = (slotId: number, range: string) => `import:${slotId}:${range}`;

interface Focused {
  /** The tree the designs run on: the dump, cut down by focusTree() when large. */
  tree: Resource;
  /** Resources focusTree() left out. */
  hidden: number;
  layout: HdmLayout;
}

const focusedRanges = new WeakMap<Resource, Map<string, Focused>>();

/**
 * focusTree() and layoutForRange() for a range of a parsed dump, memoised per dump and range. Picking a range checks
 * it with one derivation and then applies it; both need the same tree and layout, and each costs a walk over the
 * whole dump (1,000 resources in a server's), so the second use is a lookup. One tree object per dump and range
 * also lets the panel tell whether the app's derivations (Explanation.bootTree) are of this range yet. Not
 * bounded: a user tries a handful of ranges per dump, and the entries go with the dump.
 */
function focusedRange(tree: Resource, start: bigint, end: bigint): Focused {
  let byRange = focusedRanges.get(tree);
  if (!byRange) focusedRanges.set(tree, (byRange = new Map()));
  const k = `${start}-${end}`;
  let f = byRange.get(k);
  if (!f) {
    const cut = focusTree(tree, start, end);
    f = { tree: cut.tree, hidden: cut.hidden, layout: layoutForRange(tree, start, end) };
    byRange.set(k, f);
  }
  return f;
}

/** The import panel. Keyboard operable: every control is a native input, button, select or radio. */
function ImportPanelImpl({ platform, design = 'vfio-owned', all, onChange, storage, designLabel = (d) => d }: ImportPanelProps) {
  // Reading window.localStorage throws where site data is blocked: openLocalStorage() says so instead.
  const [access] = useState(() => (storage === undefined ? openLocalStorage() : { storage, fault: null }));
  const store = access.storage;
  const [stored] = useState(() => loadImports(store));
  const [slots, setSlots] = useState<Slots>({});
  const [range, setRange] = useState<string | null>(stored.value.iomem?.range ?? null);
  const [rangeText, setRangeText] = useState(stored.value.iomem?.range ?? '');
  const [rangeError, setRangeError] = useState<string | null>(null);
  const [vmaLine, setVmaLine] = useState<number | null>(stored.value.maps?.vmaLine ?? null);
  /**
   * The textarea is uncontrolled: a controlled one holding a pasted dump made React compare and copy the whole text
   * (value and defaultValue) on every render. React only keeps whether it holds anything to import, and `edits`
   * counts the user's changes (see the Import button).
   */
  const textArea = useRef<HTMLTextAreaElement>(null);
  const [hasText, setHasText] = useState(false);
  const edits = useRef(0);
  const [busy, setBusy] = useState<{ label: string; progress: ImportProgress | null } | null>(null);
  const [message, setMessage] = useState<string | null>(stored.message);
  /** A file, drop or large paste that did not go through (it never was in the textarea): kept to try again. */
  const [retryable, setRetryable] = useState<{ input: string | Blob; name: string } | null>(null);
  /** What storage held at load; an entry stays until its slot is re-imported or removed (so nothing is lost mid-parse). */
  const [kept, setKept] = useState<StoredImports>(stored.value);
  const keptFlags = kept.maps?.vmFlags ?? null;
  const keptFunctions = kept.trace?.functions ?? null;
  const job = useRef<ImportJob | null>(null);
  const queue = useRef<{ input: string | Blob; name: string; kind?: ImportKind; after?: After }[]>([]);

  const runRef = useRef<((input: string | Blob, name: string, kind?: ImportKind, after?: After) => void) | null>(null);
  const run = useCallback((input: string | Blob, name: string, kind?: ImportKind, after?: After) => {
    if (job.current) {
      queue.current.push({ input, name, kind, after });
      return;
    }
    setBusy({ label: name, progress: null });
    const j = startImport(input, (p) => setBusy({ label: name, progress: p }), { kind });
    job.current = j;
    /** The job's outcome and its end (busy cleared) in one commit, then the next queued import. */
    const settle = (apply: () => void, outcome: Parameters<After>[0], why?: string) => {
      // Committed synchronously: a small paste is parsed in the task of the Import click (importClient), so the
      // result is drawn in the frame right after that task. Left to React's scheduler it was rendered in a task of
      // its own, after the browser had painted one more frame with "Parsing…" in it.
      flushSync(() => {
        apply();
        setBusy(null);
      });
      job.current = null;
      after?.(outcome, why);
      const next = queue.current.shift();
      if (next) runRef.current?.(next.input, next.name, next.kind, next.after);
    };
    j.promise.then(
      ({ result, text: parsedText, onPage }) => {
        if (result.kind === 'rejected') {
          const where = result.line ? `line ${result.line}${result.column ? `, column ${result.column}` : ''}: ` : '';
          const why = `${where}${result.message}`;
          settle(() => setMessage(`${name} was not imported — ${why}. What was on screen is unchanged.`), 'failed', why);
          return;
        }
        settle(() => {
          const id = slotIds++;
          setSlots((s) => {
            if (result.kind === 'iomem') return { ...s, iomem: { name, text: parsedText, result, id } };
            if (result.kind === 'maps') return { ...s, maps: { name, text: parsedText, result, id } };
            return { ...s, trace: { name, text: parsedText, result, id } };
          });
          if (result.kind === 'iomem' && !kind) {
            setRange(null);
            setRangeText('');
          }
          if (result.kind === 'maps' && !kind) {
            const first = result.maps.vmas.find((v) => v.vfio) ?? result.maps.vmas[0];
            setVmaLine(first ? first.line : null);
          }
          setMessage(onPage ? `${name} was parsed on this page (the import worker was not used: ${onPage}).` : null);
        }, 'ok');
      },
      (e: unknown) => {
        const m = e instanceof Error ? e.message : String(e);
        settle(
          () => setMessage(m === 'cancelled' ? `Import of ${name} cancelled; nothing changed.` : `Import of ${name} failed: ${m}. Nothing changed.`),
          m === 'cancelled' ? 'cancelled' : 'failed',
          m,
        );
      },
    );
  }, []);
  useEffect(() => {
    runRef.current = run;
  }, [run]);

  // Stored imports whose last restore did not end or failed are set aside instead of restored (restoreGuard.ts).
  const [aside, setAside] = useState<SetAside | null>(() => (store ? checkRestore(stored.value) : null));
  /** Re-parse stored imports (in the worker when large); the picked range and VMA come back with them. */
  const restore = useCallback(
    (v: StoredImports) => {
      const kinds = KINDS.filter((k) => v[k]?.text);
      if (kinds.length === 0) return;
      beginRestore(v);
      let left = kinds.length;
      const failures: string[] = [];
      for (const k of kinds) {
        const s = v[k]!;
        run(s.text!, s.name, k, (outcome, why) => {
          if (outcome !== 'ok') failures.push(`${s.name}: ${outcome === 'cancelled' ? 'cancelled' : why}`);
          if (--left > 0) return;
          if (failures.length === 0) endRestore();
          else {
            failRestore(v, failures.join('; '));
            setAside({ reason: `restoring them failed (${failures.join('; ')})`, value: v });
          }
        });
      }
    },
    [run],
  );
  const restored = useRef(false);
  useEffect(() => {
    if (restored.current) return;
    restored.current = true;
    if (!aside) restore(stored.value);
  }, [restore, stored, aside]);

  const cancel = () => job.current?.cancel();

  /** What the user hands in (paste, drop, file, Import button): refused at once, before any copy to the worker, when too large. */
  const submit = (input: string | Blob, name: string, after?: After) => {
    const size = typeof input === 'string' ? input.length : input.size;
    if (size > MAX_IMPORT_CHARS) {
      setMessage(`${name} was not imported — it is ${(size / 1048576).toFixed(1)} MiB; the limit is ${MAX_IMPORT_CHARS / 1048576} MiB. Trim it (e.g. grep the lines you need). What was on screen is unchanged.`);
      after?.('failed');
      return;
    }
    // What is not in the textarea (a file, a drop, a large paste) is kept until it goes through; the textarea keeps its own.
    run(input, name, undefined, after ?? ((outcome) => setRetryable((r) => (outcome !== 'ok' ? { input, name } : r?.input === input ? null : r))));
  };

  // What to persist (nothing mid-import). Each slot's savedAt is set by ImportStore when the slot changes.
  const persistValue = useMemo(() => {
    if (busy) return null;
    const now = '';
    const v: StoredImports = { version: 1 };
    const vma = slots.maps?.result?.maps.vmas.find((x) => x.line === vmaLine) ?? null;
    if (slots.iomem) v.iomem = { name: slots.iomem.name, text: slots.iomem.text && storableText(slots.iomem.text), savedAt: now, range };
    else if (kept.iomem) v.iomem = kept.iomem;
    if (slots.maps) {
      const t = slots.maps.text && storableText(slots.maps.text);
      v.maps = {
        name: slots.maps.name, text: t, savedAt: now, vmaLine,
        vmFlags: !t && vma?.vmFlags ? { label: vmaLabel(vma).slice(0, 300), mnemonics: vma.vmFlags.slice(0, 64) } : null,
      };
    } else if (kept.maps) v.maps = kept.maps;
    if (slots.trace) {
      const t = slots.trace.text && storableText(slots.trace.text);
      v.trace = { name: slots.trace.name, text: t, savedAt: now, functions: t ? null : slots.trace.result?.trace.functions.slice(0, 5000).map((f) => f.name.slice(0, 200)) ?? null };
    } else if (kept.trace) v.trace = kept.trace;
    return v;
  }, [slots, range, vmaLine, busy, kept]);
  // Written when the browser is idle, not in the task that commits this render; merged with other tabs' (importStore.ts).
  const persistence = useImportPersistence(store, access.fault, stored.value, persistValue);

  const remove = (k: ImportKind) => {
    setSlots((s) => ({ ...s, [k]: undefined }));
    setKept((s) => ({ ...s, [k]: undefined }));
    if (k === 'iomem') {
      setRange(null);
      setRangeText('');
    }
    if (k === 'maps') setVmaLine(null);
  };

  // What goes to the app.
  const iomemRes = slots.iomem?.result ?? null;
  const layoutAndTree = useMemo(() => {
    if (!iomemRes || range === null || iomemRes.iomem.nonRoot) return null;
    const r = parseRange(range);
    if (!r.ok) return null;
    return focusedRange(iomemRes.iomem.tree, r.start, r.end);
  }, [iomemRes, range]);
  const mapsRes = slots.maps?.result ?? null;
  const vma = mapsRes?.maps.vmas.find((v) => v.line === vmaLine) ?? null;
  const traceRes = slots.trace?.result ?? null;
  const graph = useMemo(() => faultGraph(platform.arch, platform.kernel), [platform.arch, platform.kernel]);
  const traceMatch = useMemo(() => (traceRes ? matchTrace(traceRes.trace.functions, graph) : null), [traceRes, graph]);
  // A trace from an older host names the functions v6.12/v6.13 renamed: say which kernel it matches.
  const kernelHint = useMemo(
    () => (traceRes ? betterKernelFor(traceRes.trace.functions, platform.arch, platform.kernel) : null),
    [traceRes, platform.arch, platform.kernel],
  );

  // The selection is rebuilt only when what it carries changes (importing a dump without picking a range changes
  // nothing the app shows), so the app is not re-rendered for nothing.
  const hasMaps = Boolean(slots.maps);
  const hasTrace = Boolean(slots.trace);
  const observed = useMemo<Observed>(() => {
    const o: Observed = {};
    if (vma?.vmFlags) o.vmFlags = { label: vmaLabel(vma), mnemonics: vma.vmFlags };
    else if (!hasMaps && keptFlags) o.vmFlags = keptFlags;
    if (traceRes) o.traceFunctions = traceRes.trace.functions.map((f) => f.name);
    else if (!hasTrace && keptFunctions) o.traceFunctions = keptFunctions;
    return o;
  }, [vma, traceRes, hasMaps, hasTrace, keptFlags, keptFunctions]);
  const explainKey = layoutAndTree && slots.iomem && range !== null ? importKey(slots.iomem.id, range) : null;
  const explainSel = useMemo(
    () => (layoutAndTree && explainKey ? { opts: { baseTree: layoutAndTree.tree, layout: layoutAndTree.layout }, key: explainKey } : null),
    [layoutAndTree, explainKey],
  );
  const selection = useMemo<ImportSelection>(() => ({ observed, explain: explainSel }), [observed, explainSel]);

  // A layout effect: the app re-renders on the picked range in the same task as this panel, before the browser paints.
  // From a passive effect it re-rendered only after a frame had been painted with the panel already saying "every
  // design now runs against this dump" and the diagrams (and the outcome table) still on the old tree.
  useLayoutEffect(() => {
    onChange(selection);
  }, [selection, onChange]);
  // The app passes its own derivation (made with these same options); standalone, derive here.
  const ownAll = useMemo(() => (all ? null : explainAll(platform, selection.explain?.opts ?? {})), [all, platform, selection.explain]);
  const allEx = all ?? ownAll!;

  /** Apply a range only if every design runs on it; otherwise say why and keep what is on screen. */
  const pickRange = (value: string) => {
    setRangeText(value);
    const r = parseRange(value);
    if (!r.ok) {
      setRangeError(`column ${r.column}: ${r.message}`);
      return;
    }
    if (!iomemRes || !slots.iomem) return;
    try {
      // What can refuse a range (its layout against the tree) does not depend on the design: one derivation checks it,
      // and the app then derives every design once, with these same options. Checked with the design on screen and
      // through the cache, under the key the app will use, so the app's derivation of it is that same result.
      const f = focusedRange(iomemRes.iomem.tree, r.start, r.end);
      explainCached({ design, platform }, { baseTree: f.tree, layout: f.layout }, importKey(slots.iomem.id, value.trim()));
    } catch (e) {
      setRangeError(`the model cannot run on this range: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    setRangeError(null);
    setRange(value.trim());
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    const f = e.dataTransfer.files[0];
    if (f) submit(f, f.name);
  };

  const progressPct = busy?.progress ? Math.round(busy.progress.fraction * 100) : null;
  const anything = Boolean(slots.iomem || slots.maps || slots.trace || kept.iomem || kept.maps || kept.trace || busy || message || aside || persistence.problem || persistence.elsewhere);
  // Closed on a first visit (the diagrams stay in view); open as soon as there is something to show.
  const [userOpen, setUserOpen] = useState<boolean | null>(null);
  const open = userOpen ?? anything;

  return (
    <details
      className="import-panel"
      data-testid="import-panel"
      open={open}
      onToggle={(e) => {
        const now = (e.currentTarget as HTMLDetailsElement).open;
        if (now !== open) setUserOpen(now);
      }}
      onDragOver={(e) => e.preventDefault()}
      onDrop={onDrop}
    >
      <summary data-testid="import-toggle">
        <h2 id="import-h">Your machine</h2>
        <span className="import-summary-note">apply the designs to your /proc/iomem, smaps or fault trace (paste or drop)</span>
      </summary>
      <div className="import-input">
      <p className="import-hint">
        Paste or drop <code>/proc/iomem</code> (as root), <code>/proc/PID/smaps</code> (or maps, <code>pmap -X</code>) of the VMM, or a
        fault trace (ftrace function_graph, trace-cmd/perf <code>kvm_page_fault</code>). Parsed in the background; kept in this browser until
        removed.
      </p>
      <label htmlFor="import-text">Text to import</label>
      <textarea
        id="import-text"
        data-testid="import-text"
        rows={3}
        spellCheck={false}
        ref={textArea}
        defaultValue=""
        onChange={(e) => {
          edits.current++;
          setHasText(/\S/.test(e.target.value));
        }}
        onPaste={(e) => {
          const t = e.clipboardData.getData('text');
          if (t.length > LARGE_PASTE) {
            // Big pastes never enter the textarea: straight to the worker.
            e.preventDefault();
            submit(t, `pasted text (${formatSize(BigInt(t.length))})`);
          }
        }}
      />
      <div className="import-actions">
        <button
          type="button"
          data-testid="import-submit"
          disabled={!hasText}
          onClick={() => {
            const ta = textArea.current;
            if (!ta) return;
            setHasText(false);
            const at = edits.current;
            submit(ta.value, 'pasted text', (outcome) => {
              // Emptied only once imported: a failed or cancelled import leaves the text there to fix or retry.
              if (outcome !== 'ok') {
                setHasText(/\S/.test(ta.value));
                return;
              }
              // Emptying a textarea that holds a pasted dump costs Chromium 3–5 ms for 1,000 lines; done when idle it
              // follows the frame that shows the result instead of delaying it. Not if the user has typed since.
              whenIdle(() => {
                if (edits.current === at) ta.value = '';
              });
            });
          }}
        >
          Import
        </button>
        <label className="import-file">
          or choose a file{' '}
          <input
            type="file"
            data-testid="import-file"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) submit(f, f.name);
              e.target.value = '';
            }}
          />
        </label>
      </div>
      </div>
      {busy && (
        <div className="import-busy" data-testid="import-progress" role="status">
          {busy.progress?.phase === 'reading' ? 'Reading' : 'Parsing'} {busy.label}
          {busy.progress?.onPage ? ' on this page' : ''}…{' '}
          <progress max={100} value={progressPct ?? undefined} aria-label={`Parsing ${busy.label}`} />
          {progressPct !== null && ` ${progressPct}%`}{' '}
          <button type="button" data-testid="import-cancel" onClick={cancel}>
            Cancel
          </button>
          {busy.progress?.onPage && <small data-testid="import-on-page"> The import worker is not used: {busy.progress.onPage}.</small>}
        </div>
      )}
      <div role="status" aria-live="polite" data-testid="import-message">
        {message}
      </div>
      {retryable && !busy && (
        <button type="button" data-testid="import-retry" onClick={() => submit(retryable.input, retryable.name)}>
          Try importing {retryable.name} again
        </button>
      )}
      {aside && (
        <SetAsideNotice
          reason={aside.reason}
          value={aside.value}
          onRestore={() => {
            setAside(null);
            restore(aside.value);
          }}
          onDiscard={() => {
            setAside(null);
            endRestore();
            for (const k of KINDS) if (aside.value[k]) remove(k);
          }}
        />
      )}
      {persistence.problem && <SaveProblemNotice problem={persistence.problem} texts={textsOf(slots, kept)} onRetry={persistence.retry} />}
      {persistence.elsewhere && (
        <ElsewhereNotice
          kinds={persistence.elsewhere.kinds}
          value={persistence.elsewhere.value}
          onDismiss={persistence.dismissElsewhere}
          onShow={() => {
            const { kinds, value: theirs } = persistence.elsewhere!;
            persistence.dismissElsewhere();
            for (const k of kinds) if (!theirs[k]) remove(k);
            const adopt: StoredImports = { version: 1 };
            for (const k of kinds) if (theirs[k]?.text) Object.assign(adopt, { [k]: theirs[k] });
            if (adopt.iomem) {
              setRange(adopt.iomem.range);
              setRangeText(adopt.iomem.range ?? '');
            }
            if (adopt.maps) setVmaLine(adopt.maps.vmaLine);
            setKept((s) => ({ ...s, ...adopt }));
            restore(adopt);
          }}
        />
      )}
      {!busy && <NotKeptNotice value={kept} imported={KINDS.filter((k) => slots[k])} onForget={remove} />}

      {slots.iomem?.result && (
        <IomemView
          slot={slots.iomem as Slot<'iomem'> & { result: Parsed<'iomem'> }}
          range={range}
          rangeText={rangeText}
          rangeError={rangeError}
          onPick={pickRange}
          onRangeText={setRangeText}
          onClear={() => setRange(null)}
          onRemove={() => remove('iomem')}
          hidden={layoutAndTree?.hidden ?? 0}
          outcome={
            range !== null && layoutAndTree ? (
              // The app derives every design a frame after the diagrams (its verdict matrix): until then `all` is of
              // the tree on screen before, and this table is only drawn from explanations of this dump.
              DESIGNS.every((d) => allEx[d].bootTree === layoutAndTree.tree) ? (
                <Outcome all={allEx} designLabel={designLabel} />
              ) : (
                <p data-testid="import-outcome-pending">Deriving every design on this dump…</p>
              )
            ) : null
          }
        />
      )}
      {!slots.iomem && kept.iomem && !kept.iomem.text && !kept.iomem.why && (
        <article className="import-slot">
          <h3>/proc/iomem: {kept.iomem.name}</h3>
          <p>This dump was too large to keep in the browser; import it again to apply it.</p>
          <button type="button" onClick={() => remove('iomem')}>Remove</button>
        </article>
      )}

      {mapsRes && slots.maps && (
        <article className="import-slot" data-testid="import-maps" aria-labelledby="import-maps-h">
          <h3 id="import-maps-h">
            {mapsRes.maps.format === 'pmap-X' ? 'pmap -X' : mapsRes.maps.format}: {slots.maps.name}
          </h3>
          <p>
            {mapsRes.maps.vmaCount} VMAs ({mapsRes.maps.vmas.filter((v) => v.vfio).length} VFIO) from {mapsRes.maps.lineCount} lines
            {mapsRes.maps.vmaCount > mapsRes.maps.vmas.length ? `; the first ${mapsRes.maps.vmas.length} are listed with every VFIO one` : ''}.
          </p>
          <ErrorList errors={mapsRes.maps.errors} title="lines not understood" testId="import-errors-maps" />
          {mapsRes.maps.vmas.length > 0 && (
            <>
              <label htmlFor="import-vma">VMA to compare</label>{' '}
              <select id="import-vma" data-testid="import-vma" value={vmaLine ?? ''} onChange={(e) => setVmaLine(Number(e.target.value))}>
                {[...mapsRes.maps.vmas.filter((v) => v.vfio), ...mapsRes.maps.vmas.filter((v) => !v.vfio)].slice(0, SHOW_VMAS).map((v) => (
                  <option key={v.line} value={v.line}>
                    {v.vfio ? 'VFIO ' : ''}
                    {vmaLabel(v)}
                  </option>
                ))}
              </select>
            </>
          )}
          {vma && <VmaCompare vma={vma} all={allEx} designLabel={designLabel} />}
          <button type="button" data-testid="import-remove-maps" onClick={() => remove('maps')}>
            Remove
          </button>
        </article>
      )}

      {traceRes && slots.trace && traceMatch && (
        <article className="import-slot" data-testid="import-trace" aria-labelledby="import-trace-h">
          <h3 id="import-trace-h">
            Trace ({traceRes.trace.format}): {slots.trace.name}
          </h3>
          <p>
            {traceRes.trace.functions.length} functions, {traceRes.trace.faultCount} fault events (kvm_page_fault / kvm_guest_fault), {traceRes.trace.lineCount} lines.
          </p>
          <ErrorList errors={traceRes.trace.errors} title="lines not understood" testId="import-errors-trace" />
          <ErrorList errors={traceRes.trace.warnings} title="notes" testId="import-warnings-trace" />
          {kernelHint && (
            <p className="import-hint" data-testid="import-trace-kernel-hint">
              These names match the fault path of kernel v{kernelHint.kernel} better: {kernelHint.known} functions known there,{' '}
              {kernelHint.currentKnown} with v{platform.kernel}. Choose v{kernelHint.kernel} under Kernel to compare like with like.
            </p>
          )}
          <h4>In the model&apos;s {platform.arch} fault graph (marked on the diagram)</h4>
          <ul data-testid="import-trace-known">
            {traceMatch.known.map((k) => (
              <li key={k.name}>
                <code>{k.name}()</code> ×{k.count}
              </li>
            ))}
            {traceMatch.known.length === 0 && <li>none</li>}
          </ul>
          <h4>Not in the model</h4>
          <ul data-testid="import-trace-unknown" className="import-unknown">
            {traceMatch.unknown.slice(0, 300).map((k) => (
              <li key={k.name}>
                <code>{k.name}()</code> ×{k.count} (line {k.firstLine})
              </li>
            ))}
            {traceMatch.unknown.length > 300 && <li>… and {traceMatch.unknown.length - 300} more</li>}
          </ul>
          {traceRes.trace.faults.length > 0 && (
            <table className="import-faults">
              <caption>Fault events{traceRes.trace.faultCount > 20 ? ' (first 20)' : ''}</caption>
              <thead>
                <tr>
                  <th scope="col">line</th>
                  <th scope="col">vcpu</th>
                  <th scope="col">rip / pc</th>
                  <th scope="col">GPA</th>
                  <th scope="col">error_code / ESR</th>
                </tr>
              </thead>
              <tbody>
                {traceRes.trace.faults.slice(0, 20).map((f) => (
                  <tr key={f.line}>
                    <td>{f.line}</td>
                    <td>{f.vcpu ?? '—'}</td>
                    <td>{f.rip !== null ? `0x${hex(f.rip)}` : '—'}</td>
                    <td>0x{hex(f.gpa)}</td>
                    <td>0x{hex(f.errorCode)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <button type="button" data-testid="import-remove-trace" onClick={() => remove('trace')}>
            Remove
          </button>
        </article>
      )}
      {!slots.trace && keptFunctions && (
        <article className="import-slot">
          <h3>Trace: {kept.trace?.name}</h3>
          <p>Too large to keep; its {keptFunctions.length} function names are still marked on the fault diagram.</p>
          <button type="button" onClick={() => remove('trace')}>Remove</button>
        </article>
      )}
    </details>
  );
}

function IomemView({
  slot,
  range,
  rangeText,
  rangeError,
  onPick,
  onRangeText,
  onClear,
  onRemove,
  hidden,
  outcome,
}: {
  hidden: number;
  outcome: ReactNode;
  slot: Slot<'iomem'> & { result: Parsed<'iomem'> };
  range: string | null;
  rangeText: string;
  rangeError: string | null;
  onPick: (r: string) => void;
  onRangeText: (r: string) => void;
  onClear: () => void;
  onRemove: () => void;
}) {
  const { iomem, candidates } = slot.result;
  const rangeOf = (c: { start: bigint; end: bigint }) => `${hex(c.start)}-${hex(c.end)}`;
  // Long dumps suggest hundreds of ranges: show the best ones (and the picked one) until the user asks for all.
  const [showAll, setShowAll] = useState(false);
  const SHOWN = 12;
  const listed = showAll ? candidates.candidates : candidates.candidates.filter((c, i) => i < SHOWN || rangeOf(c) === range);
  return (
    <article className="import-slot" data-testid="import-iomem" aria-labelledby="import-iomem-h">
      <h3 id="import-iomem-h">/proc/iomem: {slot.name}</h3>
      <p>
        {iomem.nodeCount} resources from {iomem.lineCount} lines
        {iomem.errors.length ? `; ${iomem.errors.length} rejected` : ''}.
      </p>
      <ErrorList errors={iomem.errors} title="lines rejected" testId="import-errors-iomem" />
      <ErrorList errors={iomem.warnings} title="notes" testId="import-warnings-iomem" />
      <p data-testid="import-candidates-message" className={candidates.nonRoot ? 'import-nonroot' : undefined}>
        {candidates.message}
      </p>
      {!candidates.nonRoot && (
        <fieldset>
          <legend>Accelerator range</legend>
          {listed.map((c) => {
            const r = rangeOf(c);
            return (
              <label key={r} className="import-candidate" data-testid="import-candidate" data-name={c.name}>
                <input type="radio" name={`hdm-range-${slot.id}`} value={r} checked={range === r} onChange={() => onPick(r)} />{' '}
                <code>{r}</code> <strong>{c.name}</strong>
                {c.alsoNamed.length > 0 && <span> (also {c.alsoNamed.join(', ')})</span>}
                {c.line !== undefined && <span> — line {c.line}</span>}
                <br />
                <small>
                  {c.reason}
                  <Cites ids={c.sources} />
                </small>
              </label>
            );
          })}
          {listed.length < candidates.candidates.length && (
            <p>
              <button type="button" className="link" data-testid="import-candidates-more" onClick={() => setShowAll(true)}>
                Show all {candidates.candidates.length} suggested ranges
              </button>
            </p>
          )}
          <label htmlFor={`import-range-${slot.id}`}>Or type START-END (hex)</label>{' '}
          <input
            id={`import-range-${slot.id}`}
            data-testid="import-range-input"
            value={rangeText}
            aria-invalid={rangeError !== null}
            aria-describedby={`import-range-err-${slot.id}`}
            onChange={(e) => onRangeText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') onPick(rangeText);
            }}
          />{' '}
          <button type="button" data-testid="import-range-apply" onClick={() => onPick(rangeText)}>
            Apply
          </button>
          <div id={`import-range-err-${slot.id}`} role="alert" data-testid="import-range-error">
            {rangeError}
          </div>
          {range !== null && (
            <p data-testid="import-applied">
              Every design now runs against this dump with the accelerator at <code>{range}</code>.
              {hidden > 0 && ` The dump is large: the ${hidden} resources that do not overlap the range (except nearby top-level ones) are left out of the drawing; the designs never touch them.`}{' '}
              <button type="button" onClick={onClear}>
                Back to the model&apos;s own tree
              </button>
            </p>
          )}
          {range !== null && outcome}
        </fieldset>
      )}
      <button type="button" data-testid="import-remove-iomem" onClick={onRemove}>
        Remove
      </button>
    </article>
  );
}

/** What each design does on the user's tree: its kernel operations' results, the conflict, region_intersects. */
function Outcome({ all, designLabel }: { all: Record<DesignId, Explanation>; designLabel: (d: DesignId) => string }) {
  return (
    <table data-testid="import-outcome">
      <caption>On this dump</caption>
      <thead>
        <tr>
          <th scope="col">design</th>
          <th scope="col">kernel operations</th>
          <th scope="col">region_intersects(System RAM)</th>
        </tr>
      </thead>
      <tbody>
        {DESIGNS.map((d) => {
          const ex = all[d];
          return (
            <tr key={d} data-testid="import-outcome-design" data-design={d} data-conflict={ex.conflict ? ex.conflict.errno : ''}>
              <th scope="row">{designLabel(d)}</th>
              <td>
                <ul>
                  {ex.ops.map((o, i) => (
                    <li key={i} className={o.ok ? undefined : 'import-op-failed'}>
                      <code>{o.fn}</code>: {o.result}
                    </li>
                  ))}
                </ul>
                {ex.conflict && (
                  <strong>
                    {ex.conflict.fn} {ex.conflict.errno}: conflicts with {ex.conflict.conflictWith.path.join(' / ') || ex.conflict.conflictWith.name}
                  </strong>
                )}
              </td>
              <td>
                <code>{ex.memory.systemRamIntersection}</code>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function VmaCompare({ vma, all, designLabel }: { vma: ParsedVma; all: Record<DesignId, Explanation>; designLabel: (d: DesignId) => string }) {
  return (
    <div className="import-vma-compare" data-testid="import-vma-compare">
      <p>
        <code>{vmaLabel(vma)}</code>
        {vma.fields.Rss !== undefined && ` — Rss ${vma.fields.Rss} kB`}
      </p>
      {vma.vfioOffset && (
        <p data-testid="import-vfio-offset">
          Offset 0x{hex(vma.offset)}: {vma.vfioOffset.note}
          <Cites ids={vma.vfioOffset.sources} />
        </p>
      )}
      {vma.vmFlags === null ? (
        <p>This input has no VmFlags (maps or pmap -X). Paste /proc/PID/smaps to compare flags with the designs.</p>
      ) : (
        <table>
          <caption>
            VmFlags <code>{vma.vmFlags.join(' ')}</code> against each design&apos;s VMA
          </caption>
          <thead>
            <tr>
              <th scope="col">design</th>
              <th scope="col">expected</th>
              <th scope="col">per flag</th>
            </tr>
          </thead>
          <tbody>
            {DESIGNS.map((d) => {
              const c = compareVmFlags(vma.vmFlags!, all[d].vma);
              return (
                <tr key={d} data-testid="import-vma-design" data-design={d} data-matches={String(c.matches)}>
                  <th scope="row">{designLabel(d)}</th>
                  <td>
                    <code>{all[d].vma.smaps || '—'}</code>
                    <br />
                    {c.matches ? '✓ ' : '✗ '}
                    {c.summary}
                  </td>
                  <td>
                    {c.flags.map((f) => (
                      <span
                        key={`${f.mnemonic}-${f.status}`}
                        className={`import-flag import-flag-${f.status}`}
                        data-testid="import-flag"
                        data-flag={f.mnemonic}
                        data-status={f.status}
                        title={`${f.name ?? 'not modelled'}: ${f.status}${f.verified ? '' : ' (unverified)'}`}
                      >
                        {f.status === 'match' ? '✓' : f.status === 'missing' ? '−' : '+'}
                        {f.mnemonic}{' '}
                      </span>
                    ))}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** Memoised: a step, a hover or a note elsewhere in the app does not render the panel again. */
export const ImportPanel = memo(ImportPanelImpl);
