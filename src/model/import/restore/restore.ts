/**
 * The restore layer: what mail and terminals did to a pasted text, undone before a parser sees it. A UTF-8
 * byte-order mark, quoted-printable soft breaks and escapes, mail quote marks ("> "), no-break spaces, blank and
 * comment lines a format does not have, and lines a mail client wrapped. Every change is reported as a located note,
 * and every location in the restored text maps back to the line and column the user pasted.
 *
 * Linear in the input: one pass over the lines, each line touched a bounded number of times.
 */
import type { ImportError } from '../located';
import { decodeQpEscapes, looksQuotedPrintable } from './qp';

/** Where a stretch of a restored line came from: restored column `at` (0-based) is original `line`, `column` (1-based). */
interface Segment {
  at: number;
  line: number;
  column: number;
}

interface Line {
  text: string;
  segs: Segment[];
}

/** What a format knows about its own lines. Every hook must leave a line of a clean dump alone. */
export interface RestoreRules {
  /** A line this format never has (a blank or comment line): the reason it is left out, or null to keep it. */
  drop?(line: string): string | null;
  /**
   * Whether `cur` continues `prev` (a mail client wrapped one line in two): the separator to rejoin them with ("" or
   * " "), or null. `maxLen` is the longest line of the text (a wrap width is at least that).
   */
  join?(prev: string, cur: string, maxLen: number): '' | ' ' | null;
  /** Clean one line (an inline "# comment" after a name): the new text and what was done, or null. */
  clean?(line: string): { text: string; note: string } | null;
}

export interface Restored {
  text: string;
  /** The original location of a restored line (1-based) and column. */
  locate(line: number, column?: number): { line: number; column?: number };
  /** What was changed, located on the original lines. */
  repairs: ImportError[];
  /** Lines left out (blank, comments), located. */
  dropped: ImportError[];
  changed: boolean;
  /** Lines in the original text. */
  lineCount: number;
}

/** Mail quote marks: ">", "> >", ">>>", each optionally followed by a space, at the start of a line. */
const QUOTE = /^(?: ?>)+ ?/;
const NBSP = /[\u00a0\u2007\u202f]/g;
/** At most this many rejoined lines are listed one by one (the count is always given). */
const MAX_LISTED = 200;

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) if (lines[i]!.endsWith('\r')) lines[i] = lines[i]!.slice(0, -1);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The identity: nothing to restore. */
function unchanged(text: string, lineCount: number): Restored {
  return { text, locate: (line, column) => ({ line, column }), repairs: [], dropped: [], changed: false, lineCount };
}

