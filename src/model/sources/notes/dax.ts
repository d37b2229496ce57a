/** The notes of the sources in ../dax.ts: what was read, where, and what it says (shown in the inspector and the plain text). */
export const NOTES_DAX: Readonly<Record<string, string>> = {
  'dax/hmem-defer-cxl-region':
    'With CONFIG_CXL_REGION enabled, a Soft Reserved range that is not REGION_DISJOINT from an IORES_DESC_CXL resource is left to CXL ("deferring range to CXL") and never revisited; with it disabled, hmem registers the range. Read at 908ae7e081bc (early 6.x) and at the first 7.1-cycle commits 116be1e112cb / 7b4bcaadfe00, which carry the same test; no copy at the 6.11, 6.12 or 6.17 tags was read.',
  'dax/hmem-gate-dev-dax-cxl':
    'Merged for 7.1 as edfcf1e21e79 (cxl-for-7.1): the deferral is tested against CONFIG_DEV_DAX_CXL, which defaults to CXL_REGION && DEV_DAX (drivers/dax/Kconfig), instead of CONFIG_CXL_REGION.',
  'dax/hmem-resolve-7.1':
    '"dax/hmem, cxl: Defer and resolve Soft Reserved ownership" (e4de6b910bf3, final form at 059edcc405e4): a range in a CXL window waits ("await CXL initial probe"), then after wait_for_device_probe() hmem drops it if a committed CXL region fully contains it ("CXL claims resource, dropping") and registers it otherwise ("CXL did not claim resource, registering").',
  'dax/cxl_region_contains_resource':
    'True only for a region in CXL_CONFIG_COMMIT whose resource fully contains the Soft Reserved range; a partial cover counts as not claimed.',
  'dax/soft-reserve-resource-7.0':
    '"dax/hmem, e820, resource: Defer Soft Reserved insertion until hmem is ready": x86 puts IORES_DESC_SOFT_RESERVED ranges into the private soft_reserve_resource tree (kernel/resource.c), not iomem_resource, so /proc/iomem has no "Soft Reserved" line. Nothing in 7.0 or 7.1 publishes them back (hmem.c still carries a TODO to add them to iomem at 059edcc405e4).',
  'dax/dax_match_type':
    'A dev_dax whose region carries IORESOURCE_DAX_KMEM matches only kmem when CONFIG_DEV_DAX_KMEM is y or m; with it n, device_dax takes it.',
  'dax/dax_hmem_probe':
    'alloc_dax_region(..., IORESOURCE_DAX_KMEM) unless region_idle, then one dev_dax over the whole range, sent to kmem by default.',
  'dax/kmem-probe':
    'request_mem_region(range, "daxX.Y") (busy), then flags set to IORESOURCE_SYSTEM_RAM, which clears BUSY, and add_memory_driver_managed(..., "System RAM (kmem)"); a failed reservation prints "could not reserve region" and the probe fails -EBUSY.',
  'dax/device-dax-probe':
    'devm_request_mem_region(range, "daxX.Y"): a busy node; then devm_memremap_pages() with MEMORY_DEVICE_GENERIC, so the range gets ZONE_DEVICE struct pages and a linear map.',
  'dax/cxl_region_probe':
    'A committed RAM region gets a dax region (devm_cxl_add_dax_region(), then dax_cxl and kmem) unless busy System RAM already sits in it ("has System RAM"); v7.1 has no Type-2 (DEVMEM) test here.',
  'dax/type2-api-posted':
    'With the DPA-allocation and region-creation patches of the same series: cxl_get_hpa_freespace(), cxl_request_dpa() and cxl_create_region() for accelerator drivers. 7.1 carries only preparation commits (e.g. 005869886d1d, 09d065d256b1); the driver interface itself is not in the 7.1 merge. Whether it landed later is not checked.',
  'dax/cxl_pci-class':
    'cxl_pci binds only the CXL memory device class code (Type-3); an accelerator gets no memdev, hence no endpoint port and no region auto-assembly, unless its own driver registers one.',
  'dax/discover_region':
    'Region auto-assembly runs from a bound endpoint port: discover_region() calls cxl_add_to_region() for committed endpoint decoders, which construct_region() inserts as "regionN".',
  'dax/alloc_free_mem_region':
    'Source: kernel tree copy, commit unknown. Allocates a range of the CXL window that no descendant of the window claims (get_free_mem_region() skips any range region_intersects() does not find DISJOINT) and returns -ERANGE when there is none. Read in a v6.x copy whose commit is unknown; "cxl create-region" then reports "Numerical result out of range".',
  'dax/tomasz-straddle-log':
    'Re: [PATCH v4 0/9] dax/hmem, cxl: a Soft Reserved range spanning two CXL windows: "registering CXL range", then kmem "could not reserve region" and probe failed -16. The kmem request descends into the first window and is not contained in it (a straddle of two non-busy siblings), not a race.',
  'dax/field-report-dpa':
    'Re: [PATCH v21 15/23] sfc: get endpoint decoder. A Type-2 device shown as "Soft Reserved" under "CXL Window 0" failed -EBUSY in cxl_request_dpa() → __cxl_dpa_reserve() → __request_region(); that request is on the device\'s DPA resource tree (drivers/cxl/core/hdm.c), where init_hdm_decoder() already reserved the DPA of every firmware-committed decoder. The HPA claim by dax/kmem is a separate cause.',
  'dax/private-node-sysram':
    'sysram_hotplug_add(): request_mem_region(..., "cxl_sysram%d") with flags IORESOURCE_SYSTEM_RAM (not busy), then the busy "System RAM (CXL)" under it: regionN → cxl_sysramN → System RAM (CXL). N_MEMORY_PRIVATE is set by node_private_register() and online_pages() inside add_private_memory_driver_managed().',
};
