/**
 * What the model derives for one scenario. The three diagrams, the verdict matrix, the CLI's JSON and text,
 * and the plain-text export all read this and nothing else.
 */
import type { Resource, RegionIntersection } from './resource/types';
import type { Arch, DesignId, Platform } from './scenario';
import type { SourceId } from './source';

/** One kernel operation a design performs on the resource tree or memory, in order. */
export interface KernelOp {
  /** Function called, e.g. "request_mem_region()", "add_memory_driver_managed()", "memremap()". */
  fn: string;
  file: string;
  /** Human-readable arguments, e.g. "0x1050000000, 16 GiB, \"vfio-cxl\"". */
  args: string;
  /** What it returned / did, e.g. "busy leaf under region0", "-EBUSY (conflict: System RAM)". */
  result: string;
  ok: boolean;
  /** Resource this op created or conflicted with, as a path of names from the root, for linked highlighting. */
  resourcePath?: string[];
  sources: SourceId[];
}

export interface Conflict {
  /** The op that failed. */
  fn: string;
  errno: string; // "-EBUSY", "-EEXIST", ...
  /** The busy resource that made it fail. */
  conflictWith: { start: bigint; end: bigint; name: string | null; path: string[] };
  sources: SourceId[];
}

/** The memory's state after the design ran. */
export interface MemoryState {
  structPages: boolean;
  /** Zone, when there are struct pages: "ZONE_MOVABLE", "ZONE_NORMAL", "ZONE_DEVICE", or null. */
  zone: string | null;
  /** NUMA node the pages belong to (illustrative number), or null when there is no node. */
  numaNode: number | null;
  nodeState: 'N_MEMORY' | 'N_MEMORY_PRIVATE' | null;
  /** In the kernel direct (linear) map. */
  directMap: boolean;
  /** The kernel's own mapping of the range, if the design makes one. */
  kernelMapping: { kind: 'direct-map-alias' | 'ioremap-wb' | 'ioremap-prot-normal' | 'linear-map' | 'none' | 'null'; via: string; note: string } | null;
  /** region_intersects(hdm, IORESOURCE_SYSTEM_RAM, IORES_DESC_NONE) on the tree after the design ran. */
  systemRamIntersection: RegionIntersection;
  /** pfn_is_map_memory() on arm64 / pfn_valid() on x86 for the HDM pfns. */
  pfnValid: boolean;
  pfnIsMapMemory: boolean;
  /** Listed as E820_TYPE_RAM in e820_table_firmware (x86). */
  firmwareE820Ram: boolean;
  sources: SourceId[];
}

export type LeafSize = '4K' | '2M' | '1G';
export type PageTableLevel = 'PGD' | 'P4D' | 'PUD' | 'PMD' | 'PTE';

export interface VmFlag {
  /** Kernel name, e.g. "VM_PFNMAP". */
  name: string;
  /** smaps VmFlags mnemonic, e.g. "pf"; "??" when the table has none (VM_ALLOW_ANY_UNCACHED). */
  mnemonic: string;
  verified: boolean;
}

export interface PageTableLeaf {
  level: PageTableLevel;
  size: LeafSize;
  hva: bigint;
  pfn: bigint;
  /** pte_special()/pmd_special()/pud_special(): no struct page behind it. */
  special: boolean;
  /** For refcounted struct pages: the node and zone the page belongs to. */
  page: { node: number | null; zone: string } | null;
  writable: boolean;
}

export interface VmaModel {
  /** What kind of mapping the VMM uses: 'vfio-region' (PFNMAP), 'anon', 'hugetlbfs', 'memfd', or 'none' when no mapping exists. */
  kind: 'vfio-region' | 'anon' | 'hugetlbfs' | 'memfd' | 'none';
  vmStart: bigint;
  vmEnd: bigint; // exclusive, as vm_end
  /** vm_pgoff as the kernel stores it (for VFIO: region index << (40 - PAGE_SHIFT) encoding). */
  vmPgoff: bigint;
  flags: VmFlag[];
  /** The smaps "VmFlags:" line this VMA prints. */
  smaps: string;
  pgprot: {
    /** x86 cache mode of the host PTE after PAT (pfnmap_setup_cachemode) or arm64 MAIR index. */
    cacheMode: string;
    /** How it came to be, e.g. "default vm_page_prot (shared RW)", "pgprot_noncached()". */
    origin: string;
    cacheable: boolean;
  };
  vmOps: { name: string; handlers: { name: string; fn: string }[] } | null;
  /** PFNMAP leaves installed when the VMM maps the region (remap_pfn_range()), not by a fault handler. */
  populatedAtMmap?: boolean;
  /** Host page-table walk for the faulting address, PGD → ... → leaf. */
  walk: { level: PageTableLevel; entry: string; leaf: boolean }[];
  /** The leaves that cover the faulting address and its neighbourhood (a handful is enough for the diagram). */
  leaves: PageTableLeaf[];
  /** Largest leaf the driver/mm installs for this mapping. */
  maxLeaf: LeafSize;
  sources: SourceId[];
  notes: string[];
}

