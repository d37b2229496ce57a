// @vitest-environment jsdom
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SCENARIO, type Platform } from '../model/scenario';
import { ScenarioBar } from './ScenarioBar';

const arm: Platform = { ...DEFAULT_SCENARIO.platform, arch: 'arm64', fwb: false, mte: false };

function setup(platform: Platform = DEFAULT_SCENARIO.platform) {
  const onDesign = vi.fn();
  const onPlatform = vi.fn();
  render(<ScenarioBar scenario={{ ...DEFAULT_SCENARIO, platform }} onDesign={onDesign} onPlatform={onPlatform} />);
  return { onDesign, onPlatform };
}

describe('ScenarioBar', () => {
  it('dispatches the design', () => {
    const { onDesign } = setup();
    fireEvent.change(screen.getByTestId('ctl-design'), { target: { value: 'private-node' } });
    expect(onDesign).toHaveBeenCalledWith('private-node');
  });

  it.each([
    ['ctl-arch', 'arm64', { arch: 'arm64' }],
    ['ctl-firmware', 'soft-reserved', { firmware: 'soft-reserved' }],
    ['ctl-kernel', '6.11', { kernel: '6.11' }],
    ['ctl-online', 'offline', { onlinePolicy: 'offline' }],
  ])('select %s dispatches its platform field', (id, value, patch) => {
    const { onPlatform } = setup();
    fireEvent.change(screen.getByTestId(id), { target: { value } });
    expect(onPlatform).toHaveBeenCalledWith(patch);
  });

  it.each([
    ['ctl-fwb', { fwb: true }],
    ['ctl-mte', { mte: true }],
    ['ctl-nosoftreserve', { nosoftreserve: true }],
    ['ctl-huge-fault', { hugeFault: false }],
    ['ctl-dirty-log', { dirtyLog: true }],
    ['ctl-device-reset', { deviceReset: true }],
  ])('checkbox %s toggles its platform field (arm64)', (id, patch) => {
    const { onPlatform } = setup(arm);
    fireEvent.click(screen.getByTestId(id));
    expect(onPlatform).toHaveBeenCalledWith(patch);
  });

  it('groups the arm64-only checkboxes under a legend that says so, disabled as a group on x86-64', () => {
    setup();
    const group = screen.getByRole('group', { name: 'arm64 only' });
    expect(group).toBeDisabled();
    for (const id of ['ctl-fwb', 'ctl-dic', 'ctl-mte']) {
      const el = within(group).getByTestId(id);
      expect(el).toBeDisabled();
      expect(el).not.toBeChecked();
    }
    expect(screen.getByTestId('ctl-dirty-log')).toBeEnabled();
    expect(screen.getByTestId('ctl-efi-attr')).toBeDisabled();
    expect(screen.getByTestId('ctl-efi-attr').closest('label')).toHaveTextContent('arm64 only');
    expect(screen.getByTestId('ctl-vendor')).toBeEnabled();
  });

  it('enables them on arm64; the legend stays, so the bar keeps its shape', () => {
    setup(arm);
    const group = screen.getByRole('group', { name: 'arm64 only' });
    expect(group).toBeEnabled();
    expect(within(group).getByTestId('ctl-fwb')).toBeEnabled();
    expect(within(group).getByTestId('ctl-mte')).toBeEnabled();
    expect(screen.getByTestId('ctl-vendor')).toBeDisabled();
    expect(screen.getByTestId('ctl-vendor').closest('label')).toHaveTextContent('x86 only');
  });

  it('offers the EFI attribute only for an EFI_RESERVED_TYPE range on arm64, and says why otherwise', () => {
    setup({ ...arm, firmware: 'reserved' });
    expect(screen.getByTestId('ctl-efi-attr')).toBeEnabled();
    expect(screen.getByTestId('ctl-efi-attr').closest('label')).not.toHaveTextContent('only');
  });

  it('disables the EFI attribute on arm64 for other firmware types', () => {
    setup({ ...arm, firmware: 'soft-reserved' });
    expect(screen.getByTestId('ctl-efi-attr')).toBeDisabled();
    expect(screen.getByTestId('ctl-efi-attr').closest('label')).toHaveTextContent('EFI_RESERVED only');
  });

  it('labels every control', () => {
    setup();
    for (const el of screen.getAllByRole('combobox')) expect(el).toHaveAccessibleName();
    for (const el of screen.getAllByRole('checkbox')) expect(el).toHaveAccessibleName();
  });
});
