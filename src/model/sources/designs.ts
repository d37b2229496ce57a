import type { Source } from '../source';

/** What each design does to the range: hotplug, private node, memremap, VFIO-owned, nvgrace-gpu (alternatives-and-resource-tree.md §4–§8). */
export const SOURCES_DESIGNS: Record<string, Source> = {
  'hp/kmem-probe': {
    kind: 'upstream', file: 'drivers/dax/kmem.c', fn: 'dev_dax_kmem_probe()', version: 'v5.10–v6.0', commit: '1253eedfbf24', verified: true,
  },
  'hp/add_memory_driver_managed': {
    kind: 'upstream', file: 'mm/memory_hotplug.c', fn: 'add_memory_driver_managed()', version: 'v5.10', commit: '8dc4bb58a146', verified: true,
  },
  'hp/add_memory_resource': {
    kind: 'upstream', file: 'mm/memory_hotplug.c', fn: 'add_memory_resource()', version: 'not pinned', verified: false,
  },
  'hp/online-policy': {
    kind: 'upstream', file: 'mm/memory_hotplug.c', fn: 'mhp_default_online_type / online_policy', version: 'v5.10 (memhp_default_state= only)', commit: '8dc4bb58a146', verified: false,
  },
  'hp/longterm-pin-movable': {
    kind: 'upstream', file: 'mm/gup.c', fn: 'check_and_migrate_movable_pages()', version: 'v5.13', commit: 'd1e153fea2a8', verified: true,
  },
  'hp/reset-unsafe': {
    kind: 'inference',
    statement: 'A device reset (FLR/CXL reset clearing HDM decoders) would pull memory out from under the buddy allocator while mm owns it.',
    verified: false,
  },
  'pn/add_private_memory_driver_managed': {
    kind: 'patch', series: '[LSF/MM/BPF TOPIC][RFC PATCH v4 00/27] Private Memory Nodes (w/ Compressed RAM) (Gregory Price, 22 Feb 2026)',
    messageId: '20260222084842.1824063-1-gourry@gourry.net', verified: true,
  },
  'pn/intermediate-unverified': {
    kind: 'inference',
    statement: 'Intermediate resource nodes between regionN and "System RAM (CXL)" for a private node are unverified; the model requests it directly under regionN.',
    verified: false,
  },
  'pn/vma-unverified': {
    kind: 'inference',
    statement: 'How a VMM obtains private-node pages for guest RAM (mbind with NP_OPS_MEMPOLICY, a driver fault handler, guest_memfd) is unverified.',
    verified: false,
  },
  'mr/memremap': {
    kind: 'upstream', file: 'kernel/iomem.c', fn: 'memremap()', version: 'v5.2–v6.14', commit: '0470fb7f', verified: true,
  },
  'mr/memremap-flags': {
    kind: 'patch', series: '[PATCHv4 1/2] memremap: Pass down MEMREMAP_* flags to arch_memremap_wb() (Kirill A. Shutemov, 17 Feb 2025)',
    messageId: '20250217163822.343400-2-kirill.shutemov@linux.intel.com', verified: true,
  },
  'mr/arm64-ioremap-cache': {
    kind: 'upstream', file: 'arch/arm64/include/asm/io.h', fn: 'ioremap_cache()', version: 'not pinned', verified: false,
  },
  'mr/x86-ioremap-ram': {
    kind: 'upstream', file: 'arch/x86/mm/ioremap.c', fn: '__ioremap_caller()', version: 'v5.13', commit: '97dc2a1548ab', verified: true,
  },
  'mr/no-claim': {
    kind: 'patch', series: '[PATCH v2 16/20] vfio/cxl: Register regions with VFIO layer (Manish Honap, 1 Apr 2026)',
    messageId: '20260401143917.108413-17-mhonap@nvidia.com', verified: true,
  },
  'vo/request_mem_region': {
    kind: 'patch', series: '[PATCH v3 00/11] vfio/pci: Add CXL Type-2 device passthrough support (Manish Honap, 25 Jun 2026)', messageId: '20260625165407.1769572-1-mhonap@nvidia.com', verified: true,
  },
  'vo/v3-acquire': {
    kind: 'patch', series: '[PATCH v3 07/11] vfio/pci: Add CONFIG_VFIO_PCI_CXL with bind-time CXL Type-2 acquisition',
    messageId: '20260625165407.1769572-8-mhonap@nvidia.com', verified: true,
  },
  'vo/vfio-cxl-module': {
    kind: 'upstream', file: 'drivers/vfio/pci/cxl (vfio-cxl module, later version)', fn: 'vfio_cxl_init_device()', version: 'posted series, after v3', verified: true,
  },
  'vo/exclusive': {
    kind: 'thread', author: 'Jason Gunthorpe', messageId: '20260406220521.GG2551565@ziepe.ca', url: 'https://lkml.iu.edu/2604.0/08634.html', verified: true,
  },
  'vo/blocks-others': {
    kind: 'upstream', file: 'mm/memory_hotplug.c', fn: 'register_memory_resource()', version: 'v5.10', commit: '8dc4bb58a146', verified: true,
  },
  'nv/mmap': {
    kind: 'upstream', file: 'drivers/vfio/pci/nvgrace-gpu/main.c', fn: 'nvgrace_gpu_mmap()', version: 'v7.0', commit: 'e5f19b61', verified: true,
  },
  'nv/huge_fault': {
    kind: 'upstream', file: 'drivers/vfio/pci/nvgrace-gpu/main.c', fn: 'nvgrace_gpu_vfio_pci_huge_fault()', version: 'v7.0', commit: 'e5f19b61', verified: true,
  },
  'nv/request': {
    kind: 'upstream', file: 'drivers/vfio/pci/nvgrace-gpu/main.c', fn: 'nvgrace_gpu_map_device_mem()', version: 'v7.0', commit: 'e5f19b61', verified: true,
  },
  'nv/no-claim': {
    kind: 'upstream', file: 'drivers/vfio/pci/nvgrace-gpu/main.c', fn: 'nvgrace_gpu_probe()', version: 'v7.0', commit: 'e5f19b61', verified: true,
  },
  'nv/arm64-only': {
    kind: 'inference', statement: 'nvgrace-gpu binds only to Grace Hopper/Blackwell superchips, which are arm64; on x86 the precedent is shown as if the same driver ran there.', verified: false,
  },
  'nv/reset-ready': {
    kind: 'upstream', file: 'drivers/vfio/pci/nvgrace-gpu/main.c', fn: 'nvgrace_gpu_check_device_ready()', version: 'v7.0', commit: 'e5f19b61', verified: true,
  },
  'nv/remap-pre-6.19': {
    kind: 'patch', series: '[PATCH v5 1/7] vfio/nvgrace-gpu: Use faults to map device memory (Ankit Agrawal, 24 Nov 2025)',
    messageId: '20251124115926.119027-2-ankita@nvidia.com', verified: true,
  },
  'nv/reset-pre-6.19-unverified': {
    kind: 'inference',
    statement: 'What a device reset does to nvgrace-gpu\'s remap_pfn_range() usemem mapping before the v6.19-cycle fault handler (whether vfio-pci zaps it, and what a later access then gets) is unverified; the model keeps the mapping.',
    verified: false,
  },
  'cmp/zone-device': {
    kind: 'upstream', file: 'mm/memremap.c', fn: 'pagemap_range()', version: 'v5.19', commit: '8bb5e7f4dcd9', verified: true,
  },
};
