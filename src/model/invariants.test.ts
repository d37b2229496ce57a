/**
 * Kernel guarantees checked over every scenario the controls can express (allPlatforms() × every design), on the
 * derivation itself (deriveCore, no text):
 *  - issue 13 item 3: the final EPT / NPT / stage-2 entry's pfn is aligned to its level and is the pfn the VMA maps
 *    at the faulting hva (aligned down to that level) — arch/arm64/kvm/hyp/pgtable.c kvm_block_mapping_supported(),
 *    arch/x86/kvm/mmu/mmu.c kvm_mmu_hugepage_adjust();
 *  - issue 13 item 8: the memory state follows the whole resource ancestry and the online policy — any busy System
 *    RAM covering the range, at any depth, gives buddy pages; a hotplugged one is in the policy's zone
 *    (memory/fromTree.ts);
 *  - the resource tree keeps kernel/resource.c's invariants after every design.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveCore } from './derive';
import type { Core } from './derive';
import { zoneFor } from './memory/fromTree';
import { parseIomem } from './resource/iomem';
import { checkInvariants, findAll } from './resource/tree';
import { IORESOURCE, IORESOURCE_SYSTEM_RAM } from './resource/types';
import type { LeafSize } from './explain-types';
import type { Platform } from './scenario';
import { DEFAULT_PLATFORM, DESIGNS } from './scenario';
import { allPlatforms, platformArb } from './testing/arbitraries';

const BYTES: Record<LeafSize, bigint> = { '4K': 0x1000n, '2M': 0x20_0000n, '1G': 0x4000_0000n };

/** The item-3 check for one derivation; returns what is wrong, or null. */
function entryProblem(c: Core): string | null {
  const r = c.fault.result;
  if (r.kind !== 'mapped') return null;
  const size = BYTES[r.level];
  const pages = size >> 12n;
  if (r.pfn % pages !== 0n) return `pfn 0x${r.pfn.toString(16)} not aligned to ${r.level}`;
  const hva = c.vma.vmStart + c.faultOffset;
  const entryHva = hva - (hva % size);
  // The VMA maps the HDM linearly from vm_start.
  const pa = c.layout.hdmStart + (entryHva - c.vma.vmStart);
  if (r.pfn !== pa >> 12n) return `pfn 0x${r.pfn.toString(16)} but the VMA maps 0x${(pa >> 12n).toString(16)} at the entry's hva`;
  return null;
}

/** The item-8 check: busy System RAM over the range at any depth ⇒ buddy pages, in the zone its origin implies. */
function memoryProblem(c: Core, p: Platform): string | null {
  const { hdmStart: s, hdmEnd: e } = c.layout;
  const ram = findAll(c.tree, (r) => (r.flags & IORESOURCE_SYSTEM_RAM) === IORESOURCE_SYSTEM_RAM && (r.flags & IORESOURCE.BUSY) !== 0 && r.start <= s && r.end >= e);
  const m = c.run.memory;
  if (ram.length === 0) return m.pages === 'buddy' ? 'buddy pages without busy System RAM over the range' : null;
  if (m.pages !== 'buddy') return `busy "${ram[0]!.name}" covers the range but pages = ${m.pages}`;
  const hot = ram.some((r) => (r.flags & IORESOURCE.SYSRAM_DRIVER_MANAGED) !== 0 || /^System RAM \(.+\)$/.test(r.name ?? ''));
  const zone = hot ? zoneFor(p) : 'ZONE_NORMAL';
  if (m.zone !== zone) return `${hot ? 'hotplugged' : 'boot'} RAM in ${m.zone}, expected ${zone}`;
  if (m.online !== (zone !== null)) return 'online does not follow the zone';
  return null;
}

describe('invariants over every scenario (allPlatforms() × designs)', () => {
  it('item 3: the final entry is aligned to its level and maps what the VMA maps; item 8: memory follows the whole ancestry; trees stay valid', () => {
    const problems: string[] = [];
    let n = 0;
    for (const p of allPlatforms())
      for (const d of DESIGNS) {
        const c = deriveCore({ design: d, platform: p });
        n++;
        const bad = entryProblem(c) ?? memoryProblem(c, p) ?? checkInvariants(c.tree);
        if (bad && problems.length < 5) problems.push(`${d} ${JSON.stringify(p)}: ${bad}`);
      }
    expect(problems).toEqual([]);
    expect(n).toBe(allPlatforms().length * DESIGNS.length);
  }, 600_000);
});

describe('item 8 on imported trees: the memory state reads every resource over the range, at any depth', () => {
  /** A kmem-onlined range wrapped in 0–4 non-busy parents with arbitrary names, like real dumps. */
  const treeArb = fc.record({
    wrappers: fc.array(fc.constantFrom('CXL Window 0', 'region3', 'Soft Reserved', 'hmem.0', 'Reserved', 'dax7.0'), { maxLength: 4 }),
    leaf: fc.constantFrom('System RAM (kmem)', 'System RAM (CXL)', 'System RAM'),
  });
  it('busy System RAM under any ancestry gives buddy pages; "System RAM (…)" is hotplugged and follows the online policy', () => {
    fc.assert(
      fc.property(treeArb, platformArb, ({ wrappers, leaf }, pl) => {
        const lines = [...wrappers, leaf].map((name, i) => `${'  '.repeat(i)}490000000-50fffffff : ${name}`);
        const tree = parseIomem(lines.join('\n') + '\n').tree;
        const p = { ...pl, onlinePolicy: pl.onlinePolicy };
        const c = deriveCore({ design: 'memremap', platform: p }, { baseTree: tree, layout: { windowStart: 0x4_9000_0000n, windowEnd: 0x5_0fff_ffffn, hdmStart: 0x4_9000_0000n, hdmEnd: 0x5_0fff_ffffn } });
        expect(c.run.memory.pages).toBe('buddy');
        expect(c.run.memory.owner).toBe(leaf === 'System RAM' ? 'boot' : 'hotplug');
        expect(c.run.memory.zone).toBe(leaf === 'System RAM' ? 'ZONE_NORMAL' : zoneFor(p));
      }),
      { numRuns: 200 },
    );
  });

  it('kmem-onlined memory in a pasted tree is the online policy\'s zone, not boot RAM\'s ZONE_NORMAL', () => {
    const tree = parseIomem('490000000-50fffffff : CXL Window 0\n  490000000-50fffffff : region0\n    490000000-50fffffff : dax0.0\n      490000000-50fffffff : System RAM (kmem)\n').tree;
    const layout = { windowStart: 0x4_9000_0000n, windowEnd: 0x5_0fff_ffffn, hdmStart: 0x4_9000_0000n, hdmEnd: 0x5_0fff_ffffn };
    const c = deriveCore({ design: 'hotplug', platform: { ...DEFAULT_PLATFORM, onlinePolicy: 'online_movable' } }, { baseTree: tree, layout });
    expect(c.run.memory).toMatchObject({ owner: 'hotplug', zone: 'ZONE_MOVABLE', numaNode: 1 });
  });
});
