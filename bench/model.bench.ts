/**
 * Node-side benchmarks, run by scripts/bench.mjs through tsx. Prints one JSON object on stdout.
 * - explain() for every design × architecture × platform combination, cold (memo cleared) and warm;
 * - the /proc/iomem parser on 1,000 and 100,000 lines against a bare split('\n') + one regex test per line.
 */
import { clearCoreCache } from '../src/model/derive';
import { explain } from '../src/model/explain';
import { parseIomem } from '../src/model/resource/iomem';
import { syntheticIomem } from './iomem-gen';
import type { Platform } from '../src/model/scenario';
import { ARCHES, DESIGNS, FIRMWARE_TYPES, KERNEL_VERSIONS, ONLINE_POLICIES } from '../src/model/scenario';

function platforms(): Platform[] {
  const out: Platform[] = [];
  for (const arch of ARCHES)
    for (const fwbDic of [true, false])
      for (const firmware of FIRMWARE_TYPES)
        for (const nosoftreserve of [false, true])
          for (const kernel of KERNEL_VERSIONS)
            for (const onlinePolicy of ONLINE_POLICIES)
              for (const hugeFault of [true, false])
                for (const mte of [false, true])
                  for (const dirtyLog of [false, true])
                    for (const deviceReset of [false, true])
                      out.push({ arch, fwbDic, firmware, nosoftreserve, kernel, onlinePolicy, hugeFault, mte, dirtyLog, deviceReset });
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export { syntheticIomem };

if (process.env.BENCH_GEN_ONLY) {
  // bench/parser.bench.ts imports syntheticIomem only.
} else main();

function main(): void {
const ps = platforms();
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

const RE = /^\s*[0-9a-f]+-[0-9a-f]+ : /;
function parserVsBaseline(lines: number, reps: number) {
  const text = syntheticIomem(lines);
  const parse: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < reps; i++) {
    let t = performance.now();
    const r = parseIomem(text);
    parse.push(performance.now() - t);
    if (r.errors.length) throw new Error(`synthetic iomem has errors: ${r.errors[0]!.message}`);
    t = performance.now();
    let ok = 0;
    for (const l of text.split('\n')) if (RE.test(l)) ok++;
    base.push(performance.now() - t);
    if (ok < lines) throw new Error('baseline regex mismatch');
  }
  return { parseMs: parse, baselineMs: base, ratio: median(parse) / median(base) };
}

const p1k = parserVsBaseline(1000, 15);
const p100k = parserVsBaseline(100_000, 7);
process.stdout.write(
  JSON.stringify({
    scenarios: ps.length * DESIGNS.length,
    explainColdUs: cold,
    explainWarmUs: warm,
    parse1kMs: p1k.parseMs,
    parse100kMs: p100k.parseMs,
    baseline100kMs: p100k.baselineMs,
    parse100kRatio: p100k.ratio,
  }),
);
}
