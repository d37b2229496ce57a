import type { Source } from '../source';

/** Sources for the kvm-x86 part of the model. Keys are stable SourceIds ("kvm-x86/<short-name>"). */
export const SOURCES_KVM_X86: Record<string, Source> = {};
