/**
 * The kernel changes a scenario can apply with `--patch` (platform.patches): posted series not merged, and
 * hypothetical changes a maintainer has said would be needed. Merged changes are not here: the model expresses each
 * by the kernel version it landed in (see catalogue/). No imports, so scenario.ts can use the type.
 */
export const PATCH_IDS = [
  'cxl/type2-no-dax',
  'dax/soft-reserve-iomem',
  'kvm-x86/ept-host-pat',
  'kvm/memory-fault-exit',
  'vmm/retry-after-reset',
] as const;
export type PatchId = (typeof PATCH_IDS)[number];

export function isPatchId(s: string): s is PatchId {
  return (PATCH_IDS as readonly string[]).includes(s);
}

/** Every id once, in catalogue order: the one form platforms, links and cache keys carry. */
export function normalizePatches(ids: readonly PatchId[]): PatchId[] {
  return PATCH_IDS.filter((id) => ids.includes(id));
}

/** Whether a platform has a change applied. Rules call this, so what a derivation reads is one patch, not the list. */
export function hasPatch(p: { readonly patches: readonly PatchId[] }, id: PatchId): boolean {
  return p.patches.includes(id);
}
