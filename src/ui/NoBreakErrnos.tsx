/**
 * Text in which an errno ("-EBUSY", "-EFAULT") or a quoted resource name ("vfio-cxl-hdm") never breaks at its
 * hyphens: each is kept on one line, the rest wraps as usual. The text content is unchanged (copy and paste give the
 * same characters).
 */
import { memo } from 'react';

const ERRNO = /(-E[A-Z0-9]+|"[^"\s]*-[^"\s]*")/;

export const NoBreakErrnos = memo(function NoBreakErrnos({ text }: { text: string }) {
  if (!ERRNO.test(text)) return text;
  return text.split(ERRNO).map((part, i) => (i % 2 === 1 ? <span key={i} className="nobr">{part}</span> : part));
});
