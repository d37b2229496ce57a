// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { shareHash } from './linkProvenance';
import { DEFAULT_VIEW, type ViewState } from '../../model/view-state';
import { isOwnEntry, linkFor, UrlSync } from './urlSync';

const view = (design: ViewState['scenario']['design']): ViewState => ({ ...DEFAULT_VIEW, scenario: { ...DEFAULT_VIEW.scenario, design } });

let stop: () => void = () => {};
beforeEach(() => {
  vi.useFakeTimers();
  history.replaceState(null, '', '/');
});
afterEach(() => {
  stop();
  vi.useRealTimers();
});

describe('UrlSync', () => {
  it('writes the view into the current entry (replace, marked as its own) once changes settle', () => {
    const sync = new UrlSync(() => {});
    stop = sync.listen();
    const len = history.length;
    sync.onView(view('hotplug'));
    sync.onView(view('memremap'));
    expect(location.hash).toBe('');
    vi.advanceTimersByTime(150);
    expect(location.hash).toBe(shareHash(view('memremap')));
    expect(history.length).toBe(len);
    expect(isOwnEntry()).toBe(true);
    expect(linkFor(view('memremap'))).toBe(`${location.origin}/${shareHash(view('memremap'))}`);
  });

  it('a navigation to another link shows it, and the view being left is not written into it', () => {
    const onNavigate = vi.fn();
    const sync = new UrlSync(onNavigate);
    stop = sync.listen();
    sync.onView(view('hotplug'));
    vi.advanceTimersByTime(150);
    sync.onView(view('memremap')); // pending when the user pastes a link
    history.pushState(null, '', shareHash(view('nvgrace-gpu')));
    window.dispatchEvent(new PopStateEvent('popstate'));
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    expect(onNavigate).toHaveBeenCalledTimes(1);
    expect(onNavigate.mock.calls[0]![0].view.scenario.design).toBe('nvgrace-gpu');
    expect(onNavigate.mock.calls[0]![1]).toBe(false); // a link opened anew
    vi.advanceTimersByTime(500);
    expect(location.hash).toBe(shareHash(view('nvgrace-gpu')));
  });

  it("an entry the page wrote itself is reported as its own (Back/Forward)", () => {
    const onNavigate = vi.fn();
    const sync = new UrlSync(onNavigate);
    stop = sync.listen();
    history.replaceState({ hdmAtlasView: 1 }, '', shareHash(view('hotplug')));
    sync.onView(view('memremap'));
    vi.advanceTimersByTime(150);
    history.replaceState({ hdmAtlasView: 1 }, '', shareHash(view('hotplug')));
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(onNavigate.mock.calls[0]![1]).toBe(true);
  });
});
