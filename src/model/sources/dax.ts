import type { Source } from '../source';

/**
 * Who claims a Soft Reserved range (hmem, dax, kmem, a CXL region) and the CXL region facts behind it, read for the
 * second fidelity review (issue 13). Versions were dated from Linus's master push mails: 7.0 = 13 Feb 2026
 * (<177094538482.3393537.8412446669241734194@gitolite.kernel.org>), 7.1 = 17 Apr 2026, cxl-for-7.1 merge 12bffaef2882
 * (<177646665499.1701247.3818764683610052404@gitolite.kernel.org>).
 */
export const SOURCES_DAX: Record<string, Source> = {
  'dax/hmem-defer-cxl-region': {
    kind: 'upstream', file: 'drivers/dax/hmem/hmem.c', fn: 'hmem_register_device()', version: 'v6.3–v7.0', commit: '908ae7e081bc', verified: true,
    note: 'With CONFIG_CXL_REGION enabled, a Soft Reserved range that is not REGION_DISJOINT from an IORES_DESC_CXL resource is left to CXL ("deferring range to CXL") and never revisited; with it disabled, hmem registers the range. Read at 908ae7e081bc (early 6.x) and at the first 7.1-cycle commits 116be1e112cb / 7b4bcaadfe00, which carry the same test; no copy at the 6.11, 6.12 or 6.17 tags was read.',
  },
  'dax/hmem-gate-dev-dax-cxl': {
    kind: 'patch', series: '[PATCH v8 4/9] dax/hmem: Gate Soft Reserved deferral on DEV_DAX_CXL',
    messageId: '20260322195343.206900-5-Smita.KoralahalliChannabasappa@amd.com', verified: true,
    note: 'Merged for 7.1 as edfcf1e21e79 (cxl-for-7.1): the deferral is tested against CONFIG_DEV_DAX_CXL, which defaults to CXL_REGION && DEV_DAX (drivers/dax/Kconfig), instead of CONFIG_CXL_REGION.',
  },
  'dax/hmem-resolve-7.1': {
    kind: 'upstream', file: 'drivers/dax/hmem/hmem.c', fn: 'process_defer_work()', version: 'v7.1', commit: '059edcc405e4', verified: true,
    note: '"dax/hmem, cxl: Defer and resolve Soft Reserved ownership" (e4de6b910bf3, final form at 059edcc405e4): a range in a CXL window waits ("await CXL initial probe"), then after wait_for_device_probe() hmem drops it if a committed CXL region fully contains it ("CXL claims resource, dropping") and registers it otherwise ("CXL did not claim resource, registering").',
  },
  'dax/cxl_region_contains_resource': {
    kind: 'upstream', file: 'drivers/cxl/core/region.c', fn: 'cxl_region_contains_resource()', version: 'v7.1', commit: '12bffaef2882', verified: true,
    note: 'True only for a region in CXL_CONFIG_COMMIT whose resource fully contains the Soft Reserved range; a partial cover counts as not claimed.',
  },
  'dax/soft-reserve-resource-7.0': {
    kind: 'upstream', file: 'arch/x86/kernel/e820.c', fn: 'e820__reserve_resources_late()', version: 'v7.0', commit: 'bc62f5b308cb', verified: true,
    note: '"dax/hmem, e820, resource: Defer Soft Reserved insertion until hmem is ready": x86 puts IORES_DESC_SOFT_RESERVED ranges into the private soft_reserve_resource tree (kernel/resource.c), not iomem_resource, so /proc/iomem has no "Soft Reserved" line. Nothing in 7.0 or 7.1 publishes them back (hmem.c still carries a TODO to add them to iomem at 059edcc405e4).',
  },
  'dax/arm64-soft-reserved-7.0-inference': {
    kind: 'inference',
    statement: 'arm64 still inserts "Soft Reserved" straight into iomem (arm_enable_runtime_services()), while hmem from 7.0 looks only at the private soft_reserve_resource tree that x86 e820 fills; so on arm64 ≥ 7.0 hmem would never claim the range. Nobody was found reporting this.',
    verified: false,
  },
  'dax/dax_match_type': {
    kind: 'upstream', file: 'drivers/dax/bus.c', fn: 'dax_match_type()', version: 'v7.1', commit: '14f2e2ebf311', verified: true,
    note: 'A dev_dax whose region carries IORESOURCE_DAX_KMEM matches only kmem when CONFIG_DEV_DAX_KMEM is y or m; with it n, device_dax takes it.',
  },
  'dax/dax_hmem_probe': {
    kind: 'upstream', file: 'drivers/dax/hmem/hmem.c', fn: 'dax_hmem_probe()', version: 'v7.1', commit: '059edcc405e4', verified: true,
    note: 'alloc_dax_region(..., IORESOURCE_DAX_KMEM) unless region_idle, then one dev_dax over the whole range, sent to kmem by default.',
  },
  'dax/kmem-probe': {
    kind: 'upstream', file: 'drivers/dax/kmem.c', fn: 'dev_dax_kmem_probe()', version: 'v7.0', commit: '323bbfcf1ef8', verified: true,
    note: 'request_mem_region(range, "daxX.Y") (busy), then flags set to IORESOURCE_SYSTEM_RAM, which clears BUSY, and add_memory_driver_managed(..., "System RAM (kmem)"); a failed reservation prints "could not reserve region" and the probe fails -EBUSY.',
  },
  'dax/device-dax-probe': {
    kind: 'upstream', file: 'drivers/dax/device.c', fn: 'dev_dax_probe()', version: 'v5.10 (same loop in 2026 patch mails)', commit: '031616c434db', verified: true,
    note: 'devm_request_mem_region(range, "daxX.Y"): a busy node; then devm_memremap_pages() with MEMORY_DEVICE_GENERIC, so the range gets ZONE_DEVICE struct pages and a linear map.',
  },
  'dax/cxl_region_probe': {
    kind: 'upstream', file: 'drivers/cxl/core/region.c', fn: 'cxl_region_probe()', version: 'v7.1', commit: '12bffaef2882', verified: true,
    note: 'A committed RAM region gets a dax region (devm_cxl_add_dax_region(), then dax_cxl and kmem) unless busy System RAM already sits in it ("has System RAM"); v7.1 has no Type-2 (DEVMEM) test here.',
  },
  'dax/type2-api-posted': {
    kind: 'patch', series: '[PATCH v20 11/22] cxl: Define a driver interface for HPA free space enumeration (CXL Type-2 support, Alejandro Lucero)',
    messageId: '20251110153657.2706192-12-alejandro.lucero-palau@amd.com', verified: true,
    note: 'With the DPA-allocation and region-creation patches of the same series: cxl_get_hpa_freespace(), cxl_request_dpa() and cxl_create_region() for accelerator drivers. 7.1 carries only preparation commits (e.g. 005869886d1d, 09d065d256b1); the driver interface itself is not in the 7.1 merge. Whether it landed later is not checked.',
  },
  'dax/cxl_pci-class': {
    kind: 'upstream', file: 'drivers/cxl/pci.c', fn: 'cxl_mem_pci_tbl', version: 'v7.1', commit: '58f28930c7fb', verified: true,
    note: 'cxl_pci binds only the CXL memory device class code (Type-3); an accelerator gets no memdev, hence no endpoint port and no region auto-assembly, unless its own driver registers one.',
  },
  'dax/discover_region': {
    kind: 'upstream', file: 'drivers/cxl/port.c', fn: 'cxl_endpoint_port_probe()', version: 'v6.8', commit: '0c0df63177e3', verified: true,
    note: 'Region auto-assembly runs from a bound endpoint port: discover_region() calls cxl_add_to_region() for committed endpoint decoders, which construct_region() inserts as "regionN".',
  },
  'dax/alloc_free_mem_region': {
    kind: 'upstream', file: 'kernel/resource.c', fn: 'alloc_free_mem_region()', version: 'v6.0 and later (14b80582c43e, cxl-for-6.0)', verified: true,
    note: 'Source: kernel tree copy, commit unknown. Allocates a range of the CXL window that no descendant of the window claims (get_free_mem_region() skips any range region_intersects() does not find DISJOINT) and returns -ERANGE when there is none. Read in a v6.x copy whose commit is unknown; "cxl create-region" then reports "Numerical result out of range".',
  },
  'dax/tomasz-straddle-log': {
    kind: 'thread', author: 'Tomasz Wolski', date: '3 Dec 2025',
    messageId: '20251203133552.15468-1-tomasz.wolski@fujitsu.com', verified: true,
    note: 'Re: [PATCH v4 0/9] dax/hmem, cxl: a Soft Reserved range spanning two CXL windows: "registering CXL range", then kmem "could not reserve region" and probe failed -16. The kmem request descends into the first window and is not contained in it (a straddle of two non-busy siblings), not a race.',
  },
  'dax/field-report-dpa': {
    kind: 'thread', author: 'PJ Waskiewicz (quoted by Alejandro Lucero)', date: '26–27 Nov 2025',
    messageId: 'ab182638-3693-422b-a7b6-b3630a35a0be@amd.com', verified: true,
    note: 'Re: [PATCH v21 15/23] sfc: get endpoint decoder. A Type-2 device shown as "Soft Reserved" under "CXL Window 0" failed -EBUSY in cxl_request_dpa() → __cxl_dpa_reserve() → __request_region(); that request is on the device\'s DPA resource tree (drivers/cxl/core/hdm.c), where init_hdm_decoder() already reserved the DPA of every firmware-committed decoder. The HPA claim by dax/kmem is a separate cause.',
  },
  'dax/private-node-sysram': {
    kind: 'patch', series: '[RFC PATCH v4 25/27] cxl/core: Add private node support to cxl_sysram',
    messageId: '20260222084842.1824063-26-gourry@gourry.net', verified: true,
    note: 'sysram_hotplug_add(): request_mem_region(..., "cxl_sysram%d") with flags IORESOURCE_SYSTEM_RAM (not busy), then the busy "System RAM (CXL)" under it: regionN → cxl_sysramN → System RAM (CXL). N_MEMORY_PRIVATE is set by node_private_register() and online_pages() inside add_private_memory_driver_managed().',
  },
  'dax/private-node-firmware-ram-ebusy': {
    kind: 'inference',
    statement: 'When firmware already made the range System RAM, the private-node path fails at its first request_mem_region("cxl_sysram%d") with -EBUSY (a busy System RAM in the way), not at add_private_memory_driver_managed() with -EEXIST.',
    verified: false,
  },
  'dax/vfio-cxl-region-creation': {
    kind: 'inference',
    statement: 'Without a committed region, the later VFIO-CXL versions create one through the Type-2 API (cxl_get_hpa_freespace() → cxl_request_dpa() → cxl_create_region()), so the region lands where alloc_free_mem_region() finds free space in the window; the model places it at the HDM range and fails when anything already claims that range.',
    verified: false,
  },
};
