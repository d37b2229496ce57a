// @vitest-environment jsdom
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { explainAll } from '../model/explain';
import { DEFAULT_PLATFORM, DESIGNS } from '../model/scenario';
import { VerdictMatrix } from './VerdictMatrix';

const all = explainAll(DEFAULT_PLATFORM);

function setup(diff?: Set<string>) {
  const onDesign = vi.fn();
  const onCell = vi.fn();
  render(<VerdictMatrix all={all} current="vfio-owned" onDesign={onDesign} selected={null} onCell={onCell} notes={[]} {...(diff ? { diff } : {})} />);
  return { onDesign, onCell };
}

describe('VerdictMatrix', () => {
  it('has one row per design and one cell per verdict, each carrying the derived status', () => {
    setup();
    const table = screen.getByTestId('verdict-matrix');
    expect(within(table).getAllByRole('row')).toHaveLength(DESIGNS.length + 1);
    for (const d of DESIGNS) {
      for (const v of all[d].verdicts) {
        const cell = screen.getByTestId(`verdict-${d}-${v.id}`);
        expect(cell).toHaveAttribute('data-status', v.status);
        expect(cell).toHaveAccessibleName(new RegExp(`${v.status}.*${v.verified ? '' : 'unverified'}`));
      }
    }
  });

  it('marks the current design and switches design on a row click', () => {
    const { onDesign } = setup();
    expect(screen.getByTestId('matrix-design-vfio-owned')).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByTestId('matrix-design-hotplug')).toHaveAttribute('aria-pressed', 'false');
    fireEvent.click(screen.getByTestId('matrix-design-hotplug'));
    expect(onDesign).toHaveBeenCalledWith('hotplug');
  });

  it('reports a clicked cell with its design and verdict', () => {
    const { onCell } = setup();
    const v = all['memremap'].verdicts[1]!;
    fireEvent.click(screen.getByTestId(`verdict-memremap-${v.id}`));
    expect(onCell).toHaveBeenCalledWith('memremap', v.id);
  });

  it('takes its columns from the verdicts, so a verdict it has no short name for still gets a column', () => {
    const extra = { ...all, hotplug: { ...all.hotplug, verdicts: [...all.hotplug.verdicts, { ...all.hotplug.verdicts[0]!, id: 'new-verdict', label: 'A new question' }] } } as unknown as typeof all;
    render(<VerdictMatrix all={extra} current="hotplug" onDesign={vi.fn()} selected={null} onCell={vi.fn()} notes={[]} />);
    expect(screen.getByRole('columnheader', { name: 'A new question' })).toBeInTheDocument();
    expect(screen.getByTestId('verdict-hotplug-new-verdict')).toBeInTheDocument();
    expect(screen.getAllByText('—').length).toBe(DESIGNS.length - 1);
  });

  it('keeps an errno on one line', () => {
    const ram = explainAll({ ...DEFAULT_PLATFORM, firmware: 'conventional' });
    render(<VerdictMatrix all={ram} current="vfio-owned" onDesign={vi.fn()} selected={null} onCell={vi.fn()} notes={[]} />);
    const cell = screen.getByTestId('verdict-vfio-owned-firmware-ram');
    expect(cell.querySelector('.nobr')?.textContent).toMatch(/^-E[A-Z]+$/);
  });

  it('marks exactly the verdicts listed as differing', () => {
    const v = all['hotplug'].verdicts[0]!;
    setup(new Set([`hotplug/${v.id}`]));
    expect(screen.getByTestId(`verdict-hotplug-${v.id}`)).toHaveAttribute('data-differs', 'true');
    expect(document.querySelectorAll('[data-differs="true"]')).toHaveLength(1);
  });
});
