/**
 * The VMM's mapping of the HDM range (the VMA that becomes the memslot): flags, pgprot, vm_ops, and the host
 * page-table leaves a fault at `faultOffset` meets or creates.
 */
import { SZ_1G, SZ_2M, SZ_4K, hex } from '../addr';
import type { LeafSize, MemoryState, PageTableLeaf, PageTableLevel, VmFlag, VmaModel } from '../explain-types';
import type { DesignId, HdmLayout, Platform } from '../scenario';
import { kernelAtLeast } from '../scenario';

export interface VmaInput {
  design: DesignId;
  platform: Platform;
  layout: HdmLayout;
  memory: MemoryState;
  /** Offset into the HDM range of the address the guest touches (drives the walk and the leaves shown). */
  faultOffset: bigint;
  /** False when the design could not set the memory up (e.g. probe failed -EBUSY): no VMA exists. */
  deviceBound: boolean;
}

/** Where the VMM maps the region (1 GiB aligned, like a large mmap). Illustrative. */
export const VM_START = 0x7f40_0000_0000n;
/** VFIO_PCI_NUM_REGIONS: the first device-specific region index (BAR0–5, ROM, config, VGA). */
export const VFIO_PCI_NUM_REGIONS = 9n;
const VFIO_OFFSET_SHIFT = 40n;

/** vm_flags bit → smaps mnemonic, per fs/proc/task_mmu.c show_smap_vma_flags() (vma-and-kvm-fault-path.md §A7). */
const MNEMONIC: Record<string, string> = {
  VM_READ: 'rd', VM_WRITE: 'wr', VM_EXEC: 'ex', VM_SHARED: 'sh',
  VM_MAYREAD: 'mr', VM_MAYWRITE: 'mw', VM_MAYEXEC: 'me', VM_MAYSHARE: 'ms',
  VM_PFNMAP: 'pf', VM_IO: 'io', VM_DONTCOPY: 'dc', VM_DONTEXPAND: 'de', VM_ACCOUNT: 'ac', VM_DONTDUMP: 'dd', VM_HUGETLB: 'ht',
  VM_HUGEPAGE: 'hg', VM_MIXEDMAP: 'mm',
};

/** smaps order follows the bit order of the mnemonics table. */
const BIT_ORDER = [
  'VM_READ', 'VM_WRITE', 'VM_EXEC', 'VM_SHARED', 'VM_MAYREAD', 'VM_MAYWRITE', 'VM_MAYEXEC', 'VM_MAYSHARE',
  'VM_PFNMAP', 'VM_IO', 'VM_DONTCOPY', 'VM_DONTEXPAND', 'VM_ACCOUNT', 'VM_HUGETLB', 'VM_DONTDUMP', 'VM_MIXEDMAP', 'VM_HUGEPAGE',
  'VM_ALLOW_ANY_UNCACHED',
];

function flag(name: string): VmFlag {
  // No mnemonic in show_smap_vma_flags(): the bit prints as the table's default "??" (vma/smaps-allow-any-uncached).
  if (name === 'VM_ALLOW_ANY_UNCACHED') return { name, mnemonic: '??', verified: true };
  const m = MNEMONIC[name];
  if (!m) throw new Error(`no smaps mnemonic for ${name}`);
  return { name, mnemonic: m, verified: true };
}

function flagsOf(names: string[]): VmFlag[] {
  return BIT_ORDER.filter((n) => names.includes(n)).map(flag);
}

const LEAF_BYTES: Record<LeafSize, bigint> = { '4K': SZ_4K, '2M': SZ_2M, '1G': SZ_1G };
const LEAF_LEVEL: Record<LeafSize, PageTableLevel> = { '4K': 'PTE', '2M': 'PMD', '1G': 'PUD' };

/** The largest leaf the PFNMAP fault handler can insert for this pfn and address (is_aligned_for_order()). */
export function pfnmapLeaf(hpa: bigint, hva: bigint, vmStart: bigint, vmEnd: bigint, allowed: LeafSize[]): LeafSize {
  for (const size of ['1G', '2M'] as const) {
    if (!allowed.includes(size)) continue;
    const b = LEAF_BYTES[size];
    const base = hva - (hva % b);
    if (base >= vmStart && base + b <= vmEnd && hpa % b === hva % b) return size;
  }
  return '4K';
}

