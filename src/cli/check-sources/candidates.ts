/**
 * Parsing `git grep -n` output into the files that may define a name: a line at column 0, a #define, a tag with its
 * name, an indented enum constant, member or Kconfig entry. A superset; findDefinitions decides.
 */
import type { Identifier } from '../../model/source-check/symbols';

export function couldDefine(line: string, name: Identifier): boolean {
  if (/^[A-Za-z_*#]/.test(line)) return true;
  return (
    /^\s*#\s*define\s/.test(line) ||
    /^\s*(menu)?config\s/.test(line) ||
    new RegExp(`(struct|union|enum)\\s+${name}(?![A-Za-z0-9_])`).test(line) ||
    new RegExp(`^\\s+${name}\\s*(=|,|$)`).test(line) ||
    new RegExp(`(?<![A-Za-z0-9_.>])${name}\\s*(\\[[^\\]]*\\]\\s*)*(:[^;,]+)?[;,]|\\(\\s*\\*\\s*${name}\\s*\\)`).test(line)
  );
}

/** Files, in order and once each, from `git grep -n` lines ("path:line:text", or "rev:path:line:text"). */
export function candidateFiles(output: string, name: Identifier, revPrefix: string | null): string[] {
  const files: string[] = [];
  const seen = new Set<string>();
  for (const raw of output.split('\n')) {
    const l = revPrefix && raw.startsWith(`${revPrefix}:`) ? raw.slice(revPrefix.length + 1) : raw;
    const m = /^([^:\n]+):(\d+):(.*)$/.exec(l);
    if (!m || seen.has(m[1]!) || !couldDefine(m[3]!, name)) continue;
    seen.add(m[1]!);
    files.push(m[1]!);
  }
  return files;
}
