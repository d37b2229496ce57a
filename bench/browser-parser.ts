/**
 * The parser benchmark in the browser: built by scripts/bench.mjs into bench/.out and loaded into headless Chromium,
 * so the parser-vs-baseline ratio is measured in the engine the app runs in, not only in Node.
 */
import { serverIomem, syntheticIomem } from './iomem-gen';
import { parserVsBaseline, type ParserRun } from './parser-vs-baseline';

declare global {
  interface Window {
    __parserBench: (shape: 'synthetic' | 'server', lines: number, reps: number) => ParserRun;
  }
}

window.__parserBench = (shape, lines, reps) => parserVsBaseline(shape === 'server' ? serverIomem(lines) : syntheticIomem(lines), reps);
