/**
 * Node-side benchmarks, run by scripts/bench.mjs through tsx. Prints one JSON object on stdout.
 * - explain() for every design × architecture × platform combination, cold (memo cleared) and warm;
 * - the /proc/iomem parser on 1,000 and 100,000 lines against a bare split('\n') + one regex test per line;
 * - the what-it-takes search for one design (issue 15), cold.
 * BENCH_PARTS=model,parser,search (comma-separated) runs only those parts; the others are left out of the JSON.
 */
import { clearCoreCache } from '../src/model/derive';
import { whatItTakes } from '../src/model/search/search';
import { DEFAULT_PLATFORM, type Platform } from '../src/model/scenario';
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
const parts = process.env.BENCH_PARTS?.split(',') ?? ['model', 'parser', 'search'];
const out: Record<string, unknown> = {};
if (parts.includes('model')) {
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
Object.assign(out, { scenarios: ps.length * DESIGNS.length, explainColdUs: cold, explainWarmUs: warm });
}

if (parts.includes('search')) {
// What would it take (issue 15): one design's search, cold (no memoised derivations, as a fresh worker starts),
// for every design on both architectures with the default platform and two platforms where more is at stake.
const searchMs: number[] = [];
const searchCases: string[] = [];
const searchPlatforms: Platform[] = (['x86_64', 'arm64'] as const).flatMap((arch) => [
  { ...DEFAULT_PLATFORM, arch },
  { ...DEFAULT_PLATFORM, arch, firmware: 'soft-reserved' as const },
  { ...DEFAULT_PLATFORM, arch, region: 'committed' as const },
]);
for (const p of searchPlatforms) for (const design of DESIGNS) whatItTakes({ design, platform: p }); // warm-up (JIT)
for (const p of searchPlatforms)
  for (const design of DESIGNS) {
    clearCoreCache();
    const t = performance.now();
    const r = whatItTakes({ design, platform: p });
    searchMs.push(performance.now() - t);
    searchCases.push(`${design} ${p.arch} ${p.firmware} ${p.region}: ${r.evaluated} derivations`);
  }
Object.assign(out, { searchMs, searchCases });
}

if (parts.includes('parser')) {
const p1k = parserVsBaseline(syntheticIomem(1000), 15);
const p100k = parserVsBaseline(syntheticIomem(100_000), 9);
Object.assign(out, {
  parse1kMs: p1k.parseMs,
  parse100kMs: p100k.parseMs,
  baseline100kMs: p100k.baselineMs,
  parse100kRatio: median(p100k.parseMs) / median(p100k.baselineMs),
});
}
process.stdout.write(JSON.stringify(out));
}
