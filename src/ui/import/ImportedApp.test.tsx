// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ImportedApp } from './ImportedApp';

const S = join(__dirname, '../../../tests/fixtures/samples');
const read = (p: string) => readFileSync(join(S, p), 'utf8');

async function importText(text: string) {
  // The panel is code-split (React.lazy): wait for it to load.
  fireEvent.change(await screen.findByTestId('import-text', {}, { timeout: 15_000 }), { target: { value: text } });
  fireEvent.click(screen.getByTestId('import-submit'));
  await waitFor(() => expect(screen.queryByTestId('import-progress')).toBeNull());
}

describe('ImportedApp', () => {
  beforeEach(() => localStorage.clear());

  it('picking a range redraws the designs on the imported tree; the scenario stays', async () => {
    render(<ImportedApp />);
    const design = screen.getByTestId('ctl-design') as HTMLSelectElement;
    fireEvent.change(design, { target: { value: 'vfio-owned' } });
    const before = screen.getByTestId('iomem-text').textContent;
    await importText(read('iomem/cxl-qemu-window-over-e820-reserved-lkml-gourry.iomem'));
    expect(screen.getByTestId('iomem-text').textContent).toBe(before); // parsing alone changes nothing
    fireEvent.click(within(screen.getAllByTestId('import-candidate')[0]!).getByRole('radio'));
    await waitFor(() => expect(screen.getByTestId('iomem-text').textContent).toContain('590000000-68fffffff : CXL Window 0'));
    expect((screen.getByTestId('ctl-design') as HTMLSelectElement).value).toBe('vfio-owned');
  });

  it('smaps flags and trace functions reach the diagrams', async () => {
    render(<ImportedApp />);
    await importText('7f2ad4108000-7f2ad410c000 rw-s 00000000 00:0f 3091 anon_inode:[vfio-device]\nVmFlags: rd wr sh mr mw me ms pf io de dd sd\n');
    fireEvent.change(screen.getByTestId('ctl-design'), { target: { value: 'vfio-owned' } });
    await waitFor(() => {
      const sd = screen.getAllByTestId('vma-flag').find((f) => f.getAttribute('data-mnemonic') === 'sd');
      expect(sd).toHaveAttribute('data-state', 'observed');
    });
    await importText(read('ftrace/kvm-tdp-page-fault-function-graph-L0-host-martins3.txt'));
    expect(await screen.findByTestId('trace-overlay')).toHaveTextContent('tdp_iter_next');
  });
});
