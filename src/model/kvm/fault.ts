import type { FaultGraph, FaultTrace, MemoryState, VmaModel } from '../explain-types';
import type { Arch, DesignId, HdmLayout, Platform } from '../scenario';

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
}

/** The static fault graph of one architecture (every node and edge, taken or not). (Stub.) */
export function faultGraph(_arch: Arch): FaultGraph {
  throw new Error('faultGraph: not implemented yet');
}

/** Walk the fault graph for this scenario: the taken path, each decision's value, and the final entry or error. (Stub.) */
export function faultPath(_input: FaultInput): FaultTrace {
  throw new Error('faultPath: not implemented yet');
}
