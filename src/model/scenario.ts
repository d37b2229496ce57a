/**
 * The inputs of the model: which design runs on which platform.
 * Everything the UI, the CLI, share links and tests vary lives here; nothing else feeds the model.
 */
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

/** Memory hotplug online policy for newly added blocks (memhp_default_state / online_movable etc.). */
export const ONLINE_POLICIES = ['offline', 'online_movable', 'online_kernel'] as const;
export type OnlinePolicy = (typeof ONLINE_POLICIES)[number];

export interface Platform {
  arch: Arch;
  /** arm64 only: ARM64_HAS_STAGE2_FWB and ARM64_HAS_CACHE_DIC both present. Ignored on x86_64. */
  fwbDic: boolean;
  firmware: FirmwareType;
  /** Boot option efi=nosoftreserve (or CONFIG_EFI_SOFT_RESERVE=n): EFI_MEMORY_SP ranges become System RAM. */
  nosoftreserve: boolean;
  kernel: KernelVersion;
  onlinePolicy: OnlinePolicy;
  /** The VFIO driver implements .huge_fault (vmf_insert_pfn_pmd/pud) rather than only .fault. */
  hugeFault: boolean;
  /** The VM has MTE enabled (arm64 only). */
  mte: boolean;
  /** The memslot has KVM_MEM_LOG_DIRTY_PAGES (live migration in progress). */
  dirtyLog: boolean;
  /** A device reset (FLR / CXL reset) happened after the guest mapped the memory, and the guest touches it again. */
  deviceReset: boolean;
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
  fwbDic: true,
  firmware: 'reserved',
  nosoftreserve: false,
  kernel: '7.1',
  onlinePolicy: 'online_movable',
  hugeFault: true,
  mte: false,
  dirtyLog: false,
  deviceReset: false,
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
