/**
 * Test helper: a git repository synthesised from a registry, in which every upstream citation's names are defined
 * in the cited file, tagged with every release the registry cites, except one name left undefined (gone) and one
 * defined in another file (moved). Whatever the registry holds today, check-sources finds all four outcomes in it.
 */
import type { Source, SourceId } from '../../../model/source';
import { citedRevision, outOfTree } from '../../../model/source-check/cited';
import { upstreamSources } from '../../../model/source-check/check';
import { extractSymbols, isKconfigPath, type SymbolQuery } from '../../../model/source-check/symbols';
import { makeKernelRepo, type KernelRepo } from './kernel-repo';

type Ok = Extract<SymbolQuery, { ok: true }>;

function definition(q: Ok): string {
  switch (q.want) {
    case 'type':
      return `struct ${q.name} {\n\tint x;\n};\n`;
    case 'field':
      return `struct ${q.container} {\n\tint ${q.name};\n};\n`;
    case 'config':
      return `config ${q.name}\n\tbool\n`;
    default:
      return `int ${q.name}(void)\n{\n\treturn 0;\n}\n`;
  }
}

export interface RegistryRepo extends KernelRepo {
  goneId: SourceId;
  movedId: SourceId;
}

export function makeRegistryRepo(sources: Readonly<Record<SourceId, Source>>): RegistryRepo {
  const checkable = upstreamSources(sources).filter(([, s]) => !outOfTree(s));
  const single = checkable.filter(([, s]) => {
    const qs = extractSymbols(s.fn, s.file);
    return qs.length === 1 && qs[0]!.ok && qs[0]!.want === 'call';
  });
  const name = (id: SourceId) => (extractSymbols(sources[id]!.kind === 'upstream' ? (sources[id] as Extract<Source, { kind: 'upstream' }>).fn : '', '')[0] as Ok).name;
  const goneId = single[0]![0];
  const movedId = single.find(([id]) => name(id) !== name(goneId))![0];
  const files: Record<string, string> = {};
  const emitted = new Set<string>();
  const add = (file: string, text: string) => {
    if (emitted.has(`${file}\0${text}`)) return;
    emitted.add(`${file}\0${text}`);
    files[file] = `${files[file] ?? ''}\n${text}`;
  };
  for (const [id, s] of checkable) {
    for (const q of extractSymbols(s.fn, s.file)) {
      if (!q.ok || (id === goneId || q.name === name(goneId))) continue;
      const target = id === movedId || q.name === name(movedId) ? 'zz/moved.c' : q.want === 'config' && !isKconfigPath(s.file) ? 'Kconfig' : s.file;
      add(target, definition(q));
    }
  }
  const tags = new Set<string>();
  for (const [, s] of checkable) {
    const t = citedRevision(s).tag;
    if (t) tags.add(t);
  }
  const repo = makeKernelRepo([{ files, tags: [...tags], message: 'registry' }], 'hdm-registry-');
  return { ...repo, goneId, movedId };
}
