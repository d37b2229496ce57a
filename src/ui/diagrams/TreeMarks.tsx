/** The resource tree's axis ticks and the gaps between resources. */
import { memo } from 'react';
import { formatSize } from '../../model/addr';
import { textWidth } from './text';
import { TREE_FONT } from './treeLabels';

/** An address tick of the axis. Memoised: ticks that stay where they were are not rendered again. */
export const AxisTick = memo(function AxisTick({ y, label, axis }: { y: number; label: string; axis: number }) {
  return (
    <g className="axis" aria-hidden="true">
      <line x1={axis - 6} x2={axis - 2} y1={y} y2={y} />
      <text x={axis - 8} y={y + 3} textAnchor="end" className="axis-label">{label}</text>
    </g>
  );
});

/** A gap: address space between top-level resources (depth < 0), or free space inside a parent. */
export const Gap = memo(function Gap({ depth, y0, y1, size, colW, axis }: { depth: number; y0: number; y1: number; size: bigint; colW: number; axis: number }) {
  if (depth < 0) {
    return (
      <g className="gap" aria-hidden="true">
        <path d={`M${axis - 6},${(y0 + y1) / 2 - 2} l5,-3 l5,6 l5,-6 l5,6`} />
        <text x={axis + 26} y={(y0 + y1) / 2 + 3} className="gap-label">{`≈ ${formatSize(size)} not in iomem`}</text>
      </g>
    );
  }
  // Shown only when it fits whole.
  const label = `≈ ${formatSize(size)} free`;
  return (
    <g className="gap inner" aria-hidden="true">
      <rect x={axis + depth * colW} y={y0 + 1} width={Math.max(0, colW - 4)} height={Math.max(0, y1 - y0 - 2)} className="gap-fill" />
      {y1 - y0 >= 12 && textWidth(label, TREE_FONT.sub) <= colW - 12 && (
        <text x={axis + depth * colW + 5} y={(y0 + y1) / 2 + 3} className="gap-label">{label}</text>
      )}
    </g>
  );
});

