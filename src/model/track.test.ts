/**
 * Read tracking is what lets the what-it-takes search skip candidates (track.ts): if a derivation never read a
 * field, changing that field must leave every output the same. Checked here on random scenarios, probes included.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clearCoreCache, deriveCore } from './derive';
import { explain } from './explain';
import type { Platform } from './scenario';
import { DEFAULT_PLATFORM } from './scenario';
import { candidateItems } from './search/items';
import { designArb, platformArb } from './testing/arbitraries';
import { fieldOf, trackPlatform, varyPlatform } from './track';
import { deriveVerdicts } from './verdicts/derive';
import { DEFAULT_LAYOUT } from './scenario';

const opts = { layout: DEFAULT_LAYOUT };

function readsOf(design: Parameters<typeof explain>[0]['design'], p: Platform): Set<string> {
  const reads = new Set<string>();
  const s = { design, platform: trackPlatform(p, reads) };
  deriveVerdicts(s, deriveCore(s, opts), opts);
  return reads;
}

describe('read tracking (track.ts)', () => {
  it('records top-level fields, config keys and single patches; a probe\'s overridden fields are not reads', () => {
    const reads = new Set<string>();
    const p = trackPlatform(DEFAULT_PLATFORM, reads);
    void p.kernel;
    void p.config.CXL_REGION;
    void p.patches.includes('cxl/type2-no-dax');
    const q = varyPlatform(p, { firmware: 'conventional' });
    void q.firmware;
    void q.arch;
    expect([...reads].sort()).toEqual(['arch', 'config.CXL_REGION', 'kernel', 'patch:cxl/type2-no-dax']);
    expect(fieldOf('config.CXL_REGION')).toBe('config');
    expect(fieldOf('patch:x')).toBe('patches');
  });

  it('the VFIO-owned default on x86 reads the kernel and the firmware, not the online policy or the arm64 EFI attribute', () => {
    const reads = readsOf('vfio-owned', DEFAULT_PLATFORM);
    expect(reads.has('kernel') && reads.has('firmware')).toBe(true);
    expect(reads.has('onlinePolicy') || reads.has('efiAttr') || reads.has('fwb')).toBe(false);
  });

  it('is sound: changing a field the derivation of every verdict never read changes no output', () => {
    fc.assert(
      fc.property(designArb, platformArb, fc.nat(1000), (design, p, pick) => {
        const reads = readsOf(design, p);
        const unread = candidateItems(p).filter((i) => !reads.has(i.field) && !reads.has(fieldOf(i.field)));
        if (unread.length === 0) return;
        const item = unread[pick % unread.length]!;
        // Each derived afresh: deriveCore() would otherwise hand b the core a's derivation left (what it read is the same).
        clearCoreCache();
        const a = explain({ design, platform: p });
        clearCoreCache();
        const b = explain({ design, platform: item.apply(p) });
        const strip = (ex: typeof a) => JSON.stringify({ ...ex, platform: null, bootTree: null, tree: null }, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
        expect(strip(b), `${design} ${item.flag}`).toBe(strip(a));
        expect(b.iomem).toBe(a.iomem);
      }),
      { numRuns: 60 },
    );
  });

  it('deriveCore() reuses a tracked derivation for a platform that differs only in what it did not read, and that core is the one a fresh derivation gives', () => {
    const strip = (c: ReturnType<typeof deriveCore>) => JSON.stringify({ ...c, bootTree: null, tree: null }, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    let reused = 0;
    fc.assert(
      fc.property(designArb, platformArb, fc.nat(1000), (design, p, pick) => {
        clearCoreCache();
        const reads = new Set<string>();
        const first = deriveCore({ design, platform: trackPlatform(p, reads) }, opts);
        const unread = candidateItems(p).filter((i) => !reads.has(i.field) && !reads.has(fieldOf(i.field)));
        if (unread.length === 0) return;
        const q = unread[pick % unread.length]!.apply(p);
        const again = deriveCore({ design, platform: trackPlatform(q, new Set()) }, opts);
        expect(again).toBe(first);
        reused++;
        clearCoreCache();
        expect(strip(deriveCore({ design, platform: q }, opts))).toBe(strip(first));
      }),
      { numRuns: 60 },
    );
    expect(reused).toBeGreaterThan(10);
  });
});
