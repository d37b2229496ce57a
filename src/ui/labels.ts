/** Human labels for the model's identifiers (UI only). */
import type { VerdictId } from '../model/explain-types';
import type { ConfigKey, CpuVendor, DesignId, EfiAttr, FirmwareType, OnlinePolicy, RegionState } from '../model/scenario';

export { DESIGN_LABEL } from '../model/text/designLabels';

export const DESIGN_BLURB: Record<DesignId, string> = {
  hotplug: 'Online the range as System RAM (dax/kmem); mm owns it, guest RAM is bound to the node.',
  'private-node': 'N_MEMORY_PRIVATE node (RFC v4): struct pages, excluded from normal allocation.',
  memremap: 'v2 as posted: memremap(WB) KVA, demand-fault PFNMAP mmap, no resource claim.',
  'vfio-owned': 'Jason’s model (v3+): request_mem_region on the HPA, no struct pages, cacheable special PTEs.',
  'nvgrace-gpu': 'Upstream precedent: vfio/nvgrace-gpu usemem, a cacheable PFNMAP (remap_pfn_range() at mmap before the v6.19 cycle, huge faults since).',
};

export const FIRMWARE_OPTION: Record<FirmwareType, string> = {
  conventional: 'EFI_CONVENTIONAL_MEMORY (System RAM)',
  'soft-reserved': 'EFI_CONVENTIONAL + EFI_MEMORY_SP (Soft Reserved)',
  reserved: 'EFI_RESERVED_TYPE (Reserved)',
};

export const ONLINE_OPTION: Record<OnlinePolicy, string> = {
  offline: 'offline',
  online: 'online (ZONE_NORMAL by default)',
  online_movable: 'online_movable (ZONE_MOVABLE)',
  online_kernel: 'online_kernel (ZONE_NORMAL)',
};

export const VERDICT_SHORT: Record<VerdictId, string> = {
  'guest-cacheable': 'Guest cacheable',
  'exclusive-ownership': 'Exclusive',
  'huge-mappings': 'Huge maps',
  'live-migration': 'Live migration',
  'device-reset': 'Device reset',
  'firmware-ram': 'If firmware says RAM',
  'struct-pages': 'struct pages',
  aliases: 'Host aliases',
  'upstream-status': 'Upstream',
};

export const VENDOR_OPTION: Record<CpuVendor, string> = {
  intel: 'Intel (VMX, EPT)',
  amd: 'AMD (SVM, NPT)',
};

export const EFI_ATTR_OPTION: Record<EfiAttr, string> = {
  wb: 'WB (NOMAP memblock, memmap)',
  uc: 'no WB attribute (not in memblock)',
};

export const REGION_OPTION: Record<RegionState, string> = {
  committed: 'committed at boot (before hmem decides)',
  none: 'none at boot (its driver assembles it)',
};

export const CONFIG_HINT: Record<ConfigKey, string> = {
  CXL_REGION: 'CXL region support; also the default of CONFIG_DEV_DAX_CXL, which makes hmem leave ranges in a CXL window to CXL',
  DEV_DAX_HMEM: 'dax_hmem: turns Soft Reserved ranges into dax devices',
  DEV_DAX_KMEM: 'kmem: onlines a dax device as System RAM (kmem); =n leaves device_dax to bind',
  EFI_SOFT_RESERVE: 'EFI_MEMORY_SP ranges become Soft Reserved; =n makes them System RAM, like efi=nosoftreserve',
};
