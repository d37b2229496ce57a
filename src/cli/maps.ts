/**
 * `maps FILE [--format text|json]`: the VMAs of a smaps / maps / `pmap -X` text, each VFIO mapping with its decoded
 * region (or "ambiguous"), through the import the panel uses (parseImport).
 */
import { hex } from '../model/addr';
import type { ParsedVma } from '../model/import/maps';
import { parseImport } from '../model/import/parseImport';
import { inputName, parseCommandArgs, rejection, readInput, reportLocated, toJson } from './input';
import type { CliIo } from './io';

export const MAPS_USAGE = 'usage: maps <file|-> [--format text|json]';

/** The JSON form of one VMA: { start, end, flags, path, vfio }; vfio null for a mapping that is no VFIO device region. */
export function vmaJson(v: ParsedVma): unknown {
  const o = v.vfioOffset;
  return {
    start: `0x${hex(v.start)}`,
    end: `0x${hex(v.end)}`,
    flags: v.vmFlags,
    path: v.path,
    vfio: o
      ? {
          kind: o.kind,
          region: o.region ? { index: o.region.index, name: o.region.name, offset: `0x${hex(o.region.offset)}` } : null,
          physical: o.physical !== null ? `0x${hex(o.physical)}` : null,
          note: o.note,
        }
      : null,
  };
}

export function runMaps(argv: string[], io: CliIo): number {
  const a = parseCommandArgs(argv, MAPS_USAGE);
  const r = parseImport(readInput(a.file, io), { kind: 'maps' });
  if (r.kind !== 'maps') {
    io.err(rejection(a.file, r));
    return 1;
  }
  const m = r.maps;
  reportLocated(io, a.file, m.repairs, 'note: ');
  reportLocated(io, a.file, m.errors, 'skipped: ');
  if (m.vmas.length === 0) {
    io.err(`${inputName(a.file)}: no VMA understood\n`);
    return 1;
  }
  if (a.format === 'json') {
    io.out(toJson({ vmas: m.vmas.map(vmaJson) }));
    return 0;
  }
  io.out(`${m.format}: ${m.vmaCount} VMAs (${m.vmas.filter((v) => v.vfio).length} VFIO) from ${m.lineCount} lines${m.errorCount ? `; ${m.errorCount} lines skipped` : ''}\n`);
  for (const v of m.vmas) {
    io.out(`${hex(v.start)}-${hex(v.end)} ${v.perms} ${hex(v.offset, 8)} ${v.path || '[anon]'}${v.vmFlags ? `  VmFlags: ${v.vmFlags.join(' ')}` : ''}\n`);
    if (v.vfioOffset) io.out(`    VFIO ${v.vfioOffset.kind}: ${v.vfioOffset.note}\n`);
  }
  return 0;
}
