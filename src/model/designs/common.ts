/**
 * What the design files share: the run context, the request_mem_region()-style claim that records a Conflict,
 * memremap(MEMREMAP_WB) as kernel/iomem.c decides it, and the MemoryState shapes.
 * Pure: every helper mutates only the cloned tree in the context.
 */
import { formatSize, hex } from '../addr';
import type { Conflict, KernelOp, MemoryState } from '../explain-types';
import type { FirmwareEntry } from '../platform/boot';
import { findPath, regionIntersects, requestRegion } from '../resource/tree';
import type { Resource } from '../resource/types';
import { IORESOURCE, IORESOURCE_SYSTEM_RAM, IORES_DESC } from '../resource/types';
import type { DesignId, HdmLayout, Platform } from '../scenario';
import { kernelAtLeast } from '../scenario';
import type { SourceId } from '../source';

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

/** SYSTEM_RAM | SYSRAM_DRIVER_MANAGED; __request_region() adds BUSY (register_memory_resource()). */
export const SYSRAM_DM = (IORESOURCE_SYSTEM_RAM | IORESOURCE.SYSRAM_DRIVER_MANAGED) >>> 0;

export interface Ctx {
  design: DesignId;
  p: Platform;
  /** A private copy of the boot tree; the design mutates only this. */
  tree: Resource;
  layout: HdmLayout;
  fw: FirmwareEntry;
  ops: KernelOp[];
  warnings: string[];
}

export function sizeOf(l: HdmLayout): bigint {
  return l.hdmEnd - l.hdmStart + 1n;
}

export function rangeArgs(l: HdmLayout, name?: string): string {
  return `${hex(l.hdmStart)}, ${formatSize(sizeOf(l))}${name ? `, "${name}"` : ''}`;
}

/** region_intersects(hdm, IORESOURCE_SYSTEM_RAM, IORES_DESC_NONE); descendant-aware from 6.12 (Huang Ying's fix). */
export function intersects(c: Ctx): MemoryState['systemRamIntersection'] {
  return regionIntersects(c.tree, c.layout.hdmStart, sizeOf(c.layout), IORESOURCE_SYSTEM_RAM, IORES_DESC.NONE, {
    descendantAware: kernelAtLeast(c.p, '6.12'),
  });
}

/** The firmware source for "the range is System RAM from boot", per architecture. */
export function bootRamSources(c: Ctx): SourceId[] {
  if (c.fw.sources.length > 0) return c.fw.sources;
  return c.p.arch === 'x86_64' ? ['fw/e820-x86'] : ['fw/arm64-request-standard-resources'];
}

/**
 * A __request_region() claim of the whole HDM range (request_mem_region(), register_memory_resource()): records
 * the op and, when a busy resource is in the way, the Conflict with that resource's path.
 */
export function claim(
  c: Ctx,
  fn: string,
  file: string,
  name: string,
  flags: number,
  owner: string,
  errnoOnBusy: string,
  sources: SourceId[],
): { res: Resource | null; conflict: Conflict | null } {
  const r = requestRegion(c.tree, c.layout.hdmStart, sizeOf(c.layout), name, { flags, owner });
  if (r.ok) {
    const path = findPath(r.res);
    c.ops.push({
      fn, file, args: rangeArgs(c.layout, name), ok: true, resourcePath: path, sources: [...sources, 'res/__request_region'],
      result: r.res.parent?.parent
        ? `busy "${name}" under "${r.res.parent.name ?? '<BAD>'}" (descended through non-busy parents)`
        : `busy "${name}" at the top level`,
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
    result: cw
      ? `${errnoOnBusy}: "${cw.name ?? '<BAD>'}" is busy at ${hex(cw.start)}-${hex(cw.end)}`
      : `${errnoOnBusy}: the range does not fit in the tree`,
  });
  return { res: null, conflict };
}

/** The range was System RAM from boot: buddy pages on node 0, in the direct map. */
export function bootRamMemory(c: Ctx, sources: SourceId[]): MemoryState {
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

/** No struct pages, no direct map: what VFIO-owned, memremap and nvgrace-gpu leave behind. */
export function noPagesMemory(c: Ctx, kernelMapping: MemoryState['kernelMapping'], sources: SourceId[]): MemoryState {
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

/** The zone hotplugged blocks are onlined to, or null when they stay offline. */
export function zoneFor(p: Platform): string | null {
  return p.onlinePolicy === 'online_movable' ? 'ZONE_MOVABLE' : p.onlinePolicy === 'online_kernel' ? 'ZONE_NORMAL' : null;
}

/**
 * memremap(hpa, size, MEMREMAP_WB) as kernel/iomem.c decides it on this tree and architecture (domain §4.1):
 * MIXED → WARN + NULL; INTERSECTS → try_ram_remap() → __va() (direct map); otherwise arch_memremap_wb().
 */
export function memremapWb(c: Ctx, caller: string): { mapping: MemoryState['kernelMapping']; ok: boolean } {
  const ri = intersects(c);
  const srcs: SourceId[] = ['mr/memremap', 'res/region_intersects'];
  let mapping: NonNullable<MemoryState['kernelMapping']>;
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
    result =
      'REGION_INTERSECTS → try_ram_remap() → __va(): the direct map, silently (Dan Williams); Jason Gunthorpe: the direct map is not "plugged into mm", but its alias must not carry mismatched attributes';
    srcs.push('thread/dan-c', 'thread/jason-f');
  } else if (c.p.arch === 'arm64' && (c.fw.mapMemory || hotplugged(c))) {
    mapping = { kind: 'direct-map-alias', via: 'ioremap_cache() → linear map', note: 'arm64 ioremap_cache() returns the linear map for pfn_is_map_memory() pfns.' };
    result = 'REGION_DISJOINT → arch_memremap_wb() → ioremap_cache(): linear map (pfn_is_map_memory)';
    srcs.push('mr/arm64-ioremap-cache');
  } else if (c.p.arch === 'arm64') {
    mapping = { kind: 'ioremap-prot-normal', via: 'ioremap_cache() → ioremap_prot(PROT_NORMAL)', note: 'A new cacheable vmalloc-area mapping.' };
    result = 'REGION_DISJOINT → arch_memremap_wb() → ioremap_prot(PROT_NORMAL): a separate cacheable mapping';
    srcs.push('mr/arm64-ioremap-cache');
  } else if (hotplugged(c)) {
    // ≤ 6.11: nested "System RAM (kmem)" reads DISJOINT, and x86 ioremap refuses the RAM pages.
    mapping = { kind: 'null', via: 'arch_memremap_wb() → ioremap_cache()', note: '__ioremap_caller() refuses System RAM ("ioremap on RAM at …"): NULL.' };
    result = 'REGION_DISJOINT (pre-6.12 region_intersects) → ioremap_cache() refuses the RAM pages → NULL';
    srcs.push('mr/x86-ioremap-ram', 'res/region_intersects-fix');
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

/** Some busy System RAM resource (boot RAM or a hotplugged "System RAM (…)") already covers part of the range. */
function hotplugged(c: Ctx): boolean {
  const { hdmStart, hdmEnd } = c.layout;
  let found = false;
  const visit = (r: Resource): void => {
    for (const ch of r.children) {
      if (found || ch.end < hdmStart || ch.start > hdmEnd) continue;
      if ((ch.flags & IORESOURCE_SYSTEM_RAM) === IORESOURCE_SYSTEM_RAM && (ch.flags & IORESOURCE.BUSY) !== 0) {
        found = true;
        return;
      }
      visit(ch);
    }
  };
  visit(c.tree);
  return found;
}
