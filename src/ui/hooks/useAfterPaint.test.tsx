// @vitest-environment jsdom
import { act, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterNextPaint, useAfterPaint } from './useAfterPaint';

/** A hand-driven frame: requestAnimationFrame callbacks wait until frame() runs them. */
let frameCallbacks: FrameRequestCallback[] = [];
const frame = () => {
  const cbs = frameCallbacks;
  frameCallbacks = [];
  for (const cb of cbs) cb(performance.now());
};
/**
 * Let queued tasks and microtasks run. Node delivers MessageChannel messages on their own schedule, not before the
 * next timer, so assertions on what a message runs wait for it (waitFor) rather than for one task.
 */
const tasks = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  frameCallbacks = [];
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frameCallbacks.push(cb));
  vi.stubGlobal('cancelAnimationFrame', (id: number) => {
    frameCallbacks[id - 1] = () => {};
  });
});
afterEach(() => vi.unstubAllGlobals());

function Shown({ value }: { value: string }) {
  return <p data-testid="shown">{useAfterPaint(value)}</p>;
}

describe('useAfterPaint', () => {
  it('shows the first value at once', () => {
    render(<Shown value="a" />);
    expect(screen.getByTestId('shown')).toHaveTextContent('a');
  });

  it('keeps the old value until the frame of the change has been drawn, then follows', async () => {
    const { rerender } = render(<Shown value="a" />);
    rerender(<Shown value="b" />);
    await act(tasks);
    expect(screen.getByTestId('shown')).toHaveTextContent('a'); // no frame yet
    await act(async () => {
      frame();
      await tasks();
    });
    await waitFor(() => expect(screen.getByTestId('shown')).toHaveTextContent('b'));
  });

  it('drops a value that was replaced before its frame came', async () => {
    const seen: string[] = [];
    function Log({ value }: { value: string }) {
      const v = useAfterPaint(value);
      seen.push(v);
      return null;
    }
    const { rerender } = render(<Log value="a" />);
    rerender(<Log value="b" />);
    rerender(<Log value="c" />);
    await act(async () => {
      frame();
      await tasks();
    });
    await waitFor(() => expect(seen.at(-1)).toBe('c'));
    expect(seen).not.toContain('b');
  });
});

describe('afterNextPaint', () => {
  it('runs after the next frame callback, in a task of its own, and not at all when cancelled', async () => {
    const order: string[] = [];
    afterNextPaint(() => order.push('after'));
    const cancel = afterNextPaint(() => order.push('cancelled'));
    requestAnimationFrame(() => order.push('frame'));
    cancel();
    frame();
    expect(order).toEqual(['frame']); // not inside the frame
    await vi.waitFor(() => expect(order).toEqual(['frame', 'after']));
    await tasks();
    expect(order).toEqual(['frame', 'after']); // and the cancelled one never runs
  });
});
