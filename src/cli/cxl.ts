/**
 * `cxl FILE [--iomem FILE] [--format text|json]`: the topology of a `cxl list` output, and with --iomem which
 * /proc/iomem resource each decoder and region range is — the reading the panel shows (parseImport, tieToIomem).
 */
import { formatSize, hex } from '../model/addr';
import type { CxlListResult } from '../model/import/cxl/cxlList';
import { refineSuggestions, tieToIomem, type CxlTie } from '../model/import/cxl/tie';
import type { CxlRange, CxlTopology } from '../model/import/cxl/topology';
import { parseImport } from '../model/import/parseImport';
import { inputName, parseCommandArgs, rejection, readInput, reportLocated, toJson } from './input';
import type { CliIo } from './io';

export const CXL_USAGE = 'usage: cxl <file|-> [--iomem <file>] [--format text|json]';

const rangeText = (r: CxlRange) => `${hex(r.start)}-${hex(r.start + r.size - 1n)} (${r.approximate ? '~' : ''}${formatSize(r.size)})`;

/** The text view: the tree of objects, each ranged one with its /proc/iomem resource. */
export function cxlText(c: CxlListResult, ties: CxlTie[] | null): string {
  const t: CxlTopology = c.topology;
  const tie = (name: string) => {
    if (!ties) return '';
    const x = ties.find((y) => y.object === name);
    if (!x) return '';
    if (x.match === 'exact') return `  = /proc/iomem ${x.resources.map((r) => `"${r.name}"${r.line ? ` (line ${r.line})` : ''}`).join(', ')}`;
    if (x.match === 'inside') return `  inside /proc/iomem "${x.resources[0]!.name}"${x.resources[0]!.line ? ` (line ${x.resources[0]!.line})` : ''}`;
    return '  not in /proc/iomem';
  };
  const lines: string[] = [];
  const decoders = (parent: string, pad: string) => {
    for (const d of t.decoders.filter((x) => x.parent === parent)) {
      const caps = [d.capable.ram && 'ram', d.capable.pmem && 'pmem', d.capable.accelmem && 'accelmem'].filter(Boolean).join(' ');
      lines.push(`${pad}${d.name} ${d.kind ?? 'decoder'}${d.range ? ` ${rangeText(d.range)}` : ''}${d.disabled ? ' disabled' : ''}${d.mode ? ` ${d.mode}` : ''}${caps ? ` [${caps}]` : ''}${d.region ? ` → ${d.region}` : ''}${tie(d.name)}`);
    }
  };
  const memdev = (name: string | null, pad: string) => {
    const m = t.memdevs.find((x) => x.name === name);
    if (m) lines.push(`${pad}${m.name} ${m.host ?? ''}${m.ramSize ? ` ram ${formatSize(m.ramSize)}` : ''}${m.pmemSize ? ` pmem ${formatSize(m.pmemSize)}` : ''}${m.serial !== null ? ` serial ${m.serial}` : ''}${m.disabled ? ' disabled' : ''}`);
  };
  const ports = (parent: string, pad: string) => {
    for (const p of t.ports.filter((x) => x.parent === parent)) {
      lines.push(`${pad}${p.name} ${p.host ?? ''}${p.decodersCommitted !== null ? ` (${p.decodersCommitted} decoders committed)` : ''}`);
      decoders(p.name, pad + '  ');
      for (const e of t.endpoints.filter((x) => x.parent === p.name)) {
        lines.push(`${pad}  ${e.name} → ${e.memdev ?? '?'}`);
        memdev(e.memdev, pad + '    ');
        decoders(e.name, pad + '    ');
      }
      for (const m of t.memdevs.filter((x) => x.parent === p.name)) memdev(m.name, pad + '  ');
      ports(p.name, pad + '  ');
    }
  };
  for (const b of t.buses) {
    lines.push(`${b.name} ${b.provider ?? ''}`);
    decoders(b.name, '  ');
    ports(b.name, '  ');
    for (const m of t.memdevs.filter((x) => x.parent === b.name)) memdev(m.name, '  ');
  }
  const placed = new Set(lines.join('\n').match(/\b(?:decoder\d+\.\d+|mem\d+|port\d+|endpoint\d+)\b/g) ?? []);
  for (const p of t.ports.filter((x) => !placed.has(x.name))) lines.push(`${p.name} ${p.host ?? ''}`);
  for (const e of t.endpoints.filter((x) => !placed.has(x.name))) lines.push(`${e.name} → ${e.memdev ?? '?'}`);
  for (const m of t.memdevs.filter((x) => !placed.has(x.name))) memdev(m.name, m.anonymous ? '(anonymous) ' : '');
  for (const d of t.decoders.filter((x) => !placed.has(x.name))) {
    lines.push(`${d.name} ${d.kind ?? 'decoder'}${d.range ? ` ${rangeText(d.range)}` : ''}${d.disabled ? ' disabled' : ''}${tie(d.name)}`);
  }
  for (const r of t.regions) {
    lines.push(`${r.name} ${r.type ?? ''}${r.range ? ` ${rangeText(r.range)}` : ''} decode_state ${r.decodeState ?? '?'}${r.disabled ? ' disabled' : ''}${r.decoder ? ` from ${r.decoder}` : ''}${tie(r.name)}`);
    for (const m of r.mappings) lines.push(`  position ${m.position ?? '?'}: ${m.memdev ?? '?'} ${m.decoder ?? ''}`);
    for (const d of r.dax) lines.push(`  ${d.name} ${d.mode ?? ''}`);
  }
  lines.push(c.region ? `Region: ${c.region.state} (${c.region.reason})` : 'Region: not shown by this listing (run cxl list -R)');
  const s = refineSuggestions(c.suggestions, ties ?? [])[0];
  lines.push(s ? `Accelerator range: ${hex(s.start)}-${hex(s.end)} from ${s.from}${s.approximate ? ' (size rounded by --human: give --iomem for the exact end)' : ''}` : 'Accelerator range: none suggested');
  return lines.join('\n') + '\n';
}

