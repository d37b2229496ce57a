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
import type { HdmLayout, Scenario } from './scenario';
import { DEFAULT_LAYOUT, platformKey } from './scenario';
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
const cacheByTree = new WeakMap<Resource, Map<string, Core>>();
const defaultCache = new Map<string, Core>();

function coreKey(s: Scenario, o: DeriveOptions): string {
  const l = o.layout;
  return [
    s.design, platformKey(s.platform),
    l ? `${l.windowStart}-${l.windowEnd}-${l.hdmStart}-${l.hdmEnd}` : '', o.faultOffset ?? '', o.write ?? '',
  ].join('|');
}

/**
 * Derive everything but verdicts for one scenario. Pure, so results are memoised (bounded LRU per base tree): the
 * verdicts re-run the model on varied platforms, and the UI re-derives on every control change.
 * Callers must treat the returned Core as immutable.
 */
export function deriveCore(s: Scenario, opts: DeriveOptions = {}): Core {
  const cache = opts.baseTree
    ? (cacheByTree.get(opts.baseTree) ?? (cacheByTree.set(opts.baseTree, new Map()), cacheByTree.get(opts.baseTree)!))
    : defaultCache;
  const key = coreKey(s, opts);
  const hit = cache.get(key);
  if (hit) return hit;
  const core = deriveCoreUncached(s, opts);
  cache.set(key, core);
  if (cache.size > CACHE_MAX) cache.delete(cache.keys().next().value!);
  return core;
}

/** Forget memoised derivations (benchmarks measure cold derivation with this). */
export function clearCoreCache(): void {
  defaultCache.clear();
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
