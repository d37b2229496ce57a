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
  },
  'dax/hmem-gate-dev-dax-cxl': {
    kind: 'patch', series: '[PATCH v8 4/9] dax/hmem: Gate Soft Reserved deferral on DEV_DAX_CXL',
    messageId: '20260322195343.206900-5-Smita.KoralahalliChannabasappa@amd.com', verified: true,
  },
  'dax/hmem-resolve-7.1': {
    kind: 'upstream', file: 'drivers/dax/hmem/hmem.c', fn: 'process_defer_work()', version: 'v7.1', commit: '059edcc405e4', verified: true,
  },
  'dax/cxl_region_contains_resource': {
    kind: 'upstream', file: 'drivers/cxl/core/region.c', fn: 'cxl_region_contains_resource()', version: 'v7.1', commit: '12bffaef2882', verified: true,
  },
  'dax/soft-reserve-resource-7.0': {
    kind: 'upstream', file: 'arch/x86/kernel/e820.c', fn: 'e820__reserve_resources_late()', version: 'v7.0', commit: 'bc62f5b308cb', verified: true,
  },
  'dax/arm64-soft-reserved-7.0-inference': {
    kind: 'inference',
    statement: 'arm64 still inserts "Soft Reserved" straight into iomem (arm_enable_runtime_services()), while hmem from 7.0 looks only at the private soft_reserve_resource tree that x86 e820 fills; so on arm64 ≥ 7.0 hmem would never claim the range. Nobody was found reporting this.',
    verified: false,
  },
  'dax/dax_match_type': {
    kind: 'upstream', file: 'drivers/dax/bus.c', fn: 'dax_match_type()', version: 'v7.1', commit: '14f2e2ebf311', verified: true,
  },
  'dax/dax_hmem_probe': {
    kind: 'upstream', file: 'drivers/dax/hmem/hmem.c', fn: 'dax_hmem_probe()', version: 'v7.1', commit: '059edcc405e4', verified: true,
  },
  'dax/kmem-probe': {
    kind: 'upstream', file: 'drivers/dax/kmem.c', fn: 'dev_dax_kmem_probe()', version: 'v7.0', commit: '323bbfcf1ef8', verified: true,
  },
  'dax/device-dax-probe': {
    kind: 'upstream', file: 'drivers/dax/device.c', fn: 'dev_dax_probe()', version: 'v5.10 (same loop in 2026 patch mails)', commit: '031616c434db', verified: true,
  },
  'dax/cxl_region_probe': {
    kind: 'upstream', file: 'drivers/cxl/core/region.c', fn: 'cxl_region_probe()', version: 'v7.1', commit: '12bffaef2882', verified: true,
  },
  'dax/type2-api-posted': {
    kind: 'patch', series: '[PATCH v20 11/22] cxl: Define a driver interface for HPA free space enumeration (CXL Type-2 support, Alejandro Lucero)',
    messageId: '20251110153657.2706192-12-alejandro.lucero-palau@amd.com', verified: true,
  },
  'dax/cxl_pci-class': {
    kind: 'upstream', file: 'drivers/cxl/pci.c', fn: 'cxl_mem_pci_tbl', version: 'v7.1', commit: '58f28930c7fb', verified: true,
  },
  'dax/discover_region': {
    kind: 'upstream', file: 'drivers/cxl/port.c', fn: 'cxl_endpoint_port_probe()', version: 'v6.8', commit: '0c0df63177e3', verified: true,
  },
  'dax/alloc_free_mem_region': {
    kind: 'upstream', file: 'kernel/resource.c', fn: 'alloc_free_mem_region()', version: 'v6.0 and later (14b80582c43e, cxl-for-6.0)', verified: true,
  },
  'dax/tomasz-straddle-log': {
    kind: 'thread', author: 'Tomasz Wolski', date: '3 Dec 2025',
    messageId: '20251203133552.15468-1-tomasz.wolski@fujitsu.com', verified: true,
  },
  'dax/field-report-dpa': {
    kind: 'thread', author: 'PJ Waskiewicz (quoted by Alejandro Lucero)', date: '26–27 Nov 2025',
    messageId: 'ab182638-3693-422b-a7b6-b3630a35a0be@amd.com', verified: true,
  },
  'dax/private-node-sysram': {
    kind: 'patch', series: '[RFC PATCH v4 25/27] cxl/core: Add private node support to cxl_sysram',
    messageId: '20260222084842.1824063-26-gourry@gourry.net', verified: true,
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
