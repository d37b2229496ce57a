/** The notes of the sources in ../designs.ts: what was read, where, and what it says (shown in the inspector and the plain text). */
export const NOTES_DESIGNS: Readonly<Record<string, string>> = {
  'hp/kmem-probe':
    'request_mem_region(range, "daxX.Y") (failure: "could not reserve region", -EBUSY), then sets the resource\'s flags to IORESOURCE_SYSTEM_RAM, i.e. clears BUSY so add_memory_driver_managed(…, "System RAM (kmem)") can add a child resource. Read at 1253eedfbf24, a copy dated only by content (multi-range device-dax and MHP_NONE from v5.10, none of the 6.1 memory-tier code), hence no elixirTag.',
  'hp/add_memory_driver_managed':
    'Checks the "System RAM ($DRIVER)" name format, then register_memory_resource() requests it with __request_region(&iomem_resource, …, SYSTEM_RAM|BUSY|SYSRAM_DRIVER_MANAGED) and fails -EEXIST when that request fails (a busy resource over any part), then add_memory_resource(). Read at 8dc4bb58a146 ("mm/memory_hotplug: extend offline_and_remove_memory() to handle more than one memory block", v5.10 merge window, so no elixirTag); no newer memory_hotplug.c was found in the store.',
  'hp/add_memory_resource':
    'arch_add_memory() builds the direct map and memmap; a new NUMA node comes online; memblock add on arm64; auto-online per policy. At 8dc4bb58a146 (v5.10) only its call from add_memory_driver_managed() was seen; the body was read only in a 4.x-era copy (000a1d59), which is too old for the v6 behaviour cited. Not re-read in the citation audit of Dec 2026 (no stored copy of the function was read), so unverified until read at a pinned commit.',
  'hp/online-policy':
    'memhp_default_state=, memory_hotplug.online_policy, or per block via sysfs online / online_kernel / online_movable. At 8dc4bb58a146 (v5.10) memhp_default_state= sets memhp_default_online_type through memhp_online_type_from_str(); memory_hotplug.online_policy (auto-movable) came later (v5.15) and was not read, and neither was plain "online" → ZONE_NORMAL (ERRATA 17). Half of the fn is therefore unverified.',
  'hp/longterm-pin-movable':
    'FOLL_LONGTERM pins migrate pages out of ZONE_MOVABLE (folio_is_longterm_pinnable()), i.e. off the CXL node. Commit as recorded by the domain notes; not re-read in the Dec 2026 citation audit (folio_is_longterm_pinnable() is a later name than v5.13\'s is_pinnable_page()).',
  'pn/add_private_memory_driver_managed':
    'add_private_memory_driver_managed(): a private variant of driver-managed hotplug; busy "System RAM (…)" and a memmap; node state N_MEMORY_PRIVATE, set by node_private_register() and online_pages() inside add_private_memory_driver_managed() (ERRATA 13). The function itself is added by patch 22/27 "mm/memory_hotplug: add add_private_memory_driver_managed()" <20260222084842.1824063-23-gourry@gourry.net>; cover and patch found in the archive.',
  'mr/memremap':
    'region_intersects(SYSTEM_RAM): MIXED → WARN + NULL; INTERSECTS + WB → try_ram_remap() → __va() (direct map, if pfn_valid, not highmem and arch_memremap_can_ram_remap()); else arch_memremap_wb(). Read in kernel/iomem.c at 0470fb7f, a copy not tied to a release: arch_memremap_wb() still takes two arguments (so before v6.15, ERRATA 11) and memunmap() uses is_ioremap_addr(); the range is the domain notes\' dating, hence no elixirTag. The MIXED / INTERSECTS / DISJOINT logic is the same in the later versions the model offers.',
  'mr/memremap-flags':
    'Found in the archive with this subject and author; arrived with the x86 core updates for v6.15, so arch_memremap_wb() takes the flags from v6.15 and two arguments before (ERRATA 11).',
  'mr/arm64-ioremap-cache':
    'Returns the linear map for pfn_is_map_memory() pfns, otherwise ioremap_prot(PROT_NORMAL). The stored io.h (6e0411bdc2f6, 4.x era) only declares ioremap_cache() (then defined in arch/arm64/mm/ioremap.c); the inline that tests pfn_is_map_memory() was seen only in patch mails (r3 §3.2). Not re-read in the citation audit of Dec 2026 (no stored copy of the function was read), so unverified until read at a pinned commit.',
  'mr/x86-ioremap-ram':
    'Refuses System RAM ("ioremap on RAM at …"); otherwise a vmalloc-area mapping of the requested type plus a PAT memtype reservation (memtype_reserve(), WB only where the MTRR type is WB, else UC-). Read at 97dc2a1548ab ("x86: inline huge vmap supported functions", v5.13 merge window, no elixirTag) by the x86/reset research (r3 §6); those parts of __ioremap_caller() and iounmap() are unchanged in later diffs it read.',
  'mr/no-claim':
    'v2: memremap(WB) of the region HPA for pread/pwrite and a demand-fault PFNMAP mmap; nothing requests the HPA in the resource tree. The mail itself is not in the mail store; its Message-ID is confirmed by the References of the stored reply <20260406220521.GG2551565@ziepe.ca> (subject "Re: [PATCH v2 16/20] vfio/cxl: Register regions with VFIO layer") and its content by the domain notes (public list archive).',
  'vo/request_mem_region':
    'request_mem_region on the HDM HPA at bind; a conflicting direct-map/EFI use fails probe with -EBUSY. Cover letter found in the archive with this subject. Per ERRATA 14 later versions code the claim as request_mem_region_exclusive(…, "vfio-cxl-hdm") (IORESOURCE_EXCLUSIVE as well); that patch was not read here.',
  'vo/v3-acquire':
    'vfio_pci_cxl_acquire() at bind: devm_cxl_probe_mem() registers the memdev, enumerates the endpoint port and attaches the firmware-committed autoregion; then request_mem_region() of the autoregion\'s HPA under the name "vfio-cxl-hdm" (VFIO_PCI_CXL_HDM_RES_NAME) and memremap(WB); a failure other than -ENODEV aborts the vfio-pci bind.',
  'vo/vfio-cxl-module':
    'Source: kernel tree copy, commit unknown. request_mem_region_exclusive(hpa, "vfio-cxl-hdm") (IORESOURCE_EXCLUSIVE also keeps /dev/mem off the range), -EBUSY on failure; the HDM region mmap sets VM_IO|VM_PFNMAP|VM_DONTEXPAND|VM_DONTDUMP and leaves the default write-back pgprot (no VM_ALLOW_ANY_UNCACHED); .fault/.huge_fault are vfio_cxl_mem_fault()/vfio_cxl_mem_huge_fault(), which insert through vfio_pci_vmf_insert_pfn() when is_aligned_for_order() holds and SIGBUS unless memory is enabled and hdm_valid (cleared by reset and power transitions until the decoder is restored).',
  'vo/exclusive':
    'VFIO is the exclusive owner of the physical range, has no struct pages, and maps large cacheable special PTEs. Read in the stored copy of the mail (Re: [PATCH v2 16/20] vfio/cxl: Register regions with VFIO layer, 6 Apr 2026, reply to Gregory Price).',
  'vo/blocks-others':
    'A busy resource over the range makes later hotplug fail (-EEXIST): register_memory_resource() uses __request_region() on iomem_resource (descending into non-busy parents) and returns -EEXIST when it fails; other drivers\' request_mem_region() fail the same way (__request_region_locked(), see res/__request_region). Read at 8dc4bb58a146 (v5.10 merge window, no elixirTag).',
  'nv/mmap':
    'usemem: VM_IO|VM_PFNMAP|VM_DONTEXPAND|VM_DONTDUMP with the default (cacheable) vm_page_prot. Read at e5f19b61 ("vfio/nvgrace-gpu: register device memory for poison handling", VFIO pull for v7.0-rc1); no elixirTag for a merge-window commit.',
  'nv/huge_fault':
    'Inserts PMD/PUD special entries through vfio_pci_vmf_insert_pfn() when aligned ("Add support for huge pfnmap", v6.19 cycle); under memory_lock it first returns SIGBUS if runtime PM is engaged or nvgrace_gpu_check_device_ready() fails. Read at e5f19b61 (VFIO pull for v7.0-rc1) by the x86/reset research (r3 §5.2), not at a v6.19 tag; no elixirTag for a merge-window commit.',
  'nv/request':
    'Kernel access to usemem through memremap(memphys, MEMREMAP_WB), done lazily on the first read()/write() of the region; the physical range comes from ACPI, no struct pages. Read at e5f19b61 (VFIO pull for v7.0-rc1; no elixirTag for a merge-window commit).',
  'nv/no-claim':
    'memphys/memlength come from nvgrace_gpu_fetch_memory_property() (the ACPI DSD properties nvidia,gpu-mem-base-pa / nvidia,gpu-mem-size, as read earlier in an older main.c, 1b0ecb5b); probe requests no iomem resource for them: the only request is BAR0, taken and released in nvgrace_gpu_probe_check_device_ready() to poll readiness. Probe re-read at e5f19b61 (VFIO pull for v7.0-rc1; no elixirTag for a merge-window commit).',
  'nv/reset-ready':
    'Called by nvgrace_gpu_vfio_pci_huge_fault() under memory_lock. After a reset (reset_done) it returns -EIO if memory decode is disabled, else nvgrace_gpu_wait_device_ready() polls the BAR0 C2C-link and HBM-training status every 1 s for up to 30 s (POLL_TIMEOUT_MS): ready → the fault inserts the pfn; timeout → SIGBUS.',
  'nv/remap-pre-6.19':
    'Until this patch nvgrace_gpu_mmap() mapped all of usemem with remap_pfn_range() when QEMU mmaps it (at VM boot), as 4 KiB special PTEs, set vm_pgoff to the start pfn and installed no vm_ops; the patch replaces that with a .fault handler using vmf_insert_pfn(). The series landed in the v6.19 cycle (vma-and-kvm-fault-path.md §A2); an older stored main.c (407aa630) has the remap_pfn_range() form and waits for GPU readiness only at probe.',
  'cmp/zone-device':
    'memremap_pages() → pagemap_range() refuses any range that region_intersects() does not report DISJOINT from System RAM (WARN "attempted on ram/mixed region", -ENXIO), then arch_add_memory() (or add_pages() for DEVICE_PRIVATE) and ZONE_DEVICE struct pages. Read at 8bb5e7f4dcd9 (an input-tree merge for the v6.0 merge window, so the tree is about v5.19; no elixirTag).',
};
