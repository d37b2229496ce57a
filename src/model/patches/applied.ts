/**
 * What a view needs to say about the kernel changes it applies (platform.patches): each one's title and status, and
 * the NOT UPSTREAM lines. Apart from the catalogue (catalogue.ts, whose entries spread these), so the headline, the
 * text header and the printed caption carry them without the catalogue's effects and sources.
 */
import type { Arch } from '../scenario';
import type { PatchId } from './ids';
import type { PatchStatus } from './types';

export interface Applicable {
  /** A few words for the headline and the platform line ("EPT memtype from the host PAT"). */
  short: string;
  title: string;
  status: Exclude<PatchStatus, { kind: 'merged' }>;
  /** When it is specific to one architecture. */
  arch?: Arch;
}

export const APPLICABLE: Record<PatchId, Applicable> = {
  'cxl/type2-no-dax': {
    short: 'the no-dax patch for accelerators',
    title: 'cxl: Avoid dax creation for accelerators',
    status: { kind: 'posted', series: '[PATCH v20 19/22] cxl: Avoid dax creation for accelerators', version: 'v20 (also v17–v21)', messageId: '20251110153657.2706192-20-alejandro.lucero-palau@amd.com' },
  },
  'dax/soft-reserve-iomem': {
    short: 'Soft Reserved back in iomem (v8)',
    arch: 'x86_64',
    title: 'dax/hmem: Reintroduce Soft Reserved ranges back into the iomem tree',
    status: { kind: 'posted', series: '[PATCH v8 9/9] dax/hmem: Reintroduce Soft Reserved ranges back into the iomem tree', version: 'v8', messageId: '20260322195343.206900-10-Smita.KoralahalliChannabasappa@amd.com' },
  },
  'kvm-x86/ept-host-pat': {
    short: 'EPT memtype from the host PAT',
    arch: 'x86_64',
    title: 'KVM: x86: take the EPT memory type of a PFNMAP pfn from the host mapping, not kvm_is_mmio_pfn()',
    status: { kind: 'hypothetical', messageId: 'ZfBzBUbxpF9MpII-@google.com' },
  },
  'kvm/memory-fault-exit': {
    short: 'KVM_EXIT_MEMORY_FAULT on -EFAULT (v5)',
    title: 'KVM: annotate -EFAULT from the stage-2 fault path with KVM_EXIT_MEMORY_FAULT',
    status: { kind: 'posted', series: '[PATCH v5 06/17] KVM: x86: Annotate -EFAULTs from kvm_handle_error_pfn() (and 07/17 for arm64 user_mem_abort())', version: 'v5', messageId: '20230908222905.1321305-1-amoorthy@google.com' },
  },
  'vmm/retry-after-reset': {
    short: 'a VMM that retries after a reset',
    title: 'VMM: on KVM_EXIT_MEMORY_FAULT inside a device region during its reset, wait and re-enter KVM_RUN',
    status: { kind: 'hypothetical', messageId: 'ZR9WkaObdPTIc07-@google.com' },
  },
};

/** The title and status (and architecture) a catalogue entry of an applicable change spreads. */
export function head(id: PatchId): Pick<Applicable, 'title' | 'status' | 'arch'> {
  const { title, status, arch } = APPLICABLE[id];
  return arch ? { title, status, arch } : { title, status };
}

/** "posted v8", "hypothetical", "merged v6.17": the badge the app, the CLI and the text export print. */
export function statusText(s: PatchStatus): string {
  if (s.kind === 'merged') return `merged ${s.release}`;
  if (s.kind === 'posted') return `posted ${s.version}`;
  return 'hypothetical';
}

/** "a posted change", "hypothetical changes", "posted and hypothetical changes": what `patches` are, in words. */
export function appliedKinds(patches: readonly PatchId[]): string {
  const kinds = new Set(patches.map((id) => APPLICABLE[id].status.kind));
  if (kinds.size > 1) return 'posted and hypothetical changes';
  const kind = [...kinds][0] ?? 'posted';
  return patches.length === 1 ? `a ${kind} change` : `${kind} changes`;
}

/**
 * The lines a view with posted or hypothetical changes applied starts with, so nobody takes a proposal for
 * upstream. Empty when the platform carries none.
 */
export function appliedHeadline(p: { readonly patches: readonly PatchId[] }): string[] {
  if (p.patches.length === 0) return [];
  return [
    `NOT UPSTREAM: ${appliedKinds(p.patches)} applied:`,
    ...p.patches.map((id) => `  * ${id} (${statusText(APPLICABLE[id].status)}): ${APPLICABLE[id].title}`),
  ];
}
