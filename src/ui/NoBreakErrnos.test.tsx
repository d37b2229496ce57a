// @vitest-environment jsdom
import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { NoBreakErrnos } from './NoBreakErrnos';

const nobr = (text: string) => {
  const { container } = render(<p><NoBreakErrnos text={text} /></p>);
  return { text: container.textContent, kept: [...container.querySelectorAll('.nobr')].map((e) => e.textContent) };
};

describe('NoBreakErrnos', () => {
  it('keeps errnos and quoted hyphenated resource names on one line, and the text as it was', () => {
    expect(nobr('-EFAULT stops the VM')).toEqual({ text: '-EFAULT stops the VM', kept: ['-EFAULT'] });
    expect(nobr('busy "vfio-cxl-hdm"')).toEqual({ text: 'busy "vfio-cxl-hdm"', kept: ['"vfio-cxl-hdm"'] });
    expect(nobr('fails loudly: -EBUSY, held by "System RAM (kmem)"')).toEqual({ text: 'fails loudly: -EBUSY, held by "System RAM (kmem)"', kept: ['-EBUSY'] });
  });

  it('leaves ordinary hyphenated words free to wrap', () => {
    expect(nobr('private node: opt-in only')).toEqual({ text: 'private node: opt-in only', kept: [] });
  });
});
