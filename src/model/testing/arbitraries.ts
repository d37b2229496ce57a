/** fast-check arbitraries and the full platform space, shared by the property tests and the benchmarks (never imported by the app). */
import fc from 'fast-check';
import type { Platform } from '../scenario';
import { ARCHES, DESIGNS, FIRMWARE_TYPES, KERNEL_VERSIONS, ONLINE_POLICIES } from '../scenario';

/** Any platform the controls can express. */
export const platformArb: fc.Arbitrary<Platform> = fc.record({
  arch: fc.constantFrom(...ARCHES),
  fwbDic: fc.boolean(),
  firmware: fc.constantFrom(...FIRMWARE_TYPES),
  nosoftreserve: fc.boolean(),
  kernel: fc.constantFrom(...KERNEL_VERSIONS),
  onlinePolicy: fc.constantFrom(...ONLINE_POLICIES),
  hugeFault: fc.boolean(),
  mte: fc.boolean(),
  dirtyLog: fc.boolean(),
  deviceReset: fc.boolean(),
});

export const designArb = fc.constantFrom(...DESIGNS);

/** Every platform the controls can express (5,760), for exhaustive checks and the model benchmark. */
export function allPlatforms(): Platform[] {
  const out: Platform[] = [];
  for (const arch of ARCHES)
    for (const fwbDic of [true, false])
      for (const firmware of FIRMWARE_TYPES)
        for (const nosoftreserve of [false, true])
          for (const kernel of KERNEL_VERSIONS)
            for (const onlinePolicy of ONLINE_POLICIES)
              for (const hugeFault of [true, false])
                for (const mte of [false, true])
                  for (const dirtyLog of [false, true])
                    for (const deviceReset of [false, true])
                      out.push({ arch, fwbDic, firmware, nosoftreserve, kernel, onlinePolicy, hugeFault, mte, dirtyLog, deviceReset });
  return out;
}
