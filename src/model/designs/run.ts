/**
 * The designs as sequences of kernel operations on the boot tree, and the state of the memory they leave behind.
 * Pure: takes a cloned tree and mutates only it.
 */
import { formatSize, hex } from '../addr';
import type { Conflict, KernelOp, MemoryState } from '../explain-types';
import type { FirmwareEntry } from '../platform/boot';
import { findPath, regionIntersects, requestRegion } from '../resource/tree';
import type { Resource } from '../resource/types';
import { IORESOURCE, IORESOURCE_SYSTEM_RAM, IORES_DESC } from '../resource/types';
import type { DesignId, HdmLayout, Platform } from '../scenario';
import { kernelAtLeast } from '../scenario';

/** Illustrative NUMA node number a hotplugged / private node gets (node 0 is boot RAM). */
export const DEVICE_NODE = 1;

export interface DesignRun {
  ops: KernelOp[];
  conflict: Conflict | null;
  memory: MemoryState;
  /** The design got as far as giving the VMM a mapping (false: probe/hotplug failed, or nothing to map). */
  deviceBound: boolean;
  /** Why not, when deviceBound is false. */
  unboundReason: string | null;
  /** The resource the design created for the range, if any (path of names from the root). */
  claimPath: string[] | null;
  warnings: string[];
}

const SYSRAM_DM = (IORESOURCE_SYSTEM_RAM | IORESOURCE.SYSRAM_DRIVER_MANAGED) >>> 0;

interface Ctx {
  design: DesignId;
  p: Platform;
  tree: Resource;
  layout: HdmLayout;
  fw: FirmwareEntry;
  ops: KernelOp[];
  warnings: string[];
}

function sizeOf(l: HdmLayout): bigint {
  return l.hdmEnd - l.hdmStart + 1n;
}

function rangeArgs(l: HdmLayout, name?: string): string {
  return `${hex(l.hdmStart)}, ${formatSize(sizeOf(l))}${name ? `, "${name}"` : ''}`;
}

function intersects(c: Ctx): MemoryState['systemRamIntersection'] {
  return regionIntersects(c.tree, c.layout.hdmStart, sizeOf(c.layout), IORESOURCE_SYSTEM_RAM, IORES_DESC.NONE, {
    descendantAware: kernelAtLeast(c.p, '6.12'),
  });
}

/** request_mem_region()-style claim; records the op and, on failure, the Conflict. */
function claim(
  c: Ctx,
  fn: string,
  file: string,
  name: string,
  flags: number,
  owner: string,
  errnoOnBusy: string,
  sources: string[],
): { res: Resource | null; conflict: Conflict | null } {
  const r = requestRegion(c.tree, c.layout.hdmStart, sizeOf(c.layout), name, { flags, owner });
  if (r.ok) {
    const path = findPath(r.res);
    c.ops.push({
      fn, file, args: rangeArgs(c.layout, name), ok: true, resourcePath: path, sources,
      result: `busy "${name}" under "${r.res.parent?.name ?? ''}" (descended through non-busy parents)`,
    });
    return { res: r.res, conflict: null };
  }
  const cw = r.conflict;
  const path = cw ? findPath(cw) : [];
  const conflict: Conflict = {
    fn,
    errno: errnoOnBusy,
    conflictWith: { start: cw?.start ?? 0n, end: cw?.end ?? 0n, name: cw?.name ?? null, path },
    sources: [...sources, 'res/__request_region'],
  };
  c.ops.push({
    fn, file, args: rangeArgs(c.layout, name), ok: false, resourcePath: path, sources: conflict.sources,
    result: `${errnoOnBusy}: "${cw?.name ?? '?'}" is busy at ${cw ? `${hex(cw.start)}-${hex(cw.end)}` : '?'}`,
  });
  return { res: null, conflict };
}

