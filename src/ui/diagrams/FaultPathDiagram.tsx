/**
 * The KVM fault path: every function and decision of the architecture's fault graph, the taken path highlighted
 * against the branches not taken, ending at the EPT / stage-2 entry or the error. The current step's decision, value
 * and sources stay at the top of the window with the result (StepInspector). Drawn from ex.fault (graph + steps +
 * result).
 */
import { memo, useEffect, useId, useMemo, useRef } from 'react';
import { faultGraph } from '../../model/kvm/graph';
import type { FaultStep } from '../../model/explain-types';
import { useKeptAlive } from '../hooks/useKeptAlive';
import { NoBreakErrnos } from '../NoBreakErrnos';
import { FaultGraphSvg, type FaultGraphSvgProps } from './FaultGraphSvg';
import { fnNames } from './fnNames';
import { KeptAlive } from './KeptAlive';
import { resultRest, resultShort, resultText, resultTone } from './resultText';
import { StepHint, StepInspector } from './StepInspector';
import type { DiagramProps } from './types';

const NO_STEPS: readonly FaultStep[] = [];
const NO_SEEN: ReadonlySet<string> = new Set();

function FaultPathDiagramImpl({ ex, step, onStep, highlight, onHighlight, notes, onNoteTarget, selected, onSelect, observed, otherArch, decided }: DiagramProps) {
  const captionId = useId();
  const mid = `m${captionId.replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const arch = ex.fault.arch;
  const seen = useMemo(() => new Set((observed?.traceFunctions ?? []).map((f) => f.replace(/\(\)$/, ''))), [observed?.traceFunctions]);
  const known = useMemo(() => new Set([...fnNames(ex.fault.graph).values()].flat()), [ex.fault.graph]);
  const unknownSeen = [...seen].filter((f) => !known.has(f));
  const scrollRef = useRef<HTMLDivElement>(null);
  const headRef = useRef<HTMLDivElement>(null);
  const current = step >= 0 ? ex.fault.steps[step] : undefined;
  const r = ex.fault.result;
  const tone = resultTone(r);

  // Keep-alive of the other architecture's graph. Switching architecture would otherwise throw ~300 SVG elements
  // away and build and lay out as many again. The graph last shown for each architecture stays in the page with
  // `content-visibility: hidden`, which keeps its style and layout but skips it in rendering, find-in-page and the
  // accessibility tree, and out of focus order. It keeps the props it last had, so React skips it both when it is
  // hidden and while it stays hidden; switching back costs only what differs from that state. Once the page is idle,
  // the other architecture's graph for the same scenario is built in advance, so the first switch is cheap too. A
  // kept graph keeps its test ids and data attributes (stripping them cost a re-render of every box); page queries
  // look inside the live wrapper, `[data-testid="fault-graph"]`.
  const liveProps: FaultGraphSvgProps = {
    graph: ex.fault.graph,
    steps: ex.fault.steps,
    mid: `${mid}-${arch}`,
    step,
    decidedStep: decided?.step ?? -1,
    tone,
    highlight,
    selected,
    notes,
    seen,
    onStep,
    onSelect,
    onHighlight,
    onNoteTarget,
  };
  // The other architecture's graph for the scenario on screen, taken path included, so a switch relights nothing new;
  // without it (compare mode), the untaken graph. Built once the page is idle after the scenario changed.
  const graphs = useKeptAlive(
    arch,
    liveProps,
    (a) => {
      const other = otherArch?.(a);
      return {
        ...liveProps,
        graph: other?.fault.graph ?? faultGraph(a, ex.platform.kernel),
        steps: other?.fault.steps ?? NO_STEPS,
        tone: other ? resultTone(other.fault.result) : tone,
        mid: `${mid}-${a}`,
        step: -1,
        decidedStep: -1,
        highlight: null,
        seen: NO_SEEN,
      };
    },
    ex,
  );

  // Keep the current step in view while stepping: in the next frame (its layout is needed for that frame anyway, so
  // the input's own task does not force one), and at once rather than smoothly — a smooth scroll repaints the page
  // for a third of a second after every step, which is where stepping dropped frames.
  useEffect(() => {
    if (!current || !scrollRef.current) return;
    const el = scrollRef.current.querySelector(`.fault-graph:not(.kept) [data-step-index="${step}"]`);
    if (!el || !('scrollIntoView' in el)) return;
    if (typeof requestAnimationFrame !== 'function') {
      el.scrollIntoView({ block: 'nearest' });
      return;
    }
    const raf = requestAnimationFrame(() => {
      el.scrollIntoView({ block: 'nearest', behavior: 'auto' });
      // 'nearest' may leave the step under the sticky head (stepping back up): scroll the window down to it. Layout is
      // already clean after scrollIntoView, so these reads cost no extra layout.
      const head = headRef.current?.getBoundingClientRect();
      const box = el.getBoundingClientRect();
      if (head && box.top < head.bottom + 4) window.scrollBy(0, box.top - head.bottom - 8);
    });
    return () => cancelAnimationFrame(raf);
  }, [step, current]);

  const summary = `KVM fault path on ${ex.fault.arch}: ${ex.fault.steps.length} steps through ${ex.fault.steps.map((s) => s.label).join(', ')}. Result: ${resultText(r)}.`;

  return (
    <figure className="diagram fault-diagram" aria-labelledby={captionId}>
      {/* The summary names the figure (aria-labelledby reads hidden text). Hidden rather than visually clipped: a
          clipped caption is still laid out, and re-shaping this long line cost ~0.2 ms on every change. */}
      <figcaption id={captionId} hidden>{summary}</figcaption>
      {/* The result and the step being inspected stay at the top of the window while the page scrolls under them. */}
      <div className="fault-head" ref={headRef}>
        <div className={`fault-result tone-${tone}`} data-testid="fault-result" role="status">
          <strong><NoBreakErrnos text={resultShort(r)} /></strong> <span><NoBreakErrnos text={resultRest(r)} /></span>
        </div>
        {current ? (
          <StepInspector step={step} count={ex.fault.steps.length} current={current} />
        ) : (
          ex.fault.steps.length > 0 && <StepHint count={ex.fault.steps.length} />
        )}
      </div>
      {ex.fault.steps.length === 0 && <p className="fault-none">KVM is never reached: {r.kind === 'error' ? r.seenBy : ''}</p>}
      <div className="fault-scroll" ref={scrollRef}>
        <KeptAlive name="fault-graph" arch={arch} drawings={graphs} draw={(p) => <FaultGraphSvg {...p} />} />
      </div>
      {seen.size > 0 && (
        <div className="trace-overlay" data-testid="trace-overlay">
          <span className="key seen">seen in your trace</span>
          {unknownSeen.length > 0 && (
            <span>
              Functions in your trace the model does not know: <code>{unknownSeen.slice(0, 40).join(', ')}</code>
              {unknownSeen.length > 40 ? ` and ${unknownSeen.length - 40} more` : ''}
            </span>
          )}
        </div>
      )}
    </figure>
  );
}

export const FaultPathDiagram = memo(FaultPathDiagramImpl);
