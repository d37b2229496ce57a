/**
 * The core derivation for one scenario, without verdicts: boot tree → design ops → memory → VMA → fault path.
 * Verdicts (which re-run this core on variant platforms) and explain() build on it.
 */
import { runDesign, type BootFacts, type DesignRun } from './designs/run';
import type { FaultTrace, KernelOp, VmaModel } from './explain-types';
import { faultPath } from './kvm/fault';
import { buildBootTree } from './platform/boot';
import { firmwareFromTree } from './platform/fromTree';
import type { FirmwareEntry } from './platform/firmware';
import { cloneTree } from './resource/tree';
import type { Resource } from './resource/types';
import type { HdmLayout, Platform, Scenario } from './scenario';
import { DEFAULT_LAYOUT, platformKey } from './scenario';
import { isTracked, mergeReads, trackPlatform, untrack, type ReadSet } from './track';
import { buildVma } from './vma/build';

export interface DeriveOptions {
  layout?: HdmLayout;
  /** Run against a user's parsed /proc/iomem instead of the platform's boot tree (the HDM range is `layout`'s). */
  baseTree?: Resource;
  /** Offset into the HDM range the guest touches. Default: 1 GiB + 2 MiB + 4 KiB (shows leaf sizes and alignment). */
  faultOffset?: bigint;
  write?: boolean;
}

export interface Core {
  layout: HdmLayout;
  bootTree: Resource;
  tree: Resource;
  firmware: FirmwareEntry;
  bootOps: KernelOp[];
  /** What boot left that the design read: a committed region, Soft Reserved's owner. */
  boot: BootFacts;
  bootWarnings: string[];
  run: DesignRun;
  vma: VmaModel;
  fault: FaultTrace;
  faultOffset: bigint;
}

export const DEFAULT_FAULT_OFFSET = 0x4020_1000n;

const CACHE_MAX = 600;
/** A memoised derivation, with the platform fields it read when it was derived under tracking (track.ts). */
interface Entry {
  core: Core;
  reads?: ReadSet;
}
const cacheByTree = new WeakMap<Resource, Map<string, Entry>>();
const defaultCache = new Map<string, Entry>();

/**
 * Tracked derivations by what they read: a platform that agrees with one on every field its derivation read derives
 * exactly the same core (track.ts), whatever else differs. The search varies many fields a given derivation never
 * looks at, so most of its platforms find their core here. Per design and options, then per read set.
 */
interface ReadShape {
  reads: string[];
  entries: Map<string, Entry>;
}
let shapesByTree = new WeakMap<Resource, Map<string, Map<string, ReadShape>>>();
const defaultShapes = new Map<string, Map<string, ReadShape>>();
let shapeEntries = 0;
const SHAPE_ENTRIES_MAX = 2000;

/** The value a read names, on a plain platform ("kernel", "config.CXL_REGION", "patch:<id>", "patches", "config"). */
function readValue(p: Platform, r: string): string {
  if (r.startsWith('config.')) return p.config[r.slice(7) as keyof Platform['config']];
  if (r.startsWith('patch:')) return p.patches.includes(r.slice(6) as Platform['patches'][number]) ? '1' : '0';
  if (r === 'patches') return p.patches.join(',');
  if (r === 'config') return JSON.stringify(p.config);
  return String(p[r as keyof Platform]);
}

function optsKey(s: Scenario, o: DeriveOptions): string {
  const l = o.layout;
  return [s.design, l ? `${l.windowStart}-${l.windowEnd}-${l.hdmStart}-${l.hdmEnd}` : '', o.faultOffset ?? '', o.write ?? ''].join('|');
}

function coreKey(s: Scenario, o: DeriveOptions): string {
  return `${optsKey(s, o)}|${platformKey(untrack(s.platform))}`;
}

function shapesFor(opts: DeriveOptions): Map<string, Map<string, ReadShape>> {
  if (!opts.baseTree) return defaultShapes;
  let m = shapesByTree.get(opts.baseTree);
  if (!m) shapesByTree.set(opts.baseTree, (m = new Map()));
  return m;
}

function findByReads(s: Scenario, opts: DeriveOptions): Entry | undefined {
  const shapes = shapesFor(opts).get(optsKey(s, opts));
  if (!shapes) return undefined;
  const p = untrack(s.platform);
  for (const shape of shapes.values()) {
    const hit = shape.entries.get(shape.reads.map((r) => readValue(p, r)).join('|'));
    if (hit) return hit;
  }
  return undefined;
}

