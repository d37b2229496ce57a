/**
 * What a view needs to say about the kernel changes it applies (platform.patches): a short name, whether each is
 * posted (and which version) or hypothetical, its architecture, and the NOT UPSTREAM lines. Apart from the catalogue
 * (catalogue.ts, whose entries have the titles, series, Message-IDs, effects and sources; a test checks both agree),
 * so the headline, the text header and the printed caption carry them without the catalogue in the page's first load.
 */
import type { Arch } from '../scenario';
import type { PatchId } from './ids';
import type { PatchStatus } from './types';

export interface Applicable {
  /** A few words for the headline, the platform line and the text header ("EPT memtype from the host PAT"). */
  short: string;
  kind: 'posted' | 'hypothetical';
  /** The version posted (its catalogue entry's status.version). */
  version?: string;
  /** When it is specific to one architecture. */
  arch?: Arch;
}

export const APPLICABLE: Record<PatchId, Applicable> = {
  'cxl/type2-no-dax': { short: 'the no-dax patch for accelerators', kind: 'posted', version: 'v20 (also v17–v21)' },
  'dax/soft-reserve-iomem': { short: 'Soft Reserved back in iomem (v8)', kind: 'posted', version: 'v8', arch: 'x86_64' },
  'kvm-x86/ept-host-pat': { short: 'EPT memtype from the host PAT', kind: 'hypothetical', arch: 'x86_64' },
  'kvm/memory-fault-exit': { short: 'KVM_EXIT_MEMORY_FAULT on -EFAULT (v5)', kind: 'posted', version: 'v5' },
  'vmm/retry-after-reset': { short: 'a VMM that retries after a reset', kind: 'hypothetical' },
};

/** "posted v8", "hypothetical", "merged v6.17": the badge the app, the CLI and the text export print. */
export function statusText(s: PatchStatus): string {
  if (s.kind === 'merged') return `merged ${s.release}`;
  if (s.kind === 'posted') return `posted ${s.version}`;
  return 'hypothetical';
}

/** The badge of an applicable change: "posted v5", "hypothetical". */
export function applicableStatus(id: PatchId): string {
  const a = APPLICABLE[id];
  return a.kind === 'posted' ? `posted ${a.version ?? ''}`.trim() : 'hypothetical';
}

/** "a posted change", "hypothetical changes", "posted and hypothetical changes": what `patches` are, in words. */
export function appliedKinds(patches: readonly PatchId[]): string {
  const kinds = new Set(patches.map((id) => APPLICABLE[id].kind));
  if (kinds.size > 1) return 'posted and hypothetical changes';
  const kind = [...kinds][0] ?? 'posted';
  return patches.length === 1 ? `a ${kind} change` : `${kind} changes`;
}

/**
 * The lines a view with posted or hypothetical changes applied starts with, so nobody takes a proposal for
 * upstream (`hdm-atlas patches` gives each id's title and source). Empty when the platform carries none.
 */
export function appliedHeadline(p: { readonly patches: readonly PatchId[] }): string[] {
  if (p.patches.length === 0) return [];
  return [`NOT UPSTREAM: ${appliedKinds(p.patches)} applied:`, ...p.patches.map((id) => `  * ${id} (${applicableStatus(id)}): ${APPLICABLE[id].short}`)];
}
