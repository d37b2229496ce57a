// @vitest-environment jsdom
/**
 * "What would it take" in the app (issue 15), with the real search: jsdom has no Worker, so the client runs it on the
 * page in slices, the fallback a blocked worker gets. A cell that is not good opens the sets with their status and
 * sources; one click applies a set, the headline says NOT UPSTREAM and compare mode opens against the scenario before.
 */
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetSearchClient } from '../../workers/searchClient';
import { App } from '../App';

const LAZY = { timeout: 8000 };

beforeEach(() => resetSearchClient());

describe('what would it take', () => {
  it('a bad cell lists the sets with status, flag and sources; applying one makes the headline say NOT UPSTREAM and compares with the scenario before; Undo goes back', async () => {
    render(<App />);
    expect(screen.queryByTestId('not-upstream')).toBeNull();
    fireEvent.click(screen.getByTestId('verdict-vfio-owned-guest-cacheable'));
    const panel = await screen.findByTestId('what-it-takes', {}, LAZY);
    expect(panel).toHaveTextContent('What would it take: VFIO-owned, Guest sees cacheable memory');
    const sets = await screen.findByTestId('wit-sets', {}, LAZY);
    const items = within(sets).getAllByTestId('wit-item');
    expect(items).toHaveLength(1);
    expect(items[0]).toHaveTextContent('hypothetical');
    expect(items[0]).toHaveTextContent('--patch kvm-x86/ept-host-pat');
    // Its sources, linked: the KVM x86 maintainer's mail among them.
    expect(within(items[0]!).getByText(/Sources \(3\)/)).toBeInTheDocument();
    expect(items[0]!.querySelector('a[href*="ZfBzBUbxpF9MpII-@google.com"]')).not.toBeNull();
    expect(screen.getByTestId('wit-meta')).toHaveTextContent(/on this page \(this browser has no Web Workers\)/);

    fireEvent.click(screen.getByTestId('wit-apply-0'));
    expect(screen.getByTestId('not-upstream')).toHaveTextContent('NOT UPSTREAM a hypothetical change applied: EPT memtype from the host PAT (hypothetical)');
    expect(screen.getByTestId('headline')).toHaveTextContent('EPT 2M WB');
    expect(screen.getByTestId('ctl-compare')).toHaveValue('platform');
    expect(screen.getByTestId('cmp-ctl-patches')).toHaveTextContent('none applied');
    expect(screen.getByTestId('ctl-patches')).toHaveTextContent('1 applied: not upstream');
    expect(await screen.findByTestId('applied-notice', {}, LAZY)).toHaveTextContent(/Applied to VFIO-owned: .*--patch kvm-x86\/ept-host-pat.*Guest sees cacheable memory is now ✓ good/);
    // Every diagram compares: the summary names both sides by what differs.
    const summary = await screen.findByTestId('compare-summary', {}, LAZY);
    expect(screen.getAllByTestId('fault-result').map((r) => r.textContent)).toEqual([expect.stringContaining('EPT 2M WB'), expect.stringContaining('EPT 2M UC')]);
    expect(summary).toHaveTextContent('VFIO-owned (with EPT memtype from the host PAT)');
    expect(summary).toHaveTextContent('VFIO-owned (without EPT memtype from the host PAT)');
    expect(screen.getByTestId('diagram-resource-b')).toBeInTheDocument();
    expect(screen.getByTestId('diagram-vma-b')).toBeInTheDocument();
    // The verdict is good now, so its panel is gone.
    expect(screen.queryByTestId('what-it-takes')).toBeNull();

    fireEvent.click(screen.getByTestId('applied-undo'));
    expect(screen.queryByTestId('not-upstream')).toBeNull();
    expect(screen.getByTestId('ctl-compare')).toHaveValue('off');
    expect(screen.getByTestId('fault-result')).toHaveTextContent('EPT 2M UC');
    expect(screen.getByTestId('headline')).toHaveTextContent('EPT 2M UC');
    expect(screen.queryByTestId('applied-notice')).toBeNull();
  });

  it('a good cell opens no panel; Escape closes one and gives the focus back to its cell', async () => {
    render(<App />);
    fireEvent.click(screen.getByTestId('verdict-vfio-owned-exclusive-ownership'));
    expect(screen.getByTestId('verdict-vfio-owned-exclusive-ownership')).toHaveAttribute('data-status', 'good');
    await act(async () => new Promise((r) => setTimeout(r, 50)));
    expect(screen.queryByTestId('what-it-takes')).toBeNull();
    const cell = screen.getByTestId('verdict-vfio-owned-device-reset');
    cell.focus();
    fireEvent.click(cell);
    const panel = await screen.findByTestId('what-it-takes', {}, LAZY);
    await screen.findByTestId('wit-sets', {}, LAZY);
    // Surviving a reset takes two changes together: the posted exit and a VMM that retries.
    expect(within(screen.getByTestId('wit-sets')).getAllByTestId('wit-item').map((i) => i.getAttribute('data-status'))).toEqual(['posted', 'hypothetical']);
    expect(document.activeElement).toBe(panel);
    fireEvent.keyDown(panel, { key: 'Escape' });
    expect(screen.queryByTestId('what-it-takes')).toBeNull();
    await act(async () => new Promise((r) => setTimeout(r, 10)));
    expect(document.activeElement).toBe(screen.getByTestId('verdict-vfio-owned-device-reset'));
  });

  it('the scenario bar applies a change by hand; the headline says so and the platform line names it', () => {
    render(<App />);
    fireEvent.click(screen.getByTestId('ctl-patch-kvm/memory-fault-exit'));
    expect(screen.getByTestId('not-upstream')).toHaveTextContent('NOT UPSTREAM a posted change applied: KVM_EXIT_MEMORY_FAULT on -EFAULT (v5) (posted v5)');
    expect(screen.getByTestId('headline')).toHaveTextContent('with KVM_EXIT_MEMORY_FAULT on -EFAULT (v5)');
    // An x86-only change on arm64 cannot be applied there.
    fireEvent.change(screen.getByTestId('ctl-arch'), { target: { value: 'arm64' } });
    expect(screen.getByTestId('ctl-patch-kvm-x86/ept-host-pat')).toBeDisabled();
    fireEvent.click(screen.getByTestId('ctl-patch-kvm/memory-fault-exit'));
    expect(screen.queryByTestId('not-upstream')).toBeNull();
  });
});
