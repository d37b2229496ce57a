/**
 * The designs as sequences of kernel operations on the boot tree, and the state of the memory they leave behind.
 * One file per design; this dispatches. Pure: takes a cloned tree and mutates only it.
 */
import type { FirmwareEntry } from '../platform/firmware';
import type { Resource } from '../resource/types';
import type { DesignId, HdmLayout, Platform } from '../scenario';
import type { BootFacts, Ctx, DesignRun } from './common';
import { hotplug } from './hotplug';
import { memremapDesign } from './memremap';
import { nvgraceGpu } from './nvgrace-gpu';
import { privateNode } from './private-node';
import { vfioOwned } from './vfio-owned';

export { DEVICE_NODE, type BootFacts, type DesignRun } from './common';

const NO_BOOT_FACTS: BootFacts = { regionCommitted: false, softReservedOwner: null, bootFailure: null };

/** Run one design on `tree` (already a private copy of the boot tree). */
export function runDesign(design: DesignId, p: Platform, tree: Resource, layout: HdmLayout, fw: FirmwareEntry, boot: BootFacts = NO_BOOT_FACTS): DesignRun {
  const c: Ctx = { design, p, tree, layout, fw, boot, ops: [], warnings: [] };
  switch (design) {
    case 'hotplug':
      return hotplug(c);
    case 'private-node':
      return privateNode(c);
    case 'memremap':
      return memremapDesign(c);
    case 'vfio-owned':
      return vfioOwned(c);
    case 'nvgrace-gpu':
      return nvgraceGpu(c);
  }
}