function bootRamMemory(c: Ctx, sources: string[]): MemoryState {
  return {
    structPages: true,
    zone: 'ZONE_NORMAL',
    numaNode: 0,
    nodeState: 'N_MEMORY',
    directMap: true,
    kernelMapping: { kind: 'linear-map', via: 'boot memory map', note: 'Firmware handed the range to the kernel as ordinary RAM at boot.' },
    systemRamIntersection: intersects(c),
    pfnValid: true,
    pfnIsMapMemory: true,
    firmwareE820Ram: c.fw.firmwareE820Ram,
    sources,
  };
}

function noPagesMemory(c: Ctx, kernelMapping: MemoryState['kernelMapping'], sources: string[]): MemoryState {
  return {
    structPages: false,
    zone: null,
    numaNode: null,
    nodeState: null,
    directMap: false,
    kernelMapping,
    systemRamIntersection: intersects(c),
    pfnValid: false,
    pfnIsMapMemory: false,
    firmwareE820Ram: c.fw.firmwareE820Ram,
    sources,
  };
}

function zoneFor(p: Platform): string | null {
  return p.onlinePolicy === 'online_movable' ? 'ZONE_MOVABLE' : p.onlinePolicy === 'online_kernel' ? 'ZONE_NORMAL' : null;
}

/** Alternative (1): dax/kmem → add_memory_driver_managed("System RAM (kmem)"). */
function hotplug(c: Ctx): DesignRun {
  if (c.fw.bootRam) {
    c.ops.push({
      fn: 'cxl_region_probe()', file: 'drivers/cxl/core/region.c', args: 'region0', ok: false, resourcePath: ['CXL Window 0', 'region0'],
      result: 'no dax device: part of the region is already online as "System RAM", so CXL cannot manage it and kmem never runs',
      sources: ['cxl/type2-no-dax', 'fw/e820-x86'],
    });
    c.warnings.push('Firmware already made the range System RAM: there is nothing to hotplug; the memory is buddy RAM from boot and not exclusive.');
    return {
      ops: c.ops, conflict: null, memory: bootRamMemory(c, ['fw/e820-x86']), deviceBound: true, unboundReason: null,
      claimPath: null, warnings: c.warnings,
    };
  }
  c.warnings.push('Type-2 regions skip dax by default; this assumes the region is handed to device-dax + kmem (a driver calling add_memory_driver_managed() itself behaves the same).');
  const dax = claim(c, 'request_mem_region()', 'drivers/dax/kmem.c', 'dax0.0', 0, 'kmem', '-EBUSY', ['hp/kmem-probe']);
  if (!dax.res) {
    return {
      ops: c.ops, conflict: dax.conflict, memory: noPagesMemory(c, null, ['hp/kmem-probe']), deviceBound: false,
      unboundReason: 'dev_dax_kmem_probe() could not claim the range', claimPath: null, warnings: c.warnings,
    };
  }
  dax.res.flags = IORESOURCE_SYSTEM_RAM >>> 0;
  c.ops.push({
    fn: 'dev_dax_kmem_probe()', file: 'drivers/dax/kmem.c', args: '"dax0.0"', ok: true, resourcePath: findPath(dax.res),
    result: 'clears IORESOURCE_BUSY on "dax0.0" so add_memory() can add a child resource', sources: ['hp/kmem-probe'],
  });
  const sys = claim(
    c, 'add_memory_driver_managed()', 'mm/memory_hotplug.c', 'System RAM (kmem)', SYSRAM_DM, 'mm', '-EEXIST',
    ['hp/add_memory_driver_managed'],
  );
  if (!sys.res) {
    return {
      ops: c.ops, conflict: sys.conflict, memory: noPagesMemory(c, null, ['hp/add_memory_driver_managed']), deviceBound: false,
      unboundReason: 'add_memory_driver_managed() failed', claimPath: null, warnings: c.warnings,
    };
  }
  const zone = zoneFor(c.p);
  c.ops.push({
    fn: 'add_memory_resource()', file: 'mm/memory_hotplug.c', args: `node ${DEVICE_NODE}`, ok: true, resourcePath: findPath(sys.res),
    result:
      zone === null
        ? `memmap and direct map created, node ${DEVICE_NODE} registered; blocks left offline (policy "offline")`
        : `direct map + memmap, node ${DEVICE_NODE} online as a memory-only node; blocks onlined to ${zone}` +
          (c.p.arch === 'arm64' ? '; added to memblock (pfn_is_map_memory() true)' : ''),
    sources: ['hp/add_memory_resource', 'hp/online-policy'],
  });
  const memory: MemoryState = {
    structPages: true,
    zone,
    numaNode: DEVICE_NODE,
    nodeState: zone ? 'N_MEMORY' : null,
    directMap: true,
    kernelMapping: { kind: 'linear-map', via: 'arch_add_memory()', note: 'Hotplug adds the range to the kernel direct map.' },
    systemRamIntersection: intersects(c),
    pfnValid: true,
    pfnIsMapMemory: true,
    firmwareE820Ram: c.fw.firmwareE820Ram,
    sources: ['hp/add_memory_resource', 'a64/pfn_is_map_memory'],
  };
  if (zone === 'ZONE_MOVABLE') {
    c.warnings.push('ZONE_MOVABLE: a FOLL_LONGTERM pin (VFIO/iommufd DMA mapping of guest RAM) migrates the pages off the CXL node.');
  }
  if (zone === null) {
    return {
      ops: c.ops, conflict: null, memory, deviceBound: false,
      unboundReason: 'the memory blocks are offline: nothing can allocate from the node until they are onlined',
      claimPath: findPath(sys.res), warnings: c.warnings,
    };
  }
  return { ops: c.ops, conflict: null, memory, deviceBound: true, unboundReason: null, claimPath: findPath(sys.res), warnings: c.warnings };
}

