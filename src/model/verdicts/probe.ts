/**
 * The scenarios a verdict is judged on. "Guest cacheable", "huge mappings" and "host aliases" describe the design on
 * the platform in steady state — without a device reset and without dirty logging — so turning either control on
 * changes the diagrams, not what those columns mean; "live migration" and "device reset" re-run the model with the
 * one control they are about.
 */
import type { Core, DeriveOptions } from '../derive';
import { deriveCore } from '../derive';
import type { Platform, Scenario } from '../scenario';
import { varyPlatform } from '../track';

export interface Probes {
  /** The scenario as given. */
  now: Core;
  /** Steady state: no reset, no dirty logging. */
  steady: Core;
  at: (patch: Partial<Platform>) => Core;
}

/** The probes of one scenario. `c` may be a thunk: a verdict derived alone then derives the scenario only if it needs it. */
export function probes(s: Scenario, c: Core | (() => Core), opts: DeriveOptions): Probes {
  let now: Core | undefined = typeof c === 'function' ? undefined : c;
  const current = (): Core => (now ??= (c as () => Core)());
  const at = (patch: Partial<Platform>): Core => {
    const q = varyPlatform(s.platform, patch);
    const same = (Object.keys(patch) as (keyof Platform)[]).every((k) => q[k] === s.platform[k]);
    return same ? current() : deriveCore({ ...s, platform: q }, opts);
  };
  let steady: Core | undefined;
  return {
    get now() {
      return current();
    },
    // Lazily: a verdict derived alone (deriveVerdict()) may not need it.
    get steady() {
      return (steady ??= at({ deviceReset: false, dirtyLog: false }));
    },
    at,
  };
}