/** The JSON form: the topology, the region state, the suggestions and, with --iomem, the ties. */
export function cxlJson(c: CxlListResult, ties: CxlTie[] | null): unknown {
  return { ...c.topology, region: c.region, suggestions: refineSuggestions(c.suggestions, ties ?? []), iomem: ties };
}

export function runCxl(argv: string[], io: CliIo): number {
  const a = parseCommandArgs(argv, CXL_USAGE, ['--iomem']);
  const r = parseImport(readInput(a.file, io), { kind: 'cxl' });
  if (r.kind !== 'cxl') {
    io.err(rejection(a.file, r));
    return 1;
  }
  const c = r.cxl;
  reportLocated(io, a.file, c.notes, 'note: ');
  reportLocated(io, a.file, c.errors, 'error: ');
  let ties: CxlTie[] | null = null;
  const iomemFile = a.options.get('--iomem');
  if (iomemFile) {
    const i = parseImport(readInput(iomemFile, io), { kind: 'iomem' });
    if (i.kind !== 'iomem' || i.iomem.nodeCount === 0) {
      io.err(`${inputName(iomemFile)}: no resource line understood; the ranges are not tied to /proc/iomem\n`);
    } else {
      reportLocated(io, iomemFile, i.iomem.errors, 'skipped: ');
      if (i.iomem.nonRoot) io.err(`${inputName(iomemFile)}: every address is zero (read without CAP_SYS_ADMIN); read /proc/iomem as root\n`);
      else ties = tieToIomem(c.topology, i.iomem.tree, i.iomem.lineOf);
    }
  }
  io.out(a.format === 'json' ? toJson(cxlJson(c, ties)) : cxlText(c, ties));
  return 0;
}
