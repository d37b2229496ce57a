/**
 * An imported trace: its shape, its events with their counts (tracepoints, exit reasons, stack counts), its fault
 * events, and its functions split into those the fault diagram marks and those the model does not know.
 */
import { hex } from '../../model/addr';
import type { TraceMatch, TraceParseResult } from '../../model/import/trace';
import type { Platform } from '../../model/scenario';
import { ErrorList } from './parts/ErrorList';
import { count } from '../../model/text/count';

const SHAPE: Record<string, string> = {
  function_graph: 'ftrace function_graph', function: 'ftrace function tracer', tracepoint: 'tracepoints', stack: 'stack traces',
  'call-tree': 'annotated call tree', 'exit-table': 'table of KVM exits', mixed: 'mixed', unknown: 'no known shape',
};

export function TraceView(props: {
  name: string;
  trace: TraceParseResult;
  match: TraceMatch;
  platform: Platform;
  kernelHint: { kernel: string; known: number; currentKnown: number } | null;
  onRemove: () => void;
}) {
  const { trace: t, match: m, platform } = props;
  return (
    <article className="import-slot" data-testid="import-trace" aria-labelledby="import-trace-h">
      <h3 id="import-trace-h">
        Trace ({SHAPE[t.format] ?? t.format}): {props.name}
      </h3>
      <p data-testid="import-trace-summary">
        {t.functions.length} functions, <span data-testid="import-trace-fault-count">{t.faultCount}</span> fault events
        (kvm_page_fault / kvm_guest_fault lines, EPT violations / NPFs counted in an exit table), {t.lineCount} lines
        {t.shapes.length > 1 ? ` (${t.shapes.map((s) => `${s.lines} ${SHAPE[s.shape]}`).join(', ')})` : ''}.
      </p>
      {t.events.length > 0 && (
        <table className="import-events" data-testid="import-trace-events">
          <caption>Events</caption>
          <thead>
            <tr>
              <th scope="col">event</th>
              <th scope="col">count</th>
            </tr>
          </thead>
          <tbody>
            {t.events.slice(0, 100).map((e) => (
              <tr key={e.name} data-testid="import-trace-event" data-event={e.name} data-count={e.count}>
                <td>
                  <code>{e.name}</code>
                </td>
                <td>{count(e.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ErrorList errors={t.repairs} title="repairs" testId="import-repairs-trace" />
      <ErrorList errors={t.errors} title="lines not understood" testId="import-errors-trace" count={t.errorCount} />
      <ErrorList errors={t.warnings} title="notes" testId="import-warnings-trace" />
      {props.kernelHint && (
        <p className="import-hint" data-testid="import-trace-kernel-hint">
          These names match the fault path of kernel v{props.kernelHint.kernel} better: {props.kernelHint.known} functions known there,{' '}
          {props.kernelHint.currentKnown} with v{platform.kernel}. Choose v{props.kernelHint.kernel} under Kernel to compare like with like.
        </p>
      )}
      <h4>In the model&apos;s {platform.arch} fault graph (marked on the diagram)</h4>
      <ul data-testid="import-trace-known">
        {m.known.map((k) => (
          <li key={k.name}>
            <code>{k.name}()</code> ×{k.count}
          </li>
        ))}
        {m.known.length === 0 && <li>none</li>}
      </ul>
      <h4>Not in the model</h4>
      <ul data-testid="import-trace-unknown" className="import-unknown">
        {m.unknown.slice(0, 300).map((k) => (
          <li key={k.name}>
            <code>{k.name}()</code> ×{k.count} (line {k.firstLine})
          </li>
        ))}
        {m.unknown.length > 300 && <li>… and {m.unknown.length - 300} more</li>}
      </ul>
      {t.faults.length > 0 && (
        <table className="import-faults">
          <caption>Fault events{t.faultCount > 20 ? ' (first 20)' : ''}</caption>
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
            {t.faults.slice(0, 20).map((f) => (
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
      <button type="button" data-testid="import-remove-trace" onClick={props.onRemove}>
        Remove
      </button>
    </article>
  );
}
