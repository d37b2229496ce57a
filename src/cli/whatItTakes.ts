/**
 * `what-it-takes`: for one design on one platform, the smallest sets of changes that make each verdict good
 * (src/model/search). Takes explain's flags, --iomem/--range and --bundle included (read as explain reads them:
 * src/cli/machine.ts); text (≤ 80 columns) or JSON: { tool, design, platform, verdicts: [{ id, status, needs }] }.
 */
import { renderSearchText, searchJson } from '../model/search/render';
import { whatItTakes, type SearchResult } from '../model/search/search';
import { wrap } from '../model/text/render';
import { PROVENANCE } from '../model/version';
import { parseExplainArgs } from './args';
import type { CliIo } from './io';
import { machineOf } from './machine';

export const WHAT_IT_TAKES_USAGE =
  "usage: what-it-takes --design D --arch A [explain's platform flags] [--patch ID[,ID…]] [--format text|json] [--iomem FILE --range START-END] [--bundle FILE [--range START-END]]";

export function runWhatItTakes(argv: string[], io: CliIo): number {
  const a = parseExplainArgs(argv, WHAT_IT_TAKES_USAGE);
  const machine = machineOf(a, io);
  if (machine === 'failed') return 1;
  const scenario = machine ? { ...a.scenario, platform: machine.platform } : a.scenario;
  let result: SearchResult;
  try {
    result = whatItTakes(scenario, machine?.opts ?? {});
  } catch (e) {
    io.err(`the model cannot run on this range: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  if (a.format === 'json') {
    const j = { tool: PROVENANCE, design: result.design, platform: result.platform, ...(machine ? { input: machine.input } : {}), verdicts: searchJson(result) };
    io.out(JSON.stringify(j, (_k, v: unknown) => (typeof v === 'bigint' ? `0x${v.toString(16)}` : v), 2) + '\n');
  } else {
    const preface = machine ? machine.preface.flatMap((p) => wrap(p)).join('\n') + '\n\n' : '';
    io.out(preface + renderSearchText(result));
  }
  return 0;
}
