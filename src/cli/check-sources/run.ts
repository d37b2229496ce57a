/**
 * `check-sources`: check every upstream citation of the model against a kernel git tree and print the report (text
 * or JSON); with --all-versions at each kernel version the model offers; with --write keep the lines found.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkAllVersions } from '../../model/source-check/all-versions';
import { checkSources } from '../../model/source-check/check';
import { buildCheckedLines, serializeCheckedLines } from '../../model/source-check/checked';
import { reportExitCode, reportJson, reportText, type Report } from '../../model/source-check/report';
import { versionsExitCode, versionsJson, versionsText } from '../../model/source-check/report-versions';
import type { Rev } from '../../model/source-check/tree';
import { KERNEL_VERSIONS } from '../../model/scenario';
import type { Source, SourceId } from '../../model/source';
import { SOURCES } from '../../model/sources';
import type { CliIo } from '../io';
import { UsageError } from '../io';
import { CHECK_SOURCES_HELP, parseCheckSourcesArgs } from './args';
import { openGitTree } from './git-tree';

/** src/model/sources/checked-lines.json, found from this module (computed only when written). */
export function defaultLineFile(): string {
  return fileURLToPath(new URL('../../model/sources/checked-lines.json', import.meta.url));
}

export interface CheckSourcesDeps {
  /** The registry to check (tests pass their own). */
  sources?: Readonly<Record<SourceId, Source>>;
  now?: () => Date;
}

const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

export async function runCheckSources(argv: readonly string[], io: CliIo, deps: CheckSourcesDeps = {}): Promise<number> {
  const a = parseCheckSourcesArgs(argv);
  if (a.help) {
    io.out(CHECK_SOURCES_HELP);
    return 0;
  }
  const sources = deps.sources ?? SOURCES;
  const tree = await openGitTree(a.tree);
  if (a.allVersions) {
    const r = { tree: tree.top, tags: KERNEL_VERSIONS.map((v) => `v${v}`), sources: await checkAllVersions({ sources, tree, tags: KERNEL_VERSIONS.map((v) => `v${v}`) }) };
    io.out(a.format === 'json' ? json(versionsJson(r)) : versionsText(r));
    return versionsExitCode(r);
  }
  let fallback: Rev = { commit: null, label: 'working tree' };
  if (a.rev !== null) {
    const commit = await tree.resolve(a.rev);
    if (!commit) throw new UsageError(`--rev ${a.rev}: no such revision in ${tree.top}`);
    fallback = { commit, label: a.rev };
  }
  const rows = await checkSources({ sources, tree, fallback, fallbackForMissing: a.rev !== null });
  const describe = await tree.describe(fallback.commit);
  const report: Report = { tree: tree.top, rev: a.rev, describe, sources: rows };
  io.out(a.format === 'json' ? json(reportJson(report)) : reportText(report));
  if (a.write !== null) {
    const file = a.write === 'default' ? defaultLineFile() : a.write;
    const date = (deps.now ?? (() => new Date()))().toISOString().slice(0, 10);
    const named = rows.map((r) => (r.rev === fallback.label ? { ...r, rev: describe } : r));
    const lines = buildCheckedLines(named, sources, { tree: describe, date, note: a.note });
    try {
      writeFileSync(file, serializeCheckedLines(lines));
    } catch (e) {
      throw new UsageError(`--write ${file}: ${(e as Error).message}`);
    }
    io.err(`wrote ${file}: ${Object.keys(lines.sources).length} sources, checked against ${describe}\n`);
  }
  return reportExitCode(report);
}
