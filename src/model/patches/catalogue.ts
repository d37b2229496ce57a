/**
 * The catalogue of kernel changes that bear on the four designs: merged (expressed by kernel version), posted and
 * hypothetical, each with what it rests on and how the model applies it. The effects are rules in the model files
 * that read hasPatch() (grep for the id); this file only describes them.
 */
import type { KernelVersion } from '../scenario';
import { KERNEL_VERSIONS } from '../scenario';
import { CXL_ENTRIES } from './catalogue-cxl';
import { KVM_ENTRIES } from './catalogue-kvm';
import type { PatchId } from './ids';
import { PATCH_IDS } from './ids';
import type { PatchEntry } from './types';
import { statusText } from './applied';

export { appliedHeadline } from './applied';

export type { AppliedBy, PatchEntry, PatchStatus } from './types';

export const CATALOGUE: readonly PatchEntry[] = [...CXL_ENTRIES, ...KVM_ENTRIES];

export function catalogueEntry(id: string): PatchEntry | undefined {
  return CATALOGUE.find((e) => e.id === id);
}

/** The entry of a change platform.patches can carry. */
export function patchEntry(id: PatchId): PatchEntry {
  const e = catalogueEntry(id);
  if (!e) throw new Error(`catalogue: no entry for ${id}`);
  return e;
}

/** "posted v8", "hypothetical", "merged v6.17": the badge the app, the CLI and the text export print. */
export function statusLabel(e: PatchEntry): string {
  return statusText(e.status);
}

/**
 * Merged entries that moving between two kernel versions brings (upgrading) or takes away (going back): those the
 * model expresses by a version after the lower one, up to the higher one.
 */
export function mergedBetween(from: KernelVersion, to: KernelVersion): PatchEntry[] {
  const lo = Math.min(KERNEL_VERSIONS.indexOf(from), KERNEL_VERSIONS.indexOf(to));
  const hi = Math.max(KERNEL_VERSIONS.indexOf(from), KERNEL_VERSIONS.indexOf(to));
  return CATALOGUE.filter((e) => {
    if (e.status.kind !== 'merged') return false;
    const k = KERNEL_VERSIONS.indexOf(e.status.kernel);
    return k > lo && k <= hi;
  });
}

/** Every applicable id has exactly one entry that applies it. */
export function checkCatalogue(): string | null {
  for (const id of PATCH_IDS) {
    const e = catalogueEntry(id);
    if (!e || e.appliedBy.kind !== 'patch' || e.appliedBy.id !== id) return `${id} has no entry applied by --patch`;
  }
  const ids = CATALOGUE.map((e) => e.id);
  if (new Set(ids).size !== ids.length) return 'duplicate catalogue ids';
  return null;
}
