/** An imported smaps / maps / pmap -X: its VMAs, VFIO ones first, and the chosen one compared with each design. */
import type { Explanation } from '../../model/explain-types';
import type { MapsParseResult } from '../../model/import/maps';
import type { DesignId } from '../../model/scenario';
import { ErrorList } from './parts/ErrorList';
import { vmaLabel } from './slots';
import { VmaCompare } from './VmaCompare';

const SHOW_VMAS = 500;

export function MapsView(props: {
  name: string;
  maps: MapsParseResult;
  vmaLine: number | null;
  onVmaLine: (line: number) => void;
  all: Record<DesignId, Explanation>;
  designLabel: (d: DesignId) => string;
  onRemove: () => void;
}) {
  const { maps, vmaLine } = props;
  const vma = maps.vmas.find((v) => v.line === vmaLine) ?? null;
  return (
    <article className="import-slot" data-testid="import-maps" aria-labelledby="import-maps-h">
      <h3 id="import-maps-h">
        {maps.format === 'pmap-X' ? 'pmap -X' : maps.format}: {props.name}
      </h3>
      <p>
        {maps.vmaCount} VMAs ({maps.vmas.filter((v) => v.vfio).length} VFIO) from {maps.lineCount} lines
        {maps.vmaCount > maps.vmas.length ? `; the first ${maps.vmas.length} are listed with every VFIO one` : ''}.
      </p>
      <ErrorList errors={maps.repairs} title="repairs" testId="import-repairs-maps" />
      <ErrorList errors={maps.errors} title="lines not understood" testId="import-errors-maps" count={maps.errorCount} />
      {maps.vmas.length > 0 && (
        <>
          <label htmlFor="import-vma">VMA to compare</label>{' '}
          <select id="import-vma" data-testid="import-vma" value={vmaLine ?? ''} onChange={(e) => props.onVmaLine(Number(e.target.value))}>
            {[...maps.vmas.filter((v) => v.vfio), ...maps.vmas.filter((v) => !v.vfio)].slice(0, SHOW_VMAS).map((v) => (
              <option key={v.line} value={v.line}>
                {v.vfio ? 'VFIO ' : ''}
                {vmaLabel(v)}
              </option>
            ))}
          </select>
        </>
      )}
      {vma && <VmaCompare vma={vma} all={props.all} designLabel={props.designLabel} />}
      <button type="button" data-testid="import-remove-maps" onClick={props.onRemove}>
        Remove
      </button>
    </article>
  );
}
