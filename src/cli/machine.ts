/**
 * The machine `explain` runs on when given --iomem or --bundle: the tree, the range, the platform facts, and what to
 * say about them (a preface for the text, an "input" object for the JSON, located notes for stderr).
 */
import type { ExplainArgs } from './args';
import { hex } from '../model/addr';
import type { ExplainOptions } from '../model/explain';
import type { Fact, FactKey } from '../model/import/bundle/facts';
import { parseImport } from '../model/import/parseImport';
import { parseRange, rangeOutsideDump } from '../model/import/range';
import type { Platform } from '../model/scenario';
import { inputName, readInput, rejection, reportLocated } from './input';
import type { CliIo } from './io';
import { UsageError } from './io';

export interface Machine {
  opts: ExplainOptions;
  platform: Platform;
  /** Paragraphs for the text output, before the explanation. */
  preface: string[];
  /** The JSON output's "input". */
  input: unknown;
}

/** How each fact is spelt on the command line (what `explain` takes to set it). */
export const FLAG: Record<string, string> = {
  arch: 'arch', vendor: 'vendor', fwb: 'fwb', dic: 'dic', efiAttr: 'efi-attr', firmware: 'firmware', nosoftreserve: 'nosoftreserve', kernel: 'kernel',
  region: 'region', onlinePolicy: 'online', hugeFault: 'huge-fault', mte: 'mte', dirtyLog: 'dirty-log', deviceReset: 'reset',
};
export const flagName = (k: FactKey | string): string => (k.startsWith('config.') ? `CONFIG_${k.slice(7)}` : (FLAG[k] ?? k));

function range(text: string): { start: bigint; end: bigint } {
  const r = parseRange(text);
  if (!r.ok) throw new UsageError(`--range, column ${r.column}: ${r.message}`);
  return { start: r.start, end: r.end };
}

/** --iomem FILE --range R: every line understood used, the skipped ones on stderr; null and exit 1 when none. */
export function iomemMachine(file: string, rangeText: string, platform: Platform, io: CliIo): Machine | null {
  const r = parseImport(readInput(file, io), { kind: 'iomem' });
  if (r.kind !== 'iomem') {
    io.err(rejection(file, r));
    return null;
  }
  const p = r.iomem;
  reportLocated(io, file, r.repairs, 'note: ');
  reportLocated(io, file, r.dropped, 'skipped: ');
  reportLocated(io, file, p.errors, 'skipped: ');
  if (p.nodeCount === 0) {
    io.err(`${inputName(file)}: no resource line ("start-end : name") understood\n`);
    return null;
  }
  if (p.nonRoot) {
    io.err(`${inputName(file)}: every address is zero (read without CAP_SYS_ADMIN); read /proc/iomem as root\n`);
    return null;
  }
  const rg = range(rangeText);
  const outside = rangeOutsideDump(p.tree, rg.start, rg.end);
  if (outside) {
    io.err(`${inputName(file)}: --range ${outside}\n`);
    return null;
  }
  const skipped = p.errorCount + r.dropped.length;
  const rejoined = r.repairs.filter((x) => x.message.startsWith('a wrapped line')).length;
  return {
    opts: { baseTree: p.tree, range: rg },
    platform,
    preface: [
      `Your /proc/iomem (${inputName(file)}): ${p.nodeCount} resources from ${p.lineCount} lines` +
        (skipped ? `; ${skipped} line${skipped === 1 ? '' : 's'} skipped (listed on stderr)` : '') +
        (rejoined ? `; ${rejoined} wrapped line${rejoined === 1 ? '' : 's'} rejoined` : '') +
        `. Accelerator range ${hex(rg.start)}-${hex(rg.end)}.`,
    ],
    input: { iomem: { file: inputName(file), lines: p.lineCount, resources: p.nodeCount, skipped: [...r.dropped, ...p.errors], repairs: r.repairs } },
  };
}

