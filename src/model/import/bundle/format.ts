/**
 * The bundle scripts/collect.sh writes: one text file, sections headed by "=== NAME" lines, after a first line
 * "# hdm-atlas bundle v1". A section's text runs to the next "=== " line; a section that could not be collected
 * says why in a line "=== missing: NAME (reason)". Lines starting with "#" before the first section are comments.
 *
 *   # hdm-atlas bundle v1
 *   # collected 2026-11-01T10:00:00Z by scripts/collect.sh, uid 0
 *   === uname -r
 *   6.12.0-55.el10.x86_64
 *   === uname -m
 *   x86_64
 *   === /proc/iomem
 *   00000000-00000fff : Reserved
 *   …
 *   === missing: cxl list -vvv (cxl not installed)
 *
 * Section names (collect.sh writes these; any other is kept and shown, not read): "uname -r", "uname -m",
 * "cpu vendor" (/proc/cpuinfo vendor_id, x86), "/proc/cmdline", "kernel config" (the CONFIG_ lines that change an
 * outcome, from /proc/config.gz or /boot/config-$(uname -r)), "memory auto_online_blocks"
 * (/sys/devices/system/memory/auto_online_blocks), "dmesg" (CPU features, cxl, hmem, dax, vfio lines), "/proc/iomem",
 * "cxl list -vvv", "smaps" (of the VMM process), "ftrace" (a short KVM fault trace).
 */

export const BUNDLE_MAGIC = '# hdm-atlas bundle v1';

export interface BundleSection {
  name: string;
  /** 1-based line of the "=== NAME" header. */
  line: number;
  text: string;
  /** Lines of text. */
  lineCount: number;
}

export interface BundleParse {
  sections: BundleSection[];
  /** Sections the collector could not gather, and why. */
  missing: { name: string; reason: string; line: number }[];
  /** Header comments ("# collected … uid 0"). */
  comments: string[];
}

/** Whether a text is a bundle (its first non-blank line is the magic line). */
export function isBundle(text: string): boolean {
  const head = text.slice(0, 256).replace(/^\ufeff/, '').trimStart();
  return head.startsWith(BUNDLE_MAGIC);
}

const HEADER = /^=== (.+?)\s*$/;
const MISSING = /^missing: (.+?) \((.*)\)$/;

/** Split a bundle into its sections. Linear; never throws. */
export function splitBundle(text: string): BundleParse {
  const lines = text.replace(/^\ufeff/, '').split('\n');
  const sections: BundleSection[] = [];
  const missing: BundleParse['missing'] = [];
  const comments: string[] = [];
  let cur: { name: string; line: number; lines: string[] } | null = null;
  const close = () => {
    if (!cur) return;
    while (cur.lines.length > 0 && cur.lines[cur.lines.length - 1]!.trim() === '') cur.lines.pop();
    sections.push({ name: cur.name, line: cur.line, text: cur.lines.length ? cur.lines.join('\n') + '\n' : '', lineCount: cur.lines.length });
    cur = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!.replace(/\r$/, '');
    const h = HEADER.exec(l);
    if (h) {
      close();
      const m = MISSING.exec(h[1]!);
      if (m) missing.push({ name: m[1]!, reason: m[2]!, line: i + 1 });
      else cur = { name: h[1]!, line: i + 1, lines: [] };
      continue;
    }
    if (cur) cur.lines.push(l.startsWith('\\=== ') ? l.slice(1) : l);
    else if (l.startsWith('#') && l !== BUNDLE_MAGIC) comments.push(l.replace(/^#\s?/, ''));
  }
  close();
  return { sections, missing, comments };
}

/** The section of that name (names compare without case), or undefined. */
export function section(b: BundleParse, name: string): BundleSection | undefined {
  const n = name.toLowerCase();
  return b.sections.find((s) => s.name.toLowerCase() === n || s.name.toLowerCase().startsWith(n + ' '));
}
