/**
 * An imported `cxl list`: the topology (bus, ports, endpoints, memdevs, decoders, regions), each decoder and region
 * range tied to its /proc/iomem resource when a dump is imported too, whether a region was committed, and the ranges
 * it suggests for the accelerator.
 */
import { formatSize, hex } from '../../model/addr';
import type { CxlListResult } from '../../model/import/cxl/cxlList';
import type { CxlTie } from '../../model/import/cxl/tie';
import { refineSuggestions } from '../../model/import/cxl/tie';
import type { CxlDecoder, CxlRange } from '../../model/import/cxl/topology';
import { ErrorList } from './parts/ErrorList';

const rangeText = (r: CxlRange) => `${hex(r.start)}-${hex(r.start + r.size - 1n)}`;

function TieText({ tie }: { tie: CxlTie | undefined }) {
  if (!tie) return null;
  if (tie.match === 'absent') return <span className="import-tie import-tie-absent"> — not in /proc/iomem</span>;
  const rs = tie.resources.map((r) => `"${r.name}"${r.line ? ` (line ${r.line})` : ''}`).join(', ');
  return (
    <span className="import-tie" data-testid="import-cxl-tie" data-object={tie.object} data-match={tie.match}>
      {tie.match === 'exact' ? ' = /proc/iomem ' : ' inside /proc/iomem '}
      {rs}
    </span>
  );
}

export function CxlView(props: {
  name: string;
  cxl: CxlListResult;
  ties: CxlTie[] | null;
  /** Apply a suggested range to the imported /proc/iomem; absent when there is none. */
  onUseRange?: (range: string) => void;
  onRemove: () => void;
}) {
  const { cxl, ties } = props;
  const t = cxl.topology;
  const tie = (name: string) => ties?.find((x) => x.object === name);
  const decoder = (d: CxlDecoder) => (
    <li key={d.name} data-testid="import-cxl-decoder" data-kind={d.kind ?? ''}>
      <code>{d.name}</code> {d.kind ?? 'decoder'}
      {d.range && <> <code>{rangeText(d.range)}</code> ({d.range.approximate ? '~' : ''}{formatSize(d.range.size)})</>}
      {d.disabled && ' disabled'}
      {d.mode && ` ${d.mode}`}
      {d.capable.accelmem && ' — may map accelerator memory'}
      {d.region && <> → <code>{d.region}</code></>}
      <TieText tie={tie(d.name)} />
    </li>
  );
  const suggestions = refineSuggestions(cxl.suggestions, ties ?? []);
  return (
    <article className="import-slot" data-testid="import-cxl" aria-labelledby="import-cxl-h">
      <h3 id="import-cxl-h">cxl list: {props.name}</h3>
      <p data-testid="import-cxl-summary">
        {t.buses.length} bus{t.buses.length === 1 ? '' : 'es'}, {t.ports.length} ports, {t.endpoints.length} endpoints, {t.memdevs.length} memdevs,{' '}
        {t.decoders.length} decoders, {t.regions.length} regions
        {cxl.documents > 1 ? ` from ${cxl.documents} JSON documents` : ''}.
        {ties === null && ' Import the same machine\'s /proc/iomem to see which resource each range is.'}
      </p>
      <ErrorList errors={cxl.notes} title="notes" testId="import-notes-cxl" />
      <ErrorList errors={cxl.errors} title="errors" testId="import-errors-cxl" />
      <p data-testid="import-cxl-region" data-state={cxl.region?.state ?? ''}>
        {cxl.region ? `Region: ${cxl.region.state} (${cxl.region.reason}); the Region control is set to it.` : 'Region: this listing does not show (run cxl list -R).'}
      </p>
      <ul className="import-cxl-tree" data-testid="import-cxl-tree">
        {t.buses.map((b) => (
          <li key={b.name}>
            <code>{b.name}</code> {b.provider}
            <ul>
              {t.decoders.filter((d) => d.parent === b.name).map(decoder)}
              {t.ports.filter((p) => p.parent === b.name || (p.parent && t.ports.some((q) => q.name === p.parent))).map((p) => (
                <li key={p.name}>
                  <code>{p.name}</code> {p.host}
                  <ul>
                    {t.decoders.filter((d) => d.parent === p.name).map(decoder)}
                    {t.endpoints.filter((e) => e.parent === p.name).map((e) => (
                      <li key={e.name}>
                        <code>{e.name}</code> → <code>{e.memdev}</code>
                        <ul>{t.decoders.filter((d) => d.parent === e.name).map(decoder)}</ul>
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          </li>
        ))}
        {t.decoders.filter((d) => !d.parent || !t.buses.some((b) => b.name === d.parent) && !t.ports.some((p) => p.name === d.parent) && !t.endpoints.some((e) => e.name === d.parent)).map(decoder)}
        {t.memdevs.map((m) => (
          <li key={m.name} data-testid="import-cxl-memdev">
            <code>{m.name}</code> {m.host}
            {m.ramSize ? ` ram ${formatSize(m.ramSize)}` : ''}
            {m.pmemSize ? ` pmem ${formatSize(m.pmemSize)}` : ''}
            {m.serial !== null ? ` serial ${m.serial}` : ''}
            {m.anonymous ? ' (anonymous: not attached)' : ''}
          </li>
        ))}
        {t.regions.map((r) => (
          <li key={r.name} data-testid="import-cxl-regionobj" data-decode-state={r.decodeState ?? ''}>
            <code>{r.name}</code> {r.type}
            {r.range && <> <code>{rangeText(r.range)}</code> ({r.range.approximate ? '~' : ''}{formatSize(r.range.size)})</>} decode_state {r.decodeState ?? '?'}
            {r.mappings.length > 0 && ` — ${r.mappings.map((m) => `${m.memdev} ${m.decoder}`).join(', ')}`}
            {r.dax.length > 0 && ` — ${r.dax.map((d) => `${d.name} ${d.mode ?? ''}`).join(', ')}`}
            <TieText tie={tie(r.name)} />
          </li>
        ))}
      </ul>
      {suggestions.length > 0 && (
        <>
          <h4>Accelerator range suggested by this listing</h4>
          <ul data-testid="import-cxl-suggestions">
            {suggestions.slice(0, 12).map((s) => {
              const r = `${hex(s.start)}-${hex(s.end)}`;
              return (
                <li key={s.from} data-testid="import-cxl-suggestion" data-range={r}>
                  <code>{r}</code> {s.reason}
                  {props.onUseRange && (
                    <>
                      {' '}
                      <button type="button" onClick={() => props.onUseRange!(r)}>
                        Use this range
                      </button>
                    </>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
      <button type="button" data-testid="import-remove-cxl" onClick={props.onRemove}>
        Remove
      </button>
    </article>
  );
}
