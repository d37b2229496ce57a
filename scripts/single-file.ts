/**
 * Vite plugin for `npm run build:single`: turns the built site into one HTML file that works from file:// offline.
 *
 * - the entry script is inlined as <script type="module"> (the build has one chunk: vite.single.config.ts turns code
 *   splitting off, so the lazy import panel is in it), and every stylesheet as <style>;
 * - the import worker, which Vite emits as its own file referenced by `new URL("…", import.meta.url)`, is embedded as
 *   a string and started from a data: URL. A file:// page cannot start a worker from a file, and Chromium refuses a
 *   *module* worker from a blob: URL made by a file:// page (its origin is opaque; a classic blob: worker starts, a
 *   module one fails without a message), while a module worker from a data: URL starts. The call site keeps
 *   `{ type: 'module' }`, so the hosted site and this file run the same worker code the same way;
 * - the favicon becomes a data: URL;
 * - the Content-Security-Policy of index.html is kept, with two changes only: script-src allows exactly the inline
 *   script, by its SHA-256 hash (no 'unsafe-inline', no 'unsafe-eval'), and worker-src is `data:` alone, since the
 *   worker is a data: URL and there is no same-origin file to start one from. Allowing data: workers adds nothing an
 *   attacker could use: starting a worker takes script, and the only script that can run is the hashed one.
 *
 * Anything the plugin cannot place in the HTML (another chunk, an asset, a second script) fails the build, so the
 * file never silently depends on a file beside it. Written for this app instead of adding vite-plugin-singlefile,
 * which handles neither workers nor CSP hashes.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Plugin } from 'vite';

export interface SingleFileOptions {
  /** Name of the one file written (default hdm-atlas.html). */
  fileName?: string;
  /** The SVG favicon to inline (the build runs with publicDir off). */
  favicon?: string;
}

/** Text placed inside <script>: "</script" would end the element early, "<!--" can change how it is parsed. */
export function scriptSafe(js: string): string {
  if (js.includes('<!--')) throw new Error('single-file: the script contains "<!--", which cannot be inlined safely');
  return js.replace(/<\/(script)/gi, '<\\/$1');
}

export function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** The page's CSP with script-src set to the inline script's hash and worker-src to data: only. */
export function singleFileCsp(csp: string, scriptHash: string): string {
  const directives = csp.split(';').map((d) => d.trim()).filter(Boolean);
  const set = (name: string, value: string) => {
    const i = directives.findIndex((d) => d.split(/\s+/)[0] === name);
    if (i < 0) directives.push(`${name} ${value}`);
    else directives[i] = `${name} ${value}`;
  };
  set('script-src', scriptHash);
  set('worker-src', 'data:');
  return directives.join('; ');
}

const ESCAPED = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function singleFile(opts: SingleFileOptions = {}): Plugin {
  const fileName = opts.fileName ?? 'hdm-atlas.html';
  return {
    name: 'hdm-atlas:single-file',
    apply: 'build',
    enforce: 'post',
    // After Vite's own generateBundle hooks: the HTML is written and the dynamic-import preload markers are resolved.
    generateBundle: { order: 'post', handler(_out, bundle) {
      const htmlAsset = bundle['index.html'];
      if (!htmlAsset || htmlAsset.type !== 'asset') throw new Error('single-file: no index.html in the bundle');
      let html = String(htmlAsset.source);
      const inlined = new Set<string>(['index.html']);
      const file = (ref: string) => {
        const name = ref.replace(/^\.\//, '');
        const item = bundle[name];
        if (!item) throw new Error(`single-file: index.html refers to ${ref}, which is not in the bundle`);
        inlined.add(name);
        return item;
      };

      // Workers: every other JS file the entry code starts with new URL("name", import.meta.url).
      const scripts = [...html.matchAll(/<script type="module"[^>]*\ssrc="([^"]+)"[^>]*><\/script>/g)];
      if (scripts.length !== 1) throw new Error(`single-file: expected one module script in index.html, found ${scripts.length}`);
      const entry = file(scripts[0]![1]!);
      if (entry.type !== 'chunk') throw new Error('single-file: the entry script is not a chunk');
      let code = entry.code;
      const workers: string[] = [];
      for (const [name, item] of Object.entries(bundle)) {
        if (inlined.has(name) || !name.endsWith('.js')) continue;
        const ref = new RegExp(`new URL\\(\\s*([\`"'])(?:\\./)?(?:assets/)?${ESCAPED(basename(name))}\\1\\s*,\\s*import\\.meta\\.url\\s*\\)`, 'g');
        if (!ref.test(code)) continue;
        const source = item.type === 'chunk' ? item.code : String(item.source);
        if (/^\s*import[\s{*]|\bimport\s*\(/m.test(source)) throw new Error(`single-file: worker ${name} imports other files`);
        const i = workers.push(source) - 1;
        code = code.replace(ref, `new URL(__hdmSingleFileUrl(${i}))`);
        inlined.add(name);
      }
      if (workers.length > 0) {
        code =
          `const __hdmSingleFileCode=${JSON.stringify(workers)};` +
          `function __hdmSingleFileUrl(i){return "data:text/javascript;charset=utf-8,"+encodeURIComponent(__hdmSingleFileCode[i])}\n` +
          code;
      }
      const script = scriptSafe(code);
      html = html.replace(scripts[0]![0], () => `<script type="module">${script}</script>`);

      html = html.replace(/<link rel="stylesheet"[^>]*\shref="([^"]+)"[^>]*>/g, (_m, href: string) => {
        const css = file(href);
        if (css.type !== 'asset') throw new Error(`single-file: ${href} is not a stylesheet asset`);
        return `<style>${String(css.source).replace(/<\/(style)/gi, '<\\/$1')}</style>`;
      });
      if (opts.favicon) {
        const svg = readFileSync(opts.favicon, 'utf8').trim();
        html = html.replace(/(<link rel="icon"[^>]*\shref=")[^"]+(")/, (_m, a: string, b: string) => `${a}data:image/svg+xml,${encodeURIComponent(svg)}${b}`);
      }

      const csp = /(<meta http-equiv="Content-Security-Policy" content=")([^"]+)(")/.exec(html);
      if (!csp) throw new Error('single-file: index.html has no Content-Security-Policy meta');
      html = html.replace(csp[0], () => `${csp[1]}${singleFileCsp(csp[2]!, cspHash(script))}${csp[3]}`);

      const left = Object.keys(bundle).filter((n) => !inlined.has(n));
      if (left.length > 0) throw new Error(`single-file: not inlined, the file would need them beside it: ${left.join(', ')}`);
      if (/<(?:script|link)[^>]*\s(?:src|href)="(?!data:)[^"]*"/.test(html.replace(/<script type="module">[\s\S]*?<\/script>/, ''))) {
        throw new Error('single-file: a script or link still points to another file');
      }
      for (const n of inlined) delete bundle[n];
      this.emitFile({ type: 'asset', fileName, source: html });
    } },
  };
}
