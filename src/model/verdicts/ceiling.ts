/**
 * Verdicts no platform fact or kernel change can make good, by how the verdict and the design are built: the "what
 * would it take" search says why instead of searching. Each entry names the structural reason; a property test
 * (ceiling.test.ts) checks over random platforms that none of them ever comes out good.
 */
import { SZ_1G, hex } from '../addr';
import type { VerdictId } from '../explain-types';
import type { DesignId, HdmLayout } from '../scenario';
import type { SourceId } from '../source';

export interface Ceiling {
  why: string;
  sources: SourceId[];
}

/** Designs whose guest memory is page-backed (struct pages in the buddy allocator, an anonymous VMA). */
const PAGE_BACKED: readonly DesignId[] = ['hotplug', 'private-node'];
/** Designs that claim nothing in the resource tree for the range. */
const NO_CLAIM: readonly DesignId[] = ['memremap', 'nvgrace-gpu'];

/** What cannot be good for this design on this layout, whatever the platform and the applied changes. */
export function ceilings(design: DesignId, layout: HdmLayout): Partial<Record<VerdictId, Ceiling>> {
  const out: Partial<Record<VerdictId, Ceiling>> = {
    'live-migration': {
      why: 'never good in the model: the device\'s own writes to its memory never reach KVM\'s dirty log, whichever design maps it; at best the guest CPU\'s writes are logged (partial)',
      sources: ['lm/device-writes'],
    },
    'struct-pages': { why: 'informational: whether the range has struct pages is a property of the design, neither good nor bad', sources: [] },
  };
  if (PAGE_BACKED.includes(design)) {
    out['huge-mappings'] = { why: 'guest memory is anonymous THP-backed RAM: the largest host leaf is 2 MiB, so the guest entry is never 1 GiB', sources: ['vma/thp-hugetlb'] };
    out['device-reset'] = { why: 'mm owns the range as RAM: a reset that clears the HDM decoders pulls memory from under the page allocator, whatever else changes', sources: ['hp/reset-unsafe'] };
  } else if (layout.hdmStart % SZ_1G !== 0n) {
    out['huge-mappings'] = {
      why: `the HDM range starts at 0x${hex(layout.hdmStart)}, which is not 1 GiB-aligned: no PUD leaf or 1 GiB block can map it, whatever the platform`,
      sources: ['vma/huge-insert', 'a64/kvm_block_mapping_supported'],
    };
  }
  if (design === 'hotplug') {
    out['exclusive-ownership'] = { why: 'the design hands the range to the page allocator: mm owns it, never the device\'s driver', sources: ['hp/add_memory_driver_managed', 'thread/jason-seed'] };
    out['firmware-ram'] = { why: 'the design makes the range System RAM itself: firmware calling it System RAM leaves ordinary buddy RAM, nothing fails', sources: ['hp/add_memory_driver_managed'] };
  }
  if (design === 'private-node') {
    out['exclusive-ownership'] = { why: 'a private node is still shared with every opted-in allocator (__GFP_PRIVATE, mempolicy): at best partial', sources: ['pn/add_private_memory_driver_managed', 'thread/dh-thisnode'] };
  }
  if (NO_CLAIM.includes(design)) {
    out['exclusive-ownership'] = { why: 'the design requests nothing in the resource tree for the range, so nothing stops another owner: at best "not enforced"', sources: design === 'memremap' ? ['mr/no-claim'] : ['nv/no-claim'] };
    out['firmware-ram'] = { why: 'the design claims nothing, so firmware System RAM never makes it fail loudly: memremap() aliases the direct map (or returns NULL on old kernels)', sources: ['mr/memremap', 'thread/dan-c'] };
  }
  if (design === 'nvgrace-gpu') {
    out['device-reset'] = { why: 'nvgrace-gpu\'s fault handler blocks the vCPU in the kernel while the GPU comes back (up to 30 s): at best partial', sources: ['nv/reset-ready'] };
  }
  return out;
}
