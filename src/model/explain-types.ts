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
  /** The resource that made it fail: a busy one in the way, or a non-busy one the request is not contained in. */
  conflictWith: { start: bigint; end: bigint; name: string | null; path: string[] };
  /** Whether that resource is busy (false: the request straddles a non-busy entry it is not contained in). */
  busy: boolean;
  sources: SourceId[];
}

/** The memory's state after the design ran, read off the whole resource tree (memory/fromTree.ts). */
export interface MemoryState {
  /**
   * What the pfns' struct pages are: buddy RAM (boot or hotplugged, online or not), ZONE_DEVICE pages (device_dax),
   * a reserved memmap with no buddy pages (an arm64 NOMAP memblock region), or no memmap at all.
   */
  pages: 'buddy' | 'zone-device' | 'reserved' | 'none';
  /** The pfns have struct pages mm hands out or GUP can take (buddy or ZONE_DEVICE): pages is not 'none' or 'reserved'. */
  structPages: boolean;
  /** Buddy pages are online (the blocks were onlined); false for offline blocks and when there are no buddy pages. */
  online: boolean;
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
  /** pfn_valid(): a memmap covers the pfns. */
  pfnValid: boolean;
  /** arm64 pfn_is_map_memory(): memblock memory without NOMAP (x86: in the direct map as RAM). */
  pfnIsMapMemory: boolean;
  /** Listed as E820_TYPE_RAM in e820_table_firmware (x86). */
  firmwareE820Ram: boolean;
  /** The resource that holds the memory (path of names from the root), when one does. */
  heldBy: string[] | null;
  /** Who put the memory in the kernel: firmware at boot, memory hotplug (kmem or a driver), device_dax, or nobody. */
  owner: 'boot' | 'hotplug' | 'device_dax' | null;
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
  /** pte_special()/pmd_special()/pud_special(): mm takes no reference, whatever the pfn is. */
  special: boolean;
  /** What the pfn itself is: buddy RAM, a ZONE_DEVICE page, a reserved memmap entry, or no struct page. */
  pfnPage: MemoryState['pages'];
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
  /** The bare C identifier the box stands for, e.g. "hva_to_pfn_remapped"; null for a pure decision or a result. */
  fn: string | null;
  /** What is asked of it or what it computes, e.g. "leaf present?"; for results and errors, the outcome. */
  question: string | null;
  /** What the views show: "fn(): question", "fn()", or the question alone. Composed, never parsed. */
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
  /** The bare C identifier of the step's node (null for a pure decision or a result): what the CLI's JSON reports. */
  function: string | null;
  /** The question the node asks, or what it computes, in the kernel's terms. */
  question: string | null;
  /** What the views show: the node's label with the selected kernel's names. */
  label: string;
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
      table: 'EPT' | 'NPT' | 'stage-2';
      /** Size of the entry that maps the faulting address. */
      level: LeafSize;
      /** EPT: "WB+IPAT", "UC"; NPT: "PAT0"; stage-2: "Normal", "Normal-NC", "Device-nGnRE". */
      memtype: string;
      /** What the guest's accesses get: cacheable, uncached, or it depends on something the model cannot see (AMD host MTRRs). */
      cacheability: 'cacheable' | 'uncached' | 'depends';
      /** cacheability === 'cacheable'. */
      cacheable: boolean;
      writable: boolean;
      /** pfn of the entry that maps the faulting address: aligned to its level, the pfn the VMA maps there. */
      pfn: bigint;
      /**
       * arm64: the block size the VMA geometry asked for when the walker installed smaller entries instead
       * (kvm_block_mapping_supported() refuses a block whose physical address is not aligned), and how many entries
       * the fault installed.
       */
      requested?: LeafSize;
      entries?: number;
    }
  | {
      kind: 'error';
      /** "-EFAULT", "-EINVAL", "SIGBUS", "-ENOEXEC", ... */
      error: string;
      /** Where the VMM sees it, e.g. "KVM_RUN returns -EFAULT", "KVM_SET_USER_MEMORY_REGION fails -EINVAL", "probe fails -EBUSY". */
      seenBy: string;
      /** Function where it arises. */
      at: string;
      /** What the VMM does about it, when that is known (e.g. QEMU pauses the VM on a bare -EFAULT from KVM_RUN). */
      vmm?: string;
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
  | 'aliases'
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

/**
 * How a conflict reads in a sentence: "\"System RAM\" is busy", or, for a non-busy entry the request straddles,
 * what that means. The same wording as the op results (platform/dax.ts conflictText()).
 */
export function conflictPhrase(c: Pick<Conflict, 'fn' | 'conflictWith' | 'busy'>): string {
  const name = `"${c.conflictWith.name ?? '<BAD>'}"`;
  return c.busy ? `${name} is busy` : `the request overlaps ${name} but is not contained in it (a non-busy parent must hold the whole request)`;
}
