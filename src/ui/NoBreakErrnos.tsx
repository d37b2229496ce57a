/**
 * Text in which an errno ("-EBUSY", "-EFAULT") or a quoted resource name ("vfio-cxl-hdm") never breaks at its
 * hyphens: each is kept on one line, the rest wraps as usual. The text content is unchanged (copy and paste give the
 * same characters).
 */
import { memo } from 'react';
import { keepWhole } from './keepWhole';

const ERRNO = /(-E[A-Z0-9]+|"[^"\s]*-[^"\s]*")/;

export const NoBreakErrnos = memo(function NoBreakErrnos({ text }: { text: string }) {
  return keepWhole(text, ERRNO);
});
