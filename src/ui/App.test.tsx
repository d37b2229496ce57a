// @vitest-environment jsdom
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import axe from 'axe-core';
import { describe, expect, it, vi } from 'vitest';
import { compareExplanations } from '../model/compare';
import { explain } from '../model/explain';
import { DEFAULT_SCENARIO } from '../model/scenario';
import { DEFAULT_VIEW } from '../model/view-state';
import { App } from './App';

describe('App', () => {
  it('opens on the default scenario with all three diagrams and the verdict matrix', () => {
    render(<App />);
    expect(screen.getByTestId('diagram-resource')).toBeInTheDocument();
    expect(screen.getByTestId('diagram-vma')).toBeInTheDocument();
    expect(screen.getByTestId('diagram-fault')).toBeInTheDocument();
    expect(screen.getByTestId('fault-result')).toHaveTextContent('EPT 2M UC');
    expect(screen.getAllByRole('row')).toHaveLength(6);
  });

  it('re-derives every diagram when a platform control changes', () => {
    render(<App />);
    fireEvent.change(screen.getByTestId('ctl-arch'), { target: { value: 'arm64' } });
    // The geometry asks for 1G; the HDM at 0x1050000000 is only 2M-aligned, so the walker installs 2M blocks.
    expect(screen.getByTestId('fault-result')).toHaveTextContent('stage-2 2M Normal');
    fireEvent.click(screen.getByTestId('ctl-fwb'));
    expect(screen.getByTestId('fault-result')).toHaveTextContent('-EINVAL');
    expect(screen.getByTestId('verdict-vfio-owned-guest-cacheable')).toHaveAttribute('data-status', 'bad');
    fireEvent.change(screen.getByTestId('ctl-firmware'), { target: { value: 'conventional' } });
    expect(screen.getByTestId('fault-result')).toHaveTextContent('-EBUSY');
  });

  it('keeps the other architecture\'s fault graph and tree alive and hidden, and shows the same DOM again on switching back', () => {
    const { container } = render(<App />);
    const live = (id: string) => container.querySelector(`[data-testid="${id}"]`)!;
    const x86Graph = live('fault-graph');
    const x86Tree = live('tree-graph');
    expect(x86Graph.querySelector('[data-node="x_exit"]')).not.toBeNull();
    fireEvent.change(screen.getByTestId('ctl-arch'), { target: { value: 'arm64' } });
    // arm64 is live; the x86 drawings stay in the page, kept (hidden by CSS) and without the live test id.
    expect(live('fault-graph').querySelector('[data-node="a_memslot"]')).not.toBeNull();
    expect(live('fault-graph').querySelector('[data-node="x_exit"]')).toBeNull();
    expect(x86Graph.isConnected && x86Graph.classList.contains('kept') && !x86Graph.hasAttribute('data-testid')).toBe(true);
    expect(x86Tree.isConnected && x86Tree.classList.contains('kept')).toBe(true);
    expect(container.querySelectorAll('[data-testid="fault-graph"], [data-testid="tree-graph"]')).toHaveLength(2);
    // A change made on arm64 does not reach the hidden x86 graph...
    fireEvent.change(screen.getByTestId('ctl-design'), { target: { value: 'hotplug' } });
    expect(x86Graph.querySelector('[data-node="resolve_pfnmap"]')!.classList.contains('taken')).toBe(true);
    // ...and switching back shows the very same elements, brought up to date.
    fireEvent.change(screen.getByTestId('ctl-arch'), { target: { value: 'x86_64' } });
    expect(live('fault-graph')).toBe(x86Graph);
    expect(live('tree-graph')).toBe(x86Tree);
    expect(x86Graph.querySelector('[data-node="resolve_pfnmap"]')!.classList.contains('taken')).toBe(false);
    expect(x86Graph.querySelector('[data-node="resolve_page"]')!.classList.contains('taken')).toBe(true);
  });

  it('steps the fault path with the keyboard and the other diagrams follow', () => {
    const { container } = render(<App />);
    fireEvent.keyDown(window, { key: 'ArrowRight' });
    expect(screen.getByTestId('step-status')).toHaveTextContent('step 1/');
    expect(container.querySelector('[data-current="true"]')?.getAttribute('data-node')).toBe('x_exit');
    fireEvent.keyDown(window, { key: 'End' });
    expect(container.querySelector('[data-current="true"]')?.getAttribute('data-node')).toBe('x_res_uc');
    fireEvent.keyDown(window, { key: 'ArrowLeft' });
    expect(container.querySelector('[data-current="true"]')?.getAttribute('data-node')).toBe('x_mt');
    // The step that resolves the pfn lights the VMA leaf and the resource holding it.
    const steps = [...container.querySelectorAll('[data-step-index]')];
    const resolve = steps.find((s) => s.getAttribute('data-node') === 'd_handler')!;
    fireEvent.click(resolve);
    expect(container.querySelector('[data-testid="vma-leaf"][data-lit="true"]')).not.toBeNull();
    expect(container.querySelector('[data-testid="tree-node"][data-lit="true"]')?.getAttribute('data-path')).toMatch(/vfio-cxl-hdm$/);
  });

  it('leaves arrow keys, Home/End and space to a text field that has focus', async () => {
    render(<App />);
    fireEvent.click(screen.getByTestId('verdict-vfio-owned-guest-cacheable'));
    // The inspector's code loads on first use (beside "what would it take"'s, which a bad cell also loads).
    const input = await screen.findByTestId('note-input', {}, { timeout: 5000 });
    const before = screen.getByTestId('step-status').textContent;
    input.focus();
    for (const key of ['ArrowRight', 'End', ' ']) fireEvent.keyDown(input, { key });
    expect(screen.getByTestId('step-status').textContent).toBe(before);
    expect(screen.getByTestId('step-play')).toHaveAttribute('aria-pressed', 'false');
    // The same keys step once focus leaves the field.
    input.blur();
    fireEvent.keyDown(window, { key: 'End' });
    expect(screen.getByTestId('step-status')).toHaveTextContent(/^step (\d+)\/\1$/);
    fireEvent.keyDown(window, { key: 'Home' });
    expect(screen.getByTestId('step-status')).toHaveTextContent(/^step 1\//);
  });

  it('space plays the path to the end', async () => {
    render(<App />);
    await act(async () => {
      fireEvent.keyDown(window, { key: ' ' });
    });
    expect(screen.getByTestId('step-play')).toHaveAttribute('aria-pressed', 'true');
  });

  it('playback advances on its own, stops at the last step, and space pauses it', async () => {
    vi.useFakeTimers();
    try {
      render(<App />);
      const n = explain(DEFAULT_SCENARIO).fault.steps.length;
      act(() => void fireEvent.keyDown(window, { key: ' ' }));
      // Each tick schedules the next after React re-renders, so advance one tick at a time.
      for (let i = 0; i < 3; i++) await act(async () => void vi.advanceTimersByTime(700));
      const mid = Number(/step (\d+)/.exec(screen.getByTestId('step-status').textContent ?? '')?.[1]);
      expect(mid).toBeGreaterThan(1);
      expect(mid).toBeLessThan(n);
      act(() => void fireEvent.keyDown(window, { key: ' ' }));
      for (let i = 0; i < 4; i++) await act(async () => void vi.advanceTimersByTime(1000));
      expect(screen.getByTestId('step-status')).toHaveTextContent(`step ${mid}/${n}`);
      act(() => void fireEvent.keyDown(window, { key: ' ' }));
      for (let i = 0; i < n + 2; i++) await act(async () => void vi.advanceTimersByTime(1000));
      expect(screen.getByTestId('step-status')).toHaveTextContent(`step ${n}/${n}`);
      expect(screen.getByTestId('step-play')).toHaveAttribute('aria-pressed', 'false');
    } finally {
      vi.useRealTimers();
    }
  });

  it('compares two designs: shows the first divergence and marks differing verdicts', async () => {
    render(<App />);
    fireEvent.change(screen.getByTestId('ctl-compare'), { target: { value: 'design:hotplug' } });
    // Compare mode's summary and aligned paths load on first use.
    await screen.findByTestId('first-divergence', {}, { timeout: 5000 });
    await screen.findByTestId('compare-paths', {}, { timeout: 5000 });
    // The step number comes from the model (it moves when the fault graph grows); what the UI must show is that step.
    const at = compareExplanations(explain(DEFAULT_SCENARIO), explain({ ...DEFAULT_SCENARIO, design: 'hotplug' })).firstDivergence!.index;
    expect(screen.getByTestId('first-divergence')).toHaveTextContent(
      new RegExp(`share their first ${at} steps .*; at step ${at + 1} they part\\. VFIO-owned: hva_to_pfn_fast\\(\\): GUP-fast returns a page\\? → special or missing PTE: no page\\. Memory hotplug: .* → refcounted struct page\\.`),
    );
    // In words: the verdict's label, not its id.
    expect(screen.getByTestId('verdict-diffs')).toHaveTextContent('Guest sees cacheable memory');
    expect(screen.getByTestId('verdict-diffs')).not.toHaveTextContent('guest-cacheable');
    expect(screen.getByTestId('verdict-hotplug-guest-cacheable')).toHaveAttribute('data-differs', 'true');
    // Both whole paths, aligned, the first divergence marked in both columns, both entries drawn.
    expect(screen.getByTestId('compare-paths')).toBeInTheDocument();
    expect([...document.querySelectorAll('[data-diverges="true"]')].map((e) => e.getAttribute('data-testid'))).toEqual(['compare-step-a', 'compare-step-b']);
    expect(screen.getByTestId('compare-result-a')).toHaveTextContent('EPT 2M UC');
    expect(screen.getByTestId('compare-result-b')).toHaveTextContent('EPT 2M WB+IPAT');
    // The resource tree difference: VFIO-owned's claim only in the first tree, hotplug's System RAM only in the second.
    const tree = screen.getByTestId('tree-diff');
    expect(tree).toHaveTextContent(/Only in the tree of VFIO-owned:.*vfio-cxl/);
    expect(tree).toHaveTextContent(/Only in the tree of Memory hotplug:.*System RAM/);
    // Only the deepest path is listed, not each of its ancestors again.
    expect([...tree.querySelectorAll('code')].filter((c) => /dax0\.0$/.test(c.textContent ?? ''))).toHaveLength(0);
  });

  it('compares one design on two platforms', async () => {
    render(<App />);
    fireEvent.change(screen.getByTestId('ctl-compare'), { target: { value: 'platform' } });
    await screen.findByTestId('first-divergence', {}, { timeout: 5000 });
    expect(screen.getByTestId('cmp-ctl-arch')).toHaveValue('arm64');
    expect(screen.getByTestId('first-divergence')).toHaveTextContent(/differ from the first step; at step 1 they part/);
    expect(screen.getByTestId('compare-summary')).toHaveTextContent(/VFIO-owned \(arm64, FWB on, DIC on\)/);
  });

  it('selecting a verdict opens its detail with linked sources, and a note can be pinned', async () => {
    render(<App />);
    fireEvent.click(screen.getByTestId('verdict-vfio-owned-guest-cacheable'));
    const insp = await screen.findByTestId('inspector');
    expect(insp).toHaveTextContent('EPT memtype comes from the pfn');
    const links = within(insp).getAllByRole('link');
    expect(links.some((a) => /^https:\/\/elixir\.bootlin\.com\/linux\/[^/]+\/A\/ident\/vmx_get_mt_mask$/.test(a.getAttribute('href') ?? ''))).toBe(true);
    fireEvent.change(screen.getByTestId('note-input'), { target: { value: 'needs KVM/x86 work' } });
    fireEvent.click(screen.getByTestId('note-add'));
    expect(within(insp).getByTestId('note')).toHaveTextContent('needs KVM/x86 work');
  });

  it('has no axe-core violations', async () => {
    const { container } = render(<App />);
    const r = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);
  });

  it('has no axe-core violations while comparing (diagrams twice) with a verdict open', async () => {
    const { container } = render(<App />);
    fireEvent.change(screen.getByTestId('ctl-compare'), { target: { value: 'platform' } });
    fireEvent.click(screen.getByTestId('verdict-memremap-guest-cacheable'));
    await screen.findByTestId('compare-paths', {}, { timeout: 5000 });
    const r = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);
  });

  it('a verdict cell selects its design, steps to what decided it and lights it', () => {
    const { container } = render(<App />);
    fireEvent.click(screen.getByTestId('verdict-memremap-guest-cacheable'));
    expect(screen.getByTestId('ctl-design')).toHaveValue('memremap');
    const decided = container.querySelector('[data-testid="fault-graph"] [data-decided="true"]');
    expect(decided?.getAttribute('data-node')).toBe('x_mmio');
    expect(decided?.getAttribute('data-current')).toBe('true');
    expect(screen.getByTestId('decided-by')).toHaveTextContent(/Decided by step \d+, kvm_is_mmio_pfn/);
    fireEvent.click(screen.getByTestId('verdict-vfio-owned-exclusive-ownership'));
    expect(container.querySelector('[data-testid="tree-graph"] [data-decided="true"]')?.getAttribute('data-path')).toBe('CXL Window 0/region0/Reserved/vfio-cxl-hdm');
  });

  it('clamps a step past the end of the path to the last step', () => {
    render(<App initialView={{ ...DEFAULT_VIEW, step: 999 }} />);
    const n = explain(DEFAULT_SCENARIO).fault.steps.length;
    expect(screen.getByTestId('step-status')).toHaveTextContent(`step ${n}/${n}`);
  });

  it('lists every review note: jump to it, edit it, delete it', async () => {
    const note = { id: 'n1', target: { kind: 'step' as const, nodeId: 'x_mmio' }, text: 'EPT ignores the VMA here' };
    render(<App initialView={{ ...DEFAULT_VIEW, notes: [note] }} />);
    const panel = screen.getByTestId('notes-panel');
    expect(panel).toHaveTextContent(/Step \d+: kvm_is_mmio_pfn\(\): host MMIO pfn\?/);
    fireEvent.click(within(panel).getByTestId('notes-jump'));
    expect(await screen.findByTestId('inspector')).toHaveTextContent('kvm_is_mmio_pfn(pfn)');
    expect(screen.getByTestId('step-status')).toHaveTextContent(/^step \d+\//);
    fireEvent.click(within(panel).getByTestId('notes-edit'));
    fireEvent.change(within(panel).getByTestId('notes-edit-input'), { target: { value: 'edited' } });
    fireEvent.click(within(panel).getByTestId('notes-save'));
    expect(within(panel).getByTestId('notes-text')).toHaveTextContent('edited');
    fireEvent.click(within(panel).getByTestId('notes-delete'));
    expect(screen.queryByTestId('notes-panel')).toBeNull();
  });

  it('steps with buttons that say what they do', () => {
    render(<App />);
    expect(screen.getByTestId('step-next')).toHaveTextContent('Next step');
    fireEvent.click(screen.getByTestId('step-next'));
    expect(screen.getByTestId('step-status')).toHaveTextContent('step 1/');
    fireEvent.click(screen.getByTestId('step-prev'));
    expect(screen.getByTestId('step-status')).toHaveTextContent('step 1/');
  });
});
