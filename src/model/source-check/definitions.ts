/**
 * Where a file defines a name, found the way a reader finds it, not by any mention: a function definition (return
 * type and name at the start of a line, or the name at the start of the line after a return-type line, kernel
 * style, and a body), a `#define`, a `struct`/`union`/`enum` with a body, an enum constant, a struct member, a
 * file-scope variable, a Kconfig `config` entry. Prototypes, calls, uses and comments are not definitions.
 */
import { blankComments, closing, lineAt } from './c-text';
import type { Definition, DefinitionKind } from './types';
import type { Identifier, Wanted } from './symbols';
import { isKconfigPath } from './symbols';

export interface DefinitionQuery {
  name: Identifier;
  want: Wanted;
  container: Identifier | null;
}

const WANTED_KINDS: Record<Wanted, readonly DefinitionKind[]> = {
  call: ['function', 'macro'],
  type: ['struct', 'union', 'enum'],
  field: ['field'],
  config: ['kconfig'],
  any: ['function', 'macro', 'struct', 'union', 'enum', 'enum-constant', 'variable', 'kconfig'],
};

const W = '[A-Za-z0-9_]';
/** What may precede a function's or variable's name on its line: type words, attributes with arguments, stars. */
const DECL_PREFIX = /^(?:[A-Za-z_]\w*(?:\s*\((?:[^()]|\([^()]*\))*\))?\s*|\*\s*)+$/;
const NOT_A_TYPE = /\b(?:return|else|if|while|for|do|switch|case|goto|sizeof|typedef|extern)\b/;
/** A line holding only a return type, e.g. "static inline struct page *". */
const TYPE_LINE = /^[A-Za-z_][\w \t*]*$/;

/** After a parameter list: attributes such as __acquires(x), then "{" for a definition. */
function bodyFollows(code: string, from: number): boolean {
  let k = from;
  for (let guard = 0; guard < 20; guard++) {
    while (k < code.length && /\s/.test(code[k]!)) k++;
    if (code[k] === '{') return true;
    const id = /^[A-Za-z_]\w*/.exec(code.slice(k, k + 200));
    if (!id) return false;
    k += id[0].length;
    while (k < code.length && /[ \t]/.test(code[k]!)) k++;
    if (code[k] === '(') {
      const end = closing(code, k, 2000);
      if (end < 0) return false;
      k = end + 1;
    }
  }
  return false;
}

function functions(code: string, lines: string[], starts: number[], name: Identifier): Definition[] {
  const out: Definition[] = [];
  const re = new RegExp(`(^|[^A-Za-z0-9_])${name}\\s*\\(`);
  lines.forEach((line, i) => {
    if (!/^[A-Za-z_*]/.test(line)) return;
    const m = re.exec(line);
    if (!m) return;
    const prefix = line.slice(0, m.index + m[1]!.length);
    if (prefix === '') {
      let p = i - 1;
      while (p >= 0 && lines[p]!.trim() === '') p--;
      const prev = p >= 0 ? lines[p]!.trimEnd() : '';
      if (!TYPE_LINE.test(prev) || NOT_A_TYPE.test(prev)) return;
    } else if (!DECL_PREFIX.test(prefix) || NOT_A_TYPE.test(prefix)) return;
    const open = starts[i]! + m.index + m[0].length - 1;
    const close = closing(code, open, 8000);
    if (close >= 0 && bodyFollows(code, close + 1)) out.push({ line: i + 1, kind: 'function' });
  });
  return out;
}

function matchLines(lines: string[], re: RegExp, kind: DefinitionKind): Definition[] {
  const out: Definition[] = [];
  lines.forEach((line, i) => {
    if (re.test(line)) out.push({ line: i + 1, kind });
  });
  return out;
}

function tags(lines: string[], name: Identifier): Definition[] {
  const out: Definition[] = [];
  const re = new RegExp(`(?:^|[^A-Za-z0-9_])(struct|union|enum)\\s+${name}\\s*(\\{|$)`);
  lines.forEach((line, i) => {
    const m = re.exec(line);
    if (!m) return;
    if (m[2] !== '{') {
      let p = i + 1;
      while (p < lines.length && lines[p]!.trim() === '') p++;
      if (!lines[p]?.trimStart().startsWith('{')) return;
    }
    out.push({ line: i + 1, kind: m[1] as DefinitionKind });
  });
  return out;
}

