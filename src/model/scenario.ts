/**
 * The inputs of the model: which design runs on which platform.
 * Everything the UI, the CLI, share links and tests vary lives here; nothing else feeds the model.
 */
import type { PatchId } from './patches/ids';
export const DESIGNS = ['hotplug', 'private-node', 'memremap', 'vfio-owned', 'nvgrace-gpu'] as const;
export type DesignId = (typeof DESIGNS)[number];

export const ARCHES = ['x86_64', 'arm64'] as const;
export type Arch = (typeof ARCHES)[number];

/** What firmware called the accelerator's HDM range (EFI memory map type). */
export const FIRMWARE_TYPES = ['conventional', 'soft-reserved', 'reserved'] as const;
export type FirmwareType = (typeof FIRMWARE_TYPES)[number];

/**
 * Kernel versions the model distinguishes. Only versions where a modelled behaviour changes are listed:
 * 6.11: region_intersects() not descendant-aware; arm64 KVM never maps PFNMAP cacheable.
 * 6.12: descendant-aware region_intersects() (Sep 2024 fix, Cc stable), follow_pfnmap API, vfio-pci huge pfnmap.
 * 6.17: arm64 cacheable PFNMAP stage-2 with FWB+DIC (Ankit Agrawal's series).
 * 7.0: Soft Reserved ranges deferred to soft_reserve_resource until CXL/HMEM decide ownership.
 * 7.1: newest source read (VFIO and arm64 KVM at the v7.1 merge window; x86 KVM is v6.19).
 */
export const KERNEL_VERSIONS = ['6.11', '6.12', '6.17', '7.0', '7.1'] as const;
export type KernelVersion = (typeof KERNEL_VERSIONS)[number];

/**
 * Memory hotplug online policy for newly added blocks: memhp_default_state= (offline, online, online_kernel,
 * online_movable) or the same words written to a block's sysfs "state". Plain "online" (MMOP_ONLINE) picks the zone by
 * the contig-zones policy: ZONE_NORMAL unless movable_node or online_policy=auto-movable (mm/memory_hotplug.c).
 */
export const ONLINE_POLICIES = ['offline', 'online', 'online_movable', 'online_kernel'] as const;
export type OnlinePolicy = (typeof ONLINE_POLICIES)[number];

/** x86-64 CPU vendor: Intel VMX with EPT, or AMD SVM with NPT. Ignored on arm64. */
export const CPU_VENDORS = ['intel', 'amd'] as const;
export type CpuVendor = (typeof CPU_VENDORS)[number];

/**
 * arm64: the EFI memory attribute of an EFI_RESERVED_TYPE range. With a cacheable attribute (WB) efi-init.c's
 * reserve_regions() adds it to memblock as NOMAP (a memmap exists, pfn_valid() true, pfn_is_map_memory() false);
 * without one it never reaches memblock or /proc/iomem. Ignored on x86-64 and for other firmware types.
 */
export const EFI_ATTRS = ['wb', 'uc'] as const;
export type EfiAttr = (typeof EFI_ATTRS)[number];

/**
 * Whether a committed CXL region (region0) covers the accelerator's range from boot, before hmem decides who owns a
 * Soft Reserved range: only if the accelerator's own driver registered it with CXL during the initial device probe
 * (the Type-2 API, a posted series). "none" is the usual case: cxl_pci binds only Type-3 class codes, so the region
 * is assembled later, when the design's driver binds.
 */
export const REGION_STATES = ['committed', 'none'] as const;
export type RegionState = (typeof REGION_STATES)[number];

export const TRISTATES = ['y', 'm', 'n'] as const;
export type Tristate = (typeof TRISTATES)[number];
export const BOOL_CONFIG = ['y', 'n'] as const;
export type BoolConfig = (typeof BOOL_CONFIG)[number];

/** The kernel config options that change an outcome. CONFIG_DEV_DAX_CXL follows CONFIG_CXL_REGION (its default). */
export interface KernelConfig {
  CXL_REGION: BoolConfig;
  DEV_DAX_HMEM: Tristate;
  DEV_DAX_KMEM: Tristate;
  EFI_SOFT_RESERVE: BoolConfig;
}
export const CONFIG_KEYS = ['CXL_REGION', 'DEV_DAX_HMEM', 'DEV_DAX_KMEM', 'EFI_SOFT_RESERVE'] as const satisfies readonly (keyof KernelConfig)[];
export type ConfigKey = (typeof CONFIG_KEYS)[number];
/** Which values each option takes: tristate for modules, bool otherwise. */
export const CONFIG_VALUES: { [K in ConfigKey]: readonly KernelConfig[K][] } = {
  CXL_REGION: BOOL_CONFIG,
  DEV_DAX_HMEM: TRISTATES,
  DEV_DAX_KMEM: TRISTATES,
  EFI_SOFT_RESERVE: BOOL_CONFIG,
};

