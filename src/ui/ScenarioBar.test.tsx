// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/react';
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

  it('disables the arm64-only controls on x86-64 and says why, visibly and in their names', () => {
    setup();
    for (const id of ['ctl-fwb', 'ctl-dic', 'ctl-mte']) {
      const el = screen.getByTestId(id);
      expect(el).toBeDisabled();
      expect(el).not.toBeChecked();
      expect(el.closest('label')).toHaveTextContent('arm64 only');
    }
    expect(screen.getByRole('checkbox', { name: /FWB.*arm64 only/ })).toBeDisabled();
    expect(screen.getByRole('checkbox', { name: /DIC.*arm64 only/ })).toBeDisabled();
    expect(screen.getByTestId('ctl-dirty-log')).toBeEnabled();
  });

  it('enables them on arm64 with no "arm64 only" note', () => {
    setup(arm);
    expect(screen.getByTestId('ctl-fwb')).toBeEnabled();
    expect(screen.getByTestId('ctl-mte')).toBeEnabled();
    expect(screen.queryByText('(arm64 only)')).toBeNull();
  });

  it('labels every control', () => {
    setup();
    for (const el of screen.getAllByRole('combobox')) expect(el).toHaveAccessibleName();
    for (const el of screen.getAllByRole('checkbox')) expect(el).toHaveAccessibleName();
  });
});
