// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { copyText } from './clipboard';

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('copyText', () => {
  it('uses the async clipboard when it is allowed', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { clipboard: { writeText } });
    await copyText('hello');
    expect(writeText).toHaveBeenCalledWith('hello');
  });

  it('falls back to a hidden textarea and execCommand, copying the exact text and leaving no textarea behind', async () => {
    vi.stubGlobal('navigator', { clipboard: { writeText: () => Promise.reject(new Error('denied')) } });
    let copied: string | null = null;
    const exec = vi.fn(() => {
      copied = (document.activeElement as HTMLTextAreaElement | null)?.value ?? document.querySelector('textarea')?.value ?? null;
      return true;
    });
    Object.defineProperty(document, 'execCommand', { value: exec, configurable: true });
    await copyText('line 1\nline 2');
    expect(exec).toHaveBeenCalledWith('copy');
    expect(copied).toBe('line 1\nline 2');
    expect(document.querySelector('textarea')).toBeNull();
  });

  it('reports a refusal when the fallback fails too', async () => {
    vi.stubGlobal('navigator', {});
    Object.defineProperty(document, 'execCommand', { value: () => false, configurable: true });
    await expect(copyText('x')).rejects.toThrow(/refused/);
  });
});
