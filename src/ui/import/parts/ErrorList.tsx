/** A collapsible list of located messages ("line 3, column 7: …"); open when short. */
import type { ImportError } from '../../../model/import/located';
import { count as grouped } from '../../../model/text/count';

const SHOW = 50;

export function ErrorList({ errors, title, testId, count }: { errors: readonly ImportError[]; title: string; testId: string; count?: number }) {
  if (errors.length === 0) return null;
  // A list cut by the parser ends with "N more … not shown"; `count` is then the real total.
  const total = count ?? errors.length;
  const singular = title.replace(/^lines /, 'line ').replace(/^notes$/, 'note').replace(/^repairs$/, 'repair');
  return (
    <details className={title === 'notes' || title === 'repairs' ? 'import-errors import-notes' : 'import-errors'} open={total <= 5} data-testid={testId}>
      <summary>
        {grouped(total)} {total === 1 ? singular : title}
      </summary>
      <ul>
        {errors.slice(0, SHOW).map((e, i) => (
          <li key={i}>
            line {e.line}
            {e.column !== undefined ? `, column ${e.column}` : ''}: {e.message}
          </li>
        ))}
        {errors.length > SHOW && <li>… and {errors.length - SHOW} more</li>}
      </ul>
    </details>
  );
}