function rememberByReads(s: Scenario, opts: DeriveOptions, entry: Entry): void {
  if (!entry.reads) return;
  if (shapeEntries >= SHAPE_ENTRIES_MAX) {
    defaultShapes.clear();
    shapesByTree = new WeakMap();
    shapeEntries = 0;
  }
  const all = shapesFor(opts);
  const ok = optsKey(s, opts);
  let shapes = all.get(ok);
  if (!shapes) all.set(ok, (shapes = new Map()));
  const reads = [...entry.reads].sort();
  const rk = reads.join(',');
  let shape = shapes.get(rk);
  if (!shape) shapes.set(rk, (shape = { reads, entries: new Map() }));
  const p = untrack(s.platform);
  shape.entries.set(reads.map((r) => readValue(p, r)).join('|'), entry);
  shapeEntries++;
}

/**
 * Derive everything but verdicts for one scenario. Pure, so results are memoised (bounded LRU per base tree): the
 * verdicts re-run the model on varied platforms, and the UI re-derives on every control change.
 * Callers must treat the returned Core as immutable.
 *
 * With a tracked platform (track.ts) the platform fields the derivation read are recorded on it, from the cache when
 * the memoised entry was itself derived under tracking, else by deriving again under tracking.
 */
export function deriveCore(s: Scenario, opts: DeriveOptions = {}): Core {
  const cache = opts.baseTree
    ? (cacheByTree.get(opts.baseTree) ?? (cacheByTree.set(opts.baseTree, new Map()), cacheByTree.get(opts.baseTree)!))
    : defaultCache;
  const key = coreKey(s, opts);
  const tracked = isTracked(s.platform);
  const hit = cache.get(key);
  if (hit && (!tracked || hit.reads)) {
    if (hit.reads) mergeReads(s.platform, hit.reads);
    return hit.core;
  }
  let entry: Entry;
  const same = findByReads(s, opts);
  if (same?.reads) {
    entry = same;
    mergeReads(s.platform, same.reads);
  } else if (tracked) {
    const reads = new Set<string>();
    entry = { core: deriveCoreUncached({ ...s, platform: trackPlatform(untrack(s.platform), reads) }, opts), reads };
    mergeReads(s.platform, reads);
    rememberByReads(s, opts, entry);
  } else entry = { core: deriveCoreUncached(s, opts) };
  cache.delete(key);
  cache.set(key, entry);
  if (cache.size > CACHE_MAX) cache.delete(cache.keys().next().value!);
  return entry.core;
}

/** Forget memoised derivations (benchmarks measure cold derivation with this). */
export function clearCoreCache(): void {
  defaultCache.clear();
  defaultShapes.clear();
  shapeEntries = 0;
}

function deriveCoreUncached(s: Scenario, opts: DeriveOptions): Core {
  const layout = opts.layout ?? DEFAULT_LAYOUT;
  let bootTree: Resource;
  let firmware: FirmwareEntry;
  let bootOps: KernelOp[];
  let boot: BootFacts;
  let bootWarnings: string[] = [];
  if (opts.baseTree) {
    bootTree = opts.baseTree;
    const fromTree = firmwareFromTree(s.platform, bootTree, layout);
    firmware = fromTree.firmware;
    boot = fromTree.boot;
    bootOps = [];
  } else {
    const b = buildBootTree(s.platform, layout, s.design);
    bootTree = b.tree;
    firmware = b.firmware;
    bootOps = b.ops;
    boot = { regionCommitted: b.regionCommitted, softReservedOwner: b.softReservedOwner, bootFailure: b.bootFailure };
    bootWarnings = b.warnings;
  }
  const tree = cloneTree(bootTree);
  const run = runDesign(s.design, s.platform, tree, layout, firmware, boot);
  const faultOffset = opts.faultOffset ?? DEFAULT_FAULT_OFFSET;
  const vma = buildVma({ design: s.design, platform: s.platform, layout, memory: run.memory, faultOffset, deviceBound: run.deviceBound });
  const fault = faultPath({
    design: s.design,
    platform: s.platform,
    layout,
    memory: run.memory,
    vma,
    faultOffset,
    write: opts.write ?? true,
    deviceBound: run.deviceBound,
    ...(run.unboundReason ? { unboundReason: run.unboundReason } : {}),
    ...(run.setupError ? { setupError: run.setupError } : {}),
  });
  return { layout, bootTree, tree, firmware, bootOps, boot, bootWarnings, run, vma, fault, faultOffset };
}
