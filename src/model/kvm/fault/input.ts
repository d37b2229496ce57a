/** What the fault walk reads: the design, the platform, the memory and VMA the design left, and where the guest faults. */
import type { MemoryState, VmaModel } from '../../explain-types';
import { hasPatch } from '../../patches/ids';
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

/** The posted KVM_EXIT_MEMORY_FAULT annotation and the hypothetical VMM retry both applied: a reset fault is survivable. */
export function resetRecovers(p: Platform): boolean {
  return hasPatch(p, 'kvm/memory-fault-exit') && hasPatch(p, 'vmm/retry-after-reset');
}

/**
 * How KVM_RUN's -EFAULT from the fault path reaches the VMM, and what the VMM does: bare (QEMU stops the VM), with
 * the posted KVM_EXIT_MEMORY_FAULT annotation (QEMU still stops: it takes the exit only as a guest_memfd conversion),
 * or, after a device reset with the hypothetical VMM retry too, re-entered once the reset is over.
 */
export function efaultSeen(p: Platform, gpa: bigint, duringReset: boolean): { seenBy: string; vmm: string; sources: string[] } {
  if (!hasPatch(p, 'kvm/memory-fault-exit')) {
    return { seenBy: 'KVM_RUN returns -EFAULT to the VMM (no KVM_EXIT_MEMORY_FAULT)', vmm: QEMU_EFAULT, sources: ['reset/no-memory-fault-exit', 'reset/qemu-kvm-run-failed'] };
  }
  const seenBy = `KVM_RUN returns -EFAULT with exit_reason KVM_EXIT_MEMORY_FAULT for GPA 0x${gpa.toString(16)} (posted annotation, applied)`;
  if (duringReset && hasPatch(p, 'vmm/retry-after-reset')) {
    return {
      seenBy,
      vmm: 'the VMM sees the fault is inside the device region it is resetting, waits for the reset and re-enters KVM_RUN; the re-fault inserts the pfn (hypothetical VMM change, applied)',
      sources: ['pt/anish-annotate-efault', 'pt/sean-annotate-efault', 'pt/vmm-retry-inference'],
    };
  }
  return {
    seenBy,
    vmm: 'QEMU (9.0+) takes KVM_EXIT_MEMORY_FAULT only as a guest_memfd private/shared conversion: kvm_convert_memory() fails for a VFIO region and the VM stops as before',
    sources: ['pt/anish-annotate-efault', 'reset/qemu-kvm-run-failed'],
  };
}
