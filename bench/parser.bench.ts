/**
 * The /proc/iomem parser alone, against the issue 6 baseline (a bare split('\n') plus one regex test per line over the
 * same text, timed in the same run), on two 100,000-line inputs:
 * - `synthetic`: syntheticIomem() from model.bench.ts (what `npm run bench` budgets);
 * - `realistic`: the root dumps in tests/fixtures/samples/iomem replicated, each copy shifted into its own 2^40-byte
 *   slot so addresses keep increasing (up to 13 hex digits), with a Thunderbolt-like chain of PCI bridges nested
 *   past MAX_IORES_LEVEL in every copy so the capped-depth path is exercised too.
 *
 * Run with `npx tsx bench/parser.bench.ts [reps]`; prints one JSON object per input (median parser ms, median
 * baseline ms, their ratio, and every sample). Quicker than model.bench.ts, which also times explain().
 */
import { parseIomem } from '../src/model/resource/iomem';

process.env.BENCH_GEN_ONLY = '1';
const { syntheticIomem } = await import('./model.bench');
const { realisticIomem } = await import('./realistic');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const RE = /^\s*[0-9a-f]+-[0-9a-f]+ : /;
/** Same loop as parserVsBaseline() in model.bench.ts. */
function parserVsBaseline(text: string, lines: number, reps: number) {
  const parse: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < reps; i++) {
    let t = performance.now();
    const r = parseIomem(text);
    parse.push(performance.now() - t);
    if (r.errors.length) throw new Error(`input has errors: line ${r.errors[0]!.line}: ${r.errors[0]!.message}`);
    if (r.nodeCount !== lines) throw new Error(`parsed ${r.nodeCount} of ${lines} lines`);
    t = performance.now();
    let ok = 0;
    for (const l of text.split('\n')) if (RE.test(l)) ok++;
    base.push(performance.now() - t);
    if (ok < lines) throw new Error('baseline regex mismatch');
  }
  const round = (x: number) => Math.round(x * 100) / 100;
  return { parseMs: round(median(parse)), baselineMs: round(median(base)), ratio: round(median(parse) / median(base)), parse: parse.map(round), base: base.map(round) };
}

const reps = Number(process.argv[2] ?? 7);
const N = 100_000;
const which = process.argv[3] ?? 'both';
const out: Record<string, unknown> = {};
if (which !== 'realistic') out.synthetic = parserVsBaseline(syntheticIomem(N), N, reps);
if (which !== 'synthetic') out.realistic = parserVsBaseline(realisticIomem(N), N, reps);
process.stdout.write(JSON.stringify(out) + '\n');
