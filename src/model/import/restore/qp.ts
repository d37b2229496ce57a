/**
 * Quoted-printable (RFC 2045 §6.7) as mail archives serve it raw: "=" at the end of a line is a soft line break, and
 * "=XX" is one byte of the UTF-8 text. A dump copied from a raw message ("=C2=A0" for its no-break spaces,
 * "4c01ffff=" + "f : PCI Bus 0000:0d") reads again once decoded.
 */

const ESCAPE = /=[0-9A-F]{2}/;

/**
 * Shortest line a quoted-printable encoder breaks: encoders fill lines to the 76-character limit of RFC 2045 (mail
 * clients break at 72–76), so a soft break ends a long line. A short line that ends in "=" (a resource or file named
 * "x=") is not one.
 */
const MIN_SOFT_LINE = 60;

/**
 * Whether a text is quoted-printable: at least one soft line break (a long line ending in "=" followed by another
 * line) and at least one "=XX" escape. A /proc/iomem, maps or trace has neither.
 */
export function looksQuotedPrintable(lines: readonly string[]): boolean {
  let soft = false;
  let escape = false;
  for (let i = 0; i + 1 < lines.length && !(soft && escape); i++) {
    const l = lines[i]!;
    if (!soft && l.length >= MIN_SOFT_LINE && l.endsWith('=') && !l.endsWith('==')) soft = true;
    if (!escape && ESCAPE.test(l)) escape = true;
  }
  return soft && escape;
}

const decoder = typeof TextDecoder !== 'undefined' ? new TextDecoder('utf-8', { fatal: false }) : null;

/** Decode the "=XX" escapes of one (already joined) line; bytes that are not UTF-8 become U+FFFD. */
export function decodeQpEscapes(s: string): string {
  if (!s.includes('=')) return s;
  return s.replace(/(?:=[0-9A-F]{2})+/g, (run) => {
    const bytes = new Uint8Array(run.length / 3);
    for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(run.slice(i * 3 + 1, i * 3 + 3), 16);
    return decoder ? decoder.decode(bytes) : String.fromCharCode(...bytes);
  });
}
