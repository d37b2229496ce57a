/**
 * How a pasted maps / smaps was damaged, and how to undo it. maps pads the path to column 73, so a mail client that
 * wraps at 72 moves the path ("anon_inode:[vfio-device]") to a line of its own and the VMA reads as "[anon]"; a wrap
 * inside the address or offset cuts the header in two.
 */
import type { RestoreRules } from './restore';

const HEAD = /^\s*[0-9a-fA-F]{1,16}-[0-9a-fA-F]{1,16}\s+[-rwxsp]{4}\s+[0-9a-fA-F]{1,16}\s+[0-9a-fA-F]{1,8}:[0-9a-fA-F]{1,8}\s+\d+(?:\s+(.*))?$/;
/** smaps fields ("Size:", "VmFlags:", "THPeligible:") start with a capital; a path continuation never does. */
const FIELD = /^\s*[A-Z][A-Za-z0-9_]*:/;
/** What a wrapped path looks like: a file, a pseudo-file, "(deleted)". */
const PATH_TAIL = /^\s*(?:\/|\[|anon_inode:|memfd:|socket:|SYSV|\(deleted\))/;
/** The start of a header cut short: address, dash, maybe more, but not all of the fixed columns. */
const CUT_HEAD = /^\s*[0-9a-fA-F]{1,16}(?:-[0-9a-fA-F]{0,16})?(?:\s+\S+)*\s*$/;

export const MAPS_RULES: RestoreRules = {
  join(prev, cur) {
    if (HEAD.test(cur) || FIELD.test(cur) || cur.trim() === '') return null;
    const h = HEAD.exec(prev);
    if (h) {
      const path = (h[1] ?? '').trim();
      if (path === '' && PATH_TAIL.test(cur)) return ' ';
      if (path !== '' && cur.trim() === '(deleted)') return ' ';
      return null;
    }
    if (!CUT_HEAD.test(prev)) return null;
    const p = prev.trimEnd();
    const c = cur.trimStart();
    for (const sep of /[-0-9a-fA-F]$/.test(p) && /^[0-9a-fA-F]/.test(c) ? (['', ' '] as const) : ([' ', ''] as const)) {
      if (HEAD.test(p + sep + c)) return sep;
    }
    return null;
  },
};
