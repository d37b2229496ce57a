/**
 * A JSON reader for `cxl list` output: numbers are kept as written (a memdev serial such as 12208648699093770240 is
 * past 2^53, where JSON.parse rounds it), every value knows its line and column, and bad input gets one located
 * error instead of an exception. Iterative (no recursion, so hostile nesting cannot overflow the stack) and linear.
 */

export type Json =
  | { t: 'null'; line: number; column: number }
  | { t: 'bool'; v: boolean; line: number; column: number }
  | { t: 'str'; v: string; line: number; column: number }
  /** A number as written: "23890755584", "-1", "1.5e3". */
  | { t: 'num'; raw: string; line: number; column: number }
  | { t: 'arr'; items: Json[]; line: number; column: number }
  | { t: 'obj'; entries: [string, Json][]; line: number; column: number };

export interface JsonError {
  line: number;
  column: number;
  message: string;
}

export type JsonResult = { ok: true; value: Json; end: number } | { ok: false; error: JsonError };

/** Deeper than this is refused (`cxl list -vvv` nests about ten levels). */
export const MAX_JSON_DEPTH = 512;

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

type Frame = { node: Extract<Json, { t: 'arr' | 'obj' }>; key: string | null; expectKey: boolean };

/** Parse one JSON value starting at `from` (leading whitespace skipped). `end` is the offset just after it. */
export function parseJson(text: string, from = 0): JsonResult {
  let pos = from;
  let line = 1;
  let lineStart = 0;
  // Line and column of `from`: count the lines before it once.
  for (let i = text.indexOf('\n'); i >= 0 && i < from; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  const fail = (message: string, at = pos): JsonResult => {
    // `at` is on the current line or the one just read; recount from lineStart when it is before it.
    let l = line;
    let ls = lineStart;
    if (at < ls) {
      l = 1;
      ls = 0;
      for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) {
        l++;
        ls = i + 1;
      }
    }
    return { ok: false, error: { line: l, column: at - ls + 1, message } };
  };
  const skipWs = (): void => {
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 10) {
        line++;
        lineStart = ++pos;
      } else if (c === 32 || c === 9 || c === 13) pos++;
      else return;
    }
  };
  /** What was found where something else was expected, with the fix when it is an elision ("..." on its own line). */
  const unexpected = (expected: string): JsonResult => {
    const eol = text.indexOf('\n', pos);
    if (/^\.{3,}\s*$/.test(text.slice(pos, eol < 0 ? undefined : eol))) return fail('an elision ("...") in the JSON: paste the whole output of cxl list');
    return fail(`expected ${expected}, found ${found()}`);
  };
  const found = (): string => {
    if (pos >= text.length) return 'the end of the text';
    const rest = text.slice(pos, pos + 12).split('\n')[0]!;
    return JSON.stringify(rest.length > 0 ? rest : text[pos]);
  };
  const stack: Frame[] = [];
  let result: Json;

  for (;;) {
    skipWs();
    const top = stack[stack.length - 1];
    // Inside an object: a key (or "}") first.
    if (top && top.node.t === 'obj' && top.expectKey) {
      if (text[pos] === '}' && top.node.entries.length === 0) {
        pos++;
        stack.pop();
        result = top.node;
      } else if (text[pos] !== '"') {
        return text[pos] === '}' ? fail('a comma before "}": JSON allows no trailing comma — remove it') : unexpected('a key in quotes');
      } else {
        const s = readString();
        if (typeof s !== 'string') return s;
        skipWs();
        if (text[pos] !== ':') return fail(`expected ":" after the key ${JSON.stringify(s)}, found ${found()}`);
        pos++;
        top.key = s;
        top.expectKey = false;
        continue;
      }
    } else {
      // A value.
      const c = text[pos];
      const l = line;
      const col = pos - lineStart + 1;
      if (c === '{' || c === '[') {
        if (stack.length >= MAX_JSON_DEPTH) return fail(`nested deeper than ${MAX_JSON_DEPTH} levels`);
        pos++;
        const node: Frame['node'] = c === '{' ? { t: 'obj', entries: [], line: l, column: col } : { t: 'arr', items: [], line: l, column: col };
        stack.push({ node, key: null, expectKey: c === '{' });
        if (c === '[') {
          skipWs();
          if (text[pos] === ']') {
            pos++;
            stack.pop();
            result = node;
          } else continue;
        } else continue;
      } else if (c === ']' && top && top.node.t === 'arr') {
        return fail('a comma before "]": JSON allows no trailing comma — remove it');
      } else if (c === '"') {
        const s = readString();
        if (typeof s !== 'string') return s;
        result = { t: 'str', v: s, line: l, column: col };
      } else if (text.startsWith('true', pos) || text.startsWith('false', pos) || text.startsWith('null', pos)) {
        const w = text.startsWith('true', pos) ? 'true' : text.startsWith('false', pos) ? 'false' : 'null';
        pos += w.length;
        result = w === 'null' ? { t: 'null', line: l, column: col } : { t: 'bool', v: w === 'true', line: l, column: col };
      } else {
        NUMBER.lastIndex = pos;
        const m = NUMBER.exec(text);
        if (!m || m[0] === '-') return unexpected('a value');
        pos += m[0].length;
        result = { t: 'num', raw: m[0], line: l, column: col };
      }
    }
    // A value is complete: attach it, then expect "," or the close of its container.
    for (;;) {
      const parent = stack[stack.length - 1];
      if (!parent) return { ok: true, value: result, end: pos };
      if (parent.node.t === 'arr') parent.node.items.push(result);
      else {
        parent.node.entries.push([parent.key!, result]);
        parent.key = null;
      }
      skipWs();
      const close = parent.node.t === 'arr' ? ']' : '}';
      if (text[pos] === ',') {
        pos++;
        if (parent.node.t === 'obj') parent.expectKey = true;
        break;
      }
      if (text[pos] === close) {
        pos++;
        stack.pop();
        result = parent.node;
        continue;
      }
      if (text[pos] === '"') return fail(`expected "," or "${close}", found ${found()}: a comma is missing before it`);
      return unexpected(`"," or "${close}"`);
    }
  }

  function readString(): string | JsonResult {
    const start = pos;
    pos++;
    let out = '';
    let run = pos;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (pos >= text.length || c === 10) return fail('a string that does not end on its line', start);
      if (c === 34) {
        out += text.slice(run, pos);
        pos++;
        return out;
      }
      if (c === 92) {
        out += text.slice(run, pos);
        const e = text[pos + 1] ?? '';
        if (e === 'u') {
          const h = text.slice(pos + 2, pos + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(h)) return fail('a \\u escape needs four hex digits');
          out += String.fromCharCode(parseInt(h, 16));
          pos += 6;
        } else if (ESCAPES[e] !== undefined) {
          out += ESCAPES[e];
          pos += 2;
        } else return fail(`unknown escape "\\${e}"`);
        run = pos;
        continue;
      }
      if (c < 32) return fail('a control character inside a string');
      pos++;
    }
  }
}

/** An object's value for `key` (the last one, as JSON.parse keeps), or undefined. */
export function get(o: Json, key: string): Json | undefined {
  if (o.t !== 'obj') return undefined;
  for (let i = o.entries.length - 1; i >= 0; i--) if (o.entries[i]![0] === key) return o.entries[i]![1];
  return undefined;
}
