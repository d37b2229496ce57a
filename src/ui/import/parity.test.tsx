// @vitest-environment jsdom
/**
 * The panel and the CLI give the same answer on the same input: both read through parseImport() (src/model/import),
 * and what the panel shows is checked against the CLI's JSON for the same file.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/main';
import { DEFAULT_PLATFORM } from '../../model/scenario';
import { ImportPanel } from './ImportPanel';

const S = join(__dirname, '../../../tests/fixtures/samples');
const path = (p: string) => join(S, p);
const read = (p: string) => readFileSync(path(p), 'utf8');

async function importText(text: string) {
  fireEvent.change(screen.getByTestId('import-text'), { target: { value: text } });
  fireEvent.click(screen.getByTestId('import-submit'));
  await waitFor(() => expect(screen.queryByTestId('import-progress')).toBeNull());
}

/** The CLI's JSON for argv (in-process, the files read from the fixtures). */
function cli(argv: string[]): unknown {
  let out = '';
  const code = main(argv, { readFile: (p) => readFileSync(p, 'utf8'), readStdin: () => '', out: (s) => (out += s), err: () => {} });
  expect(code).toBe(0);
  return JSON.parse(out);
}

describe('the panel and the CLI give the same answer on the same input', () => {
  beforeEach(() => localStorage.clear());

  it('cxl list: region state, objects and the suggested range', async () => {
    const file = 'cxl-list/hw-128GiB-expander-memdev-region9-blog-scargall.json';
    const j = cli(['cxl', path(file), '--format', 'json']) as { region: { state: string }; suggestions: { start: string; end: string }[]; regions: unknown[]; memdevs: unknown[] };
    render(<ImportPanel platform={DEFAULT_PLATFORM} onChange={vi.fn()} storage={null} />);
    await importText(read(file));
    expect(screen.getByTestId('import-cxl-region').getAttribute('data-state')).toBe(j.region.state);
    expect(screen.getByTestId('import-cxl-suggestion').getAttribute('data-range')).toBe(`${j.suggestions[0]!.start.slice(2)}-${j.suggestions[0]!.end.slice(2)}`);
    expect(screen.getAllByTestId('import-cxl-regionobj')).toHaveLength(j.regions.length);
    expect(screen.getAllByTestId('import-cxl-memdev')).toHaveLength(j.memdevs.length);
  });

  it('traces: fault events and events', async () => {
    const file = 'ftrace/kvm-tracepoints-quoted-printable-wrapped-lkml-chichen.txt';
    const j = cli(['trace', path(file), '--format', 'json']) as { events: { name: string; count: number }[]; known: { name: string }[] };
    render(<ImportPanel platform={DEFAULT_PLATFORM} onChange={vi.fn()} storage={null} />);
    await importText(read(file));
    const shown = screen.getAllByTestId('import-trace-event').map((e) => ({ name: e.getAttribute('data-event'), count: Number(e.getAttribute('data-count')) }));
    expect(shown).toEqual(j.events);
    expect(screen.getByTestId('import-trace-fault-count')).toHaveTextContent(String(j.events.find((e) => e.name === 'kvm_page_fault')!.count));
  });

  it('maps: each VFIO mapping\'s decoded offset', async () => {
    const file = 'smaps/qemu-vfio-maps-offset-encodes-region-index-martins3.maps';
    const j = cli(['maps', path(file), '--format', 'json']) as { vmas: { vfio: { kind: string; note: string } }[] };
    render(<ImportPanel platform={DEFAULT_PLATFORM} onChange={vi.fn()} storage={null} />);
    await importText(read(file));
    const select = screen.getByTestId('import-vma') as HTMLSelectElement;
    for (let i = 0; i < j.vmas.length; i++) {
      fireEvent.change(select, { target: { value: select.options[i]!.value } });
      const shown = screen.getByTestId('import-vfio-offset');
      expect(shown.getAttribute('data-kind')).toBe(j.vmas.find((v) => shown.textContent!.includes(v.vfio.note))?.vfio.kind);
    }
  });

  it('a damaged /proc/iomem: the same resources used and the same lines skipped', async () => {
    const file = 'iomem-damaged/cxl-window-pci-bars-quoted-printable-nbsp-qemu-devel-pengguo.txt';
    const j = cli(['explain', '--design', 'vfio-owned', '--arch', 'x86_64', '--iomem', path(file), '--range', '480010000-4bfffffff', '--format', 'json']) as {
      input: { iomem: { resources: number; skipped: { line: number }[] } };
    };
    render(<ImportPanel platform={DEFAULT_PLATFORM} onChange={vi.fn()} storage={null} />);
    await importText(read(file));
    expect(screen.getByTestId('import-iomem-summary')).toHaveTextContent(`${j.input.iomem.resources} resources`);
    const listed = within(screen.getByTestId('import-errors-iomem')).getAllByRole('listitem').map((li) => Number(/^line (\d+)/.exec(li.textContent!)![1]));
    expect(listed).toEqual(j.input.iomem.skipped.filter((s) => !/blank/.test(JSON.stringify(s))).map((s) => s.line));
  });
});
