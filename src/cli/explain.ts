/**
 * `explain`: one design on one platform, as plain text (≤ 80 columns) or JSON.
 */
import { explain, type ExplainOptions } from '../model/explain';
import type { Explanation } from '../model/explain-types';
import { parseRange } from '../model/import/range';
import { parseIomem } from '../model/resource/iomem';
import type { Resource } from '../model/resource/types';
import { getSource } from '../model/sources';
import { renderText } from '../model/text/render';
import { PROVENANCE } from '../model/version';
import { parseExplainArgs } from './args';
import { readInput } from './iomem';
import type { CliIo } from './io';
import { UsageError } from './io';

function treeJson(r: Resource): unknown {
  return {
    start: `0x${r.start.toString(16)}`,
    end: `0x${r.end.toString(16)}`,
    name: r.name,
    flags: `0x${(r.flags >>> 0).toString(16)}`,
    desc: r.desc,
    ...(r.owner ? { owner: r.owner } : {}),
    children: r.children.map(treeJson),
  };
}

/** The JSON form: which tool and model made it ("tool"), bigints as "0x…" strings, sources resolved, the tree without parent links. */
export function explanationJson(ex: Explanation): unknown {
  const { bootTree, tree, vma, fault, ...rest } = ex;
  void bootTree;
  const replacer = (_k: string, v: unknown) => (typeof v === 'bigint' ? `0x${v.toString(16)}` : v);
  const obj = {
    tool: PROVENANCE,
    ...rest,
    tree: treeJson(tree),
    vma: { ...vma, flags: vma.flags.map((f) => f.mnemonic), flagNames: vma.flags.map((f) => f.name) },
    fault: { arch: fault.arch, steps: fault.steps, result: fault.result },
    sources: ex.sources.map((id) => ({ id, ...getSource(id) })),
  };
  return JSON.parse(JSON.stringify(obj, replacer));
}

export function runExplain(argv: string[], io: CliIo): number {
  const a = parseExplainArgs(argv);
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
  const ex = explain(a.scenario, opts);
  if (a.format === 'json') io.out(JSON.stringify(explanationJson(ex), null, 2) + '\n');
  else io.out(renderText(ex));
  return 0;
}
