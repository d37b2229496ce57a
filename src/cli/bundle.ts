/**
 * `bundle FILE [--format text|json]`: what a bundle from scripts/collect.sh holds, the platform facts it proves (and
 * which controls are still assumptions), the accelerator range, and every design run on that machine.
 */
import { hex } from '../model/addr';
import { explainAll } from '../model/explain';
import type { Explanation } from '../model/explain-types';
import type { BundleResult } from '../model/import/bundle/bundle';
import { parseImport } from '../model/import/parseImport';
import { rangeOutsideDump } from '../model/import/range';
import { DESIGNS, type DesignId } from '../model/scenario';
import { inputName, parseCommandArgs, readInput, rejection, reportLocated, toJson } from './input';
import type { CliIo } from './io';
import { flagName } from './machine';

export const BUNDLE_USAGE = 'usage: bundle <file|-> [--format text|json]';

/** What one design does on the machine: its conflict, or its fault result. */
function outcome(ex: Explanation): { conflict: string | null; fault: string } {
  const f = ex.fault.result;
  return {
    conflict: ex.conflict ? `${ex.conflict.fn} ${ex.conflict.errno} on "${ex.conflict.conflictWith.name ?? '<BAD>'}"` : null,
    fault: f.kind === 'mapped' ? `${f.table} ${f.level} ${f.memtype}` : `${f.error} (${f.seenBy})`,
  };
}

/** Every design on the bundle's platform and range (the model's own tree when the bundle has no usable one). */
export function runDesigns(b: BundleResult): Record<DesignId, Explanation> | null {
  const tree = b.iomem && !b.iomem.iomem.nonRoot ? b.iomem.iomem.tree : null;
  const ok = tree && b.range && !rangeOutsideDump(tree, b.range.start, b.range.end);
  try {
    return explainAll(b.facts.platform, ok ? { baseTree: tree, range: { start: b.range!.start, end: b.range!.end } } : {});
  } catch {
    return null;
  }
}

export function runBundle(argv: string[], io: CliIo): number {
  const a = parseCommandArgs(argv, BUNDLE_USAGE);
  const r = parseImport(readInput(a.file, io), { kind: 'bundle' });
  if (r.kind !== 'bundle') {
    io.err(rejection(a.file, r));
    return 1;
  }
  const b = r.bundle;
  if (b.parse.sections.length === 0) {
    io.err(`${inputName(a.file)}: no section ("=== NAME") in this bundle\n`);
    return 1;
  }
  if (b.iomem) reportLocated(io, a.file, [...b.iomem.dropped, ...b.iomem.iomem.errors], 'skipped: ');
  if (b.cxl) reportLocated(io, a.file, b.cxl.errors, 'error: ');
  const all = runDesigns(b);
  const designs = all ? DESIGNS.map((d) => ({ design: d, ...outcome(all[d]) })) : [];
  if (a.format === 'json') {
    io.out(
      toJson({
        sections: b.summary,
        platform: b.facts.platform,
        detected: b.facts.detected,
        assumed: b.facts.assumed,
        range: b.range,
        region: b.cxl?.region ?? null,
        iomem: b.iomem ? { resources: b.iomem.iomem.nodeCount, nonRoot: b.iomem.iomem.nonRoot, skipped: b.iomem.iomem.errorCount + b.iomem.dropped.length } : null,
        cxl: b.cxl ? { objects: b.cxl.objectCount, ties: b.ties } : null,
        smaps: b.maps ? { vmas: b.maps.vmaCount, vfio: b.maps.vmas.filter((v) => v.vfio).length } : null,
        trace: b.trace ? { format: b.trace.format, functions: b.trace.functions.length, faultEvents: b.trace.faultCount, events: b.trace.events } : null,
        designs,
      }),
    );
    return 0;
  }
  const out: string[] = [`Bundle ${inputName(a.file)}: ${b.parse.sections.length} sections${b.parse.missing.length ? `, ${b.parse.missing.length} missing` : ''}`];
  for (const s of b.summary) out.push(`  line ${s.line}: ${s.name}${s.lines ? ` (${s.lines} line${s.lines === 1 ? '' : 's'})` : ''}${s.read || !s.lines ? '' : ' (kept, not read)'}`);
  out.push('Detected:');
  for (const d of b.facts.detected) out.push(`  ${flagName(d.key)} ${d.value}: ${d.evidence}`);
  out.push('Assumed (defaults):');
  for (const x of b.facts.assumed) out.push(`  ${flagName(x.key)} ${x.value}: ${x.why}`);
  out.push(b.range ? `Accelerator range: ${hex(b.range.start)}-${hex(b.range.end)} from ${b.range.from}: ${b.range.reason}` : 'Accelerator range: none suggested (no cxl list, no CXL window or Soft Reserved in /proc/iomem)');
  if (b.maps) out.push(`smaps: ${b.maps.vmaCount} VMAs, ${b.maps.vmas.filter((v) => v.vfio).length} VFIO`);
  if (b.trace) out.push(`trace: ${b.trace.format}, ${b.trace.functions.length} functions, ${b.trace.faultCount} fault events`);
  out.push(`Every design on this machine${b.range && b.iomem ? '' : ' (on the model\'s own tree)'}:`);
  for (const d of designs) out.push(`  ${d.design}: ${d.conflict ?? 'no conflict'}; fault: ${d.fault}`);
  io.out(out.join('\n') + '\n');
  return 0;
}
