// @vitest-environment jsdom
import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeLink } from '../../model/share/link';
import { DEFAULT_VIEW } from '../../model/view-state';
import { standaloneSvg, serializeSvg } from './exportSvg';
import { NOTES_KEY, NOTES_KEY_V1, readNotes, writeNotes } from './notesStorage';
import { ShareApp } from './ShareApp';

beforeEach(() => {
  localStorage.clear();
  history.replaceState(null, '', '/');
});
afterEach(() => localStorage.clear());

describe('notes storage', () => {
  const a = { id: 'a', target: { kind: 'vma' as const, part: 'flags' }, text: 'saved' };
  it('writes a versioned record and reads it back; a version-1 list is read as notes of time 0 and retired on the next write', () => {
    writeNotes(localStorage, [{ id: 'a', at: 5, note: a }, { id: 'b', at: 6, note: null }]);
    expect(readNotes(localStorage)).toEqual({ entries: [{ id: 'a', at: 5, note: a }, { id: 'b', at: 6, note: null }], unreadable: null });
    localStorage.clear();
    localStorage.setItem(NOTES_KEY_V1, JSON.stringify([a]));
    expect(readNotes(localStorage).entries).toEqual([{ id: 'a', at: 0, note: a }]);
    writeNotes(localStorage, [{ id: 'a', at: 0, note: a }]);
    expect(localStorage.getItem(NOTES_KEY_V1)).toBeNull();
  });
  it('reports what it could not read, with the text, instead of using it', () => {
    localStorage.setItem(NOTES_KEY, '{"not":"notes"');
    expect(readNotes(localStorage)).toEqual({ entries: [], unreadable: { raw: '{"not":"notes"', error: 'not JSON' } });
    localStorage.setItem(NOTES_KEY, JSON.stringify({ version: 2, entries: [{ id: '<x>', at: 1, note: null }] }));
    expect(readNotes(localStorage).unreadable?.error).toMatch(/entries/);
  });
});

describe('ShareApp', () => {
  it('opens the view a link describes', () => {
    history.replaceState(null, '', '/' + encodeLink({ ...DEFAULT_VIEW, scenario: { design: 'hotplug', platform: { ...DEFAULT_VIEW.scenario.platform, arch: 'arm64' } } }));
    render(<ShareApp />);
    expect(screen.getByTestId('ctl-design')).toHaveValue('hotplug');
    expect(screen.getByTestId('ctl-arch')).toHaveValue('arm64');
    expect(screen.getByTestId('fault-result')).toHaveTextContent('stage-2 2M Normal');
  });
  it('shows a message and the default view for a hostile link, and builds no HTML from it', () => {
    history.replaceState(null, '', '/#v=1&d=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E');
    const { container } = render(<ShareApp />);
    expect(screen.getByTestId('link-error')).toHaveTextContent(/could not be opened: design \("d"\) has the invalid value/);
    expect(screen.getByTestId('ctl-design')).toHaveValue('vfio-owned');
    expect(container.querySelector('img')).toBeNull();
  });
  it('writes the view back into the URL as it changes', async () => {
    render(<ShareApp />);
    fireEvent.change(screen.getByTestId('ctl-kernel'), { target: { value: '6.12' } });
    await act(async () => {
      await new Promise((r) => setTimeout(r, 200));
    });
    expect(location.hash).toMatch(/k=6\.12/);
  });
  it('persists review notes across a remount', async () => {
    const first = render(<ShareApp />);
    fireEvent.click(screen.getByTestId('verdict-hotplug-exclusive-ownership'));
    // The inspector's code loads on first use (beside "what would it take"'s, which a bad cell also loads).
    fireEvent.change(await screen.findByTestId('note-input', {}, { timeout: 5000 }), { target: { value: 'mm owns it' } });
    fireEvent.click(screen.getByTestId('note-add'));
    first.unmount();
    render(<ShareApp />);
    fireEvent.click(screen.getByTestId('verdict-hotplug-exclusive-ownership'));
    expect(await screen.findByTestId('note', {}, { timeout: 5000 })).toHaveTextContent('mm owns it');
  });
});

describe('SVG export', () => {
  it('serialises a diagram into a standalone SVG that parses and keeps its labels', () => {
    const { container } = render(<ShareApp />);
    const svg = container.querySelector<SVGSVGElement>('svg.fault-svg')!;
    const text = serializeSvg(standaloneSvg(svg, 'HDM Atlas <test> & co'));
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    expect(doc.querySelector('parsererror')?.textContent ?? null).toBeNull();
    expect(doc.documentElement.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    expect(doc.querySelector('title')?.textContent).toBe('HDM Atlas <test> & co');
    expect(text).toContain('hva_to_pfn_remapped()');
    expect(text).toContain('&lt;test&gt; &amp; co');
  });
});
