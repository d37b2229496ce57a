/**
 * Node-side benchmarks, run by scripts/bench.mjs through tsx. Prints one JSON object on stdout.
 * - explain() for every design × architecture × platform combination, cold (memo cleared) and warm;
 * - the /proc/iomem parser on 1,000 and 100,000 lines against a bare split('\n') + one regex test per line.
 */
import { clearCoreCache } from '../src/model/derive';
import { explain } from '../src/model/explain';
import { parseIomem } from '../src/model/resource/iomem';
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

/** Synthetic /proc/iomem: nested, sorted, realistic names, `lines` lines. */
export function syntheticIomem(lines: number): string {
  const out: string[] = [];
  let addr = 0x1000n;
  const names = ['System RAM', 'Reserved', 'PCI Bus 0000:00', 'ACPI Tables', 'CXL Window 0', 'region0', 'dax0.0', 'System RAM (kmem)'];
  while (out.length < lines) {
    const size = 0x100000n;
    out.push(`${addr.toString(16).padStart(8, '0')}-${(addr + size - 1n).toString(16).padStart(8, '0')} : ${names[out.length % names.length]}`);
    if (out.length < lines) out.push(`  ${addr.toString(16).padStart(8, '0')}-${(addr + 0xfffffn).toString(16).padStart(8, '0')} : child ${out.length}`);
    addr += size + 0x1000n;
  }
  return out.join('\n') + '\n';
}

if (process.env.BENCH_GEN_ONLY) {
  // scripts/bench.mjs imports syntheticIomem only.
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
