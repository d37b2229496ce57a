import type { Source } from '../source';

/** Sources for the kvm-arm64 part of the model. Keys are stable SourceIds ("kvm-arm64/<short-name>"). */
export const SOURCES_KVM_ARM64: Record<string, Source> = {};
