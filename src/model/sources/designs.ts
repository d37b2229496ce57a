import type { Source } from '../source';

/** What each design does to the range: hotplug, private node, memremap, VFIO-owned, nvgrace-gpu (alternatives-and-resource-tree.md §4–§8). */
export const SOURCES_DESIGNS: Record<string, Source> = {
  'hp/kmem-probe': {
    kind: 'upstream', file: 'drivers/dax/kmem.c', fn: 'dev_dax_kmem_probe()', version: 'v6.x', verified: true,
    note: 'request_mem_region(range, "daxX.Y"), then clears BUSY so add_memory() can add a child resource.',
  },
  'hp/add_memory_driver_managed': {
    kind: 'upstream', file: 'mm/memory_hotplug.c', fn: 'add_memory_driver_managed()', version: 'v6.x', verified: true,
    note: 'register_memory_resource() requests "System RAM (kmem)" with SYSTEM_RAM|BUSY|SYSRAM_DRIVER_MANAGED; fails -EEXIST if any part is busy.',
  },
  'hp/add_memory_resource': {
    kind: 'upstream', file: 'mm/memory_hotplug.c', fn: 'add_memory_resource()', version: 'v6.x', verified: true,
    note: 'arch_add_memory() builds the direct map and memmap; a new NUMA node comes online; memblock add on arm64; auto-online per policy.',
  },
  'hp/online-policy': {
    kind: 'upstream', file: 'mm/memory_hotplug.c', fn: 'mhp_default_online_type / online_policy', version: 'v6.x', verified: true,
    note: 'memhp_default_state=, memory_hotplug.online_policy, or per block via sysfs online / online_kernel / online_movable.',
  },
  'hp/longterm-pin-movable': {
    kind: 'upstream', file: 'mm/gup.c', fn: 'check_and_migrate_movable_pages()', version: 'v5.13', commit: 'd1e153fea2a8', verified: true,
    note: 'FOLL_LONGTERM pins migrate pages out of ZONE_MOVABLE (folio_is_longterm_pinnable()), i.e. off the CXL node.',
  },
  'hp/reset-unsafe': {
    kind: 'inference',
    statement: 'A device reset (FLR/CXL reset clearing HDM decoders) would pull memory out from under the buddy allocator while mm owns it.',
    verified: false,
  },
  'pn/add_private_memory_driver_managed': {
    kind: 'patch', series: '[RFC PATCH v4 00/27] Private Memory Nodes (w/ Compressed RAM)',
    messageId: '20260222084842.1824063-1-gourry@gourry.net', verified: true,
    note: 'add_private_memory_driver_managed(): a private variant of driver-managed hotplug; busy "System RAM (…)" and a memmap; node state N_MEMORY_PRIVATE.',
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
    kind: 'upstream', file: 'kernel/iomem.c', fn: 'memremap()', version: 'v5.2–6.13', commit: '0470fb7f', verified: true,
    note: 'region_intersects(SYSTEM_RAM): MIXED → WARN + NULL; INTERSECTS + WB → try_ram_remap() → __va() (direct map); else arch_memremap_wb().',
  },
  'mr/memremap-flags': {
    kind: 'patch', series: '[PATCHv4 1/2] memremap: Pass down MEMREMAP_* flags to arch_memremap_wb()',
    messageId: '20250217163822.343400-2-kirill.shutemov@linux.intel.com', verified: true,
  },
  'mr/arm64-ioremap-cache': {
    kind: 'upstream', file: 'arch/arm64/include/asm/io.h', fn: 'ioremap_cache()', version: 'v6.x', verified: true,
    note: 'Returns the linear map for pfn_is_map_memory() pfns, otherwise ioremap_prot(PROT_NORMAL).',
  },
  'mr/x86-ioremap-ram': {
    kind: 'upstream', file: 'arch/x86/mm/ioremap.c', fn: '__ioremap_caller()', version: 'v6.x', verified: true,
    note: 'Refuses System RAM ("ioremap on RAM at …"); otherwise a WB vmalloc-area mapping plus a PAT memtype reservation.',
  },
  'mr/no-claim': {
    kind: 'patch', series: '[PATCH v2 16/20] vfio/cxl: Register regions with VFIO layer',
    messageId: '20260401143917.108413-17-mhonap@nvidia.com', verified: true,
    note: 'v2: memremap(WB) of the region HPA for pread/pwrite and a demand-fault PFNMAP mmap; nothing requests the HPA in the resource tree.',
  },
  'vo/request_mem_region': {
    kind: 'patch', series: 'VFIO-CXL series v3, cover letter (25 Jun 2026)', messageId: '20260625165407.1769572-1-mhonap@nvidia.com', verified: true,
    note: 'request_mem_region on the HDM HPA at bind; a conflicting direct-map/EFI use fails probe with -EBUSY. The resource name is unverified.',
  },
  'vo/v3-acquire': {
    kind: 'patch', series: '[PATCH v3 07/11] vfio/pci: Add CONFIG_VFIO_PCI_CXL with bind-time CXL Type-2 acquisition',
    messageId: '20260625165407.1769572-8-mhonap@nvidia.com', verified: true,
    note: 'vfio_pci_cxl_acquire() at bind: devm_cxl_probe_mem() registers the memdev, enumerates the endpoint port and attaches the firmware-committed autoregion; then request_mem_region() of the autoregion\'s HPA under the name "vfio-cxl-hdm" (VFIO_PCI_CXL_HDM_RES_NAME) and memremap(WB); a failure other than -ENODEV aborts the vfio-pci bind.',
  },
  'vo/vfio-cxl-module': {
    kind: 'upstream', file: 'drivers/vfio/pci/cxl (vfio-cxl module, later version)', fn: 'vfio_cxl_init_device()', version: 'posted series, after v3', verified: true,
    note: 'Source: kernel tree copy, commit unknown. request_mem_region_exclusive(hpa, "vfio-cxl-hdm") (IORESOURCE_EXCLUSIVE also keeps /dev/mem off the range), -EBUSY on failure; the HDM region mmap sets VM_IO|VM_PFNMAP|VM_DONTEXPAND|VM_DONTDUMP and leaves the default write-back pgprot (no VM_ALLOW_ANY_UNCACHED); .fault/.huge_fault are vfio_cxl_mem_fault()/vfio_cxl_mem_huge_fault(), which insert through vfio_pci_vmf_insert_pfn() when is_aligned_for_order() holds and SIGBUS unless memory is enabled and hdm_valid (cleared by reset and power transitions until the decoder is restored).',
  },
  'vo/resource-name': {
    kind: 'inference', statement: 'The name VFIO gives the requested HPA resource in v3+ is unverified; the model uses "vfio-cxl".', verified: false,
  },
  'vo/soft-reserved-field-report': {
    kind: 'inference',
    statement: 'A Type-2 device whose HDM sat in "Soft Reserved" under "CXL Window 0" was reported to fail -EBUSY (PJ Waskiewicz, quoted in Alejandro Lucero\'s reply); the model\'s __request_region() succeeds inside a non-busy Soft Reserved, so the real failure (the CXL core\'s own region allocation, or HMEM taking the range) is not modelled and unverified.',
    verified: false,
  },
  'vo/exclusive': {
    kind: 'thread', author: 'Jason Gunthorpe', messageId: '20260406220521.GG2551565@ziepe.ca', url: 'https://lkml.iu.edu/2604.0/08634.html', verified: true,
    note: 'VFIO is the exclusive owner of the physical range, has no struct pages, and maps large cacheable special PTEs.',
  },
  'vo/blocks-others': {
    kind: 'upstream', file: 'mm/memory_hotplug.c', fn: 'register_memory_resource()', version: 'v6.x', verified: true,
    note: 'A busy resource over the range makes later hotplug fail (-EEXIST), and other drivers\' request_mem_region() fail.',
  },
  'nv/mmap': {
    kind: 'upstream', file: 'drivers/vfio/pci/nvgrace-gpu/main.c', fn: 'nvgrace_gpu_mmap()', version: 'v7.0', commit: 'e5f19b61', elixirTag: 'v7.0', verified: true,
    note: 'usemem: VM_IO|VM_PFNMAP|VM_DONTEXPAND|VM_DONTDUMP with the default (cacheable) vm_page_prot.',
  },
  'nv/huge_fault': {
    kind: 'upstream', file: 'drivers/vfio/pci/nvgrace-gpu/main.c', fn: 'nvgrace_gpu_vfio_pci_huge_fault()', version: 'v6.19', elixirTag: 'v6.19', verified: true,
    note: 'Inserts PMD/PUD special entries through vfio_pci_vmf_insert_pfn() when aligned ("Add support for huge pfnmap").',
  },
  'nv/request': {
    kind: 'upstream', file: 'drivers/vfio/pci/nvgrace-gpu/main.c', fn: 'nvgrace_gpu_map_device_mem()', version: 'v7.0', commit: 'e5f19b61', verified: true,
    note: 'Kernel access to usemem through memremap(memphys, MEMREMAP_WB); the physical range comes from ACPI, no struct pages.',
  },
  'nv/no-claim': {
    kind: 'upstream', file: 'drivers/vfio/pci/nvgrace-gpu/main.c', fn: 'nvgrace_gpu_probe()', version: 'v6.x (stored copy)', commit: '1b0ecb5b', verified: true,
    note: 'memphys/memlength come from the ACPI DSD properties nvidia,gpu-mem-base-pa / nvidia,gpu-mem-size; probe requests no iomem resource for them (BAR0 is requested only briefly to poll readiness). Read in an older main.c than e5f19b61.',
  },
  'nv/arm64-only': {
    kind: 'inference', statement: 'nvgrace-gpu binds only to Grace Hopper/Blackwell superchips, which are arm64; on x86 the precedent is shown as if the same driver ran there.', verified: false,
  },
  'nv/reset-ready': {
    kind: 'upstream', file: 'drivers/vfio/pci/nvgrace-gpu/main.c', fn: 'nvgrace_gpu_check_device_ready()', version: 'v7.0', commit: 'e5f19b61', elixirTag: 'v7.0', verified: true,
    note: 'Called by nvgrace_gpu_vfio_pci_huge_fault() under memory_lock. After a reset (reset_done) it returns -EIO if memory decode is disabled, else nvgrace_gpu_wait_device_ready() polls the BAR0 C2C-link and HBM-training status every 1 s for up to 30 s (POLL_TIMEOUT_MS): ready → the fault inserts the pfn; timeout → SIGBUS.',
  },
  'nv/remap-pre-6.19': {
    kind: 'patch', series: 'vfio/nvgrace-gpu huge pfnmap v5, 1/7 "Use faults to map device memory" (Ankit Agrawal)',
    messageId: '20251124115926.119027-2-ankita@nvidia.com', verified: true,
    note: 'Until this patch nvgrace_gpu_mmap() mapped all of usemem with remap_pfn_range() when QEMU mmaps it (at VM boot), as 4 KiB special PTEs, set vm_pgoff to the start pfn and installed no vm_ops; the patch replaces that with a .fault handler using vmf_insert_pfn(). The series landed in the v6.19 cycle (vma-and-kvm-fault-path.md §A2); an older stored main.c (407aa630) has the remap_pfn_range() form and waits for GPU readiness only at probe.',
  },
  'nv/reset-pre-6.19-unverified': {
    kind: 'inference',
    statement: 'What a device reset does to nvgrace-gpu\'s remap_pfn_range() usemem mapping before the v6.19-cycle fault handler (whether vfio-pci zaps it, and what a later access then gets) is unverified; the model keeps the mapping.',
    verified: false,
  },
  'cmp/zone-device': {
    kind: 'upstream', file: 'mm/memremap.c', fn: 'pagemap_range()', version: 'v6.x', verified: true,
    note: 'memremap_pages() refuses System RAM ranges (WARN, -ENXIO) and creates ZONE_DEVICE struct pages.',
  },
};
