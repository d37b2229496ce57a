/**
 * How a pasted /proc/iomem was damaged, and how to undo it: blank lines and "#" comment lines (r_show() prints
 * neither), an inline "# comment" after a name, and lines a mail client wrapped — in the address part
 * ("1050000000-" + "144fffffff : CXL Window 0", also "4c01ffff=" + "f : PCI Bus 0000:0d" once quoted-printable is
 * decoded) or in the name (a long line's last word moved to a line of its own).
 */
import type { RestoreRules } from './restore';

const RESOURCE = /^ *[0-9a-fA-F]{1,16}-[0-9a-fA-F]{1,16} : /;
/** A resource line cut before its name: "start", "start-", "start-end", "start-end :". */
const CUT = /^ *[0-9a-fA-F]{1,16}(?:-(?:[0-9a-fA-F]{1,16}(?: :?)?)?)?$/;
const HEX = /^[0-9a-fA-F]/;
/** The shortest line a mail client wraps (the usual widths are 72 to 80 columns, less with quote marks). */
const MIN_WRAPPED = 48;
/** A line that marks an elision or starts something else, never the tail of a name. */
const MARKER = /^[[.(<#>=*|+-]/;

export const IOMEM_RULES: RestoreRules = {
  drop(line) {
    const t = line.trim();
    if (t === '') return 'blank line ignored';
    if (t.startsWith('#')) return 'comment line ignored';
    return null;
  },
  join(prev, cur, maxLen) {
    if (RESOURCE.test(cur) || cur.trim() === '') return null;
    const p = prev.trimEnd();
    if (CUT.test(p)) {
      const c = cur.trimStart();
      const seps: ('' | ' ')[] = /[-0-9a-fA-F]$/.test(p) && HEX.test(c) ? ['', ' '] : [' ', ''];
      for (const sep of seps) if (RESOURCE.test(p + sep + c)) return sep;
      return null;
    }
    if (!RESOURCE.test(prev) || /^\s/.test(cur) || cur.includes(' : ') || MARKER.test(cur)) return null;
    // format=flowed: a soft break leaves a trailing space on the first half.
    if (prev.endsWith(' ') && !prev.endsWith(' : ')) return '';
    const firstWord = cur.split(' ', 1)[0]!.length;
    return prev.length >= MIN_WRAPPED && prev.length + 1 + firstWord > maxLen ? ' ' : null;
  },
  clean(line) {
    const sep = line.indexOf(' : ');
    if (sep < 0) return null;
    const m = /\s+#(?:\s.*)?$/.exec(line.slice(sep + 3));
    if (!m || !RESOURCE.test(line)) return null;
    const text = line.slice(0, sep + 3 + m.index);
    return { text, note: `comment ${JSON.stringify(m[0].trim().slice(0, 40))} removed from the name` };
  },
};