function leavesAround(
  hva: bigint,
  hpa: bigint,
  size: LeafSize,
  special: boolean,
  page: PageTableLeaf['page'],
  pfnPage: PageTableLeaf['pfnPage'],
  vmStart: bigint,
  vmEnd: bigint,
): PageTableLeaf[] {
  const b = LEAF_BYTES[size];
  const base = hva - (hva % b);
  const hbase = hpa - (hpa % b);
  const out: PageTableLeaf[] = [];
  for (let i = -1n; i <= 1n; i++) {
    const a = base + i * b;
    if (a < vmStart || a + b > vmEnd) continue;
    out.push({ level: LEAF_LEVEL[size], size, hva: a, pfn: (hbase + i * b) >> 12n, special, page, pfnPage, writable: true });
  }
  return out;
}

function walkTo(arch: Platform['arch'], leaf: PageTableLeaf | undefined, size: LeafSize): VmaModel['walk'] {
  const levels: PageTableLevel[] = ['PGD', 'P4D', 'PUD', 'PMD', 'PTE'];
  const stop = LEAF_LEVEL[size];
  const out: VmaModel['walk'] = [];
  for (const l of levels) {
    if (l === 'P4D') {
      out.push({ level: l, entry: arch === 'x86_64' ? 'folded (4-level paging)' : 'folded (48-bit VA, 4K granule)', leaf: false });
      continue;
    }
    if (l === stop) {
      out.push({
        level: l,
        entry: leaf ? `leaf ${size}: pfn 0x${hex(leaf.pfn)}${leaf.special ? ' (special)' : ''}` : `leaf ${size}`,
        leaf: true,
      });
      break;
    }
    out.push({ level: l, entry: 'table', leaf: false });
  }
  return out;
}

function noneVma(why: string): VmaModel {
  return {
    kind: 'none', vmStart: 0n, vmEnd: 0n, vmPgoff: 0n, flags: [], smaps: '',
    pgprot: { cacheMode: 'none', origin: 'no mapping', cacheable: false },
    vmOps: null, walk: [], leaves: [], maxLeaf: '4K', sources: [], notes: [why],
  };
}

/**
 * Host PTE cache mode of a PFNMAP insert on x86 (pfnmap_setup_cachemode → lookup_memtype): a RAM page's memtype, a
 * memtype reservation over the range (memremap/ioremap_cache, devm_memremap_pages), else UC-. A WB reservation is
 * itself recorded WB only where the host MTRRs say WB (pat_x_mtrr_type()), which the model cannot see.
 */
function x86PfnmapCacheMode(m: MemoryState, lazyMemremap: boolean): { mode: string; cacheable: boolean; sources: string[] } {
  if (m.pages === 'buddy') return { mode: 'WB (RAM page memtype)', cacheable: true, sources: ['vma/pat-cachemode'] };
  if (m.pages === 'zone-device') {
    return { mode: 'WB (memtype reserved by devm_memremap_pages(), if the host MTRRs say WB)', cacheable: true, sources: ['vma/pat-cachemode', 'x86/pat-mtrr-reservation'] };
  }
  if (m.kernelMapping?.kind === 'ioremap-wb' && !lazyMemremap) {
    return { mode: 'WB (memtype reserved by ioremap_cache, if the host MTRRs say WB)', cacheable: true, sources: ['vma/pat-cachemode', 'vma/pat-wb-from-memremap', 'x86/pat-mtrr-reservation'] };
  }
  if (m.kernelMapping?.kind === 'ioremap-wb') {
    return { mode: 'UC- until the first read()/write() memremaps the range (no memtype reserved yet)', cacheable: false, sources: ['vma/pat-cachemode', 'x86/nvgrace-lazy-memremap'] };
  }
  return { mode: 'UC- (no memtype reserved)', cacheable: false, sources: ['vma/pat-cachemode'] };
}

