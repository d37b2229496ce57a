/** Short citations for a suggestion, linked where the source has an address. */
import type { SourceId } from '../../../model/source';
import { sourceLabel, sourceUrlOf } from '../../../model/source-links';
import { SOURCES } from '../../../model/sources';

export function Cites({ ids }: { ids: readonly SourceId[] }) {
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
