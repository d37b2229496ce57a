/** fast-check arbitraries shared by the property tests (test-only; never imported by the app). */
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
