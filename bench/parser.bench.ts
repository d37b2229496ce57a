/**
 * The /proc/iomem parser alone, against the issue 6 baseline (a bare split('\n') plus one regex test per line over the
 * same text, timed in the same run), on two 100,000-line inputs:
 * - `synthetic`: syntheticIomem() from iomem-gen.ts (what `npm run bench` budgets);
 * - `realistic`: the root dumps in tests/fixtures/samples/iomem replicated, each copy shifted into its own 2^40-byte
 *   slot so addresses keep increasing (up to 13 hex digits), with a Thunderbolt-like chain of PCI bridges nested
 *   past MAX_IORES_LEVEL in every copy so the capped-depth path is exercised too.
 *
 * As in model.bench.ts, each input is first run at 1,000 lines 15 times (which warms the parser's JIT), then at
 * 100,000 lines `reps` times. Run with `npx tsx bench/parser.bench.ts [reps] [synthetic|realistic]` (both inputs
 * by default, in that order in one process; name one to time it in a fresh process); prints one JSON object with,
 * per input, the median parser ms, median baseline ms, their ratio, and every sample. Quicker than model.bench.ts,
 * which also times explain().
 */
import { median, parserVsBaseline, type ParserRun } from './parser-vs-baseline';

const { syntheticIomem } = await import('./iomem-gen');
const { realisticIomem } = await import('./realistic');

const round = (x: number) => Math.round(x * 100) / 100;
function summary(r: ParserRun) {
  return { parseMs: round(median(r.parseMs)), baselineMs: round(median(r.baselineMs)), ratio: round(median(r.parseMs) / median(r.baselineMs)), parse: r.parseMs.map(round), base: r.baselineMs.map(round) };
}

const reps = Number(process.argv[2] ?? 7);
const which = process.argv[3] ?? 'both';
const out: Record<string, unknown> = {};
for (const [name, gen] of [['synthetic', syntheticIomem], ['realistic', realisticIomem]] as const) {
  if (which !== 'both' && which !== name) continue;
  parserVsBaseline(gen(1000), 15);
  out[name] = summary(parserVsBaseline(gen(100_000), reps));
}
process.stdout.write(JSON.stringify(out) + '\n');