/** Alternative (2): add_private_memory_driver_managed("System RAM (CXL)") (RFC v4). */
function privateNode(c: Ctx): DesignRun {
  const srcs = ['pn/add_private_memory_driver_managed', 'thread/private-node-patch25', 'pn/intermediate-unverified'];
  const sys = claim(c, 'add_private_memory_driver_managed()', 'mm/memory_hotplug.c (RFC)', 'System RAM (CXL)', SYSRAM_DM, 'mm', '-EEXIST', srcs);
  if (!sys.res) {
    if (c.fw.bootRam) c.warnings.push('Gregory Price: a private-node user should splat when firmware did not mark the memory reserved (firmware bug).');
    return {
      ops: c.ops, conflict: sys.conflict,
      memory: c.fw.bootRam ? bootRamMemory(c, ['fw/e820-x86']) : noPagesMemory(c, null, srcs),
      deviceBound: false, unboundReason: 'the private hotplug could not claim the range', claimPath: null, warnings: c.warnings,
    };
  }
  const zone = zoneFor(c.p);
  c.ops.push({
    fn: 'node_private_set_ops()', file: 'mm (RFC v4)', args: `node ${DEVICE_NODE}`, ok: true, resourcePath: findPath(sys.res),
    result: `node ${DEVICE_NODE} is N_MEMORY_PRIVATE: excluded from fallback lists and default mempolicy; only __GFP_PRIVATE or opted-in mempolicy allocates there`,
    sources: ['pn/add_private_memory_driver_managed'],
  });
  const memory: MemoryState = {
    structPages: true,
    zone,
    numaNode: DEVICE_NODE,
    nodeState: zone ? 'N_MEMORY_PRIVATE' : null,
    directMap: true,
    kernelMapping: { kind: 'linear-map', via: 'arch_add_memory()', note: 'Private hotplug still builds the direct map and memmap.' },
    systemRamIntersection: intersects(c),
    pfnValid: true,
    pfnIsMapMemory: true,
    firmwareE820Ram: c.fw.firmwareE820Ram,
    sources: ['pn/add_private_memory_driver_managed', 'a64/pfn_is_map_memory'],
  };
  if (zone === null) {
    return {
      ops: c.ops, conflict: null, memory, deviceBound: false,
      unboundReason: 'the private node\'s blocks are offline', claimPath: findPath(sys.res), warnings: c.warnings,
    };
  }
  return { ops: c.ops, conflict: null, memory, deviceBound: true, unboundReason: null, claimPath: findPath(sys.res), warnings: c.warnings };
}

