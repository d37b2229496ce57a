/**
 * The parser benchmark in the browser: built by scripts/bench.mjs into bench/.out and loaded into headless Chromium,
 * so the parser-vs-baseline ratio is measured in the engine the app runs in, not only in Node.
 */
import { parseIomem } from '../src/model/resource/iomem';
import { serverIomem, syntheticIomem } from './iomem-gen';

/** The baseline of issue 6: a bare split('\n') plus one regex test per line over the same text. */
const RE = /^\s*[0-9a-f]+-[0-9a-f]+ : /;

export interface ParserRun {
  parseMs: number[];
  baselineMs: number[];
}

export function parserVsBaseline(text: string, reps: number): ParserRun {
  const parseMs: number[] = [];
  const baselineMs: number[] = [];
  for (let i = 0; i < reps; i++) {
    // Alternate the order so neither side always runs on a warmer heap.
    const runBase = () => {
      const t = performance.now();
      let ok = 0;
      for (const l of text.split('\n')) if (RE.test(l)) ok++;
      baselineMs.push(performance.now() - t);
      if (ok === 0) throw new Error('baseline matched no line');
    };
    const runParse = () => {
      const t = performance.now();
      const r = parseIomem(text);
      parseMs.push(performance.now() - t);
      if (r.errors.length) throw new Error(`generated iomem has errors: ${r.errors[0]!.message}`);
    };
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

declare global {
  interface Window {
    __parserBench: (shape: 'synthetic' | 'server', lines: number, reps: number) => ParserRun;
  }
}

window.__parserBench = (shape, lines, reps) => parserVsBaseline(shape === 'server' ? serverIomem(lines) : syntheticIomem(lines), reps);
