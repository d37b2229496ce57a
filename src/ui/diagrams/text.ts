/**
 * Text in the diagrams is monospace, so its width is known without a DOM: every layout helper sizes boxes to their
 * text with these, and the browser tests check the result against getComputedTextLength(). Lines break at spaces,
 * else after a separator ("/", "_", ",", ")", "."), never inside an errno ("-EBUSY"), and a word longer than a line
 * is cut only when nothing else fits. Pure: no React, no DOM.
 */

/**
 * Advance of one character of the diagram font, in em. DejaVu Sans Mono, Menlo and SF Mono advance 0.600–0.602 em,
 * Consolas 0.55; 0.61 leaves a little room for hinting.
 */
export const MONO_EM = 0.61;

/** Characters of a string as the font advances them (code points, not UTF-16 units). */
export function charCount(text: string): number {
  // Only a surrogate pair is two UTF-16 units for one character; most text has none.
  if (!/[\uD800-\uDBFF]/.test(text)) return text.length;
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** Width in px of `text` at `fontPx` in the diagram font. */
export function textWidth(text: string, fontPx: number): number {
  return charCount(text) * MONO_EM * fontPx;
}

/** How many characters fit in `px` at `fontPx` (at least 1). */
export function charsIn(px: number, fontPx: number): number {
  return Math.max(1, Math.floor(px / (MONO_EM * fontPx)));
}

/** Where a word may break when it is longer than a line: after one of these (not after a leading "-" of an errno). */
const BREAK_AFTER = /[/_,.)\]:;=|]/;

function splitLong(word: string, n: number): string[] {
  const out: string[] = [];
  let rest = [...word];
  while (rest.length > n) {
    let cut = -1;
    for (let i = n; i > 0; i--) if (BREAK_AFTER.test(rest[i - 1]!)) { cut = i; break; }
    if (cut <= 0) cut = n;
    out.push(rest.slice(0, cut).join(''));
    rest = rest.slice(cut);
  }
  if (rest.length) out.push(rest.join(''));
  return out;
}

/**
 * Greedy word wrap to lines of at most `n` characters. Spaces between words are kept as one; an empty text gives no
 * lines. Deterministic and whole: joining the lines with the breaks they replaced gives the text back.
 */
export function wrapLines(text: string, n: number): string[] {
  const out: string[] = [];
  let line = '';
  let len = 0;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const wl = charCount(word);
    if (len > 0 && len + 1 + wl <= n) {
      line += ` ${word}`;
      len += 1 + wl;
      continue;
    }
    if (len > 0) out.push(line);
    if (wl <= n) {
      line = word;
      len = wl;
      continue;
    }
    const parts = splitLong(word, n);
    out.push(...parts.slice(0, -1));
    line = parts.at(-1)!;
    len = charCount(line);
  }
  if (len > 0) out.push(line);
  return out;
}

/** The first `max` lines of `lines`, the last ending in "…" when some were left out (for text a user imported). */
export function firstLines(lines: string[], max: number, n: number): { lines: string[]; elided: boolean } {
  if (lines.length <= max) return { lines, elided: false };
  if (max <= 0) return { lines: [], elided: true };
  const kept = lines.slice(0, max);
  const last = [...kept[max - 1]!];
  kept[max - 1] = `${last.slice(0, Math.max(0, n - 1)).join('')}…`;
  return { lines: kept, elided: true };
}
