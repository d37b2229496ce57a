/** What each design does on the user's tree: its kernel operations' results, the conflict, region_intersects. */
import type { Explanation } from '../../model/explain-types';
import { conflictPhrase } from '../../model/explain-types';
import { DESIGNS, type DesignId } from '../../model/scenario';

export function Outcome({ all, designLabel }: { all: Record<DesignId, Explanation>; designLabel: (d: DesignId) => string }) {
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
                    {ex.conflict.fn} {ex.conflict.errno}: {conflictPhrase(ex.conflict)} ({ex.conflict.conflictWith.path.join(' / ') || ex.conflict.conflictWith.name})
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
