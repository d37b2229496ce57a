// @vitest-environment jsdom
/**
 * The panel on whole machines: a `cxl list`, a bundle, every trace shape's event counts, damaged dumps counted right,
 * restored ranges that no longer fit.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_PLATFORM } from '../../model/scenario';
import { ImportPanel, type ImportSelection } from './ImportPanel';
import { IMPORT_STORAGE_KEY } from './importStorage';

const S = join(__dirname, '../../../tests/fixtures/samples');
const path = (p: string) => join(S, p);
const read = (p: string) => readFileSync(path(p), 'utf8');

function last(fn: ReturnType<typeof vi.fn>): ImportSelection {
  return fn.mock.calls[fn.mock.calls.length - 1]![0] as ImportSelection;
}

async function importText(text: string) {
  fireEvent.change(screen.getByTestId('import-text'), { target: { value: text } });
  fireEvent.click(screen.getByTestId('import-submit'));
  await waitFor(() => expect(screen.queryByTestId('import-progress')).toBeNull());
}

describe('ImportPanel on whole machines', () => {
  beforeEach(() => localStorage.clear());

  it('a cxl list: the topology, the region state set on the platform, each range tied to the imported /proc/iomem', async () => {
    const onPlatform = vi.fn();
    render(<ImportPanel platform={DEFAULT_PLATFORM} onChange={vi.fn()} onPlatform={onPlatform} storage={null} />);
    await importText(read('cxl-list/hw-128GiB-expander-memdev-region9-blog-scargall.json'));
    expect(screen.getByTestId('import-cxl-region')).toHaveAttribute('data-state', 'committed');
    expect(onPlatform).toHaveBeenCalledWith({ region: 'committed' });
    expect(screen.getByTestId('import-cxl-memdev')).toHaveTextContent('serial 12208648699093770240');

    await importText(read('cxl-list/qemu-3hostbridges-vvvv-quoted-lkml-gourry.txt'));
    expect(screen.getAllByTestId('import-cxl-decoder').filter((d) => d.getAttribute('data-kind') === 'root')).toHaveLength(3);
    await importText(read('iomem/cxl-qemu-window-over-e820-reserved-lkml-gourry.iomem'));
    const tie = screen.getAllByTestId('import-cxl-tie').find((t) => t.getAttribute('data-object') === 'decoder0.0')!;
    expect(tie).toHaveTextContent('= /proc/iomem "CXL Window 0" (line 1), "Reserved" (line 2)');
    // A suggestion applies to the imported dump.
    fireEvent.click(within(screen.getAllByTestId('import-cxl-suggestion')[0]!).getByRole('button'));
    await waitFor(() => expect(screen.getByTestId('import-applied')).toHaveTextContent('590000000-68fffffff'));
  });

  it('invalid cxl list JSON is refused with its line and column', async () => {
    render(<ImportPanel platform={DEFAULT_PLATFORM} onChange={vi.fn()} storage={null} />);
    await importText(read('cxl-list/zen4-vvvvv-elided-lkml-gourry.invalid-json.txt'));
    expect(screen.getByTestId('import-message')).toHaveTextContent('line 9, column 1: invalid JSON: an elision ("...") in the JSON: paste the whole output of cxl list');
  });

  it('a bundle: facts set on the platform and listed with evidence, assumptions listed, the range applied, every design run', async () => {
    const onPlatform = vi.fn();
    const onChange = vi.fn();
    render(<ImportPanel platform={DEFAULT_PLATFORM} onChange={onChange} onPlatform={onPlatform} storage={null} />);
    await importText(read('bundle/qemu-cxl-window-reserved-assembled-lkml-gourry.bundle'));
    expect(onPlatform).toHaveBeenCalledWith({ firmware: 'reserved' });
    const facts = screen.getAllByTestId('import-bundle-fact');
    expect(facts.map((f) => [f.getAttribute('data-key'), f.getAttribute('data-value')])).toEqual([['firmware', 'reserved']]);
    expect(screen.getAllByTestId('import-bundle-assumption').map((a) => a.getAttribute('data-key'))).toEqual(expect.arrayContaining(['arch', 'kernel', 'region']));
    await waitFor(() => expect(last(onChange).explain?.opts.layout).toMatchObject({ hdmStart: 0x590000000n, hdmEnd: 0x68fffffffn }));
    expect(screen.getByTestId('import-applied')).toHaveTextContent('590000000-68fffffff');
    expect(await screen.findAllByTestId('import-outcome-design')).toHaveLength(5);
    expect(screen.getByTestId('import-cxl')).toBeInTheDocument();
  });

  it('an arm64 bundle sets arch, FWB, DIC and the kernel', async () => {
    const onPlatform = vi.fn();
    render(<ImportPanel platform={DEFAULT_PLATFORM} onChange={vi.fn()} onPlatform={onPlatform} storage={null} />);
    await importText(read('bundle/grace-arm64-fwb-dic-assembled-lkml-leitao.bundle'));
    expect(onPlatform).toHaveBeenCalledWith({ arch: 'arm64', fwb: true, dic: true, kernel: '6.12' });
  });

  it('trace event counts are shown for every shape', async () => {
    render(<ImportPanel platform={DEFAULT_PLATFORM} onChange={vi.fn()} storage={null} />);
    await importText(read('ftrace/kvm-tracepoints-formatflowed-wrapped-lkml-lefebvre.txt'));
    expect(screen.getByTestId('import-trace-fault-count')).toHaveTextContent('7');
    const ev = (name: string) => screen.getAllByTestId('import-trace-event').find((e) => e.getAttribute('data-event') === name)?.getAttribute('data-count');
    expect(ev('kvm_page_fault')).toBe('7');
    expect(screen.getByTestId('import-repairs-trace')).toHaveTextContent('a wrapped line: rejoined with line 1');
    await importText(read('ftrace/bpftrace-kstacks-kvm-page-fault-lkml-peterx.txt'));
    expect(ev('@out')).toBe('11820');
    await importText(read('ftrace/kvm-exits-table-bcc-kvmexit-example.txt'));
    expect(ev('exit EPT_VIOLATION')).toBe('24');
  });

  it('past 200 errors the counts are the real ones', async () => {
    render(<ImportPanel platform={DEFAULT_PLATFORM} onChange={vi.fn()} storage={null} />);
    const lines = ['00001000-00001fff : CXL Window 0', ...Array.from({ length: 9744 }, (_, i) => `  garbage ${i}`)];
    await importText(lines.join('\n'));
    expect(screen.getByTestId('import-iomem-summary')).toHaveTextContent('9,744 rejected');
    expect(screen.getByTestId('import-errors-iomem').querySelector('summary')).toHaveTextContent('9,744 lines rejected');
  });

  it.each([
    ['zzzz-yyyy', 'column 1: start "zzzz" is not a 64-bit hex number'],
    ['1000-1fff', 'overlaps no resource of this /proc/iomem'],
  ])('a restored range %s that does not fit is reported as not applied, and the designs stay on the model\'s tree', async (saved, why) => {
    localStorage.setItem(
      IMPORT_STORAGE_KEY,
      JSON.stringify({ version: 1, iomem: { name: 'x', text: read('iomem/cxl-qemu-window-over-e820-reserved-lkml-gourry.iomem'), savedAt: '2026-01-01T00:00:00Z', range: saved } }),
    );
    const onChange = vi.fn();
    render(<ImportPanel platform={DEFAULT_PLATFORM} onChange={onChange} />);
    await waitFor(() => expect(screen.getByTestId('import-range-error')).toHaveTextContent(`the saved range ${saved} was not applied: `));
    expect(screen.getByTestId('import-range-error')).toHaveTextContent(why);
    expect(screen.queryByTestId('import-applied')).toBeNull();
    expect(last(onChange).explain).toBeNull();
  });
});

