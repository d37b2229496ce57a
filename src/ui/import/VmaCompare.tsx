/** One VMA of the user's smaps against each design's VMA: flag by flag, and its VFIO offset decoded. */
import type { Explanation } from '../../model/explain-types';
import { compareVmFlags } from '../../model/import/flags';
import type { ParsedVma } from '../../model/import/maps';
import { hex } from '../../model/addr';
import { DESIGNS, type DesignId } from '../../model/scenario';
import { Cites } from './parts/Cites';
import { vmaLabel } from './slots';

export function VmaCompare({ vma, all, designLabel }: { vma: ParsedVma; all: Record<DesignId, Explanation>; designLabel: (d: DesignId) => string }) {
  return (
    <div className="import-vma-compare" data-testid="import-vma-compare">
      <p>
        <code>{vmaLabel(vma)}</code>
        {vma.fields.Rss !== undefined && ` — Rss ${vma.fields.Rss} kB`}
      </p>
      {vma.vfioOffset && (
        <p data-testid="import-vfio-offset" data-kind={vma.vfioOffset.kind}>
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
