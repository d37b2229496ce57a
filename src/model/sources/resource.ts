import type { Source } from '../source';

/** kernel/resource.c, firmware → iomem naming and CXL resource facts (alternatives-and-resource-tree.md §2–§3). */
export const SOURCES_RESOURCE: Record<string, Source> = {
  'res/__request_resource': {
    kind: 'upstream', file: 'kernel/resource.c', fn: '__request_resource()', version: 'v6.12', commit: 'b4afe4183ec7', elixirTag: 'v6.12', verified: true,
    note: 'A new resource must fit inside its parent; any overlap with a sibling returns that sibling as the conflict. Read at b4afe4183ec7 ("resource: fix region_intersects() vs add_memory_driver_managed()", mm-hotfixes, merged for v6.12-rc2); the function is the same in every 6.x resource.c seen.',
  },
  'res/__insert_resource': {
    kind: 'upstream', file: 'kernel/resource.c', fn: '__insert_resource()', version: 'v6.12', commit: 'b4afe4183ec7', elixirTag: 'v6.12', verified: true,
    note: 'Descends into a resource that contains the new one and adopts the siblings it fully contains; partial overlap fails. Read at b4afe4183ec7 (merged for v6.12-rc2).',
  },
  'res/__request_region': {
    kind: 'upstream', file: 'kernel/resource.c', fn: '__request_region_locked()', version: 'v6.12', commit: 'b4afe4183ec7', elixirTag: 'v6.12', verified: true,
    note: 'request_mem_region() → __request_region() → __request_region_locked(): descends into a non-busy conflict and retries there; a busy conflict fails (-EBUSY to the driver); a DEVICE_PRIVATE conflict only adds a warning. Read in torvalds/linux at b4afe4183ec7 (merged for v6.12-rc2); the domain notes had read the same logic in NVIDIA/NV-Kernels @ 4538ea78 (≈5.19/6.0).',
  },
  'res/__release_region': {
    kind: 'upstream', file: 'kernel/resource.c', fn: '__release_region()', version: 'v6.12', commit: 'b4afe4183ec7', elixirTag: 'v6.12', verified: true,
    note: 'Walks down through non-busy parents to the busy resource that exactly matches start and size and frees it; a mismatch only warns ("Trying to free nonexistent resource"). Read at b4afe4183ec7 (merged for v6.12-rc2).',
  },
  'res/region_intersects': {
    kind: 'upstream', file: 'kernel/resource.c', fn: 'region_intersects()', version: 'v6.12', commit: 'b4afe4183ec7', elixirTag: 'v6.12', verified: true,
    note: 'Descendant-aware since "resource: fix region_intersects() vs add_memory_driver_managed()" (Huang Ying, Sep 2024, Cc stable), which is the commit read (b4afe4183ec7, mm-hotfixes-stable, merged for v6.12-rc2): __region_intersects() now walks the descendants of each overlapping top-level resource. Stable backports carry it to 6.11.3 and 5.15.y, so the "top-level only" form is mainline ≤ v6.11 only.',
  },
  'res/region_intersects-fix': {
    kind: 'patch', series: '[PATCH -v3 1/3] resource: Fix region_intersects() vs add_memory_driver_managed() (Huang Ying, 6 Sep 2024)',
    messageId: '20240906030713.204292-2-ying.huang@intel.com', verified: true,
    note: 'Before it (mainline ≤ v6.11) a "System RAM (kmem)" nested under CXL Window/region/dax was reported DISJOINT. Mail found in the archive (subject and author as above); applied as b4afe4183ec7 (mm-hotfixes, v6.12-rc2) with this Message-ID as its Link, and backported to 6.11.3 and 5.15.y.',
  },
  'res/r_show': {
    kind: 'upstream', file: 'kernel/resource.c', fn: 'r_show()', version: 'v6.12', commit: 'b4afe4183ec7', elixirTag: 'v6.12', verified: true,
    note: 'Two spaces per depth capped at MAX_IORES_LEVEL (5), %0*llx with width 8 for iomem, zeros for readers without CAP_SYS_ADMIN (file_ns_capable()). Read at b4afe4183ec7 (merged for v6.12-rc2).',
  },
  'res/iomem-flags-inferred': {
    kind: 'inference',
    statement: 'r_show() prints no flags, so a pasted /proc/iomem gets flags from its names: System RAM and the kernel image busy, Reserved/Soft Reserved/CXL Window/regionN/PCI bus windows not busy, any other leaf a busy driver claim.',
    verified: false,
  },
  'fw/e820-x86': {
    kind: 'upstream', file: 'arch/x86/kernel/e820.c', fn: 'e820_type_to_string() / do_mark_busy()', version: 'v6.19', commit: 'd214484f50f4', elixirTag: 'v6.19', verified: true,
    note: 'EFI_CONVENTIONAL → "System RAM" (busy); +EFI_MEMORY_SP → "Soft Reserved" (not busy); EFI_RESERVED_TYPE → "Reserved" (not busy): e820__reserve_resources() inserts only entries for which do_mark_busy() is true (RAM, ACPI, NVS, unusable, anything below 1 MiB) and leaves reserved / soft-reserved / PRAM / PMEM to e820__reserve_resources_late(). Read at d214484f50f4 (tip x86/boot, Dec 2025), the last commit before Ingo Molnar\'s 44f732f3ec82 renamed do_mark_busy() to e820_device_region() with the opposite sense; both were queued for v7.0, so the name do_mark_busy() holds up to v6.19 and e820_device_region() from v7.0 (same behaviour). The EFI → E820 type step itself is in drivers/firmware/efi/libstub/x86-stub.c setup_e820() (not read).',
  },
  'fw/efi-nosoftreserve': {
    kind: 'upstream', file: 'include/linux/efi.h', fn: 'efi_soft_reserve_enabled()', version: 'v5.5+ (not pinned)', verified: false,
    note: 'efi=nosoftreserve (parsed by parse_efi_cmdline() in drivers/firmware/efi/efi.c) or CONFIG_EFI_SOFT_RESERVE=n turns EFI_MEMORY_SP ranges into ordinary System RAM. The helper came with "efi: Common enable/disable infrastructure for EFI soft reservation" (b617c5266eed, v5.5); its callers were seen in efi-init.c (0ea5c948) and arm-runtime.c (0604aa87), but the stored torvalds efi.h copies found are old (00bf4098 is a 12k-character 2.6-era file), so the definition was not read. ' + 'Not re-read in the citation audit of Dec 2026: the torvalds/linux store offered no copy that was read for it, so it stays unverified until someone reads it at a pinned commit.',
  },
  'fw/soft-reserve-deferral': {
    kind: 'upstream', file: 'arch/x86/kernel/e820.c', fn: 'e820__reserve_resources_late()', version: 'v7.0', commit: 'bc62f5b308cb', verified: true,
    note: 'From 7.0 Soft Reserved ranges go to a separate soft_reserve_resource tree until CXL/HMEM decide ownership: the function inserts IORES_DESC_SOFT_RESERVED entries into soft_reserve_resource and the other deferred device regions into iomem_resource. Read at bc62f5b308cb ("dax/hmem, e820, resource: Defer Soft Reserved insertion until hmem is ready", Dan Williams, cxl for-7.0/cxl-init), which is linked as a torvalds/linux commit of the v7.0 merge window. No release tag shows exactly this text: v7.0 also carries the x86/boot e820 cleanups (comments, index names) in the same function, so no elixirTag.',
  },
  'fw/soft-reserve-v6-series': {
    kind: 'patch', series: '[PATCH v6 0/9] dax/hmem, cxl: Coordinate Soft Reserved handling with CXL and HMEM',
    messageId: '20260210064501.157591-1-Smita.KoralahalliChannabasappa@amd.com', verified: true,
    note: 'Cover letter by Smita Koralahalli, 10 Feb 2026, found in the archive with this subject; based on cxl for-7.0/cxl-init at bc62f5b308cb.',
  },
  'fw/arm64-reserve-regions': {
    kind: 'upstream', file: 'drivers/firmware/efi/efi-init.c', fn: 'reserve_regions()', version: 'v6.7', commit: '0ea5c948cb64', verified: true,
    note: 'Every WB/WT/WC descriptor is added to memblock and marked NOMAP unless is_usable_memory(); EFI_RESERVED without such an attribute never reaches memblock. Read at 0ea5c948cb64 (a drm-intel-next backmerge of early 2024, so dated only by content: its efi-init.c predates 0bcff59ef7a6 and is taken as the v6.7-era file): there EFI_MEMORY_SP descriptors are still added, as NOMAP (is_usable_memory() is false for them). From v6.8, "efi: Don\'t add memblocks for soft-reserved memory" (0bcff59ef7a6, also in 5.10/5.15/6.1/6.7 stable per the stable review mails) skips them, so "not added to memblock" holds from v6.8; that commit was not read in a tree. No elixirTag: the copy is a merge outside mainline.',
  },
  'fw/arm64-request-standard-resources': {
    kind: 'upstream', file: 'arch/arm64/kernel/setup.c', fn: 'request_standard_resources()', version: 'not pinned', verified: false,
    note: 'One resource per memblock region: NOMAP → "reserved" (not busy), others → "System RAM" (busy). Not re-read in the citation audit of Dec 2026: the torvalds/linux store offered no copy that was read for it, so it stays unverified until someone reads it at a pinned commit.',
  },
  'fw/arm64-soft-reserved': {
    kind: 'upstream', file: 'drivers/firmware/efi/arm-runtime.c', fn: 'arm_enable_runtime_services()', version: 'v5.9–v6.7', commit: '0604aa87b098', verified: true,
    note: 'With soft reserve enabled, every EFI_MEMORY_SP descriptor is inserted into iomem as "Soft Reserved" (IORESOURCE_MEM, IORES_DESC_SOFT_RESERVED) with insert_resource(). Read at 0604aa87b098, a merge commit whose arm-runtime.c is dated only by content: it has the U64_MAX virt_addr check (v5.9+) and still computes the descriptor size as an int, which "efi: runtime: Fix potential overflow of soft-reserved region size" (de1034b38a34, v6.8) widened; so v5.9–v6.7, no elixirTag.',
  },
  'cxl/add_cxl_resources': {
    kind: 'upstream', file: 'drivers/cxl/acpi.c', fn: 'add_cxl_resources()', version: 'v6.3+ (not pinned)', verified: false,
    note: 'Each CEDT CFMWS becomes "CXL Window N" (IORES_DESC_CXL) via insert_resource_expand_to_fit(), wrapping firmware entries inside it. insert_resource_expand_to_fit() is exported to CXL in kernel/resource.c at b4afe4183ec7 (read), with a comment naming late discovery of CXL resources as its user; acpi.c itself (stored at 60675d4ca1ef, a tip x86/mm merge of the v6.14 cycle) was not read. Not re-read in the citation audit of Dec 2026: the torvalds/linux store offered no copy that was read for it, so it stays unverified until someone reads it at a pinned commit.',
  },
  'cxl/construct_region': {
    kind: 'upstream', file: 'drivers/cxl/core/region.c', fn: 'construct_region()', version: 'v6.14', commit: '2ab002c755bf', verified: true,
    note: 'A firmware-committed region is inserted as "regionN" (not busy, DEFINE_RES_MEM_NAMED) with insert_resource() under the root decoder\'s "CXL Window N", which may re-parent a same-range child; a failed insert only warns. Read at 2ab002c755bf ("Merge tag \'driver-core-6.14-rc1\'", v6.14 merge window, so no elixirTag). In 2026 code the insertion sits in __construct_region() (ERRATA 19, not read).',
  },
  'cxl/nesting-order': {
    kind: 'inference',
    statement: 'The nesting of "Reserved"/"Soft Reserved" relative to "regionN" depends on insertion order; the model puts regionN above the firmware entry as in the illustrative tree (alternatives-and-resource-tree.md §3.6).',
    verified: false,
  },
  'cxl/type2-no-dax': {
    kind: 'patch', series: 'CXL Type-2 support v20, 19/22 "cxl: Avoid dax creation for accelerators" (Alejandro Lucero)',
    messageId: '20251110153657.2706192-20-alejandro.lucero-palau@amd.com', verified: true,
    note: 'cxl_region_probe() returns before its dax/pmem switch for a CXL_DECODER_DEVMEM (HDM-D/DB) region, so an accelerator region gets no device-dax and nothing onlines it. Read in the posted patch ("[PATCH v20 19/22] cxl: Avoid dax creation for accelerators", Alejandro Lucero, 10 Nov 2025, found in the archive); whether and in which release it was merged is not checked (the stored region.c has no such test).',
  },
  'cxl/layout-illustrative': {
    kind: 'inference',
    statement: 'Addresses are illustrative: 16 GiB of HDM at 0x1050000000 in "CXL Window 0" (alternatives-and-resource-tree.md §3.6).',
    verified: false,
  },
};
