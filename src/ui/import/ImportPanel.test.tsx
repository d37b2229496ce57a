// @vitest-environment jsdom
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { explainAll } from '../../model/explain';
import { DEFAULT_PLATFORM } from '../../model/scenario';
import { ImportPanel, type ImportSelection } from './ImportPanel';
import { IMPORT_STORAGE_KEY } from './importStorage';
import * as parsing from '../../model/import/parseImport';

const S = join(__dirname, '../../../tests/fixtures/samples');
const read = (p: string) => readFileSync(join(S, p), 'utf8');

function last(fn: ReturnType<typeof vi.fn>): ImportSelection {
  return fn.mock.calls[fn.mock.calls.length - 1]![0] as ImportSelection;
}

async function importText(text: string) {
  fireEvent.change(screen.getByTestId('import-text'), { target: { value: text } });
  fireEvent.click(screen.getByTestId('import-submit'));
  await waitFor(() => expect(screen.queryByTestId('import-progress')).toBeNull());
}

describe('ImportPanel', () => {
  beforeEach(() => localStorage.clear());

  it('parses the textarea ahead once the page is idle, so Import shows the same result without parsing it again', async () => {
    const text = read('iomem-damaged/cxl-type2-accelerator-softreserved-snip-lkml-ppwaskie.iomem');
    render(<ImportPanel platform={DEFAULT_PLATFORM} onChange={() => {}} />);
    const spy = vi.spyOn(parsing, 'parseImport');
    fireEvent.change(screen.getByTestId('import-text'), { target: { value: text } });
    await waitFor(() => expect(spy).toHaveBeenCalledTimes(1));
    fireEvent.click(screen.getByTestId('import-submit'));
    await waitFor(() => expect(screen.getAllByTestId('import-candidate')[0]).toHaveAttribute('data-name', 'Soft Reserved'));
    expect(screen.getByTestId('import-errors-iomem')).toHaveTextContent('line 1, column 1');
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
  });

  it('paste a Type-2 dump → located errors, candidates → pick → explain options, persisted and restored', async () => {
    const onChange = vi.fn();
    const { unmount } = render(<ImportPanel platform={DEFAULT_PLATFORM} onChange={onChange} />);
    expect(last(onChange).explain).toBeNull();
    await importText(read('iomem-damaged/cxl-type2-accelerator-softreserved-snip-lkml-ppwaskie.iomem'));
    const errs = await screen.findByTestId('import-errors-iomem');
    expect(errs).toHaveTextContent('line 1, column 1');
    const cands = screen.getAllByTestId('import-candidate');
    expect(cands[0]).toHaveAttribute('data-name', 'Soft Reserved');
    expect(last(onChange).explain).toBeNull(); // nothing applied until the user picks
    fireEvent.click(within(cands[0]!).getByRole('radio'));
    await waitFor(() => expect(last(onChange).explain).not.toBeNull());
    const sel = last(onChange);
    expect(sel.explain!.opts.layout).toMatchObject({ hdmStart: 0xc050000000n, hdmEnd: 0xc08fffffffn, windowStart: 0xc050000000n });
    expect(sel.explain!.opts.baseTree!.children[0]!.name).toBe('CXL Window 0');
    expect(screen.getByTestId('import-applied')).toHaveTextContent('c050000000-c08fffffff');
    const rows = screen.getAllByTestId('import-outcome-design');
    expect(rows).toHaveLength(5);
    const owned = rows.find((r) => r.getAttribute('data-design') === 'vfio-owned')!;
    expect(owned).toHaveTextContent('request_mem_region_exclusive()');
    expect(owned).toHaveTextContent('Soft Reserved');
    const saved = JSON.parse(localStorage.getItem(IMPORT_STORAGE_KEY)!);
    expect(saved.iomem.range).toBe('c050000000-c08fffffff');
    unmount();

    const onChange2 = vi.fn();
    render(<ImportPanel platform={DEFAULT_PLATFORM} onChange={onChange2} />);
    await waitFor(() => expect(last(onChange2).explain?.opts.layout?.hdmStart).toBe(0xc050000000n));
    expect(within(screen.getAllByTestId('import-candidate')[0]!).getByRole('radio')).toBeChecked();
    fireEvent.click(screen.getByTestId('import-remove-iomem'));
    await waitFor(() => expect(last(onChange2).explain).toBeNull());
    // Nothing is left but the time of the removal, so another tab's older copy does not bring it back.
    await waitFor(() => expect(JSON.parse(localStorage.getItem(IMPORT_STORAGE_KEY)!)).toEqual({ version: 1, removed: { iomem: expect.any(String) } }));
  });

  it('a typed range is checked with a located error, and a good one applies', async () => {
    const onChange = vi.fn();
    render(<ImportPanel platform={DEFAULT_PLATFORM} onChange={onChange} storage={null} />);
    await importText(read('iomem/cxl-qemu-window-over-e820-reserved-lkml-gourry.iomem'));
    const input = await screen.findByTestId('import-range-input');
    fireEvent.change(input, { target: { value: '590000000-zz' } });
    fireEvent.click(screen.getByTestId('import-range-apply'));
    expect(screen.getByTestId('import-range-error')).toHaveTextContent('column 11');
    expect(last(onChange).explain).toBeNull();
    fireEvent.change(input, { target: { value: '590000000-5cfffffff' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(last(onChange).explain?.opts.layout).toMatchObject({ hdmEnd: 0x5cfffffffn, windowEnd: 0x68fffffffn }));
  });

  it('explains a non-root dump and offers no range', async () => {
    render(<ImportPanel platform={DEFAULT_PLATFORM} onChange={vi.fn()} storage={null} />);
    await importText(read('iomem/laptop-x86-acer-nonroot-zeroed-addresses-lkml-dioputra.iomem'));
    expect(await screen.findByTestId('import-candidates-message')).toHaveTextContent('CAP_SYS_ADMIN');
    expect(screen.queryAllByTestId('import-candidate')).toHaveLength(0);
  });

  it('smaps VmFlags are compared per design and passed on as observed', async () => {
    const onChange = vi.fn();
    render(<ImportPanel platform={DEFAULT_PLATFORM} onChange={onChange} storage={null} />);
    await importText('7f2ad4108000-7f2ad410c000 rw-s 00000000 00:0f 3091 anon_inode:[vfio-device]\nVmFlags: rd wr sh mr mw me ms pf io de dd\n');
    const rows = await screen.findAllByTestId('import-vma-design');
    const nv = rows.find((r) => r.getAttribute('data-design') === 'nvgrace-gpu')!;
    expect(nv).toHaveAttribute('data-matches', 'true');
    expect(rows.find((r) => r.getAttribute('data-design') === 'vfio-owned')).toHaveAttribute('data-matches', 'true');
    const v2 = rows.find((r) => r.getAttribute('data-design') === 'memremap')!;
    expect(v2).toHaveAttribute('data-matches', 'false');
    expect(within(v2).getAllByTestId('import-flag').find((f) => f.getAttribute('data-flag') === '??')).toHaveAttribute('data-status', 'missing');
    expect(screen.getByTestId('import-vfio-offset')).toHaveTextContent('region 0 (BAR0)');
    await waitFor(() => expect(last(onChange).observed.vmFlags?.mnemonics).toEqual(['rd', 'wr', 'sh', 'mr', 'mw', 'me', 'ms', 'pf', 'io', 'de', 'dd']));
  });

  it('a trace marks known functions and lists unknown ones', async () => {
    const onChange = vi.fn();
    render(<ImportPanel platform={DEFAULT_PLATFORM} onChange={onChange} storage={null} />);
    await importText(read('ftrace/kvm-tdp-page-fault-function-graph-L0-host-martins3.txt'));
    expect(await screen.findByTestId('import-trace-known')).toHaveTextContent('make_spte()');
    expect(screen.getByTestId('import-trace-unknown')).toHaveTextContent('tdp_iter_next() ×7');
    await waitFor(() => expect(last(onChange).observed.traceFunctions).toContain('hva_to_pfn'));
    // The sample is from a pre-6.13 host (kvm_faultin_pfn, __gfn_to_pfn_memslot): the panel says which kernel fits.
    expect(screen.getByTestId('import-trace-kernel-hint')).toHaveTextContent(/match the fault path of kernel v6\.12 better/);
  });

  it('on the kernel the trace matches, the trace lists the old names as known and gives no hint', async () => {
    render(<ImportPanel platform={{ ...DEFAULT_PLATFORM, kernel: '6.12' }} onChange={vi.fn()} storage={null} />);
    await importText(read('ftrace/kvm-tdp-page-fault-function-graph-L0-host-martins3.txt'));
    expect(await screen.findByTestId('import-trace-known')).toHaveTextContent('__gfn_to_pfn_memslot()');
    expect(screen.getByTestId('import-trace-known')).toHaveTextContent('kvm_release_pfn_clean()');
    expect(screen.queryByTestId('import-trace-kernel-hint')).toBeNull();
  });

  it('rejected input says where and keeps what was imported before', async () => {
    const onChange = vi.fn();
    render(<ImportPanel platform={DEFAULT_PLATFORM} onChange={onChange} storage={null} />);
    await importText(read('iomem/cxl-qemu-window-over-e820-reserved-lkml-gourry.iomem'));
    fireEvent.click(within(screen.getAllByTestId('import-candidate')[0]!).getByRole('radio'));
    await waitFor(() => expect(last(onChange).explain).not.toBeNull());
    await importText('\nthis is not anything\n');
    expect(screen.getByTestId('import-message')).toHaveTextContent('line 2, column 1');
    expect(last(onChange).explain).not.toBeNull();
    expect(screen.getByTestId('import-iomem')).toBeInTheDocument();
  });

  it('corrupt storage is ignored with a message', async () => {
    localStorage.setItem(IMPORT_STORAGE_KEY, '{"version":1,"iomem":{"name":5}}');
    render(<ImportPanel platform={DEFAULT_PLATFORM} onChange={vi.fn()} />);
    expect(screen.getByTestId('import-message')).toHaveTextContent('Saved imports were ignored');
    expect(screen.getByTestId('import-message')).toHaveTextContent('iomem.name');
  });

  it('storage that is not JSON is ignored with a message', () => {
    localStorage.setItem(IMPORT_STORAGE_KEY, 'not json');
    render(<ImportPanel platform={DEFAULT_PLATFORM} onChange={vi.fn()} />);
    expect(screen.getByTestId('import-message')).toHaveTextContent('corrupt (not JSON)');
  });

  it('a dropped file and a chosen file are imported under their names', async () => {
    render(<ImportPanel platform={DEFAULT_PLATFORM} onChange={vi.fn()} storage={null} />);
    const f = new File([read('smaps/qemu-vfio-maps-offset-encodes-region-index-martins3.maps')], 'qemu.maps');
    fireEvent.drop(screen.getByTestId('import-panel'), { dataTransfer: { files: [f] } });
    expect(await screen.findByTestId('import-maps')).toHaveTextContent('maps: qemu.maps');
    expect(screen.getByTestId('import-maps')).toHaveTextContent('3 VMAs (3 VFIO)');
    expect(screen.getByTestId('import-vfio-offset')).toHaveTextContent('region 0 (BAR0)');
    const g = new File([read('ftrace/kvm_page_fault-tracepoint-vcpu-rip-format-lkml-seanjc.txt')], 'faults.txt');
    fireEvent.change(screen.getByTestId('import-file'), { target: { files: [g] } });
    expect(await screen.findByTestId('import-trace')).toHaveTextContent('7 fault events');
  });

  it('a file over the size limit is refused at once with the limit named', async () => {
    render(<ImportPanel platform={DEFAULT_PLATFORM} onChange={vi.fn()} storage={null} />);
    const f = new File(['x'], 'huge.txt');
    Object.defineProperty(f, 'size', { value: 65 * 1024 * 1024 });
    fireEvent.change(screen.getByTestId('import-file'), { target: { files: [f] } });
    expect(screen.getByTestId('import-message')).toHaveTextContent('huge.txt was not imported — it is 65.0 MiB; the limit is 64 MiB');
    expect(screen.queryByTestId('import-progress')).toBeNull();
  });

  it('a large paste goes to the parser without entering the textarea', async () => {
    const onChange = vi.fn();
    render(<ImportPanel platform={DEFAULT_PLATFORM} onChange={onChange} storage={null} />);
    const line = 'CPU 5/KVM-4145 [002] ..... 86.5: kvm_page_fault: vcpu 5 rip 0x1 address 0x113600002 error_code 0x181\n';
    const big = line.repeat(Math.ceil(300_000 / line.length));
    await act(async () => {
      fireEvent.paste(screen.getByTestId('import-text'), { clipboardData: { getData: () => big } });
    });
    expect(screen.getByTestId('import-text')).toHaveValue('');
    expect(await screen.findByTestId('import-trace')).toHaveTextContent(`${big.split('\n').length - 1} fault events`);
  });
});

describe('ImportPanel: the import path in as few tasks and frames as it takes', () => {
  const GOURRY = 'iomem/cxl-qemu-window-over-e820-reserved-lkml-gourry.iomem';
  let idle: (() => void)[] = [];
  const runIdle = () => {
    const cbs = idle;
    idle = [];
    act(() => cbs.forEach((cb) => cb()));
  };
  beforeEach(() => {
    idle = [];
    vi.stubGlobal('requestIdleCallback', (cb: () => void) => idle.push(cb));
    vi.stubGlobal('cancelIdleCallback', () => {});
  });
  afterEach(() => vi.unstubAllGlobals());

  it('importing without a pick reports no new selection; a pick reports one, with one tree object per range', async () => {
    const onChange = vi.fn();
    render(<ImportPanel platform={DEFAULT_PLATFORM} onChange={onChange} storage={null} />);
    const before = onChange.mock.calls.length;
    await importText(read(GOURRY));
    expect(onChange.mock.calls.length).toBe(before); // the app has nothing to redraw
    const radio = () => within(screen.getAllByTestId('import-candidate')[0]!).getByRole('radio');
    fireEvent.click(radio());
    const first = last(onChange).explain!;
    expect(first.opts.layout).toMatchObject({ windowStart: 0x590000000n });
    fireEvent.change(screen.getByTestId('import-range-input'), { target: { value: '590000000-5cfffffff' } });
    fireEvent.click(screen.getByTestId('import-range-apply'));
    expect(last(onChange).explain!.key).not.toBe(first.key);
    fireEvent.click(radio());
    // The same range of the same dump: the same cut-down tree, so derivations cached on it are reused.
    expect(last(onChange).explain!.key).toBe(first.key);
    expect(last(onChange).explain!.opts.baseTree).toBe(first.opts.baseTree);
  });

  it('empties the textarea once idle, after the result is shown; not when the user has typed since', async () => {
    render(<ImportPanel platform={DEFAULT_PLATFORM} onChange={vi.fn()} storage={null} />);
    const text = read(GOURRY);
    await importText(text);
    const area = screen.getByTestId('import-text');
    expect(screen.getByTestId('import-iomem')).toBeInTheDocument();
    expect(screen.getByTestId('import-submit')).toBeDisabled();
    expect(area).toHaveValue(text);
    runIdle();
    expect(area).toHaveValue('');

    await importText(text);
    fireEvent.change(area, { target: { value: '0-fff : Reserved' } });
    runIdle();
    expect(area).toHaveValue('0-fff : Reserved');
    expect(screen.getByTestId('import-submit')).toBeEnabled();
  });

  it('draws the outcome table only from explanations of the picked range', async () => {
    const onChange = vi.fn();
    const modelAll = explainAll(DEFAULT_PLATFORM);
    const { rerender } = render(<ImportPanel platform={DEFAULT_PLATFORM} all={modelAll} onChange={onChange} storage={null} />);
    await importText(read(GOURRY));
    fireEvent.click(within(screen.getAllByTestId('import-candidate')[0]!).getByRole('radio'));
    // The app's derivation of every design follows a frame later; until then there is no table of the old tree.
    expect(screen.getByTestId('import-applied')).toBeInTheDocument();
    expect(screen.getByTestId('import-outcome-pending')).toHaveTextContent('Deriving every design on this dump');
    expect(screen.queryByTestId('import-outcome')).toBeNull();
    const all = explainAll(DEFAULT_PLATFORM, last(onChange).explain!.opts);
    rerender(<ImportPanel platform={DEFAULT_PLATFORM} all={all} onChange={onChange} storage={null} />);
    expect(screen.queryByTestId('import-outcome-pending')).toBeNull();
    expect(screen.getAllByTestId('import-outcome-design')).toHaveLength(5);
  });
});
