import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW } from '../model/view-state';
import type { Highlight } from './diagrams/types';
import { initialState, reducer, type AppState } from './state';

const at = (step: number, playing = false): AppState => ({ ...initialState(), view: { ...DEFAULT_VIEW, step }, playing });

describe('view reducer', () => {
  it('steps within bounds; from no selection → goes to the first, ← to the last', () => {
    expect(reducer(at(-1), { type: 'stepBy', delta: 1, count: 5 }).view.step).toBe(0);
    expect(reducer(at(-1), { type: 'stepBy', delta: -1, count: 5 }).view.step).toBe(4);
    expect(reducer(at(4), { type: 'stepBy', delta: 1, count: 5 }).view.step).toBe(4);
    expect(reducer(at(0), { type: 'stepBy', delta: -1, count: 5 }).view.step).toBe(0);
    expect(reducer(at(2), { type: 'stepBy', delta: 1, count: 0 }).view.step).toBe(-1);
  });

  it('stops playing on reaching the last step', () => {
    expect(reducer(at(2, true), { type: 'stepBy', delta: 1, count: 5 }).playing).toBe(true);
    expect(reducer(at(3, true), { type: 'stepBy', delta: 1, count: 5 }).playing).toBe(false);
  });

  it('a design or platform change clears the step and stops playback, keeping the rest of the platform', () => {
    const s = reducer(at(3, true), { type: 'platform', patch: { arch: 'arm64' } });
    expect(s.view.step).toBe(-1);
    expect(s.playing).toBe(false);
    expect(s.view.scenario.platform).toEqual({ ...DEFAULT_VIEW.scenario.platform, arch: 'arm64' });
    expect(reducer(at(3), { type: 'design', design: 'hotplug' }).view).toMatchObject({ step: -1, scenario: { design: 'hotplug' } });
  });

  it('edits the compare platform only when comparing platforms', () => {
    const s0 = initialState();
    expect(reducer(s0, { type: 'comparePlatform', patch: { kernel: '6.11' } })).toBe(s0);
    const s1 = reducer(s0, { type: 'compare', compare: { kind: 'platform', platform: DEFAULT_VIEW.scenario.platform } });
    const s2 = reducer(s1, { type: 'comparePlatform', patch: { kernel: '6.11' } });
    expect(s2.view.compare).toEqual({ kind: 'platform', platform: { ...DEFAULT_VIEW.scenario.platform, kernel: '6.11' } });
    expect(s2.view.scenario.platform.kernel).toBe(DEFAULT_VIEW.scenario.platform.kernel);
  });

  it('keeps the same state object for a repeated highlight (no re-render), replaces notes by id', () => {
    const h: Highlight = { kind: 'resource', path: ['a'] };
    const s1 = reducer(initialState(), { type: 'highlight', highlight: h });
    expect(reducer(s1, { type: 'highlight', highlight: h })).toBe(s1);
    const n = { id: 'n1', target: { kind: 'vma' as const, part: 'flags' }, text: 'one' };
    const s2 = reducer(reducer(s1, { type: 'addNote', note: n }), { type: 'addNote', note: { ...n, text: 'two' } });
    expect(s2.view.notes).toEqual([{ ...n, text: 'two' }]);
    expect(reducer(s2, { type: 'removeNote', id: 'n1' }).view.notes).toEqual([]);
  });
});

describe('what would it take: applying a set (issue 15)', () => {
  const applied = { ...DEFAULT_VIEW.scenario.platform, patches: ['kvm-x86/ept-host-pat' as const] };
  const items = [{ id: 'kvm-x86/ept-host-pat', label: 'EPT from the host PAT', flag: '--patch kvm-x86/ept-host-pat' }];
  it('applySet changes the scenario, compares with the scenario before, keeps the verdict selected; Undo restores both', () => {
    const before = { ...initialState(), view: { ...DEFAULT_VIEW, step: 4, compare: { kind: 'design' as const, design: 'hotplug' as const } } };
    const s = reducer(before, { type: 'applySet', design: 'vfio-owned', verdict: 'guest-cacheable', platform: applied, items });
    expect(s.view.scenario).toEqual({ design: 'vfio-owned', platform: applied });
    expect(s.view.compare).toEqual({ kind: 'platform', platform: DEFAULT_VIEW.scenario.platform });
    expect(s.view.step).toBe(-1);
    expect(s.selected).toEqual({ kind: 'verdict', design: 'vfio-owned', verdict: 'guest-cacheable' });
    expect(s.applied?.items).toEqual(items);
    const u = reducer(s, { type: 'undoApply' });
    expect(u.view.scenario).toEqual(DEFAULT_VIEW.scenario);
    expect(u.view.compare).toEqual({ kind: 'design', design: 'hotplug' });
    expect(u.applied).toBeNull();
    expect(reducer(u, { type: 'undoApply' })).toBe(u);
  });
  it('any other change of the scenario or compare mode forgets the way back; Keep does too', () => {
    const s = reducer(initialState(), { type: 'applySet', design: 'vfio-owned', verdict: 'guest-cacheable', platform: applied, items });
    expect(reducer(s, { type: 'platform', patch: { kernel: '6.12' } }).applied).toBeNull();
    expect(reducer(s, { type: 'design', design: 'hotplug' }).applied).toBeNull();
    expect(reducer(s, { type: 'compare', compare: null }).applied).toBeNull();
    expect(reducer(s, { type: 'dismissApplied' }).applied).toBeNull();
    expect(reducer(s, { type: 'dismissApplied' }).view).toBe(s.view);
    // Looking at another cell of the same design keeps it.
    expect(reducer(s, { type: 'verdictCell', design: 'vfio-owned', verdict: 'aliases', step: -1 }).applied).toBe(s.applied);
    expect(reducer(s, { type: 'verdictCell', design: 'hotplug', verdict: 'aliases', step: -1 }).applied).toBeNull();
  });
});
