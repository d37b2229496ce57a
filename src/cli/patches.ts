/**
 * `patches`: the catalogue of kernel changes (src/model/patches) with status, source and how the model applies each:
 * text for a mail (≤ 80 columns) or JSON.
 */
import { CATALOGUE, statusLabel, type PatchEntry } from '../model/patches/catalogue';
import { getSource } from '../model/sources';
import { sourceLabel } from '../model/source-links';
import { WIDTH, wrap } from '../model/text/render';
import { PROVENANCE, exportStamp } from '../model/version';
import type { CliIo } from './io';
import { UsageError } from './io';

export const PATCHES_USAGE = 'usage: patches [--format text|json]';

/** How a scenario gets the change, as the flag or design that stands for it. */
export function appliedByText(e: PatchEntry): string {
  const a = e.appliedBy;
  switch (a.kind) {
    case 'patch':
      return `--patch ${a.id}`;
    case 'kernel':
      return `--kernel ${a.version}`;
    case 'design':
      return `--design ${a.design}${a.flag ? ` ${a.flag}` : ''}`;
    case 'assumed':
      return 'assumed by every design that needs it';
    case 'not-modelled':
      return 'not drawn';
  }
}

function messageId(e: PatchEntry): string | null {
  return e.status.kind === 'merged' ? null : e.status.messageId;
}

export function runPatches(argv: string[], io: CliIo): number {
  let format: 'text' | 'json' = 'text';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const v = a.startsWith('--format=') ? a.slice(9) : a === '--format' ? argv[++i] : undefined;
    if (v === undefined) throw new UsageError(`unknown option "${a}"\n${PATCHES_USAGE}`);
    if (v !== 'text' && v !== 'json') throw new UsageError(`--format: unknown value "${v}" (expected one of text, json)\n${PATCHES_USAGE}`);
    format = v;
  }
  if (format === 'json') {
    const json = CATALOGUE.map((e) => ({
      id: e.id, title: e.title, status: e.status, statusLabel: statusLabel(e), appliedBy: e.appliedBy, flag: appliedByText(e), effect: e.effect,
      bearsOn: e.bearsOn, ...(e.arch ? { arch: e.arch } : {}),
      sources: e.sources.map((id) => ({ id, ...getSource(id) })),
    }));
    io.out(JSON.stringify({ tool: PROVENANCE, patches: json }, null, 2) + '\n');
    return 0;
  }
  const out: string[] = ['Kernel changes that bear on the designs (merged, posted, hypothetical)', ...wrap(exportStamp()), ''];
  for (const e of CATALOGUE) {
    out.push(...wrap(`${e.id} [${statusLabel(e)}]`, WIDTH, '  '));
    out.push(...wrap(e.title, WIDTH, '    ', '  '));
    const mid = messageId(e);
    if (mid) out.push(...wrap(`<${mid}>`, WIDTH, '    ', '  '));
    out.push(...wrap(`applied by: ${appliedByText(e)}`, WIDTH, '    ', '  '));
    out.push(...wrap(`effect: ${e.effect}`, WIDTH, '    ', '  '));
    for (const id of e.sources) {
      const s = getSource(id);
      out.push(...wrap(`source ${id}: ${sourceLabel(s)}${s.verified ? '' : ' [UNVERIFIED]'}`, WIDTH, '    ', '  '));
    }
    out.push('');
  }
  io.out(out.join('\n'));
  return 0;
}
