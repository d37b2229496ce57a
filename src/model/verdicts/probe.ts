/**
 * The scenarios a verdict is judged on. "Guest cacheable", "huge mappings" and "host aliases" describe the design on
 * the platform in steady state — without a device reset and without dirty logging — so turning either control on
 * changes the diagrams, not what those columns mean; "live migration" and "device reset" re-run the model with the
 * one control they are about.
 */
import type { Core, DeriveOptions } from '../derive';
import { deriveCore } from '../derive';
import type { Platform, Scenario } from '../scenario';

export interface Probes {
  /** The scenario as given. */
  now: Core;
  /** Steady state: no reset, no dirty logging. */
  steady: Core;
  at: (patch: Partial<Platform>) => Core;
}

export function probes(s: Scenario, c: Core, opts: DeriveOptions): Probes {
  const at = (patch: Partial<Platform>): Core => {
    const q = { ...s.platform, ...patch };
    const same = (Object.keys(patch) as (keyof Platform)[]).every((k) => q[k] === s.platform[k]);
    return same ? c : deriveCore({ ...s, platform: q }, opts);
  };
  return { now: c, steady: at({ deviceReset: false, dirtyLog: false }), at };
}
