/**
 * Test helper: MemoryState fixtures for the two kinds of memory the fault path distinguishes, without running a design.
 * (The real MemoryState comes from src/model/designs/*; this only builds inputs for unit tests of buildVma/faultPath.)
 */
import type { MemoryState } from '../explain-types';

/** HDM with no struct pages (VFIO-owned, memremap, nvgrace-gpu): not pfn_valid, not map memory, not firmware E820 RAM by default. */
export function devicePfnMemory(over: Partial<MemoryState> = {}): MemoryState {
  return {
    pages: 'none',
    structPages: false,
    online: false,
    heldBy: null,
    owner: null,
    zone: null,
    numaNode: null,
    nodeState: null,
    directMap: false,
    kernelMapping: null,
    systemRamIntersection: 'REGION_DISJOINT',
    pfnValid: false,
    pfnIsMapMemory: false,
    firmwareE820Ram: false,
    sources: [],
    ...over,
  };
}

/** HDM onlined as RAM (hotplug / private node): online struct pages of node 1, in memblock on arm64. */
export function pageMemory(over: Partial<MemoryState> = {}): MemoryState {
  return {
    pages: 'buddy',
    structPages: true,
    online: true,
    heldBy: ['CXL Window 0', 'region0', 'dax0.0', 'System RAM (kmem)'],
    owner: 'hotplug',
    zone: 'ZONE_MOVABLE',
    numaNode: 1,
    nodeState: 'N_MEMORY',
    directMap: true,
    kernelMapping: { kind: 'linear-map', via: 'direct map', note: '' },
    systemRamIntersection: 'REGION_INTERSECTS',
    pfnValid: true,
    pfnIsMapMemory: true,
    firmwareE820Ram: false,
    sources: [],
    ...over,
  };
}
