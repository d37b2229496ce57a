// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useIdleFollow } from './useIdleFollow';

describe('useIdleFollow', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('follows the value only once the page has been idle after it changed', () => {
    const pending: (() => void)[] = [];
    vi.stubGlobal('requestIdleCallback', (fn: () => void) => pending.push(fn));
    vi.stubGlobal('cancelIdleCallback', () => {});
    const a = { id: 'a' };
    const b = { id: 'b' };
    const { result, rerender } = renderHook(({ v }) => useIdleFollow(v), { initialProps: { v: a } });
    expect(result.current).toBeUndefined();
    act(() => pending.shift()!());
    expect(result.current).toBe(a);
    // A change: undefined again until the next idle period.
    rerender({ v: b });
    expect(result.current).toBeUndefined();
    act(() => pending.at(-1)!());
    expect(result.current).toBe(b);
  });

  it('stays undefined where there are no idle callbacks', () => {
    vi.stubGlobal('requestIdleCallback', undefined);
    const { result } = renderHook(() => useIdleFollow({}));
    expect(result.current).toBeUndefined();
  });
});
