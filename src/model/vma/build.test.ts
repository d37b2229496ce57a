import { describe, expect, it } from 'vitest';
import { SZ_1G, SZ_2M, SZ_4K } from '../addr';
import type { MemoryState, VmaModel } from '../explain-types';
import { devicePfnMemory, pageMemory } from '../kvm/testMemory';
import type { DesignId, Platform } from '../scenario';
import { DEFAULT_LAYOUT, DEFAULT_PLATFORM, DESIGNS } from '../scenario';
import { getSource } from '../sources';
import { VM_START, buildVma, pfnmapLeaf } from './build';

const P = (over: Partial<Platform>): Platform => ({ ...DEFAULT_PLATFORM, ...over });
const OFFSET = SZ_2M * 5n + SZ_4K * 3n;
const BYTES = { '4K': SZ_4K, '2M': SZ_2M, '1G': SZ_1G } as const;

function vma(design: DesignId, over: Partial<Platform> = {}, memory: MemoryState = devicePfnMemory(), faultOffset = OFFSET): VmaModel {
  return buildVma({ design, platform: P(over), layout: DEFAULT_LAYOUT, memory, faultOffset, deviceBound: true });
}
const names = (v: VmaModel) => v.flags.map((f) => f.name);

describe('VFIO region VMAs (vma/vfio_cxl_region_mmap, vma/smaps)', () => {
  it('v2 (memremap): VM_IO|VM_PFNMAP|VM_DONTEXPAND|VM_DONTDUMP|VM_ALLOW_ANY_UNCACHED; smaps prints "??" for the last (no entry in show_smap_vma_flags())', () => {
    const v = vma('memremap');
    expect(v.kind).toBe('vfio-region');
    expect(names(v)).toEqual(expect.arrayContaining(['VM_IO', 'VM_PFNMAP', 'VM_DONTEXPAND', 'VM_DONTDUMP', 'VM_ALLOW_ANY_UNCACHED', 'VM_SHARED']));
    expect(names(v)).not.toContain('VM_DONTCOPY');
    expect(v.smaps).toBe('rd wr sh mr mw me ms pf io de dd ??');
    expect(v.flags.find((f) => f.name === 'VM_ALLOW_ANY_UNCACHED')).toMatchObject({ mnemonic: '??', verified: true });
    expect(v.sources).toEqual(expect.arrayContaining(['vma/vfio_cxl_region_mmap', 'vma/smaps-allow-any-uncached']));
  });

  it('VFIO-owned (the later vfio-cxl module): VM_IO|VM_PFNMAP|VM_DONTEXPAND|VM_DONTDUMP, default write-back pgprot, no VM_ALLOW_ANY_UNCACHED (vo/vfio-cxl-module)', () => {
    const v = vma('vfio-owned');
    expect(names(v)).toEqual(expect.arrayContaining(['VM_IO', 'VM_PFNMAP', 'VM_DONTEXPAND', 'VM_DONTDUMP', 'VM_SHARED']));
    expect(names(v)).not.toContain('VM_ALLOW_ANY_UNCACHED');
    expect(v.smaps).toBe('rd wr sh mr mw me ms pf io de dd');
    expect(v.vmOps?.name).toBe('vfio_cxl_mem_vm_ops');
    expect(v.sources).toContain('vo/vfio-cxl-module');
  });

  it('nvgrace-gpu usemem: same flags without VM_ALLOW_ANY_UNCACHED, so no "??" (nv/mmap)', () => {
    const v = vma('nvgrace-gpu', { arch: 'arm64' });
    expect(names(v)).not.toContain('VM_ALLOW_ANY_UNCACHED');
    expect(v.smaps).toBe('rd wr sh mr mw me ms pf io de dd');
    expect(v.pgprot.cacheable).toBe(true);
    expect(v.sources).toContain('nv/mmap');
  });

  it('nvgrace-gpu before 7.0: remap_pfn_range() at mmap, no vm_ops, 4K special leaves, vm_pgoff the start pfn (nv/remap-pre-6.19)', () => {
    const v = vma('nvgrace-gpu', { arch: 'arm64', kernel: '6.17' });
    expect(v.vmOps).toBeNull();
    expect(v.populatedAtMmap).toBe(true);
    expect(v.vmPgoff).toBe(DEFAULT_LAYOUT.hdmStart >> 12n);
    expect(v.maxLeaf).toBe('4K');
    expect(v.leaves.every((l) => l.special && l.size === '4K')).toBe(true);
    expect(v.sources).toContain('nv/remap-pre-6.19');
    expect(v.notes.join(' ')).toMatch(/remap_pfn_range\(\)/);
    expect(v.notes.join(' ')).not.toMatch(/Nothing is mapped at mmap time/);
    expect(v.smaps).toBe('rd wr sh mr mw me ms pf io de dd');
    const now = vma('nvgrace-gpu', { arch: 'arm64', kernel: '7.1' });
    expect(now.populatedAtMmap).toBeUndefined();
    expect(now.vmPgoff).toBe((4n << 40n) >> 12n);
  });

  it('nvgrace-gpu vm_ops: .fault is nvgrace_gpu_vfio_pci_fault(), which calls the huge handler with order 0 (main.c @ e5f19b61)', () => {
    const v = vma('nvgrace-gpu', { arch: 'arm64', kernel: '7.1' });
    expect(v.vmOps?.name).toBe('nvgrace_gpu_vfio_pci_mmap_ops');
    expect(v.vmOps?.handlers.find((h) => h.name === 'fault')?.fn).toMatch(/^nvgrace_gpu_vfio_pci_fault\(\)/);
    expect(v.vmOps?.handlers.find((h) => h.name === 'huge_fault')?.fn).toBe('nvgrace_gpu_vfio_pci_huge_fault()');
  });

  it('leaves are special (no struct page) and cover the fault address with the HDM pfn (vma/special-pte)', () => {
    for (const d of ['vfio-owned', 'memremap', 'nvgrace-gpu'] as const) {
      const v = vma(d, { arch: 'arm64' });
      const hva = VM_START + OFFSET;
      const leaf = v.leaves.find((l) => l.hva <= hva && hva < l.hva + BYTES[l.size]);
      expect(leaf, d).toBeDefined();
      expect(leaf!.special).toBe(true);
      expect(leaf!.page).toBeNull();
      const hpa = DEFAULT_LAYOUT.hdmStart + OFFSET;
      expect(leaf!.pfn).toBe((hpa - (hpa % BYTES[leaf!.size])) >> 12n);
    }
  });

  it('huge_fault per platform.hugeFault: handler present and PMD leaves, else .fault only and 4K (vma/vfio_cxl_region_vm_fault)', () => {
    const huge = vma('vfio-owned', { hugeFault: true });
    expect(huge.vmOps?.handlers.map((h) => h.name)).toEqual(['fault', 'huge_fault']);
    expect(huge.vmOps?.handlers.find((h) => h.name === 'huge_fault')?.fn).toBe('vfio_cxl_mem_huge_fault()');
    expect(huge.maxLeaf).toBe('2M'); // the default HDM base is 2M- but not 1G-aligned: is_aligned_for_order() falls back
    const small = vma('vfio-owned', { hugeFault: false });
    expect(small.vmOps?.handlers.map((h) => h.name)).toEqual(['fault']);
    expect(small.maxLeaf).toBe('4K');
    expect(small.sources).toContain('vo/vfio-cxl-module');
  });

  it('v6.11 predates huge pfnmap: 4K even with hugeFault (vma/huge-pfnmap-6.12)', () => {
    const v = vma('vfio-owned', { hugeFault: true, kernel: '6.11' });
    expect(v.maxLeaf).toBe('4K');
    expect(v.sources).toContain('vma/huge-pfnmap-6.12');
  });

  it('x86 host PTE cache mode: UC- without a reservation, WB when memremap reserved WB (vma/pat-cachemode, inference)', () => {
    const uc = vma('vfio-owned', { arch: 'x86_64' }, devicePfnMemory());
    expect(uc.pgprot).toMatchObject({ cacheable: false });
    expect(uc.pgprot.cacheMode).toMatch(/^UC-/);
    const wb = vma('memremap', { arch: 'x86_64' }, devicePfnMemory({ kernelMapping: { kind: 'ioremap-wb', via: 'ioremap_cache()', note: '' } }));
    expect(wb.pgprot.cacheable).toBe(true);
    expect(wb.sources).toContain('vma/pat-wb-from-memremap');
    expect(getSource('vma/pat-wb-from-memremap').verified).toBe(false);
  });
});

