// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { chunkError } from './chunkError';
import { PartBoundary } from './PartBoundary';

describe('PartBoundary', () => {
  it('says which part failed and draws it again on Try again', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    let fail = true;
    const Part = () => {
      if (fail) throw new Error('verdict table exploded');
      return <p>matrix back</p>;
    };
    const onRetry = vi.fn();
    render(
      <div>
        <PartBoundary name="the verdict matrix" onRetry={onRetry}>
          <Part />
        </PartBoundary>
        <p>diagrams</p>
      </div>,
    );
    expect(screen.getByTestId('part-error')).toHaveTextContent('The verdict matrix failed. verdict table exploded');
    expect(screen.getByText('diagrams')).toBeInTheDocument();
    fail = false;
    fireEvent.click(screen.getByTestId('part-retry'));
    expect(onRetry).toHaveBeenCalled();
    expect(screen.getByText('matrix back')).toBeInTheDocument();
    spy.mockRestore();
  });
});

describe('chunkError', () => {
  it('names the file that did not download, for Chromium and for Vite\'s CSS preload', () => {
    expect(chunkError(new TypeError('Failed to fetch dynamically imported module: http://x/assets/ImportPanel-B8cC-S-C.js'))).toMatch(/^ImportPanel-B8cC-S-C\.js did not download/);
    expect(chunkError(new Error('Unable to preload CSS for http://x/assets/ImportPanel-Da4N.css'))).toMatch(/^ImportPanel-Da4N\.css did not download/);
    expect(chunkError(new Error('something else'))).toBeNull();
  });
});
