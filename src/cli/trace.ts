/**
 * `trace FILE [--arch A] [--kernel K] [--format text|json]`: the functions and events of a trace in any shape, split
 * into those the model's fault graph knows and those it does not — the extraction the panel overlays (parseImport).
 */
import { faultGraph } from '../model/kvm/graph';
import { parseImport } from '../model/import/parseImport';
import { matchTrace } from '../model/import/trace';
import { ARCHES, KERNEL_VERSIONS, type Arch, type KernelVersion } from '../model/scenario';
import { inputName, parseCommandArgs, rejection, readInput, reportLocated, toJson } from './input';
import type { CliIo } from './io';
import { UsageError } from './io';

export const TRACE_USAGE = `usage: trace <file|-> [--arch ${ARCHES.join('|')}] [--kernel ${KERNEL_VERSIONS.join('|')}] [--format text|json]`;

export function runTrace(argv: string[], io: CliIo): number {
  const a = parseCommandArgs(argv, TRACE_USAGE, ['--arch', '--kernel']);
  const arch = a.options.get('--arch') ?? 'x86_64';
  const kernel = a.options.get('--kernel') ?? KERNEL_VERSIONS[KERNEL_VERSIONS.length - 1]!;
  if (!(ARCHES as readonly string[]).includes(arch)) throw new UsageError(`--arch: unknown value "${arch}" (expected one of ${ARCHES.join(', ')})`);
  if (!(KERNEL_VERSIONS as readonly string[]).includes(kernel)) throw new UsageError(`--kernel: unknown value "${kernel}" (expected one of ${KERNEL_VERSIONS.join(', ')})`);
  const r = parseImport(readInput(a.file, io), { kind: 'trace' });
  if (r.kind !== 'trace') {
    io.err(rejection(a.file, r));
    return 1;
  }
  const t = r.trace;
  reportLocated(io, a.file, t.repairs, 'note: ');
  reportLocated(io, a.file, t.warnings, 'warning: ');
  reportLocated(io, a.file, t.errors, 'skipped: ');
  const m = matchTrace(t.functions, faultGraph(arch as Arch, kernel as KernelVersion));
  const understood = t.functions.length > 0 || t.events.length > 0;
  if (a.format === 'json') {
    io.out(
      toJson({
        format: t.format,
        events: t.events,
        functions: t.functions,
        known: m.known,
        unknown: m.unknown.map((u) => u.name),
        skipped: t.errors,
      }),
    );
  } else if (understood) {
    io.out(`${t.format} trace, ${t.lineCount} lines: ${t.functions.length} functions, ${t.faultCount} fault events${t.errorCount ? `, ${t.errorCount} lines skipped` : ''}\n`);
    if (t.events.length) io.out(`events: ${t.events.map((e) => `${e.name} ×${e.count}`).join(', ')}\n`);
    io.out(`in the model's ${arch} fault graph (v${kernel}): ${m.known.map((k) => `${k.name}() ×${k.count}`).join(', ') || 'none'}\n`);
    io.out(`not in the model: ${m.unknown.map((k) => `${k.name}()`).join(', ') || 'none'}\n`);
  }
  if (!understood) {
    io.err(`${inputName(a.file)}: no kernel function, tracepoint or exit count found\n`);
    return 1;
  }
  return 0;
}