/** memremap(hpa, size, MEMREMAP_WB): which kernel mapping it returns on this tree and architecture. */
function memremapWb(c: Ctx, caller: string): { mapping: MemoryState['kernelMapping']; ok: boolean } {
  const ri = intersects(c);
  const srcs = ['mr/memremap', 'res/region_intersects'];
  let mapping: MemoryState['kernelMapping'];
  let result: string;
  if (ri === 'REGION_MIXED') {
    mapping = { kind: 'null', via: 'memremap()', note: 'REGION_MIXED: WARN_ONCE("memremap attempted on mixed range") and NULL.' };
    result = 'REGION_MIXED → WARN + NULL';
  } else if (ri === 'REGION_INTERSECTS') {
    mapping = {
      kind: 'direct-map-alias',
      via: 'try_ram_remap() → __va()',
      note: 'The range is System RAM: memremap silently returns the direct-map address of buddy-owned memory (Dan Williams).',
    };
    result = 'REGION_INTERSECTS → try_ram_remap() → __va(): the direct map';
    srcs.push('thread/dan-c');
  } else if (c.p.arch === 'arm64' && c.fw.mapMemory) {
    mapping = { kind: 'direct-map-alias', via: 'ioremap_cache() → linear map', note: 'arm64 ioremap_cache() returns the linear map for pfn_is_map_memory() pfns.' };
    result = 'REGION_DISJOINT → arch_memremap_wb() → ioremap_cache(): linear map (pfn_is_map_memory)';
    srcs.push('mr/arm64-ioremap-cache');
  } else if (c.p.arch === 'arm64') {
    mapping = { kind: 'ioremap-prot-normal', via: 'ioremap_cache() → ioremap_prot(PROT_NORMAL)', note: 'A new cacheable vmalloc-area mapping.' };
    result = 'REGION_DISJOINT → arch_memremap_wb() → ioremap_prot(PROT_NORMAL): a separate cacheable mapping';
    srcs.push('mr/arm64-ioremap-cache');
  } else {
    mapping = { kind: 'ioremap-wb', via: 'arch_memremap_wb() → ioremap_cache()', note: 'A separate WB vmalloc-area mapping plus a PAT WB memtype reservation.' };
    result = 'REGION_DISJOINT → arch_memremap_wb() → ioremap_cache(): a separate WB mapping';
    srcs.push('mr/x86-ioremap-ram');
  }
  c.ops.push({
    fn: 'memremap()', file: 'kernel/iomem.c', args: `${rangeArgs(c.layout)}, MEMREMAP_WB (from ${caller})`,
    ok: mapping.kind !== 'null', result: `region_intersects(System RAM) = ${ri}; ${result}`, sources: srcs,
  });
  return { mapping, ok: mapping.kind !== 'null' };
}

/** Alternative (3): v2 as posted — memremap(WB) for the kernel KVA, demand-fault PFNMAP for user space, no claim. */
function memremapDesign(c: Ctx): DesignRun {
  const { mapping, ok } = memremapWb(c, 'vfio_cxl_register_cxl_region()');
  c.ops.push({
    fn: 'vfio_pci_core_register_dev_region()', file: 'drivers/vfio/pci/vfio_pci_core.c', args: 'VFIO_REGION_SUBTYPE_CXL', ok,
    result: ok
      ? 'HDM region registered; nothing requests the HPA in the resource tree, so nothing stops kmem, another driver or firmware RAM from overlapping'
      : 'memremap() returned NULL: registering the region fails -ENOMEM',
    sources: ['mr/no-claim'],
  });
  const memory = c.fw.bootRam ? { ...bootRamMemory(c, ['mr/memremap']), kernelMapping: mapping } : noPagesMemory(c, mapping, ['mr/memremap']);
  if (c.fw.bootRam) c.warnings.push('The range is buddy-owned System RAM: VFIO would hand the guest memory the page allocator may also give out.');
  return {
    ops: c.ops, conflict: null, memory, deviceBound: ok, unboundReason: ok ? null : 'memremap() returned NULL (REGION_MIXED)',
    claimPath: null, warnings: c.warnings,
  };
}

