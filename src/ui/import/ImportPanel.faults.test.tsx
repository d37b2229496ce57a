// @vitest-environment jsdom
// The import panel under faults: what a failed import leaves, stored imports set aside, storage that refuses.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_PLATFORM } from '../../model/scenario';
import { resetImportWorker } from '../../workers/importClient';
import { ImportPanel } from './ImportPanel';
import { IMPORT_STORAGE_KEY } from './importStorage';
import { RESTORE_MARKER_KEY } from './restoreGuard';

const DUMP = '0-fff : Reserved\n1000-9ffff : System RAM\n';
const saved = { version: 1, iomem: { name: 'saved.iomem', text: DUMP, savedAt: '2026-01-01T00:00:00.000Z', range: null } };

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  resetImportWorker();
});

describe('ImportPanel under faults', () => {
  it('a rejected import leaves the text in the textarea, with the Import button usable', async () => {
    render(<ImportPanel platform={DEFAULT_PLATFORM} onChange={vi.fn()} storage={null} />);
    fireEvent.change(screen.getByTestId('import-text'), { target: { value: 'this is not anything' } });
    fireEvent.click(screen.getByTestId('import-submit'));
    await waitFor(() => expect(screen.getByTestId('import-message')).toHaveTextContent('was not imported — line 1, column 1'));
    await act(() => new Promise((r) => setTimeout(r, 20))); // past the idle callback that empties it after a success
    expect(screen.getByTestId('import-text')).toHaveValue('this is not anything');
    expect(screen.getByTestId('import-submit')).toBeEnabled();
  });

  it('a large paste without any worker is parsed on the page, and the panel says why', async () => {
    vi.stubGlobal('Worker', undefined);
    render(<ImportPanel platform={DEFAULT_PLATFORM} onChange={vi.fn()} storage={null} />);
    const big = '  2)   0.122 us    |    hva_to_pfn [kvm]();\n'.repeat(8000);
    await act(async () => {
      fireEvent.paste(screen.getByTestId('import-text'), { clipboardData: { getData: () => big } });
    });
    await screen.findByTestId('import-trace');
    expect(screen.getByTestId('import-message')).toHaveTextContent(/parsed on this page \(the import worker was not used: this browser has no Web Workers\)/);
    vi.unstubAllGlobals();
  });

  it('restores stored imports, and sets aside ones whose last restore did not end, with Restore and Discard', async () => {
    localStorage.setItem(IMPORT_STORAGE_KEY, JSON.stringify(saved));
    const first = render(<ImportPanel platform={DEFAULT_PLATFORM} onChange={vi.fn()} />);
    await screen.findByTestId('import-iomem');
    await waitFor(() => expect(localStorage.getItem(RESTORE_MARKER_KEY)).toBeNull());
    first.unmount();

    localStorage.setItem(RESTORE_MARKER_KEY, JSON.stringify({ id: `iomem@${saved.iomem.savedAt}` }));
    const second = render(<ImportPanel platform={DEFAULT_PLATFORM} onChange={vi.fn()} />);
    expect(screen.getByTestId('import-set-aside')).toHaveTextContent('(/proc/iomem: saved.iomem) were not restored: the last attempt to restore them did not finish');
    expect(screen.queryByTestId('import-iomem')).toBeNull();
    fireEvent.click(screen.getByTestId('import-restore-retry'));
    await screen.findByTestId('import-iomem');
    second.unmount();

    localStorage.setItem(RESTORE_MARKER_KEY, JSON.stringify({ id: `iomem@${saved.iomem.savedAt}`, failed: 'saved.iomem: the import worker failed mid-parse' }));
    render(<ImportPanel platform={DEFAULT_PLATFORM} onChange={vi.fn()} />);
    expect(screen.getByTestId('import-set-aside')).toHaveTextContent('restoring them failed last time (saved.iomem: the import worker failed mid-parse)');
    fireEvent.click(screen.getByTestId('import-restore-discard'));
    await waitFor(() => expect(JSON.parse(localStorage.getItem(IMPORT_STORAGE_KEY)!).iomem).toBeUndefined());
    expect(localStorage.getItem(RESTORE_MARKER_KEY)).toBeNull();
  });

  it('a stored import whose text was dropped for want of space says so instead of restoring an older one', () => {
    localStorage.setItem(IMPORT_STORAGE_KEY, JSON.stringify({ version: 1, iomem: { ...saved.iomem, name: 'newer.iomem', text: null, why: 'storage-full' } }));
    render(<ImportPanel platform={DEFAULT_PLATFORM} onChange={vi.fn()} />);
    expect(screen.getByTestId('import-not-kept')).toHaveTextContent('Not restored: /proc/iomem "newer.iomem". The browser\'s storage was full when it was imported');
    expect(screen.queryByTestId('import-iomem')).toBeNull();
  });
});
