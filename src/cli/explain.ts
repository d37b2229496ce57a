/**
 * `explain`: one design on one platform, as plain text (≤ 80 columns) or JSON; on a pasted /proc/iomem (every line
 * understood used, the rest listed on stderr) or on a whole machine from a bundle (its facts set the platform).
 */
import { explain } from '../model/explain';
import type { Explanation } from '../model/explain-types';
import type { Resource } from '../model/resource/types';
import { getSource } from '../model/sources';
import { renderText, wrap } from '../model/text/render';
import { PROVENANCE } from '../model/version';
import { parseExplainArgs } from './args';
import type { CliIo } from './io';
import { machineOf } from './machine';

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
  const machine = machineOf(a, io);
  if (machine === 'failed') return 1;
  const scenario = machine ? { ...a.scenario, platform: machine.platform } : a.scenario;
  let ex: Explanation;
  try {
    ex = explain(scenario, machine?.opts ?? {});
  } catch (e) {
    io.err(`the model cannot run on this range: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  if (a.format === 'json') {
    const j = explanationJson(ex) as Record<string, unknown>;
    io.out(JSON.stringify(machine ? { input: machine.input, ...j } : j, (_k, v) => (typeof v === 'bigint' ? `0x${v.toString(16)}` : v), 2) + '\n');
  } else {
    const preface = machine ? machine.preface.flatMap((p) => wrap(p)).join('\n') + '\n\n' : '';
    io.out(preface + renderText(ex));
  }
  return 0;
}
