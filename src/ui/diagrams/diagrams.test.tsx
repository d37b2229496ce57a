// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { explain } from '../../model/explain';
import { DEFAULT_PLATFORM } from '../../model/scenario';
import { DiagramBoundary } from './DiagramBoundary';
import { FaultPathDiagram } from './FaultPathDiagram';
import { ResourceTreeDiagram } from './ResourceTreeDiagram';
import type { DiagramProps } from './types';
import { VmaDiagram } from './VmaDiagram';

function props(over: Partial<DiagramProps> & Pick<DiagramProps, 'ex'>): DiagramProps {
  return { highlight: null, onHighlight: vi.fn(), step: -1, onStep: vi.fn(), onSelect: vi.fn(), onNoteTarget: vi.fn(), notes: [], ...over };
}

const vfio = explain({ design: 'vfio-owned', platform: DEFAULT_PLATFORM });
const vfioRam = explain({ design: 'vfio-owned', platform: { ...DEFAULT_PLATFORM, firmware: 'conventional' } });
const hotplug = explain({ design: 'hotplug', platform: { ...DEFAULT_PLATFORM, firmware: 'reserved' } });

describe('ResourceTreeDiagram', () => {
  it('draws every resource of the tree with its path, and marks the design\'s claim as new and busy', () => {
    const { container } = render(<ResourceTreeDiagram {...props({ ex: vfio })} />);
    const nodes = container.querySelectorAll('[data-testid="tree-node"]');
    expect(nodes.length).toBe(vfio.iomem.trim().split('\n').length);
    const claim = container.querySelector('[data-path="CXL Window 0/region0/Reserved/vfio-cxl-hdm"]');
    expect(claim).not.toBeNull();
    expect(claim!.getAttribute('data-new')).toBe('true');
    expect(claim!.getAttribute('data-busy')).toBe('true');
    expect(container.querySelector('[data-path="CXL Window 0/region0"]')!.getAttribute('data-busy')).toBe('false');
  });

  it('draws the conflict in place on the busy System RAM with the errno', () => {
    const { container } = render(<ResourceTreeDiagram {...props({ ex: vfioRam })} />);
    const c = container.querySelector('[data-conflict="true"]');
    expect(c?.getAttribute('data-path')).toBe('CXL Window 0/region0/System RAM');
    expect(c?.textContent).toContain('-EBUSY');
    expect(screen.getByText(/request_mem_region_exclusive\(\) failed -EBUSY/)).toBeInTheDocument();
  });

  it('hover and focus highlight the resource; Enter selects; "n" asks for a note', () => {
    const p = props({ ex: vfio });
    const { container } = render(<ResourceTreeDiagram {...p} />);
    const node = container.querySelector('[data-path="CXL Window 0/region0"]')!;
    fireEvent.mouseEnter(node);
    expect(p.onHighlight).toHaveBeenCalledWith({ kind: 'resource', path: ['CXL Window 0', 'region0'] });
    fireEvent.keyDown(node, { key: 'Enter' });
    expect(p.onSelect).toHaveBeenCalledWith({ kind: 'resource', path: ['CXL Window 0', 'region0'] });
    fireEvent.keyDown(node, { key: 'n' });
    expect(p.onNoteTarget).toHaveBeenCalledWith({ kind: 'resource', path: ['CXL Window 0', 'region0'] });
  });

  it('lights the resource holding the pfn of the current fault step (linked highlighting)', () => {
    const i = vfio.fault.steps.findIndex((s) => s.links?.pfn !== undefined);
    const { container } = render(<ResourceTreeDiagram {...props({ ex: vfio, step: i })} />);
    expect(container.querySelector('[data-lit="true"]')?.getAttribute('data-path')).toBe('CXL Window 0/region0/Reserved/vfio-cxl-hdm');
  });
});

