import type { Source } from '../source';

/** kernel/resource.c, firmware → iomem naming and CXL resource facts (alternatives-and-resource-tree.md §2–§3). */
export const SOURCES_RESOURCE: Record<string, Source> = {
  'res/__request_resource': {
    kind: 'upstream', file: 'kernel/resource.c', fn: '__request_resource()', version: 'v6.12', commit: 'b4afe4183ec7', elixirTag: 'v6.12', verified: true,
  },
  'res/__insert_resource': {
    kind: 'upstream', file: 'kernel/resource.c', fn: '__insert_resource()', version: 'v6.12', commit: 'b4afe4183ec7', elixirTag: 'v6.12', verified: true,
  },
  'res/__request_region': {
    kind: 'upstream', file: 'kernel/resource.c', fn: '__request_region_locked()', version: 'v6.12', commit: 'b4afe4183ec7', elixirTag: 'v6.12', verified: true,
  },
  'res/__release_region': {
    kind: 'upstream', file: 'kernel/resource.c', fn: '__release_region()', version: 'v6.12', commit: 'b4afe4183ec7', elixirTag: 'v6.12', verified: true,
  },
  'res/region_intersects': {
    kind: 'upstream', file: 'kernel/resource.c', fn: 'region_intersects()', version: 'v6.12', commit: 'b4afe4183ec7', elixirTag: 'v6.12', verified: true,
  },
  'res/region_intersects-fix': {
    kind: 'patch', series: '[PATCH -v3 1/3] resource: Fix region_intersects() vs add_memory_driver_managed() (Huang Ying, 6 Sep 2024)',
    messageId: '20240906030713.204292-2-ying.huang@intel.com', verified: true,
  },
  'res/r_show': {
    kind: 'upstream', file: 'kernel/resource.c', fn: 'r_show()', version: 'v6.12', commit: 'b4afe4183ec7', elixirTag: 'v6.12', verified: true,
  },
  'res/iomem-flags-inferred': {
    kind: 'inference',
    statement: 'r_show() prints no flags, so a pasted /proc/iomem gets flags from its names: System RAM and the kernel image busy, Reserved/Soft Reserved/CXL Window/regionN/PCI bus windows not busy, any other leaf a busy driver claim.',
    verified: false,
  },
  'fw/e820-x86': {
    kind: 'upstream', file: 'arch/x86/kernel/e820.c', fn: 'e820_type_to_string() / do_mark_busy()', version: 'v6.19', commit: 'd214484f50f4', elixirTag: 'v6.19', verified: true,
  },
  'fw/efi-nosoftreserve': {
    kind: 'upstream', file: 'include/linux/efi.h', fn: 'efi_soft_reserve_enabled()', version: 'v5.5+ (not pinned)', verified: false,
  },
  'fw/soft-reserve-deferral': {
    kind: 'upstream', file: 'arch/x86/kernel/e820.c', fn: 'e820__reserve_resources_late()', version: 'v7.0', commit: 'bc62f5b308cb', verified: true,
  },
  'fw/soft-reserve-v6-series': {
    kind: 'patch', series: '[PATCH v6 0/9] dax/hmem, cxl: Coordinate Soft Reserved handling with CXL and HMEM',
    messageId: '20260210064501.157591-1-Smita.KoralahalliChannabasappa@amd.com', verified: true,
  },
  'fw/arm64-reserve-regions': {
    kind: 'upstream', file: 'drivers/firmware/efi/efi-init.c', fn: 'reserve_regions()', version: 'v6.7', commit: '0ea5c948cb64', verified: true,
  },
  'fw/arm64-request-standard-resources': {
    kind: 'upstream', file: 'arch/arm64/kernel/setup.c', fn: 'request_standard_resources()', version: 'not pinned', verified: false,
  },
  'fw/arm64-soft-reserved': {
    kind: 'upstream', file: 'drivers/firmware/efi/arm-runtime.c', fn: 'arm_enable_runtime_services()', version: 'v5.9–v6.7', commit: '0604aa87b098', verified: true,
  },
  'cxl/add_cxl_resources': {
    kind: 'upstream', file: 'drivers/cxl/acpi.c', fn: 'add_cxl_resources()', version: 'v6.3+ (not pinned)', verified: false,
  },
  'cxl/construct_region': {
    kind: 'upstream', file: 'drivers/cxl/core/region.c', fn: 'construct_region()', version: 'v6.14', commit: '2ab002c755bf', verified: true,
  },
  'cxl/nesting-order': {
    kind: 'inference',
    statement: 'The nesting of "Reserved"/"Soft Reserved" relative to "regionN" depends on insertion order; the model puts regionN above the firmware entry as in the illustrative tree (alternatives-and-resource-tree.md §3.6).',
    verified: false,
  },
  'cxl/type2-no-dax': {
    kind: 'patch', series: 'CXL Type-2 support v20, 19/22 "cxl: Avoid dax creation for accelerators" (Alejandro Lucero)',
    messageId: '20251110153657.2706192-20-alejandro.lucero-palau@amd.com', verified: true,
  },
  'cxl/layout-illustrative': {
    kind: 'inference',
    statement: 'Addresses are illustrative: 16 GiB of HDM at 0x1050000000 in "CXL Window 0" (alternatives-and-resource-tree.md §3.6).',
    verified: false,
  },
};