/** Build the VMA the VMM uses for the design on this platform. */
export function buildVma(input: VmaInput): VmaModel {
  const { design, platform: p, layout, memory: m } = input;
  if (!input.deviceBound) return noneVma('No mapping exists: the design did not get the memory set up.');
  const size = layout.hdmEnd - layout.hdmStart + 1n;
  const vmStart = VM_START;
  const vmEnd = vmStart + size;
  const hva = vmStart + input.faultOffset;
  const hpa = layout.hdmStart + input.faultOffset;

  if (design === 'hotplug' || design === 'private-node') {
    const page = { node: m.numaNode, zone: m.zone ?? 'none' };
    const leaves = leavesAround(hva, hpa, '2M', false, page, 'buddy', vmStart, vmEnd);
    const policy = design === 'hotplug' ? `mbind(MPOL_BIND, node ${m.numaNode ?? '?'})` : `mbind() to private node ${m.numaNode ?? '?'} (needs NP_OPS_MEMPOLICY)`;
    const bootRam = m.numaNode === 0;
    return {
      kind: 'anon',
      vmStart, vmEnd, vmPgoff: vmStart >> 12n,
      // QEMU's ram_block_add() madvises guest RAM with QEMU_MADV_HUGEPAGE and QEMU_MADV_DONTFORK (vma/qemu-ram-madvise).
      flags: flagsOf(['VM_READ', 'VM_WRITE', 'VM_MAYREAD', 'VM_MAYWRITE', 'VM_MAYEXEC', 'VM_DONTCOPY', 'VM_ACCOUNT', 'VM_HUGEPAGE']),
      smaps: 'rd wr mr mw me dc ac hg',
      pgprot: { cacheMode: p.arch === 'x86_64' ? 'WB' : 'MT_NORMAL', origin: 'default vm_page_prot (private anonymous RW)', cacheable: true },
      vmOps: null,
      walk: walkTo(p.arch, leaves.find((l) => l.hva <= hva && hva < l.hva + SZ_2M), '2M'),
      leaves,
      maxLeaf: '2M',
      sources: ['vma/anon-qemu', 'vma/qemu-ram-madvise', 'vma/hostmem-bind', 'vma/thp-hugetlb', ...(design === 'private-node' ? ['pn/vma-unverified'] : [])],
      notes: [
        bootRam
          ? 'Guest RAM is ordinary anonymous memory; the range is boot System RAM, so pages land there only by chance or by binding node 0.'
          : `QEMU memory-backend with host-nodes=${m.numaNode ?? '?'},policy=bind: ${policy}; pages are refcounted struct pages of that node.`,
        'The device identity and the HDM range itself are gone: the guest gets whatever pages the allocator hands out.',
      ],
    };
  }

  // PFNMAP designs: memremap (v2), vfio-owned (v3+), nvgrace-gpu.
  const regionIndex = design === 'nvgrace-gpu' ? 4n : VFIO_PCI_NUM_REGIONS;
  // nvgrace-gpu before its fault handler (v6.19 cycle): nvgrace_gpu_mmap() remap_pfn_range()s all of usemem when QEMU
  // maps it, as 4 KiB special PTEs, and sets vm_pgoff to the start pfn; there are no vm_ops (nv/remap-pre-6.19).
  const remapAtMmap = design === 'nvgrace-gpu' && !kernelAtLeast(p, '7.0');
  // David Hildenbrand's PAT rework (v6.16) renamed the hooks that set the cache bits (vma/pat-rename-6.16).
  const patRenamed = kernelAtLeast(p, '6.17');
  const patFn = remapAtMmap
    ? `${patRenamed ? 'pfnmap_track()' : 'track_pfn_remap()'}, called by remap_pfn_range()`
    : patRenamed ? 'pfnmap_setup_cachemode()' : 'track_pfn_insert()';
  const vmPgoff = remapAtMmap ? layout.hdmStart >> 12n : (regionIndex << VFIO_OFFSET_SHIFT) >> 12n;
  const names = ['VM_READ', 'VM_WRITE', 'VM_SHARED', 'VM_MAYREAD', 'VM_MAYWRITE', 'VM_MAYEXEC', 'VM_MAYSHARE', 'VM_IO', 'VM_PFNMAP', 'VM_DONTEXPAND', 'VM_DONTDUMP'];
  // v2 (and the NV backport) set VM_ALLOW_ANY_UNCACHED on the cacheable DPA region; the later vfio-cxl module and
  // nvgrace-gpu's usemem do not.
  if (design === 'memremap') names.push('VM_ALLOW_ANY_UNCACHED');
  const flags = flagsOf(names);
  // nvgrace-gpu gained .huge_fault in the v6.19 cycle; the VFIO-owned design has it when the platform says so; v2 memremap never.
  // vfio-pci huge pfnmap needs v6.12 (scenario.ts KERNEL_VERSIONS).
  const hasHuge = design === 'nvgrace-gpu' ? kernelAtLeast(p, '7.0') : design === 'vfio-owned' && p.hugeFault && kernelAtLeast(p, '6.12');
  const allowed: LeafSize[] = hasHuge ? (p.arch === 'x86_64' ? ['1G', '2M'] : ['2M']) : [];
  const leafSize = pfnmapLeaf(hpa, hva, vmStart, vmEnd, allowed);
  const leaves = leavesAround(hva, hpa, leafSize, true, null, m.pages, vmStart, vmEnd);
  const cm =
    p.arch === 'x86_64'
      ? x86PfnmapCacheMode(m, design === 'nvgrace-gpu')
      : { mode: 'MT_NORMAL (default vm_page_prot)', cacheable: true, sources: [design === 'vfio-owned' ? 'vo/vfio-cxl-module' : design === 'nvgrace-gpu' ? 'nv/mmap' : 'vma/vfio_cxl_region_mmap'] };
  const handlers =
    design === 'nvgrace-gpu'
      ? [
          { name: 'fault', fn: 'nvgrace_gpu_vfio_pci_fault() → nvgrace_gpu_vfio_pci_huge_fault(vmf, 0)' },
          ...(hasHuge ? [{ name: 'huge_fault', fn: 'nvgrace_gpu_vfio_pci_huge_fault()' }] : []),
        ]
      : design === 'vfio-owned'
        ? [
            { name: 'fault', fn: hasHuge ? 'vfio_cxl_mem_fault() → vfio_cxl_mem_huge_fault(vmf, 0)' : 'vfio_cxl_mem_fault()' },
            ...(hasHuge ? [{ name: 'huge_fault', fn: 'vfio_cxl_mem_huge_fault()' }] : []),
          ]
        : [{ name: 'fault', fn: 'vfio_cxl_region_vm_fault()' }];
  const sources =
    remapAtMmap
      ? ['nv/remap-pre-6.19', 'nv/mmap', 'vma/smaps']
      : design === 'nvgrace-gpu'
      ? ['nv/mmap', 'nv/huge_fault', 'vma/vfio_pci_vmf_insert_pfn', 'vma/smaps', 'vma/special-pte']
      : design === 'vfio-owned'
        ? ['vo/vfio-cxl-module', 'vma/vfio_pci_core_mmap', 'vma/smaps', 'vma/special-pte', ...(hasHuge ? ['thread/v4-pmd', 'vma/huge-insert', 'vma/vfio_pci_vmf_insert_pfn'] : [])]
        : ['vma/vfio_cxl_region_mmap', 'vma/vfio_cxl_region_vm_fault', 'vma/vfio_pci_core_mmap', 'vma/smaps', 'vma/smaps-allow-any-uncached', 'vma/special-pte'];
  if (hasHuge && p.arch === 'arm64') sources.push('vma/arm64-pmd-pfnmap-only');
  if (design === 'vfio-owned' && p.hugeFault && !hasHuge) sources.push('vma/huge-pfnmap-6.12');
  if (design === 'vfio-owned' && !p.hugeFault) sources.push('pt/vfio-cxl-v3');
  const notes: string[] = [
    remapAtMmap
      ? `Kernel ${p.kernel} predates nvgrace-gpu's fault handler (v6.19 cycle): nvgrace_gpu_mmap() remap_pfn_range()s all of usemem when QEMU maps it, so every 4 KiB special PTE is present before the guest runs; vm_pgoff is the start pfn and there are no vm_ops.`
      : 'Nothing is mapped at mmap time: the first access faults and the handler inserts special entries (no struct page, no refcount, no GUP).',
  ];
  if (remapAtMmap) {
    // remap_pfn_range() has no huge leaves; the note above says why every leaf is 4K.
  } else if (design === 'vfio-owned' && p.hugeFault && !hasHuge) {
    notes.push(`Kernel ${p.kernel} predates huge pfnmap (v6.12): only .fault exists, every leaf is a 4 KiB PTE.`);
  } else if (design === 'vfio-owned' && !p.hugeFault) {
    notes.push('The VFIO-CXL v3 form (huge-fault control off): its .fault handler inserts with vmf_insert_pfn(), so every leaf is a 4 KiB PTE.');
  } else if (!hasHuge) notes.push('Only .fault is implemented: every leaf is a 4 KiB PTE.');
  if (hasHuge && p.arch === 'arm64') notes.push('arm64 has PMD (2 MiB) special leaves only: no PUD pfnmap without HAVE_ARCH_TRANSPARENT_HUGEPAGE_PUD.');
  if (design === 'nvgrace-gpu' && !remapAtMmap) notes.push('nvgrace-gpu\'s .fault and .huge_fault come with the kernel (added in the v6.19 cycle), not with the huge-fault control.');
  if (design === 'memremap') {
    notes.push('v2 maps the DPA region by demand faults ("DPA VFIO region with demand fault mmap and reset zap"), 4 KiB special PTEs from vfio_cxl_region_vm_fault().');
  }
  else if (allowed.length > 0 && leafSize !== allowed[0]) {
    // is_aligned_for_order() came with the v6.19-cycle vfio refactor; before it the same test was inline in the handler.
    const check = kernelAtLeast(p, '7.0') ? 'is_aligned_for_order()' : 'the huge_fault alignment check';
    notes.push(`The HPA 0x${hex(layout.hdmStart)} is not ${allowed[0]}-aligned: ${check} falls back to ${leafSize} leaves.`);
  }
  if (m.pages === 'buddy') notes.push('The pfns are System RAM with struct pages owned by the buddy allocator: the special PTEs alias buddy memory.');
  if (m.pages === 'zone-device') notes.push('The pfns are device_dax\'s ZONE_DEVICE pages: the special PTEs alias memory another driver maps.');
  if (m.pages === 'reserved') notes.push('The pfns have a reserved memmap (an arm64 NOMAP region): struct pages exist but are never buddy pages, and there is no linear map.');
  return {
    kind: 'vfio-region',
    vmStart, vmEnd, vmPgoff,
    flags,
    smaps: flags.map((f) => f.mnemonic).join(' '),
    pgprot: {
      cacheMode: cm.mode,
      origin:
        p.arch === 'x86_64'
          ? `default vm_page_prot, cache bits set by x86 PAT in ${patFn}`
          : 'default vm_page_prot (pgprot_decrypted only)',
      cacheable: cm.cacheable,
    },
    vmOps: remapAtMmap ? null : { name: design === 'nvgrace-gpu' ? 'nvgrace_gpu_vfio_pci_mmap_ops' : design === 'vfio-owned' ? 'vfio_cxl_mem_vm_ops' : 'vfio_cxl_region_vm_ops', handlers },
    ...(remapAtMmap ? { populatedAtMmap: true } : {}),
    walk: walkTo(p.arch, leaves.find((l) => l.hva <= hva && hva < l.hva + LEAF_BYTES[leafSize]), leafSize),
    leaves,
    maxLeaf: leafSize,
    sources: [...sources, ...cm.sources, ...(p.arch === 'x86_64' && (!patRenamed || remapAtMmap) ? ['vma/pat-rename-6.16'] : [])],
    notes,
  };
}
