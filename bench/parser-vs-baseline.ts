/**
 * The parser budget of issue 6: parseIomem() on a text against a bare split('\n') plus one regex test per line over
 * the same text, in the same run. One loop for Node (bench/model.bench.ts, bench/parser.bench.ts) and Chromium
 * (bench/browser-parser.ts).
 */
import { parseIomem } from '../src/model/resource/iomem';

const RE = /^\s*[0-9a-f]+-[0-9a-f]+ : /;

export interface ParserRun {
  parseMs: number[];
  baselineMs: number[];
}

/** Collect garbage when the runtime lets us (node --expose-gc, chromium --js-flags=--expose-gc). */
const collect = (): void => (globalThis as { gc?: () => void }).gc?.();

/**
 * `reps` timed runs of each, after `warmup` untimed runs of each so the parser is measured as optimised code (the
 * first runs of a 100,000-line parse are interpreted or baseline-compiled and take 2–4× as long; the split+regex
 * baseline is mostly builtins and needs no warm-up). The heap is collected before every timed run (where gc() is
 * exposed) so neither side pays for the other's garbage, and the order alternates.
 */
export function parserVsBaseline(text: string, reps: number, warmup = 3): ParserRun {
  const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  const parseMs: number[] = [];
  const baselineMs: number[] = [];
  const runParse = () => {
    collect();
    const t = performance.now();
    const r = parseIomem(text);
    parseMs.push(performance.now() - t);
    if (r.errors.length) throw new Error(`input has errors: line ${r.errors[0]!.line}: ${r.errors[0]!.message}`);
    if (r.nodeCount !== lines) throw new Error(`parsed ${r.nodeCount} of ${lines} lines`);
  };
  const runBase = () => {
    collect();
    const t = performance.now();
    let ok = 0;
    for (const l of text.split('\n')) if (RE.test(l)) ok++;
    baselineMs.push(performance.now() - t);
    if (ok < lines) throw new Error('baseline regex mismatch');
  };
  for (let i = 0; i < warmup; i++) {
    runParse();
    runBase();
  }
  parseMs.length = 0;
  baselineMs.length = 0;
  for (let i = 0; i < reps; i++) {
    if (i % 2) {
      runBase();
      runParse();
    } else {
      runParse();
      runBase();
    }
  }
  return { parseMs, baselineMs };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