/** Restore `text` with a format's rules; see the module comment. */
export function restoreText(input: string, rules: RestoreRules = {}): Restored {
  const repairs: ImportError[] = [];
  const dropped: ImportError[] = [];
  let text = input;
  let changed = false;
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
    repairs.push({ line: 1, column: 1, message: 'a UTF-8 byte-order mark at the start was removed' });
    changed = true;
  }
  const raw = splitLines(text);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const finalNewline = text.endsWith('\n');
  let lines: Line[] = [];
  if (looksQuotedPrintable(raw)) {
    changed = true;
    let soft = 0;
    let cur: Line | null = null;
    for (let i = 0; i < raw.length; i++) {
      const l = raw[i]!;
      const isSoft = l.endsWith('=') && !l.endsWith('==') && i + 1 < raw.length;
      const part = isSoft ? l.slice(0, -1) : l;
      if (cur) {
        cur.segs.push({ at: cur.text.length, line: i + 1, column: 1 });
        cur.text += part;
      } else cur = { text: part, segs: [{ at: 0, line: i + 1, column: 1 }] };
      if (isSoft) soft++;
      else {
        cur.text = decodeQpEscapes(cur.text);
        lines.push(cur);
        cur = null;
      }
    }
    if (cur) lines.push(cur);
    repairs.push({ line: 1, message: `quoted-printable mail text decoded: ${soft} soft line break${soft === 1 ? '' : 's'} ("=" at the end of a line) rejoined, "=XX" escapes decoded` });
  } else {
    lines = raw.map((t, i) => ({ text: t, segs: [{ at: 0, line: i + 1, column: 1 }] }));
  }

  // Quote marks and no-break spaces.
  let quoted = 0;
  let firstQuoted = 0;
  let nbsp = 0;
  let firstNbsp = 0;
  for (const l of lines) {
    const m = QUOTE.exec(l.text);
    if (m && m[0].includes('>')) {
      const n = m[0].length;
      l.text = l.text.slice(n);
      for (const s of l.segs) {
        if (s.at === 0) s.column += n;
        else s.at -= n;
      }
      if (quoted++ === 0) firstQuoted = l.segs[0]!.line;
    }
    if (NBSP.test(l.text)) {
      NBSP.lastIndex = 0;
      l.text = l.text.replace(NBSP, ' ');
      if (nbsp++ === 0) firstNbsp = l.segs[0]!.line;
    }
    NBSP.lastIndex = 0;
  }
  if (quoted) repairs.push({ line: firstQuoted, column: 1, message: `mail quote marks (">") removed from ${quoted} line${quoted === 1 ? '' : 's'}` });
  if (nbsp) repairs.push({ line: firstNbsp, message: `no-break spaces (U+00A0, as mail clients indent) read as spaces on ${nbsp} line${nbsp === 1 ? '' : 's'}` });
  changed ||= quoted > 0 || nbsp > 0;

  // Lines the format never has.
  if (rules.drop) {
    const kept: Line[] = [];
    for (const l of lines) {
      const why = rules.drop(l.text);
      if (why === null) kept.push(l);
      else dropped.push({ line: l.segs[0]!.line, column: 1, message: why });
    }
    if (kept.length !== lines.length) changed = true;
    lines = kept;
  }

  // Wrapped lines.
  if (rules.join) {
    let maxLen = 0;
    for (const l of lines) if (l.text.length > maxLen) maxLen = l.text.length;
    const out: Line[] = [];
    let joins = 0;
    for (const l of lines) {
      const prev = out[out.length - 1];
      const sep = prev ? rules.join(prev.text, l.text, maxLen) : null;
      if (prev && sep !== null) {
        const at = prev.text.length + sep.length;
        for (const s of l.segs) prev.segs.push({ at: at + s.at, line: s.line, column: s.column });
        prev.text += sep + l.text;
        if (joins++ < MAX_LISTED) {
          repairs.push({ line: l.segs[0]!.line, column: l.segs[0]!.column, message: `a wrapped line: rejoined with line ${prev.segs[0]!.line}` });
        }
      } else out.push(l);
    }
    if (joins > MAX_LISTED) repairs.push({ line: lines[lines.length - 1]?.segs[0]?.line ?? 1, message: `${joins - MAX_LISTED} more wrapped lines rejoined` });
    if (joins) changed = true;
    lines = out;
  }

  if (rules.clean) {
    for (const l of lines) {
      const c = rules.clean(l.text);
      if (c) {
        repairs.push({ line: l.segs[0]!.line, column: l.segs[0]!.column + c.text.length, message: c.note });
        l.text = c.text;
        changed = true;
      }
    }
  }

  if (!changed) return unchanged(input, raw.length);
  const restored = lines.map((l) => l.text).join(eol) + (finalNewline && lines.length > 0 ? eol : '');
  const locate = (line: number, column?: number): { line: number; column?: number } => {
    const l = lines[line - 1];
    if (!l) return { line: Math.min(Math.max(1, line), Math.max(1, raw.length)), column };
    if (column === undefined) return { line: l.segs[0]!.line };
    let seg = l.segs[0]!;
    for (const s of l.segs) if (s.at <= column - 1) seg = s;
    return { line: seg.line, column: Math.max(1, seg.column + (column - 1 - seg.at)) };
  };
  return { text: restored, locate, repairs, dropped, changed, lineCount: raw.length };
}

/** Errors found in a restored text, moved to the lines and columns the user pasted. */
export function relocate<T extends { line: number; column?: number }>(r: Restored, list: readonly T[]): T[] {
  if (!r.changed) return list as T[];
  return list.map((e) => {
    const at = r.locate(e.line, e.column);
    const { column: _column, ...rest } = e;
    return (at.column === undefined ? { ...rest, line: at.line } : { ...rest, line: at.line, column: at.column }) as T;
  });
}
