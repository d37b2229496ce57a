/**
 * "Your machine": paste or drop /proc/iomem, /proc/PID/smaps (or maps, pmap -X), a fault trace, `cxl list` output or a
 * whole machine's bundle (scripts/collect.sh); see what was understood, what was repaired and where the input is bad;
 * pick the accelerator range the designs then run against. Parsing runs in a worker; the scenario on screen is only
 * touched when the user picks a range that the model accepts, or when a bundle or a `cxl list` proves a platform fact.
 *
 * This file holds the state and its plumbing; each kind of import is drawn by its own view (IomemView, MapsView,
 * TraceView, CxlView, BundleView), and text comes in through PasteArea.
 */
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { flushSync } from 'react-dom';
import { explainAll, type ExplainOptions } from '../../model/explain';
import type { Explanation } from '../../model/explain-types';
import { tieToIomem } from '../../model/import/cxl/tie';
import { MAX_IMPORT_CHARS, type ImportKind } from '../../model/import/parseImport';
import { parseRange, rangeOutsideDump } from '../../model/import/range';
import { betterKernelFor, matchTrace } from '../../model/import/trace';
import { faultGraph } from '../../model/kvm/fault';
import { hex } from '../../model/addr';
import type { DesignId, Platform } from '../../model/scenario';
import { DESIGNS } from '../../model/scenario';
import { startImport, type ImportJob, type ImportProgress } from '../../workers/importClient';
import { explainCached } from '../derive-cache';
import type { Observed } from '../diagrams/types';
import { BundleView } from './BundleView';
import { CxlView } from './CxlView';
import { focusedRange } from './focusedRange';
import { IomemView } from './IomemView';
import { loadImports, type StoredImports } from './importStorage';
import { factsPatch, rangeProblem } from './panelLogic';
import { persistValue } from './persistValue';
import { openLocalStorage } from '../storage/storageFault';
import { KINDS, type SlotKind } from './importMerge';
import { ElsewhereNotice, NotKeptNotice, SaveProblemNotice, SetAsideNotice } from './ImportNotices';
import { textsOf } from './importTexts';
import { beginRestore, checkRestore, endRestore, failRestore, type SetAside } from './restoreGuard';
import { useImportPersistence } from './useImportPersistence';
import { MapsView } from './MapsView';
import { Outcome } from './Outcome';
import { PasteArea } from './PasteArea';
import { vmaLabel, type Parsed, type Slot, type Slots } from './slots';
import { TraceView } from './TraceView';
import './import.css';
import './notices.css';

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
  /** Set platform controls from facts a bundle or a `cxl list` proves; absent: the panel shows them, sets nothing. */
  onPlatform?: (patch: Partial<Platform>) => void;
  /** Where imports persist; default window.localStorage. Pass null to disable. */
  storage?: Storage | null;
  designLabel?: (d: DesignId) => string;
}

/** How an import ended, for whoever started it (the restore, the Import button). */
export type After = (outcome: 'ok' | 'failed' | 'cancelled', why?: string) => void;

/** The order stored imports are restored in: a bundle first, so a slot imported on its own after it wins again. */
const RESTORE_ORDER: readonly SlotKind[] = ['bundle', 'iomem', 'maps', 'trace', 'cxl'];

let slotIds = 1;

/** The key that tells the derivation cache (and App) apart runs on different imported dumps and ranges. */
const importKey = (slotId: number, range: string) => `import:${slotId}:${range}`;

