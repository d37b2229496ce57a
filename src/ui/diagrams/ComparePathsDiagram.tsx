/**
 * Compare mode's fault paths: both whole, the shared prefix reading across, the first divergence marked in both
 * columns, each ending in its entry or error (comparePathsLayout.ts). The current step of the first path is lit.
 */
import { memo, useMemo } from 'react';
import type { Divergence } from '../../model/compare';
import type { Explanation } from '../../model/explain-types';
import { CMP_GUTTER, CMP_PAD, layoutComparePaths, type CompareBox } from './comparePathsLayout';

const GUTTER = CMP_GUTTER;
const PAD = CMP_PAD;

function Box({ b, font, valueFont, lineH, valueLineH, current }: { b: CompareBox; font: number; valueFont: number; lineH: number; valueLineH: number; current: boolean }) {
  const text = (i: number, lh: number, f: number, y0: number) => y0 + i * lh + lh / 2 + f * 0.35;
  const y0 = b.y + PAD;
  const yv = y0 + b.label.length * lineH;
  const cls = ['cmp-box', b.side, b.kind, b.diverges ? 'diverges' : '', b.tone ? `tone-${b.tone}` : '', current ? 'current' : ''].filter(Boolean).join(' ');
  return (
    <g className={cls} data-testid={b.kind === 'result' ? `compare-result-${b.side}` : `compare-step-${b.side}`} data-index={b.index} data-node={b.nodeId ?? undefined} data-diverges={b.diverges ? 'true' : undefined} role="listitem" aria-label={`${b.side === 'shared' ? 'both' : b.side === 'a' ? 'first' : 'second'}: ${b.index >= 0 ? `step ${b.index + 1}, ` : 'ends in '}${b.label.join(' ')}${b.value.length ? `; ${b.value.join(' ')}` : ''}${b.diverges ? ' (first divergence)' : ''}`}>
      <rect x={b.x} y={b.y} width={b.w} height={b.h} rx={b.kind === 'result' ? 6 : 4} />
      {b.index >= 0 && (
        <text x={b.x + GUTTER - 6} y={text(0, lineH, font, y0)} textAnchor="end" className="cmp-num" aria-hidden="true">{`${b.index + 1}.`}</text>
      )}
      <text className="cmp-label" aria-hidden="true" data-fit={b.w - GUTTER - PAD}>
        {b.label.map((l, i) => (
          <tspan key={i} x={b.x + GUTTER} y={text(i, lineH, font, y0)}>{l}</tspan>
        ))}
      </text>
      {b.value.length > 0 && (
        <text className="cmp-value" aria-hidden="true" data-fit={b.w - GUTTER - PAD}>
          {b.value.map((l, i) => (
            <tspan key={i} x={b.x + GUTTER} y={text(i, valueLineH, valueFont, yv)}>{l}</tspan>
          ))}
        </text>
      )}
    </g>
  );
}

export const ComparePathsDiagram = memo(function ComparePathsDiagram({ a, b, divergence, nameA, nameB, step }: { a: Explanation; b: Explanation; divergence: Divergence | null; nameA: string; nameB: string; step: number }) {
  const l = useMemo(() => layoutComparePaths(a, b, divergence, { a: nameA, b: nameB }), [a, b, divergence, nameA, nameB]);
  return (
    <figure className="diagram compare-paths" data-testid="compare-paths">
      <svg viewBox={`0 0 ${l.width} ${l.height}`} width="100%" style={{ minWidth: Math.round(l.width * 0.7), maxWidth: Math.round(l.width * 1.3) }} className="compare-svg" role="list" aria-label={`Fault paths of ${nameA} and ${nameB}, aligned`} data-natural-width={l.width}>
        {l.divergence && (
          <g className="cmp-divergence" aria-hidden="true">
            <rect x={2} y={l.divergence.y} width={l.width - 4} height={l.divergence.h} rx={6} />
          </g>
        )}
        {l.heads.map((h, i) => (
          <text key={i} className="cmp-head" aria-hidden="true" data-fit={(l.width - 36) / 2}>
            {h.lines.map((line, k) => (
              <tspan key={k} x={h.x} y={8 + k * l.lineH + l.lineH / 2 + l.font * 0.35}>{line}</tspan>
            ))}
          </text>
        ))}
        {l.boxes.map((bx) => (
          <Box key={`${bx.side}-${bx.kind}-${bx.index}`} b={bx} font={l.font} valueFont={l.valueFont} lineH={l.lineH} valueLineH={l.valueLineH} current={bx.index >= 0 && bx.index === step && bx.side !== 'b'} />
        ))}
        {l.divergence && (
          <text className="cmp-divergence-label" x={l.width - 10} y={l.divergence.labelY} textAnchor="end" aria-hidden="true">{l.divergence.label}</text>
        )}
      </svg>
    </figure>
  );
});
