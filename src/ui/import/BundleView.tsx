/**
 * An imported bundle (scripts/collect.sh): what it holds, the platform facts it proves — each set on the scenario bar,
 * with its evidence — the controls that are still assumptions, and the accelerator range the designs run on.
 */
import { hex } from '../../model/addr';
import type { BundleResult } from '../../model/import/bundle/bundle';
import type { FactKey } from '../../model/import/bundle/facts';
import type { KernelConfig, Platform } from '../../model/scenario';

/** The scenario bar's name for each fact. */
const CONTROL: Record<string, string> = {
  arch: 'Architecture', vendor: 'CPU vendor', fwb: 'FWB', dic: 'DIC', efiAttr: 'EFI attribute', firmware: 'Firmware', nosoftreserve: 'efi=nosoftreserve',
  kernel: 'Kernel', region: 'Region', onlinePolicy: 'Online policy', hugeFault: '.huge_fault', mte: 'MTE', dirtyLog: 'Dirty logging', deviceReset: 'Device reset',
};
const controlName = (k: FactKey): string => (k.startsWith('config.') ? `CONFIG_${k.slice(7)}` : (CONTROL[k] ?? k));

/** A control's value as the scenario bar has it now ("on"/"off" for a check box). */
function current(p: Platform, k: FactKey): string {
  if (k.startsWith('config.')) return p.config[k.slice(7) as keyof KernelConfig];
  const v = p[k as Exclude<keyof Platform, 'config'>];
  return typeof v === 'boolean' ? (v ? 'on' : 'off') : String(v);
}

export function BundleView(props: { name: string; bundle: BundleResult; platform: Platform; applied: boolean; onApply: () => void; onRemove: () => void }) {
  const b = props.bundle;
  const f = b.facts;
  const n = f.detected.length;
  return (
    <article className="import-slot" data-testid="import-bundle" aria-labelledby="import-bundle-h">
      <h3 id="import-bundle-h">Machine bundle: {props.name}</h3>
      <p>
        {b.parse.sections.length} sections{b.parse.missing.length ? `, ${b.parse.missing.length} the collector could not gather` : ''}
        {b.parse.comments.length ? ` (${b.parse.comments[0]})` : ''}.
      </p>
      <ul className="import-bundle-sections">
        {b.summary.map((s) => (
          <li key={s.line}>
            line {s.line}: {s.name}
            {s.lines ? ` — ${s.lines} line${s.lines === 1 ? '' : 's'}` : ''}
          </li>
        ))}
      </ul>
      <table data-testid="import-bundle-facts">
        <caption>
          {props.applied ? 'Set on the scenario bar from this machine' : 'Proved by this machine'} ({n} control{n === 1 ? '' : 's'})
        </caption>
        <thead>
          <tr>
            <th scope="col">control</th>
            <th scope="col">value</th>
            <th scope="col">evidence</th>
          </tr>
        </thead>
        <tbody>
          {f.detected.map((d) => (
            <tr key={d.key} data-testid="import-bundle-fact" data-key={d.key} data-value={d.value}>
              <th scope="row">{controlName(d.key)}</th>
              <td>
                <code>{d.value}</code>
              </td>
              <td>{d.evidence}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!props.applied && (
        <p>
          <button type="button" data-testid="import-bundle-apply" onClick={props.onApply}>
            Set {n === 1 ? 'this control' : `these ${n} controls`}
          </button>
        </p>
      )}
      <h4>Still assumptions (as the scenario bar has them now; set them by hand if you know better)</h4>
      <ul data-testid="import-bundle-assumed">
        {f.assumed.map((a) => (
          <li key={a.key} data-testid="import-bundle-assumption" data-key={a.key}>
            {controlName(a.key)} <code>{current(props.platform, a.key)}</code>: {a.why}
          </li>
        ))}
      </ul>
      <p data-testid="import-bundle-range">
        {b.range
          ? `Accelerator range ${hex(b.range.start)}-${hex(b.range.end)} from ${b.range.from}: ${b.range.reason}.`
          : 'No accelerator range suggested (no cxl list, and no CXL window or Soft Reserved in /proc/iomem).'}
      </p>
      <button type="button" data-testid="import-remove-bundle" onClick={props.onRemove}>
        Remove
      </button>
    </article>
  );
}