/** Alternative (4): Jason's model / v3+: request_mem_region on the HPA, memremap(WB) for the KVA, cacheable special PTEs. */
function vfioOwned(c: Ctx): DesignRun {
  const { res, conflict } = claim(
    c, 'request_mem_region()', 'drivers/vfio/pci/cxl (v3)', 'vfio-cxl', 0, 'vfio', '-EBUSY',
    ['vo/request_mem_region', 'vo/resource-name', 'thread/jason-seed'],
  );
  if (!res) {
    c.ops.push({
      fn: 'vfio_pci_probe()', file: 'drivers/vfio/pci/vfio_pci.c', args: '', ok: false,
      result: 'bind fails -EBUSY: "fail during the initial startup phases" (Jason Gunthorpe)', sources: ['vo/request_mem_region', 'thread/jason-seed'],
    });
    return {
      ops: c.ops, conflict,
      memory: c.fw.bootRam ? bootRamMemory(c, ['fw/e820-x86']) : noPagesMemory(c, null, ['vo/request_mem_region']),
      deviceBound: false, unboundReason: 'probe failed -EBUSY: the range is already busy', claimPath: null, warnings: c.warnings,
    };
  }
  const { mapping, ok } = memremapWb(c, 'vfio-cxl bind');
  if (c.p.firmware === 'soft-reserved' && !c.p.nosoftreserve) {
    c.warnings.push('Soft Reserved: if hmem/kmem claims and onlines the range before VFIO binds, request_mem_region() meets "System RAM (kmem)" and fails -EBUSY (Dan, Alejandro want EFI_RESERVED_TYPE).');
  }
  return {
    ops: c.ops, conflict: null, memory: noPagesMemory(c, mapping, ['vo/exclusive']), deviceBound: ok,
    unboundReason: ok ? null : 'memremap() returned NULL', claimPath: findPath(res), warnings: c.warnings,
  };
}

/** Upstream precedent: nvgrace-gpu usemem (cacheable PFNMAP of coherent device memory, huge faults). */
function nvgrace(c: Ctx): DesignRun {
  if (c.p.arch === 'x86_64') c.warnings.push('nvgrace-gpu is an arm64 (Grace) driver; on x86-64 this column shows what the same VMA would meet.');
  c.ops.push({
    fn: 'nvgrace_gpu_probe()', file: 'drivers/vfio/pci/nvgrace-gpu/main.c', args: 'memphys from ACPI', ok: true,
    result: 'usemem exposed as a fake BAR4/5; no iomem claim of the range is listed in the notes', sources: ['nv/mmap', 'nv/request'],
  });
  const { mapping, ok } = memremapWb(c, 'nvgrace_gpu_map_device_mem()');
  const memory = c.fw.bootRam ? { ...bootRamMemory(c, ['nv/request']), kernelMapping: mapping } : noPagesMemory(c, mapping, ['nv/request']);
  return { ops: c.ops, conflict: null, memory, deviceBound: ok, unboundReason: ok ? null : 'memremap() returned NULL', claimPath: null, warnings: c.warnings };
}

/** Run one design on `tree` (already a private copy of the boot tree). */
export function runDesign(design: DesignId, p: Platform, tree: Resource, layout: HdmLayout, fw: FirmwareEntry): DesignRun {
  const c: Ctx = { design, p, tree, layout, fw, ops: [], warnings: [] };
  switch (design) {
    case 'hotplug':
      return hotplug(c);
    case 'private-node':
      return privateNode(c);
    case 'memremap':
      return memremapDesign(c);
    case 'vfio-owned':
      return vfioOwned(c);
    case 'nvgrace-gpu':
      return nvgrace(c);
  }
}
