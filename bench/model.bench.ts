/**
 * Node-side benchmarks, run by scripts/bench.mjs through tsx. Prints one JSON object on stdout.
 * - explain() for every design × architecture × platform combination, cold (memo cleared) and warm;
 * - the /proc/iomem parser on 1,000 and 100,000 lines against a bare split('\n') + one regex test per line.
 */
import { clearCoreCache } from '../src/model/derive';
import { explain } from '../src/model/explain';
import { syntheticIomem } from './iomem-gen';
import { median, parserVsBaseline } from './parser-vs-baseline';
import { DESIGNS } from '../src/model/scenario';
import { allPlatforms } from '../src/model/testing/arbitraries';

export { syntheticIomem };

if (process.env.BENCH_GEN_ONLY) {
  // bench/parser.bench.ts imports syntheticIomem only.
} else main();

function main(): void {
const ps = allPlatforms();
const runs = 5;
const cold: number[] = [];
const warm: number[] = [];
for (let r = 0; r < runs; r++) {
  clearCoreCache();
  let t = performance.now();
  let n = 0;
  for (const p of ps) for (const design of DESIGNS) {
    explain({ design, platform: p });
    n++;
  }
  cold.push(((performance.now() - t) * 1000) / n);
  t = performance.now();
  for (const p of ps) for (const design of DESIGNS) explain({ design, platform: p });
  warm.push(((performance.now() - t) * 1000) / n);
}

const p1k = parserVsBaseline(syntheticIomem(1000), 15);
const p100k = parserVsBaseline(syntheticIomem(100_000), 9);
process.stdout.write(
  JSON.stringify({
    scenarios: ps.length * DESIGNS.length,
    explainColdUs: cold,
    explainWarmUs: warm,
    parse1kMs: p1k.parseMs,
    parse100kMs: p100k.parseMs,
    baseline100kMs: p100k.baselineMs,
    parse100kRatio: median(p100k.parseMs) / median(p100k.baselineMs),
  }),
);
}