describe('VmaDiagram', () => {
  it('shows the VFIO region flags as chips with smaps letters, the ?? of the unnamed VM_ALLOW_ANY_UNCACHED (v2\'s DPA region) and the special leaves', () => {
    const owned = [...render(<VmaDiagram {...props({ ex: vfio })} />).container.querySelectorAll('[data-testid="vma-flag"]')].map((e) => e.getAttribute('data-flag'));
    expect(owned).toEqual(['VM_READ', 'VM_WRITE', 'VM_SHARED', 'VM_MAYREAD', 'VM_MAYWRITE', 'VM_MAYEXEC', 'VM_MAYSHARE', 'VM_PFNMAP', 'VM_IO', 'VM_DONTEXPAND', 'VM_DONTDUMP']);
    cleanup();
    const { container } = render(<VmaDiagram {...props({ ex: explain({ design: 'memremap', platform: DEFAULT_PLATFORM }) })} />);
    const flags = [...container.querySelectorAll('[data-testid="vma-flag"]')].map((e) => e.getAttribute('data-flag'));
    expect(flags).toEqual(['VM_READ', 'VM_WRITE', 'VM_SHARED', 'VM_MAYREAD', 'VM_MAYWRITE', 'VM_MAYEXEC', 'VM_MAYSHARE', 'VM_PFNMAP', 'VM_IO', 'VM_DONTEXPAND', 'VM_DONTDUMP', 'VM_ALLOW_ANY_UNCACHED']);
    const unnamed = container.querySelector('[data-flag="VM_ALLOW_ANY_UNCACHED"]')!;
    expect(unnamed.getAttribute('data-mnemonic')).toBe('??');
    expect(unnamed.classList.contains('unverified')).toBe(false); // read in show_smap_vma_flags(): no entry, the table's default
    expect(container.querySelector('[data-testid="walk-PTE"]')!.classList.contains('leaf')).toBe(true); // v2 has only .fault
    expect(container.querySelector('[data-testid="vma-leaf"]')!.textContent).toContain('special: no struct page');
  });

  it('page-backed hotplug memory shows struct pages of the node and no vm_ops', () => {
    const { container } = render(<VmaDiagram {...props({ ex: hotplug })} />);
    expect(container.querySelector('[data-testid="vma-leaf"]')!.textContent).toMatch(/struct page, node 1, ZONE_MOVABLE/);
    expect(container.textContent).toContain('vm_ops: none');
  });

  it('explains why there is no VMA when the probe failed', () => {
    render(<VmaDiagram {...props({ ex: vfioRam })} />);
    expect(screen.getByTestId('vma-none')).toHaveTextContent(/did not get the memory set up/);
  });

  it('compares the user\'s smaps flags with the model\'s', () => {
    const { container } = render(<VmaDiagram {...props({ ex: vfio, observed: { vmFlags: { label: 'pid 1234', mnemonics: ['rd', 'wr', 'sh', 'pf', 'io', 'sd'] } } })} />);
    expect(container.querySelector('[data-flag="VM_DONTDUMP"]')!.getAttribute('data-state')).toBe('model');
    expect(container.querySelector('[data-mnemonic="sd"]')!.getAttribute('data-state')).toBe('observed');
    expect(container.querySelector('[data-flag="VM_PFNMAP"]')!.getAttribute('data-state')).toBe('both');
  });
});

