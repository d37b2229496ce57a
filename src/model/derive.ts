/**
 * The core derivation for one scenario, without verdicts: boot tree → design ops → memory → VMA → fault path.
 * Verdicts (which re-run this core on variant platforms) and explain() build on it.
 */
import { runDesign, type DesignRun } from './designs/run';
import type { FaultTrace, KernelOp, VmaModel } from './explain-types';
import { faultPath } from './kvm/fault';
import { buildBootTree, firmwareEntry, type FirmwareEntry } from './platform/boot';
import { cloneTree, deepestContaining } from './resource/tree';
import type { Resource } from './resource/types';
import { IORESOURCE } from './resource/types';
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
  run: DesignRun;
  vma: VmaModel;
  fault: FaultTrace;
  faultOffset: bigint;
}

export const DEFAULT_FAULT_OFFSET = 0x4020_1000n;

/** What firmware made of the range in a user's tree: the deepest resource that contains it. */
function firmwareFromTree(s: Scenario, tree: Resource, layout: HdmLayout): FirmwareEntry {
  const base = firmwareEntry(s.platform);
  const holder = deepestContaining(tree, layout.hdmStart, layout.hdmEnd);
  const name = holder.parent ? holder.name : null;
  const ram = (holder.flags & IORESOURCE.SYSRAM) !== 0 && holder.parent !== null;
  return {
    ...base,
    name,
    busy: (holder.flags & IORESOURCE.BUSY) !== 0,
    bootRam: ram,
    firmwareE820Ram: ram && s.platform.arch === 'x86_64',
    mapMemory: ram,
    explanation: name
      ? `From the pasted /proc/iomem: the deepest resource holding the range is "${name}" (flags inferred from its name).`
      : 'From the pasted /proc/iomem: no resource holds the whole range.',
    sources: ['res/r_show'],
  };
}

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
  if (opts.baseTree) {
    bootTree = opts.baseTree;
    firmware = firmwareFromTree(s, bootTree, layout);
    bootOps = [];
  } else {
    const b = buildBootTree(s.platform, layout);
    bootTree = b.tree;
    firmware = b.firmware;
    bootOps = b.ops;
  }
  const tree = cloneTree(bootTree);
  const run = runDesign(s.design, s.platform, tree, layout, firmware);
  const faultOffset = opts.faultOffset ?? DEFAULT_FAULT_OFFSET;
  const vma = buildVma({ design: s.design, platform: s.platform, layout, memory: run.memory, faultOffset, deviceBound: run.deviceBound });
  const failedOp = [...run.ops].reverse().find((o) => !o.ok);
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
    ...(run.conflict
      ? { setupError: { error: run.conflict.errno, at: run.conflict.fn } }
      : failedOp
        ? { setupError: { error: failedOp.fn === 'memremap()' ? '-ENOMEM' : 'failed', at: failedOp.fn } }
        : {}),
  });
  return { layout, bootTree, tree, firmware, bootOps, run, vma, fault, faultOffset };
}
