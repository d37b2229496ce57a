/**
 * C source text with comments and the insides of string and character literals blanked to spaces. Newlines and
 * every offset are kept, so a match in the result is at the same line and column as in the file; a name inside a
 * comment or a string is never taken for a definition.
 */
export function blankComments(src: string): string {
  const out = src.split('');
  const n = src.length;
  let i = 0;
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (out[k] !== '\n') out[k] = ' ';
  };
  while (i < n) {
    const c = src[i]!;
    const d = src[i + 1];
    if (c === '/' && d === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      blank(i, stop);
      i = stop;
    } else if (c === '/' && d === '/') {
      let end = src.indexOf('\n', i);
      if (end < 0) end = n;
      blank(i, end);
      i = end;
    } else if (c === '"' || c === "'") {
      let k = i + 1;
      while (k < n && src[k] !== c && src[k] !== '\n') k += src[k] === '\\' ? 2 : 1;
      blank(i + 1, Math.min(k, n));
      i = k + 1;
    } else i++;
  }
  return out.join('');
}

/** 1-based line of an offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let k = text.indexOf('\n'); k >= 0 && k < offset; k = text.indexOf('\n', k + 1)) line++;
  return line;
}

/** Offset of the bracket closing the one at `open` ('(' or '{'), or -1 when it does not close within `limit` characters. */
export function closing(text: string, open: number, limit = 200_000): number {
  const o = text[open];
  const c = o === '(' ? ')' : o === '{' ? '}' : o === '[' ? ']' : null;
  if (!c) return -1;
  let depth = 0;
  const end = Math.min(text.length, open + limit);
  for (let k = open; k < end; k++) {
    if (text[k] === o) depth++;
    else if (text[k] === c && --depth === 0) return k;
  }
  return -1;
}