describe('page-backed VMAs (vma/anon-qemu, vma/hostmem-bind)', () => {
  it('hotplug: anonymous RW, refcounted struct pages of the MemoryState node and zone', () => {
    const v = vma('hotplug', {}, pageMemory({ numaNode: 3, zone: 'ZONE_NORMAL' }));
    expect(v.kind).toBe('anon');
    // QEMU madvises guest RAM MADV_HUGEPAGE and MADV_DONTFORK (ERRATA item 12).
    expect(v.smaps).toBe('rd wr mr mw me dc ac hg');
    expect(names(v)).not.toContain('VM_PFNMAP');
    expect(v.vmOps).toBeNull();
    for (const l of v.leaves) expect(l).toMatchObject({ special: false, page: { node: 3, zone: 'ZONE_NORMAL' } });
  });

  it('private node cites the unverified way the VMM gets its pages (pn/vma-unverified)', () => {
    const v = vma('private-node', {}, pageMemory({ nodeState: 'N_MEMORY_PRIVATE' }));
    expect(v.sources).toContain('pn/vma-unverified');
  });
});

describe('walk and bookkeeping', () => {
  it('walks PGD → P4D → … down to the leaf level of the mapping', () => {
    expect(vma('vfio-owned', { hugeFault: false }).walk.map((w) => w.level)).toEqual(['PGD', 'P4D', 'PUD', 'PMD', 'PTE']);
    const huge = vma('vfio-owned', { hugeFault: true });
    expect(huge.walk.map((w) => w.level)).toEqual(['PGD', 'P4D', 'PUD', 'PMD']);
    expect(huge.walk.at(-1)?.leaf).toBe(true);
    expect(huge.walk.slice(0, -1).every((w) => !w.leaf)).toBe(true);
  });

  it('pfnmapLeaf: 1G only when hva and hpa share 1G alignment and the block fits in the VMA', () => {
    const end = VM_START + 4n * SZ_1G;
    expect(pfnmapLeaf(SZ_1G * 7n, VM_START + SZ_1G, VM_START, end, ['1G', '2M'])).toBe('1G');
    expect(pfnmapLeaf(SZ_1G * 7n + SZ_2M, VM_START + SZ_1G + 2n * SZ_2M, VM_START, end, ['1G', '2M'])).toBe('2M');
    expect(pfnmapLeaf(SZ_1G * 7n + SZ_4K, VM_START + SZ_1G, VM_START, end, ['1G', '2M'])).toBe('4K');
    expect(pfnmapLeaf(SZ_1G * 7n, VM_START + SZ_1G, VM_START, VM_START + SZ_1G + SZ_2M, ['1G', '2M'])).toBe('2M');
  });

  it('no device bound: no VMA', () => {
    const v = buildVma({ design: 'vfio-owned', platform: P({}), layout: DEFAULT_LAYOUT, memory: devicePfnMemory(), faultOffset: 0n, deviceBound: false });
    expect(v.kind).toBe('none');
    expect(v.leaves).toEqual([]);
  });

  it('every cited source resolves, for every design on both arches', () => {
    for (const d of DESIGNS) {
      for (const arch of ['x86_64', 'arm64'] as const) {
        const m = d === 'hotplug' || d === 'private-node' ? pageMemory() : devicePfnMemory();
        for (const s of vma(d, { arch }, m).sources) expect(() => getSource(s), `${d} ${arch} ${s}`).not.toThrow();
      }
    }
  });
});

describe('x86 PAT hook names by kernel (vma/pat-rename-6.16)', () => {
  it('v6.12 sets the cache bits in track_pfn_insert(), v6.17 in pfnmap_setup_cachemode(); the rename is cited only where it matters', () => {
    const old = vma('vfio-owned', { arch: 'x86_64', kernel: '6.12' });
    const now = vma('vfio-owned', { arch: 'x86_64', kernel: '6.17' });
    expect(old.pgprot.origin).toMatch(/track_pfn_insert\(\)/);
    expect(now.pgprot.origin).toMatch(/pfnmap_setup_cachemode\(\)/);
    expect(old.sources).toContain('vma/pat-rename-6.16');
    expect(now.sources).not.toContain('vma/pat-rename-6.16');
    expect(vma('vfio-owned', { arch: 'arm64', kernel: '6.12' }).sources).not.toContain('vma/pat-rename-6.16');
  });
});
