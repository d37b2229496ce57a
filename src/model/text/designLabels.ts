/** The designs' names, as every view and export prints them (never their ids). */
import type { DesignId } from '../scenario';

export const DESIGN_LABEL: Record<DesignId, string> = {
  hotplug: 'Memory hotplug',
  'private-node': 'Private NUMA node',
  memremap: 'memremap (v2)',
  'vfio-owned': 'VFIO-owned',
  'nvgrace-gpu': 'nvgrace-gpu (precedent)',
};