/** A node of the per-architecture fault graph: a function, a decision, or a terminal result. */
export interface FaultNode {
  id: string;
  kind: 'function' | 'decision' | 'result' | 'error';
  /** Function name with (), e.g. "hva_to_pfn_remapped()"; for decisions, the condition tested. */
  label: string;
  file: string;
  sources: SourceId[];
  /** Marked UNVERIFIED in the domain notes (e.g. names not checked against source). */
  verified: boolean;
}

export interface FaultEdge {
  from: string;
  to: string;
  /** Condition under which this edge is taken, e.g. "VM_PFNMAP", "GUP fails". */
  label: string;
}

export interface FaultGraph {
  arch: Arch;
  nodes: FaultNode[];
  edges: FaultEdge[];
}

/** One step of the taken path. */
export interface FaultStep {
  nodeId: string;
  function: string;
  file: string;
  /** For decisions: what was tested, the value that decided it, and the branch taken. */
  decision?: { test: string; value: string; taken: string };
  detail?: string;
  /** What this step links to in the other diagrams. */
  links?: { vmaLeaf?: boolean; pfn?: bigint; resourcePath?: string[] };
  sources: SourceId[];
  verified: boolean;
}

export type FaultResult =
  | {
      kind: 'mapped';
      table: 'EPT' | 'stage-2';
      level: LeafSize;
      /** EPT: "WB", "WB+IPAT", "UC"; stage-2: "Normal", "Normal-NC", "Device-nGnRE". */
      memtype: string;
      cacheable: boolean;
      writable: boolean;
      pfn: bigint;
    }
  | {
      kind: 'error';
      /** "-EFAULT", "-EINVAL", "SIGBUS", "-ENOEXEC", ... */
      error: string;
      /** Where the VMM sees it, e.g. "KVM_RUN returns -EFAULT", "KVM_SET_USER_MEMORY_REGION fails -EINVAL", "probe fails -EBUSY". */
      seenBy: string;
      /** Function where it arises. */
      at: string;
    };

export interface FaultTrace {
  arch: Arch;
  graph: FaultGraph;
  steps: FaultStep[];
  result: FaultResult;
}

export type VerdictId =
  | 'guest-cacheable'
  | 'exclusive-ownership'
  | 'huge-mappings'
  | 'live-migration'
  | 'device-reset'
  | 'firmware-ram'
  | 'struct-pages'
  | 'upstream-status';

export interface Verdict {
  id: VerdictId;
  label: string;
  status: 'good' | 'bad' | 'partial' | 'n/a';
  /** One short line for the matrix cell. */
  short: string;
  /** One or two sentences for the detail view. */
  detail: string;
  sources: SourceId[];
  verified: boolean;
}

export interface Explanation {
  design: DesignId;
  platform: Platform;
  layout: { windowStart: bigint; windowEnd: bigint; hdmStart: bigint; hdmEnd: bigint };
  /** Boot-time tree built from the platform (firmware map + CXL). */
  bootTree: Resource;
  /** Tree after the design's operations ran. */
  tree: Resource;
  /** /proc/iomem text of `tree`, as root would read it. */
  iomem: string;
  ops: KernelOp[];
  conflict: Conflict | null;
  memory: MemoryState;
  vma: VmaModel;
  fault: FaultTrace;
  verdicts: Verdict[];
  /** Every source id referenced anywhere above, in first-use order (footnote numbering). */
  sources: SourceId[];
  /** Warnings the user should see (e.g. "nvgrace-gpu exists only on arm64"). */
  warnings: string[];
}