/** A distribution kernel's choices (Fedora, Debian and Ubuntu x86-64 and arm64 configs build these the same way). */
export const DEFAULT_CONFIG: KernelConfig = { CXL_REGION: 'y', DEV_DAX_HMEM: 'y', DEV_DAX_KMEM: 'm', EFI_SOFT_RESERVE: 'y' };

export interface Platform {
  arch: Arch;
  /** x86-64 only: Intel (VMX, EPT) or AMD (SVM, NPT). */
  vendor: CpuVendor;
  /** arm64 only: FEAT_S2FWB (ARM64_HAS_STAGE2_FWB). */
  fwb: boolean;
  /** arm64 only: CTR_EL0.DIC (ARM64_HAS_CACHE_DIC). */
  dic: boolean;
  firmware: FirmwareType;
  /** arm64 only: the memory attribute of an EFI_RESERVED_TYPE range. */
  efiAttr: EfiAttr;
  /** Boot option efi=nosoftreserve: EFI_MEMORY_SP ranges become System RAM (as with CONFIG_EFI_SOFT_RESERVE=n). */
  nosoftreserve: boolean;
  kernel: KernelVersion;
  config: KernelConfig;
  /** Whether a CXL region exists for the range. */
  region: RegionState;
  onlinePolicy: OnlinePolicy;
  /** The VFIO driver implements .huge_fault (vmf_insert_pfn_pmd/pud) rather than only .fault. */
  hugeFault: boolean;
  /** The VM has MTE enabled (arm64 only). */
  mte: boolean;
  /** The memslot has KVM_MEM_LOG_DIRTY_PAGES (live migration in progress). */
  dirtyLog: boolean;
  /** A device reset (FLR / CXL reset) happened after the guest mapped the memory, and the guest touches it again. */
  deviceReset: boolean;
  /**
   * Posted or hypothetical kernel changes applied on top of `kernel` (src/model/patches), each once, in catalogue
   * order (normalizePatches()). Empty: the kernel as released, plus the series the design itself is.
   */
  patches: PatchId[];
}

/** The accelerator's HDM range and the CXL window around it, in host physical addresses. */
export interface HdmLayout {
  windowStart: bigint;
  windowEnd: bigint; // inclusive, like struct resource
  hdmStart: bigint;
  hdmEnd: bigint; // inclusive
}

export interface Scenario {
  design: DesignId;
  platform: Platform;
}

export const DEFAULT_PLATFORM: Platform = {
  arch: 'x86_64',
  vendor: 'intel',
  fwb: true,
  dic: true,
  firmware: 'reserved',
  efiAttr: 'wb',
  nosoftreserve: false,
  kernel: '7.1',
  config: DEFAULT_CONFIG,
  region: 'none',
  onlinePolicy: 'online_movable',
  hugeFault: true,
  mte: false,
  dirtyLog: false,
  deviceReset: false,
  patches: [],
};

/** Illustrative layout from alternatives-and-resource-tree.md §3.6: 16 GiB at 0x1050000000 in "CXL Window 0". */
export const DEFAULT_LAYOUT: HdmLayout = {
  windowStart: 0x10_5000_0000n,
  windowEnd: 0x30_4fff_ffffn,
  hdmStart: 0x10_5000_0000n,
  hdmEnd: 0x14_4fff_ffffn,
};

export const DEFAULT_SCENARIO: Scenario = { design: 'vfio-owned', platform: DEFAULT_PLATFORM };

export function kernelAtLeast(p: Platform, v: KernelVersion): boolean {
  return versionAtLeast(p.kernel, v);
}

export function versionAtLeast(k: KernelVersion, v: KernelVersion): boolean {
  return KERNEL_VERSIONS.indexOf(k) >= KERNEL_VERSIONS.indexOf(v);
}

/** One string per platform, every field in a fixed order: the key of every cache of derivations. */
export function platformKey(p: Platform): string {
  const c = p.config;
  return [
    p.arch, p.vendor, p.fwb, p.dic, p.firmware, p.efiAttr, p.nosoftreserve, p.kernel,
    c.CXL_REGION, c.DEV_DAX_HMEM, c.DEV_DAX_KMEM, c.EFI_SOFT_RESERVE, p.region,
    p.onlinePolicy, p.hugeFault, p.mte, p.dirtyLog, p.deviceReset, p.patches.join(','),
  ].join('|');
}

/** "CONFIG_CXL_REGION=y,CONFIG_DEV_DAX_HMEM=y,…": the form the CLI takes and prints. */
export function formatConfig(c: KernelConfig): string {
  return CONFIG_KEYS.map((k) => `CONFIG_${k}=${c[k]}`).join(',');
}
