/**
 * `what-it-takes`: for one design on one platform, the smallest sets of changes that make each verdict good
 * (src/model/search). Takes explain's flags; text (≤ 80 columns) or JSON, one { id, status, needs } per verdict.
 */
import type { ExplainOptions } from '../model/explain';
import { parseRange } from '../model/import/range';
import { parseIomem } from '../model/resource/iomem';
import { renderSearchText, searchJson } from '../model/search/render';
import { whatItTakes } from '../model/search/search';
import { parseExplainArgs } from './args';
import { readInput } from './iomem';
import type { CliIo } from './io';
import { UsageError } from './io';

export const WHAT_IT_TAKES_USAGE = 'usage: what-it-takes --design D --arch A [explain\'s platform flags] [--format text|json] [--iomem FILE --range START-END]';

export function runWhatItTakes(argv: string[], io: CliIo): number {
  const a = parseExplainArgs(argv, WHAT_IT_TAKES_USAGE);
  let opts: ExplainOptions = {};
  if (a.iomem !== null && a.range !== null) {
    const parsed = parseIomem(readInput(a.iomem, io));
    if (parsed.errors.length > 0) {
      for (const e of parsed.errors) io.err(`${a.iomem}: line ${e.line}${e.column ? `, column ${e.column}` : ''}: ${e.message}\n`);
      return 1;
    }
    if (parsed.nonRoot) {
      io.err(`${a.iomem}: every address is zero (read without CAP_SYS_ADMIN); read /proc/iomem as root\n`);
      return 1;
    }
    const r = parseRange(a.range);
    if (!r.ok) throw new UsageError(`--range, column ${r.column}: ${r.message}`);
    opts = { baseTree: parsed.tree, range: { start: r.start, end: r.end } };
  }
  const result = whatItTakes(a.scenario, opts);
  if (a.format === 'json') io.out(JSON.stringify(searchJson(result), null, 2) + '\n');
  else io.out(renderSearchText(result));
  return 0;
}
