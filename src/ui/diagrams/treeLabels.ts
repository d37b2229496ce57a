/**
 * The text of one resource box: its name, then its range and size, each shown only when it fits whole in the box
 * (wrapped if need be); the full text is always in the box's tooltip and the inspector. A name too long for the box
 * (an imported dump may carry any) is the one text that is cut, with "…". Pure: no React, no DOM.
 */
import { charsIn, firstLines, wrapLines } from './text';

export const TREE_FONT = { name: 11, sub: 9.5 } as const;
export const TREE_LINE = { name: 13, sub: 11.5 } as const;
const PAD_X = 5;
const PAD_Y = 2;
/** At most this many lines of a name. */
const MAX_NAME_LINES = 3;

export interface BoxText {
  name: string[];
  /** The errno of a conflict, on its own line after the name. */
  errno: string;
  sub: string[];
  /** The name was cut to fit. */
  elided: boolean;
  /** Where the first line's box starts, from the top of the resource's box. */
  top: number;
}

export function boxText({ name, range, size, errno, w, h }: { name: string; range: [string, string]; size: string; errno: string; w: number; h: number }): BoxText {
  let room = h - 2 * PAD_Y;
  const out: BoxText = { name: [], errno: '', sub: [], elided: false, top: PAD_Y };
  // A box too short for a padded line still takes one line of its name, centred, when the glyphs fit.
  if (room < TREE_LINE.name) {
    if (h < TREE_FONT.name + 1) return out;
    out.top = (h - TREE_LINE.name) / 2;
    room = TREE_LINE.name;
  }
  const nChars = charsIn(w - 2 * PAD_X, TREE_FONT.name);
  const errLines = errno ? 1 : 0;
  const maxName = Math.max(1, Math.min(MAX_NAME_LINES, Math.floor(room / TREE_LINE.name) - errLines));
  // Only the start of a huge name is wrapped: a 1 MB name costs no more than a short one.
  const shown = name.length > maxName * nChars + 1 ? name.slice(0, maxName * nChars + 1) : name;
  const wrapped = wrapLines(shown, nChars);
  const fitted = firstLines(wrapped, maxName, nChars);
  out.name = fitted.lines;
  out.elided = fitted.elided || shown !== name;
  if (out.elided && fitted.lines.length && !fitted.elided) out.name[out.name.length - 1] = `${[...out.name.at(-1)!].slice(0, nChars - 1).join('')}…`;
  room -= out.name.length * TREE_LINE.name;
  if (errno && room >= TREE_LINE.name) {
    out.errno = errno;
    room -= TREE_LINE.name;
  }
  const sChars = charsIn(w - 2 * PAD_X, TREE_FONT.sub);
  const full = `${range[0]}-${range[1]}`;
  const subLines = Math.floor(room / TREE_LINE.sub);
  const oneLine = `${full} · ${size}`;
  if (subLines >= 1 && oneLine.length <= sChars) {
    out.sub.push(oneLine);
    return out;
  }
  const rangeLines = full.length <= sChars ? [full] : range[0].length + 1 <= sChars && range[1].length <= sChars ? [`${range[0]}-`, range[1]] : [];
  if (rangeLines.length && rangeLines.length <= subLines) {
    out.sub.push(...rangeLines);
    if (size.length <= sChars && rangeLines.length < subLines) out.sub.push(size);
  } else if (subLines >= 1 && size.length <= sChars) out.sub.push(size);
  return out;
}