/** The import panel. Keyboard operable: every control is a native input, button, select or radio. */
function ImportPanelImpl({ platform, design = 'vfio-owned', all, onChange, onPlatform, storage, designLabel = (d) => d }: ImportPanelProps) {
  // Reading window.localStorage throws where site data is blocked: openLocalStorage() says so instead.
  const [access] = useState(() => (storage === undefined ? openLocalStorage() : { storage, fault: null }));
  const store = access.storage;
  const [stored] = useState(() => loadImports(store));
  const [slots, setSlots] = useState<Slots>({});
  const [range, setRange] = useState<string | null>(stored.value.iomem?.range ?? stored.value.bundle?.range ?? null);
  const [rangeText, setRangeText] = useState(stored.value.iomem?.range ?? stored.value.bundle?.range ?? '');
  const [rangeError, setRangeError] = useState<string | null>(null);
  const [vmaLine, setVmaLine] = useState<number | null>(stored.value.maps?.vmaLine ?? null);
  const [factsApplied, setFactsApplied] = useState(false);
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
  // The latest platform and range, for the job callbacks (they outlive the render that started them).
  const latest = useRef({ platform, range, onPlatform });
  useEffect(() => {
    latest.current = { platform, range, onPlatform };
  });

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
          const restoring = kind !== undefined;
          let note: string | null = null;
          if (result.kind === 'bundle') {
            applyBundle(result, name, parsedText, id, restoring);
            const n = result.bundle.facts.detected.length;
            note = restoring || !latest.current.onPlatform ? null : `${name}: a machine bundle; ${n === 1 ? 'the fact it proves is' : `the ${n} facts it proves are`} set on the scenario bar.`;
          } else {
            setSlots((s) => ({ ...s, [result.kind]: { name, text: parsedText, result, id } }));
          }
          if (result.kind === 'iomem') {
            const saved = latest.current.range;
            if (!restoring) {
              setRange(null);
              setRangeText('');
            } else if (saved !== null) {
              // A range saved with an earlier import is applied again only if it still parses and lies in this dump.
              const problem = rangeProblem(result.iomem, saved);
              if (problem) {
                setRange(null);
                setRangeError(`the saved range ${saved} was not applied: ${problem}`);
              }
            }
          }
          if (result.kind === 'maps' && !restoring) {
            const first = result.maps.vmas.find((v) => v.vfio) ?? result.maps.vmas[0];
            setVmaLine(first ? first.line : null);
          }
          if (result.kind === 'cxl' && !restoring && result.cxl.region && latest.current.onPlatform) {
            latest.current.onPlatform({ region: result.cxl.region.state });
          }
          const worker = onPage ? `${name} was parsed on this page (the import worker was not used: ${onPage}).` : null;
          setMessage([worker, note].filter(Boolean).join(' ') || null);
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
    /** A bundle fills every slot it has a section for, picks its range, and sets the facts it proves. */
    function applyBundle(result: Parsed<'bundle'>, name: string, text: string, id: number, restoring: boolean) {
      const b = result.bundle;
      setSlots((s) => {
        const next: Slots = { ...s, bundle: { name, text, result, id } };
        if (b.iomem) next.iomem = { name: `${name} › /proc/iomem`, text: null, result: { kind: 'iomem', ...b.iomem }, id: slotIds++ };
        if (b.maps) next.maps = { name: `${name} › smaps`, text: null, result: { kind: 'maps', maps: b.maps }, id: slotIds++ };
        if (b.trace) next.trace = { name: `${name} › ftrace`, text: null, result: { kind: 'trace', trace: b.trace }, id: slotIds++ };
        if (b.cxl) next.cxl = { name: `${name} › cxl list`, text: null, result: { kind: 'cxl', cxl: b.cxl }, id: slotIds++ };
        return next;
      });
      if (b.maps) setVmaLine((b.maps.vmas.find((v) => v.vfio) ?? b.maps.vmas[0])?.line ?? null);
      const r = b.range && b.iomem && !b.iomem.iomem.nonRoot && !rangeOutsideDump(b.iomem.iomem.tree, b.range.start, b.range.end) ? `${hex(b.range.start)}-${hex(b.range.end)}` : null;
      if (!restoring) {
        setRange(r);
        setRangeText(r ?? '');
        setRangeError(null);
      } else if (latest.current.range !== null && b.iomem) {
        const problem = rangeProblem(b.iomem.iomem, latest.current.range);
        if (problem) {
          setRange(null);
          setRangeError(`the saved range ${latest.current.range} was not applied: ${problem}`);
        }
      }
      const set = latest.current.onPlatform;
      if (!restoring && set) {
        set(factsPatch(b, latest.current.platform));
        setFactsApplied(true);
      } else setFactsApplied(false);
    }
  }, []);
  useEffect(() => {
    runRef.current = run;
  }, [run]);

  // Stored imports whose last restore did not end or failed are set aside instead of restored (restoreGuard.ts).
  const [aside, setAside] = useState<SetAside | null>(() => (store ? checkRestore(stored.value) : null));
  /**
   * Re-parse stored imports (in the worker when large); the picked range and VMA come back with them. A bundle comes
   * back with its slots, but does not set the platform again: the user may have changed it since.
   */
  const restore = useCallback(
    (v: StoredImports) => {
      const kinds = RESTORE_ORDER.filter((k) => v[k]?.text);
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

  // What to persist (nothing mid-import), written when the browser is idle and merged with other tabs' (importStore.ts).
  const toPersist = useMemo(() => (busy ? null : persistValue(slots, range, vmaLine, kept)), [slots, range, vmaLine, busy, kept]);
  const persistence = useImportPersistence(store, access.fault, stored.value, toPersist);

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
    if (!r.ok || rangeOutsideDump(iomemRes.iomem.tree, r.start, r.end)) return null;
    return focusedRange(iomemRes.iomem.tree, r.start, r.end);
  }, [iomemRes, range]);
  const mapsRes = slots.maps?.result ?? null;
  const vma = mapsRes?.maps.vmas.find((v) => v.line === vmaLine) ?? null;
  const traceRes = slots.trace?.result ?? null;
  const cxlRes = slots.cxl?.result ?? null;
  const graph = useMemo(() => faultGraph(platform.arch, platform.kernel), [platform.arch, platform.kernel]);
  const traceMatch = useMemo(() => (traceRes ? matchTrace(traceRes.trace.functions, graph) : null), [traceRes, graph]);
  // A trace from an older host names the functions v6.12/v6.13 renamed: say which kernel it matches.
  const kernelHint = useMemo(
    () => (traceRes ? betterKernelFor(traceRes.trace.functions, platform.arch, platform.kernel) : null),
    [traceRes, platform.arch, platform.kernel],
  );
  const cxlTies = useMemo(
    () => (cxlRes && iomemRes && !iomemRes.iomem.nonRoot ? tieToIomem(cxlRes.cxl.topology, iomemRes.iomem.tree, iomemRes.iomem.lineOf) : null),
    [cxlRes, iomemRes],
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
    const outside = rangeOutsideDump(iomemRes.iomem.tree, r.start, r.end);
    if (outside) {
      setRangeError(`not applied: ${outside}`);
      return;
    }
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

  const bundleRes = slots.bundle?.result ?? null;
  const anything = Boolean(
    KINDS.some((k) => slots[k] || kept[k]) || busy || message || retryable || aside || persistence.problem || persistence.elsewhere,
  );
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
        <span className="import-summary-note">apply the designs to your /proc/iomem, smaps, fault trace, cxl list or a collected bundle (paste or drop)</span>
      </summary>
      <PasteArea onSubmit={submit} busy={busy} onCancel={cancel} />
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
            const r = adopt.iomem ? adopt.iomem.range : adopt.bundle ? adopt.bundle.range : undefined;
            if (r !== undefined) {
              setRange(r);
              setRangeText(r ?? '');
            }
            if (adopt.maps) setVmaLine(adopt.maps.vmaLine);
            setKept((s) => ({ ...s, ...adopt }));
            restore(adopt);
          }}
        />
      )}
      {!busy && <NotKeptNotice value={kept} imported={KINDS.filter((k) => slots[k])} onForget={remove} />}

      {bundleRes && slots.bundle && (
        <BundleView
          name={slots.bundle.name}
          bundle={bundleRes.bundle}
          platform={platform}
          applied={factsApplied}
          onApply={() => {
            if (!onPlatform) return;
            onPlatform(factsPatch(bundleRes.bundle, platform));
            setFactsApplied(true);
          }}
          onRemove={() => remove('bundle')}
        />
      )}

      {slots.iomem?.result && (
        <IomemView
          slot={slots.iomem as Slot<'iomem'> & { result: Parsed<'iomem'> }}
          range={range}
          applied={layoutAndTree !== null}
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

      {cxlRes && slots.cxl && (
        <CxlView name={slots.cxl.name} cxl={cxlRes.cxl} ties={cxlTies} onUseRange={iomemRes ? pickRange : undefined} onRemove={() => remove('cxl')} />
      )}

      {mapsRes && slots.maps && (
        <MapsView name={slots.maps.name} maps={mapsRes.maps} vmaLine={vmaLine} onVmaLine={setVmaLine} all={allEx} designLabel={designLabel} onRemove={() => remove('maps')} />
      )}

      {traceRes && slots.trace && traceMatch && (
        <TraceView name={slots.trace.name} trace={traceRes.trace} match={traceMatch} platform={platform} kernelHint={kernelHint} onRemove={() => remove('trace')} />
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

/** Memoised: a step, a hover or a note elsewhere in the app does not render the panel again. */
export const ImportPanel = memo(ImportPanelImpl);
