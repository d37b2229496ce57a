/** Text in which each match of a pattern stays on one line (a `.nobr` span); the text content is unchanged. */
import type { ReactNode } from 'react';

/** `text` with each match of `pattern` (one capturing group around the whole match) kept on one line. */
export function keepWhole(text: string, pattern: RegExp): ReactNode {
  if (!pattern.test(text)) return text;
  return text.split(pattern).map((part, i) => (i % 2 === 1 ? <span key={i} className="nobr">{part}</span> : part));
}