/** Bodies of `struct|union|enum [tag] {…}`, as [open, close] offsets; `tag` null matches any (or no) tag. */
function bodies(code: string, keyword: string, tag: Identifier | null): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const re = new RegExp(`(?:^|[^A-Za-z0-9_])(?:${keyword})${tag ? `\\s+${tag}` : `(?:\\s+[A-Za-z_]${W}*)?`}\\s*\\{`, 'g');
  for (let m = re.exec(code); m; m = re.exec(code)) {
    const open = m.index + m[0].length - 1;
    const close = closing(code, open);
    if (close > open) out.push([open, close]);
  }
  return out;
}

function enumConstants(code: string, name: Identifier): Definition[] {
  const out: Definition[] = [];
  const re = new RegExp(`(?<!${W})${name}(?!${W})`, 'g');
  for (const [open, close] of bodies(code, 'enum', null)) {
    const body = code.slice(open + 1, close);
    for (let m = re.exec(body); m; m = re.exec(body)) {
      const before = body.slice(0, m.index);
      const entryStart = before.lastIndexOf(',') + 1;
      const lead = before.slice(entryStart).replace(/^[ \t]*#.*$/gm, '');
      const after = body.slice(m.index + name.length);
      if (lead.trim() === '' && /^\s*(=|,|$)/.test(after)) out.push({ line: lineAt(code, open + 1 + m.index), kind: 'enum-constant' });
    }
  }
  return out;
}

function fields(code: string, name: Identifier, container: Identifier): Definition[] {
  const out: Definition[] = [];
  const member = new RegExp(`(?<![A-Za-z0-9_.>])${name}\\s*(\\[[^\\]]*\\]\\s*)*(:[^;,]+)?[;,]|\\(\\s*\\*\\s*${name}\\s*\\)\\s*\\(`, 'g');
  for (const [open, close] of bodies(code, 'struct|union', container)) {
    const body = code.slice(open + 1, close);
    for (let m = member.exec(body); m; m = member.exec(body)) out.push({ line: lineAt(code, open + 1 + m.index), kind: 'field' });
  }
  return out;
}

function variables(lines: string[], name: Identifier): Definition[] {
  const decl = new RegExp(`^((?:[A-Za-z_]\\w*(?:\\([^()]*\\))?\\s+|\\*+\\s*)+\\**\\s*)${name}\\s*(\\[[^\\]]*\\]\\s*)*((?:__\\w+|[A-Z_]+)(\\([^()]*\\))?\\s*)*(=|;|,)`);
  const defineMacro = new RegExp(`^(?:static\\s+)?DEFINE_[A-Z0-9_]+\\(\\s*${name}\\s*[,)]`);
  const out: Definition[] = [];
  lines.forEach((line, i) => {
    const m = decl.exec(line);
    if ((m && !NOT_A_TYPE.test(m[1]!)) || defineMacro.test(line)) out.push({ line: i + 1, kind: 'variable' });
  });
  return out;
}

/**
 * Every definition of the query's name in a file's text, by line, of the kinds the query asks for.
 * @example findDefinitions('int\nfoo(void)\n{\n}\n', { name, want: 'call', container: null }, 'a.c') // [{ line: 2, kind: 'function' }]
 */
export function findDefinitions(text: string, q: DefinitionQuery, path: string): Definition[] {
  const kinds = WANTED_KINDS[q.want];
  const { name } = q;
  if (isKconfigPath(path)) {
    if (!kinds.includes('kconfig')) return [];
    return matchLines(text.split('\n'), new RegExp(`^\\s*(?:menu)?config\\s+${name}\\s*(#.*)?$`), 'kconfig');
  }
  const code = blankComments(text);
  const lines = code.split('\n');
  const starts: number[] = [];
  let off = 0;
  for (const l of lines) {
    starts.push(off);
    off += l.length + 1;
  }
  const found: Definition[] = [];
  if (kinds.includes('function')) found.push(...functions(code, lines, starts, name));
  if (kinds.includes('macro')) found.push(...matchLines(lines, new RegExp(`^\\s*#\\s*define\\s+${name}(?!${W})`), 'macro'));
  if (kinds.includes('struct')) found.push(...tags(lines, name));
  if (kinds.includes('enum-constant')) found.push(...enumConstants(code, name));
  if (kinds.includes('variable')) found.push(...variables(lines, name));
  if (kinds.includes('field') && q.container) found.push(...fields(code, name, q.container));
  const seen = new Set<number>();
  return found
    .filter((d) => kinds.includes(d.kind))
    .sort((a, b) => a.line - b.line)
    .filter((d) => (seen.has(d.line) ? false : (seen.add(d.line), true)));
}