describe('FaultPathDiagram', () => {
  it('highlights the taken path in order and shows the final EPT entry', () => {
    const { container } = render(<FaultPathDiagram {...props({ ex: vfio })} />);
    expect(screen.getByTestId('fault-result')).toHaveTextContent('EPT 2M UC');
    for (let i = 0; i < vfio.fault.steps.length; i++) {
      expect(container.querySelector(`[data-testid="fault-step-${i}"]`)?.getAttribute('data-node')).toBe(vfio.fault.steps[i]!.nodeId);
    }
    const notTaken = container.querySelectorAll('[data-testid="fault-node"]');
    expect(notTaken.length).toBe(vfio.fault.graph.nodes.length - vfio.fault.steps.length);
    expect(container.querySelector('[data-node="resolve_page"]')!.classList.contains('not-taken')).toBe(true);
  });

  it('shows the decision value of the selected step and marks it current', () => {
    const i = vfio.fault.steps.findIndex((s) => s.nodeId === 'x_mmio');
    const { container } = render(<FaultPathDiagram {...props({ ex: vfio, step: i })} />);
    expect(screen.getByTestId('step-inspector')).toHaveTextContent('not E820_TYPE_RAM in e820_table_firmware');
    expect(container.querySelector('[data-current="true"]')?.getAttribute('data-node')).toBe('x_mmio');
  });

  it('holds the step inspector\'s place with a hint until a step is chosen, then shows the step there', () => {
    const p = props({ ex: vfio });
    const { rerender } = render(<FaultPathDiagram {...p} />);
    expect(screen.getByTestId('step-hint')).toHaveTextContent(`${vfio.fault.steps.length} steps`);
    expect(screen.queryByTestId('step-inspector')).toBeNull();
    rerender(<FaultPathDiagram {...p} step={0} />);
    expect(screen.queryByTestId('step-hint')).toBeNull();
    expect(screen.getByTestId('step-inspector')).toHaveTextContent(`Step 1 of ${vfio.fault.steps.length}`);
  });

  it('marks exactly the box of the current step as current (class, data-current, aria-current), for every step', () => {
    const { container, rerender } = render(<FaultPathDiagram {...props({ ex: vfio })} />);
    const live = () => container.querySelectorAll('[data-testid="fault-graph"] [data-current="true"]');
    expect(live()).toHaveLength(0);
    for (let i = 0; i < vfio.fault.steps.length; i++) {
      rerender(<FaultPathDiagram {...props({ ex: vfio, step: i })} />);
      const cur = live();
      expect(cur).toHaveLength(1);
      expect(cur[0]).toHaveAttribute('data-step-index', String(i));
      expect(cur[0]).toHaveClass('current');
      expect(cur[0]).toHaveAttribute('aria-current', 'step');
    }
  });

  it('clicking a taken step selects it', () => {
    const p = props({ ex: vfio });
    const { container } = render(<FaultPathDiagram {...p} />);
    fireEvent.click(container.querySelector('[data-testid="fault-step-3"]')!);
    expect(p.onStep).toHaveBeenCalledWith(3);
  });

  it('shows the error and where the VMM sees it', () => {
    const arm = explain({ design: 'vfio-owned', platform: { ...DEFAULT_PLATFORM, arch: 'arm64', fwb: false } });
    render(<FaultPathDiagram {...props({ ex: arm })} />);
    expect(screen.getByTestId('fault-result')).toHaveTextContent('-EINVAL');
    expect(screen.getByTestId('fault-result')).toHaveTextContent('KVM_SET_USER_MEMORY_REGION');
  });

  it('marks functions seen in a pasted trace and lists the unknown ones', () => {
    const { container } = render(<FaultPathDiagram {...props({ ex: vfio, observed: { traceFunctions: ['kvm_mmu_page_fault', 'hva_to_pfn', 'tdp_iter_next'] } })} />);
    expect(container.querySelector('[data-node="x_pf"]')!.getAttribute('data-seen')).toBe('true');
    expect(screen.getByTestId('trace-overlay')).toHaveTextContent('tdp_iter_next');
  });
});

describe('DiagramBoundary', () => {
  it('shows a message in the failing panel and leaves siblings working', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const Boom = () => {
      throw new Error('layout exploded');
    };
    render(
      <div>
        <DiagramBoundary name="VMA" resetKey="a">
          <Boom />
        </DiagramBoundary>
        <p>other panel</p>
      </div>,
    );
    expect(screen.getByTestId('diagram-error')).toHaveTextContent('layout exploded');
    expect(screen.getByText('other panel')).toBeInTheDocument();
    spy.mockRestore();
  });
});
