// @vitest-environment jsdom
/**
 * The panel's loading, error and cancellation, with the search client scripted: a search still running shows its
 * progress, a failed one says why and tries again on request, and a scenario change cancels the running search.
 */
import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SearchJob, SearchJobOptions } from '../../workers/searchClient';

const calls: { key: string; o: SearchJobOptions; cancelled: boolean; settle: { resolve: (v: never) => void; reject: (e: Error) => void } }[] = [];
vi.mock('../../workers/searchClient', () => ({
  cachedSearch: () => undefined,
  warmSearch: () => {},
  resetSearchClient: () => {},
  startSearch: (_s: unknown, _opts: unknown, key: string, o: SearchJobOptions = {}): SearchJob => {
    let settle = { resolve: (_v: never) => {}, reject: (_e: Error) => {} };
    const promise = new Promise<never>((resolve, reject) => (settle = { resolve, reject }));
    const call = { key, o, cancelled: false, settle };
    calls.push(call);
    return {
      promise,
      cancel: () => {
        call.cancelled = true;
        settle.reject(new Error('cancelled'));
      },
    };
  },
}));

const { App } = await import('../App');
afterEach(() => void (calls.length = 0));

describe('what would it take: loading, failure, cancel', () => {
  it('shows progress while the search runs, and where it runs', async () => {
    render(<App />);
    fireEvent.click(screen.getByTestId('verdict-vfio-owned-guest-cacheable'));
    expect(await screen.findByTestId('wit-loading', {}, { timeout: 8000 })).toHaveTextContent('Searching platform facts and kernel changes… 0%');
    expect(screen.getByTestId('what-it-takes')).toHaveAttribute('aria-busy', 'true');
    act(() => calls[0]!.o.onProgress?.(0.4, 'the search worker could not start (SecurityError)'));
    expect(screen.getByTestId('wit-loading')).toHaveTextContent('40% (on this page: the search worker could not start (SecurityError))');
  });

  it('a failed search says why and tries again', async () => {
    render(<App />);
    fireEvent.click(screen.getByTestId('verdict-vfio-owned-guest-cacheable'));
    await screen.findByTestId('wit-loading', {}, { timeout: 8000 });
    await act(async () => calls[0]!.settle.reject(new Error('the search worker failed (out of memory)')));
    expect(screen.getByTestId('wit-error')).toHaveTextContent('The search failed: the search worker failed (out of memory)');
    expect(screen.getByRole('alert')).toBe(screen.getByTestId('wit-error'));
    fireEvent.click(screen.getByTestId('wit-retry'));
    expect(calls).toHaveLength(2);
    expect(screen.getByTestId('wit-loading')).toBeInTheDocument();
  });

  it('a scenario change cancels the running search and starts the new scenario\'s', async () => {
    render(<App />);
    fireEvent.click(screen.getByTestId('verdict-vfio-owned-guest-cacheable'));
    await screen.findByTestId('wit-loading', {}, { timeout: 8000 });
    fireEvent.change(screen.getByTestId('ctl-kernel'), { target: { value: '6.17' } });
    expect(calls).toHaveLength(2);
    expect(calls[0]!.cancelled).toBe(true);
    expect(calls[1]!.cancelled).toBe(false);
    expect(calls[1]!.key).not.toBe(calls[0]!.key);
    expect(calls[1]!.key).toContain('6.17');
    // Closing the panel cancels too.
    fireEvent.click(screen.getByTestId('wit-close'));
    expect(calls[1]!.cancelled).toBe(true);
  });
});
