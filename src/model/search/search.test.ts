/**
 * What would it take (issue 15): every set reported, applied with explain(), makes its verdict good and no other
 * verdict worse; no smaller part of it would do; and the sets for the default scenarios are the catalogue's.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clearCoreCache } from '../derive';
import { explain } from '../explain';
import type { Verdict } from '../explain-types';
import type { Platform, Scenario } from '../scenario';
import { DEFAULT_PLATFORM, DESIGNS } from '../scenario';
import { designArb, platformArb } from '../testing/arbitraries';
import { applySet } from './flags';
import type { ChangeItem } from './items';
import { VERDICT_LABEL } from './labels';
import { STATUS_ORDER, whatItTakes } from './search';

/** The verdicts explain() derives afresh: not from the derivations the search memoised (derive.ts reuses a core by what it read). */
const statuses = (s: Scenario) => {
  clearCoreCache();
  return new Map(explain(s).verdicts.map((v) => [v.id, v.status]));
};

/** The claim of one reported set, checked with the public explain(). */
function checkSet(s: Scenario, id: Verdict['id'], set: ChangeItem[], before: Map<Verdict['id'], Verdict['status']>): void {
  const after = statuses({ design: s.design, platform: applySet(s.platform, set) });
  const what = `${s.design} ${id}: ${set.map((i) => i.flag).join(' ')}`;
  expect(after.get(id), what).toBe('good');
  for (const [v, st] of before) expect(STATUS_ORDER[after.get(v)!], `${what} makes ${v} worse`).toBeGreaterThanOrEqual(STATUS_ORDER[st]);
  // Minimal: no proper part of the set would do (every part with one item fewer fails the same test).
  for (let i = 0; i < set.length && set.length > 1; i++) {
    const part = set.filter((_, j) => j !== i);
    const a = statuses({ design: s.design, platform: applySet(s.platform, part) });
    const works = a.get(id) === 'good' && [...before].every(([v, st]) => STATUS_ORDER[a.get(v)!] >= STATUS_ORDER[st]);
    expect(works, `${what}: without ${set[i]!.flag} it still works`).toBe(false);
  }
}

function checkAll(s: Scenario): ReturnType<typeof whatItTakes> {
  const r = whatItTakes(s);
  const before = statuses(s);
  for (const v of r.verdicts) {
    expect(v.status).toBe(before.get(v.id));
    if (v.status === 'good') expect(v.needs).toEqual([[]]);
    else if (v.needs.length === 0) expect(v.why).toBeTruthy();
    for (const set of v.status === 'good' ? [] : v.needs) checkSet(s, v.id, set, before);
    const sizes = new Set(v.needs.map((x) => x.length));
    expect(sizes.size).toBeLessThanOrEqual(1);
  }
  return r;
}

describe('what it takes', () => {
  it('labels match the verdicts\' own', () => {
    for (const v of explain({ design: 'vfio-owned', platform: DEFAULT_PLATFORM }).verdicts) expect(VERDICT_LABEL[v.id]).toBe(v.label);
  });

  it('default VFIO-owned on x86: a cacheable guest view takes the hypothetical EPT-follows-host-PAT change; surviving a reset, the posted exit plus a VMM retry', () => {
    const r = checkAll({ design: 'vfio-owned', platform: DEFAULT_PLATFORM });
    const needs = (id: string) => r.verdicts.find((v) => v.id === id)!.needs.map((s) => s.map((i) => i.flag));
    expect(needs('guest-cacheable')).toEqual([['--patch kvm-x86/ept-host-pat']]);
    expect(needs('aliases')).toEqual([['--patch kvm-x86/ept-host-pat']]);
    expect(needs('device-reset')).toEqual([['--patch kvm/memory-fault-exit', '--patch vmm/retry-after-reset']]);
    expect(r.verdicts.find((v) => v.id === 'huge-mappings')?.why).toMatch(/not 1 GiB-aligned/);
  });

  it('a region committed at boot without the no-dax patch: the posted patch, or no region at boot, gives VFIO the range back, ranked by the worst step each needs', () => {
    const s = { design: 'vfio-owned' as const, platform: { ...DEFAULT_PLATFORM, region: 'committed' as const } };
    const r = checkAll(s);
    const flags = r.verdicts.find((v) => v.id === 'exclusive-ownership')!.needs.map((x) => x.map((i) => i.flag).join(' '));
    expect(flags).toEqual(expect.arrayContaining(['--patch cxl/type2-no-dax', '--region none']));
    const ranks = r.verdicts.find((v) => v.id === 'exclusive-ownership')!.needs.map((x) => Math.max(...x.map((i) => i.rank)));
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
  });

  it('soft-reserved firmware on 7.1 (hmem and kmem take the range): firmware, config, an older kernel or a committed region are the ways out', () => {
    const s = { design: 'vfio-owned' as const, platform: { ...DEFAULT_PLATFORM, firmware: 'soft-reserved' as const } };
    const r = checkAll(s);
    const first = r.verdicts.find((v) => v.id === 'exclusive-ownership')!.needs;
    expect(first[0]!.length).toBe(1);
    expect(first[0]![0]!.status).toBe('config');
  });

  it('every design on both architectures, default platform: every set holds', () => {
    for (const design of DESIGNS) for (const arch of ['x86_64', 'arm64'] as const) checkAll({ design, platform: { ...DEFAULT_PLATFORM, arch } });
  });

  it('property: on random scenarios every reported set, applied with explain, makes its verdict good and no other worse', () => {
    fc.assert(
      fc.property(designArb, platformArb, (design, p: Platform) => {
        checkAll({ design, platform: p });
      }),
      { numRuns: 12 },
    );
  });
});
