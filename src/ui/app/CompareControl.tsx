/** "Compare with": another design on this platform, or this design on a second platform. */
import { memo } from 'react';
import type { DesignId, Platform } from '../../model/scenario';
import { DESIGNS } from '../../model/scenario';
import type { CompareSpec } from '../../model/view-state';
import { DESIGN_LABEL } from '../labels';

export const CompareControl = memo(function CompareControl({ compare, design, platform, onChange }: { compare: CompareSpec | null; design: DesignId; platform: Platform; onChange: (c: CompareSpec | null) => void }) {
  const value = compare === null ? 'off' : compare.kind === 'design' ? `design:${compare.design}` : 'platform';
  return (
    <label className="field">
      <span className="field-label">Compare with</span>
      <select
        data-testid="ctl-compare"
        value={value}
        onChange={(e) => {
          const v = e.target.value;
          if (v === 'off') onChange(null);
          else if (v === 'platform') onChange({ kind: 'platform', platform: { ...platform, arch: platform.arch === 'x86_64' ? 'arm64' : 'x86_64' } });
          else onChange({ kind: 'design', design: v.slice(7) as DesignId });
        }}
      >
        <option value="off">nothing</option>
        {DESIGNS.filter((d) => d !== design).map((d) => (
          <option key={d} value={`design:${d}`}>{DESIGN_LABEL[d]}</option>
        ))}
        <option value="platform">This design on another platform</option>
      </select>
    </label>
  );
});
