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
