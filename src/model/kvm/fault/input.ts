/** What the fault walk reads: the design, the platform, the memory and VMA the design left, and where the guest faults. */
import type { MemoryState, VmaModel } from '../../explain-types';
import type { DesignId, HdmLayout, Platform } from '../../scenario';

export interface FaultInput {
  design: DesignId;
  platform: Platform;
  layout: HdmLayout;
  memory: MemoryState;
  vma: VmaModel;
  faultOffset: bigint;
  write: boolean;
  /** False when the design could not set the memory up: the trace ends before KVM is reached. */
  deviceBound: boolean;
  /** Why not (shown as the error), when deviceBound is false. */
  unboundReason?: string;
  /** The errno and function of the failed setup step, when there is one. */
  setupError?: { error: string; at: string };
}

/** Guest physical address the VMM maps the HDM region at (1 GiB aligned). Illustrative. */
export const GPA_BASE = 0x100_0000_0000n;

export function isPfnmap(vma: VmaModel): boolean {
  return vma.flags.some((f) => f.name === 'VM_PFNMAP');
}

export function hasFlag(vma: VmaModel, name: string): boolean {
  return vma.flags.some((f) => f.name === name);
}

/** What QEMU does when KVM_RUN returns a bare -EFAULT (reset/qemu-kvm-run-failed). */
export const QEMU_EFAULT = 'QEMU prints "kvm run failed Bad address" and stops the VM (RUN_STATE_INTERNAL_ERROR) until a system reset';
