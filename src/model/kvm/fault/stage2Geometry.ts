/**
 * arm64 stage-2 geometry for one fault, as user_mem_abort() and the stage-2 walker compute it (research R2 rules
 * R2–R9; arch/arm64/kvm/mmu.c @ fb9888fd, hyp/pgtable.c): the VMA page size from VMA geometry alone, the aligned IPA,
 * the pfn the host mapping gives at the aligned address, the THP upgrade, and the entries kvm_pgtable_stage2_map()
 * installs when the physical address is not aligned to the block (smaller entries, never a misaligned block).
 */
import type { LeafSize, VmaModel } from '../../explain-types';
import { SIZE_BYTES, alignDown } from './walker';

export interface GeometryInput {
  vma: VmaModel;
  /** Physical address the VMA maps at vm_start (the VMA maps the HDM linearly). */
  paAtVmStart: bigint;
  /** Guest physical base of the memslot (the memslot is the whole VMA). */
  gpaBase: bigint;
  faultOffset: bigint;
  dirtyLog: boolean;
  /** A cacheable PFNMAP on ≥ 6.17, or a page-backed VMA: transparent_hugepage_adjust() may raise a 4K size to 2M. */
  thpUpgrade: boolean;
  /** Largest host leaf at the faulting hva. */
  hostLeaf: LeafSize;
}

export interface Stage2Geometry {
  /** vma_pagesize after get_vma_page_shift() and fault_supports_stage2_huge_mapping(). */
  vmaPageSize: LeafSize;
  /** How get_vma_page_shift() got there, in words. */
  why: string;
  /** The size the map is attempted at after the THP upgrade. */
  mapSize: LeafSize;
  thpUpgraded: boolean;
  ipaAligned: bigint;
  /** pfn the host mapping gives at the aligned hva (no alignment check on it in the kernel). */
  pfn: bigint;
  /** Size of the entries the walker installs: mapSize when the physical address is aligned to it, smaller otherwise. */
  entry: LeafSize;
  /** How many entries the fault installs. */
  entries: number;
  /** pfn of the entry that maps the faulting address. */
  entryPfn: bigint;
}

const ORDER: LeafSize[] = ['1G', '2M', '4K'];

/** get_vma_page_shift() for a VM_PFNMAP VMA: PUD/PMD when hva and the vm_pgoff-estimated pa are co-aligned and the block fits. */
export function pfnmapVmaShift(vma: VmaModel, hva: bigint): LeafSize {
  const paEst = (vma.vmPgoff << 12n) + (hva - vma.vmStart);
  for (const s of ['1G', '2M'] as const) {
    const b = SIZE_BYTES[s];
    const base = alignDown(hva, b);
    if (hva % b === paEst % b && base >= vma.vmStart && base + b <= vma.vmEnd) return s;
  }
  return '4K';
}

export function stage2Geometry(g: GeometryInput): Stage2Geometry {
  const { vma } = g;
  const pfnmap = vma.kind === 'vfio-region';
  const hva = vma.vmStart + g.faultOffset;
  const ipa = g.gpaBase + g.faultOffset;
  let vmaPageSize: LeafSize;
  let why: string;
  if (g.dirtyLog) {
    vmaPageSize = '4K';
    why = 'dirty logging: PAGE_SIZE';
  } else if (pfnmap) {
    vmaPageSize = pfnmapVmaShift(vma, hva);
    why = `VM_PFNMAP: pa estimated from vm_pgoff 0x${vma.vmPgoff.toString(16)} and hva co-aligned at ${vmaPageSize} (VMA geometry only; the host page table and the real HPA are not read)`;
  } else {
    vmaPageSize = '4K';
    why = 'not hugetlb: PAGE_SIZE, may be raised by transparent_hugepage_adjust()';
  }
  // fault_supports_stage2_huge_mapping(): the memslot is the whole VMA at a 1 GiB-aligned GPA, so co-alignment holds
  // and only containment can refuse a size.
  const fits = (s: LeafSize) => {
    const b = SIZE_BYTES[s];
    const base = alignDown(hva, b);
    return base >= vma.vmStart && base + b <= vma.vmEnd;
  };
  while (vmaPageSize !== '4K' && !fits(vmaPageSize)) vmaPageSize = ORDER[ORDER.indexOf(vmaPageSize) + 1]!;
  let mapSize = vmaPageSize;
  let thpUpgraded = false;
  if (mapSize === '4K' && !g.dirtyLog && g.thpUpgrade && g.hostLeaf !== '4K' && fits('2M')) {
    mapSize = '2M';
    thpUpgraded = true;
  }
  const b = SIZE_BYTES[mapSize];
  const ipaAligned = alignDown(ipa, b);
  const hvaAligned = alignDown(hva, b);
  const pa = g.paAtVmStart + (hvaAligned - vma.vmStart);
  // kvm_block_mapping_supported(): a block only where the physical address is aligned; otherwise a table and smaller
  // entries over the same range, all in this fault.
  let entry: LeafSize = mapSize;
  while (entry !== '4K' && pa % SIZE_BYTES[entry] !== 0n) entry = ORDER[ORDER.indexOf(entry) + 1]!;
  const entries = Number(b / SIZE_BYTES[entry]);
  const eb = SIZE_BYTES[entry];
  const entryPa = pa + (alignDown(hva, eb) - hvaAligned);
  return { vmaPageSize, why, mapSize, thpUpgraded, ipaAligned, pfn: pa >> 12n, entry, entries, entryPfn: entryPa >> 12n };
}
