import type { MemoryState, VmaModel } from '../explain-types';
import type { DesignId, HdmLayout, Platform } from '../scenario';

export interface VmaInput {
  design: DesignId;
  platform: Platform;
  layout: HdmLayout;
  memory: MemoryState;
  /** Offset into the HDM range of the address the guest touches (drives the walk and the leaves shown). */
  faultOffset: bigint;
  /** False when the design could not set the memory up (e.g. probe failed -EBUSY): no VMA exists. */
  deviceBound: boolean;
}

/** The VMM's mapping of the memory that becomes the memslot. (Stub: replaced by the VMA/KVM work.) */
export function buildVma(_input: VmaInput): VmaModel {
  throw new Error('buildVma: not implemented yet');
}