/** --bundle FILE [--range R]: the facts set the platform except where a flag (`given`) says otherwise. */
export function bundleMachine(file: string, rangeText: string | null, flags: Platform, given: Set<string>, io: CliIo): Machine | null {
  const r = parseImport(readInput(file, io), { kind: 'bundle' });
  if (r.kind !== 'bundle') {
    io.err(rejection(file, r));
    return null;
  }
  const b = r.bundle;
  const f = b.facts;
  if (b.parse.sections.length === 0) {
    io.err(`${inputName(file)}: no section ("=== NAME") in this bundle\n`);
    return null;
  }
  if (b.iomem) reportLocated(io, file, [...b.iomem.dropped, ...b.iomem.iomem.errors], 'skipped: ');
  // The facts, then every flag the user gave on top.
  const p: Platform = { ...f.platform, config: { ...f.platform.config } };
  const overridden: Fact[] = [];
  for (const key of given) {
    if (key.startsWith('config.')) {
      const k = key.slice(7) as keyof Platform['config'];
      (p.config as unknown as Record<string, string>)[k] = flags.config[k];
    } else (p as unknown as Record<string, unknown>)[key] = (flags as unknown as Record<string, unknown>)[key];
    const d = f.detected.find((x) => x.key === key);
    if (d) overridden.push(d);
  }
  let opts: ExplainOptions = {};
  let rangeLine = 'No accelerator range: the designs run on the model\'s own tree.';
  const tree = b.iomem && !b.iomem.iomem.nonRoot ? b.iomem.iomem.tree : null;
  const rg = rangeText ? range(rangeText) : b.range;
  if (tree && rg) {
    const outside = rangeOutsideDump(tree, rg.start, rg.end);
    if (outside) {
      io.err(`${inputName(file)}: ${rangeText ? '--range' : `the suggested range (${b.range?.from})`} ${outside}\n`);
      return null;
    }
    opts = { baseTree: tree, range: { start: rg.start, end: rg.end } };
    rangeLine = `Accelerator range ${hex(rg.start)}-${hex(rg.end)}${rangeText ? ' (--range)' : ` from ${b.range!.from}`}.`;
  } else if (rangeText) {
    io.err(`${inputName(file)}: --range needs the bundle's /proc/iomem (as root), and it has none with addresses\n`);
    return null;
  }
  const detected = f.detected.filter((d) => !given.has(d.key));
  const assumed = f.assumed.filter((a) => !given.has(a.key));
  return {
    opts,
    platform: p,
    preface: [
      `Machine: bundle ${inputName(file)}.`,
      `Detected: ${detected.map((d) => `${flagName(d.key)} ${d.value} (${d.evidence})`).join('; ') || 'nothing'}.`,
      ...(given.size ? [`Set by flags: ${[...given].map((k) => flagName(k)).join(', ')}${overridden.length ? ` (over the bundle's ${overridden.map((d) => `${flagName(d.key)} ${d.value}`).join(', ')})` : ''}.`] : []),
      `Assumed (defaults): ${assumed.map((a) => `${flagName(a.key)} ${a.value}`).join(', ') || 'nothing'}.`,
      rangeLine,
    ],
    input: {
      bundle: {
        file: inputName(file),
        detected,
        assumed,
        flags: [...given],
        range: rg ? { start: rg.start, end: rg.end, from: rangeText ? '--range' : b.range!.from } : null,
      },
    },
  };
}

/**
 * The machine the command's flags name (a bundle, or a /proc/iomem with a range), null when they name none, or
 * 'failed' when reading it failed (the reason is on stderr). explain and what-it-takes read their input this way.
 */
export function machineOf(a: Pick<ExplainArgs, 'bundle' | 'iomem' | 'range' | 'scenario' | 'given'>, io: CliIo): Machine | null | 'failed' {
  if (a.bundle !== null) return bundleMachine(a.bundle, a.range, a.scenario.platform, a.given, io) ?? 'failed';
  if (a.iomem !== null && a.range !== null) return iomemMachine(a.iomem, a.range, a.scenario.platform, io) ?? 'failed';
  return null;
}
