/** fast-check arbitraries and the full platform space, shared by the property tests and the benchmarks (never imported by the app). */
import fc from 'fast-check';
import { PATCH_IDS, normalizePatches } from '../patches/ids';
import type { KernelConfig, Platform } from '../scenario';
import {
  ARCHES, BOOL_CONFIG, CPU_VENDORS, DEFAULT_CONFIG, DESIGNS, EFI_ATTRS, FIRMWARE_TYPES, KERNEL_VERSIONS, ONLINE_POLICIES, REGION_STATES, TRISTATES,
} from '../scenario';

export const configArb: fc.Arbitrary<KernelConfig> = fc.record({
  CXL_REGION: fc.constantFrom(...BOOL_CONFIG),
  DEV_DAX_HMEM: fc.constantFrom(...TRISTATES),
  DEV_DAX_KMEM: fc.constantFrom(...TRISTATES),
  EFI_SOFT_RESERVE: fc.constantFrom(...BOOL_CONFIG),
});

/** Any platform the controls can express. */
export const platformArb: fc.Arbitrary<Platform> = fc.record({
  arch: fc.constantFrom(...ARCHES),
  vendor: fc.constantFrom(...CPU_VENDORS),
  fwb: fc.boolean(),
  dic: fc.boolean(),
  firmware: fc.constantFrom(...FIRMWARE_TYPES),
  efiAttr: fc.constantFrom(...EFI_ATTRS),
  nosoftreserve: fc.boolean(),
  kernel: fc.constantFrom(...KERNEL_VERSIONS),
  config: configArb,
  region: fc.constantFrom(...REGION_STATES),
  onlinePolicy: fc.constantFrom(...ONLINE_POLICIES),
  hugeFault: fc.boolean(),
  mte: fc.boolean(),
  dirtyLog: fc.boolean(),
  deviceReset: fc.boolean(),
  patches: fc.subarray([...PATCH_IDS]).map(normalizePatches),
});

export const designArb = fc.constantFrom(...DESIGNS);

/**
 * The kernel configs the exhaustive checks run: a distribution's, and each option that changes an outcome turned
 * the other way (CONFIG_DEV_DAX_KMEM=y behaves as =m once the module is loaded, so only =n is added).
 */
export const CONFIG_VARIANTS: KernelConfig[] = [
  DEFAULT_CONFIG,
  { ...DEFAULT_CONFIG, CXL_REGION: 'n' },
  { ...DEFAULT_CONFIG, DEV_DAX_HMEM: 'n' },
  { ...DEFAULT_CONFIG, DEV_DAX_KMEM: 'n' },
  { ...DEFAULT_CONFIG, EFI_SOFT_RESERVE: 'n' },
];

/**
 * Every platform the controls can express, with each architecture-only field varied only on its architecture
 * (vendor on x86-64; FWB, DIC, MTE and the EFI attribute on arm64, the last only for EFI_RESERVED_TYPE) and the
 * kernel config and efi=nosoftreserve varied only where they can matter (EFI_MEMORY_SP firmware). Fields that do not
 * apply keep their defaults. For exhaustive checks and the model benchmark.
 */
export function allPlatforms(): Platform[] {
  const out: Platform[] = [];
  const base: Platform = {
    arch: 'x86_64', vendor: 'intel', fwb: true, dic: true, firmware: 'reserved', efiAttr: 'wb', nosoftreserve: false, kernel: '7.1',
    config: DEFAULT_CONFIG, region: 'committed', onlinePolicy: 'online_movable', hugeFault: true, mte: false, dirtyLog: false, deviceReset: false,
    patches: [],
  };
  const archVariants: Partial<Platform>[] = [
    ...CPU_VENDORS.map((vendor) => ({ arch: 'x86_64' as const, vendor })),
    ...[true, false].flatMap((fwb) => [true, false].flatMap((dic) => [false, true].map((mte) => ({ arch: 'arm64' as const, fwb, dic, mte })))),
  ];
  for (const av of archVariants)
    for (const firmware of FIRMWARE_TYPES) {
      const fwVariants: Partial<Platform>[] =
        firmware === 'soft-reserved'
          ? [false, true].flatMap((nosoftreserve) => CONFIG_VARIANTS.map((config) => ({ nosoftreserve, config })))
          : firmware === 'reserved' && av.arch === 'arm64'
            ? EFI_ATTRS.map((efiAttr) => ({ efiAttr }))
            : [{}];
      for (const fv of fwVariants)
        for (const kernel of KERNEL_VERSIONS)
          for (const region of REGION_STATES)
            for (const onlinePolicy of ONLINE_POLICIES)
              for (const hugeFault of [true, false])
                for (const dirtyLog of [false, true])
                  for (const deviceReset of [false, true])
                    out.push({ ...base, ...av, firmware, ...fv, kernel, region, onlinePolicy, hugeFault, dirtyLog, deviceReset });
    }
  return out;
}
