/**
 * Options of `cli check-sources`, each checked; anything unknown or malformed is a UsageError (exit 2).
 */
import { KERNEL_VERSIONS } from '../../model/scenario';
import { UsageError } from '../io';

export interface CheckSourcesArgs {
  tree: string;
  rev: string | null;
  format: 'text' | 'json';
  allVersions: boolean;
  /** null: do not write; 'default': src/model/sources/checked-lines.json; else a path. */
  write: string | null;
  note: string;
  help: boolean;
}

export const CHECK_SOURCES_SYNOPSIS = `check-sources --tree DIR [--rev REV] [--format text|json]
    [--all-versions] [--write[=FILE]] [--note TEXT]`;

export const CHECK_SOURCES_HELP = `NAME
    check-sources - check every citation of the model against a kernel tree

SYNOPSIS
    npm run --silent cli -- check-sources --tree DIR [--rev REV]
        [--format text|json] [--all-versions] [--write[=FILE]] [--note TEXT]

DESCRIPTION
    Every upstream source the model cites names a kernel file and a symbol
    (a function, macro, struct, member or Kconfig entry). For each name it
    holds, check-sources looks for the definition in DIR, a kernel git work
    tree, the way a reader would: a C function definition (return type and
    name at the start of a line, or the name at the start of the line after
    the return type), a #define, a struct/union/enum with a body, an enum
    constant, a struct member, a file-scope variable, a Kconfig "config"
    entry. A mention, a call or a prototype is not a definition.

    Each name is looked up at the revision its source cites (its commit,
    else its tag, e.g. v6.19) when the tree has it; a source citing no
    release ("v6.x") is looked up at REV, or in the working tree. Outcomes:

      found          defined in the cited file (file:line)
      moved          defined in another file (where), not the cited one
      gone           defined nowhere at that revision: renamed or removed
      not-checkable  the tree lacks the cited revision or file, the code is
                     outside mainline (a posted series, QEMU), or the text
                     cited is not an identifier

    A partial tree works: files it lacks are not checkable, never an error.

OPTIONS
    --tree DIR       top directory of a kernel git work tree (required)
    --rev REV        revision for sources citing no release, and for those
                     citing one the tree lacks (default: the working tree,
                     and such sources are not checkable)
    --format FMT     text (default; fits 80 columns) or json:
                     { tree, rev, describe, counts, sources: [ { id, file,
                     symbol, version, outcome, at: { file, line } | null,
                     rev, kind, reason } ] }
    --all-versions   check every source at each kernel version the model
                     offers (${KERNEL_VERSIONS.map((v) => `v${v}`).join(', ')}) and say where a
                     name appears, disappears or changes file
    --write[=FILE]   also write the line file the app uses (default
                     src/model/sources/checked-lines.json): each source's
                     outcome and line, the tree's git describe, the date
    --note TEXT      with --write: a provenance note kept in the file
                     (e.g. "partial tree")
    --help           this text

EXIT STATUS
    0  nothing is gone
    1  some name is gone (with --all-versions: gone at the version its source
       cites, or at every version)
    2  bad usage, or DIR or REV unusable

EXAMPLES
    Each source at the version it cites, the others in the working tree:
        npm run --silent cli -- check-sources --tree ~/linux

    The others at v7.0 instead, as JSON:
        npm run --silent cli -- check-sources --tree ~/linux \\
            --rev v7.0 --format json

    Where each name appears or disappears from v6.11 to v7.1:
        npm run --silent cli -- check-sources --tree ~/linux --all-versions

    Refresh the line file after updating the model to a new kernel:
        npm run --silent cli -- check-sources --tree ~/linux \\
            --rev v7.2 --write
`;

/** A revision name git can be given as an argument: not an option, no space or control character, not huge. */
export function isRevName(v: string): boolean {
  return v.length > 0 && v.length <= 256 && !v.startsWith('-') && ![...v].some((c) => c <= ' ' || c === '\x7f');
}

export function parseCheckSourcesArgs(argv: readonly string[]): CheckSourcesArgs {
  const a: CheckSourcesArgs = { tree: '', rev: null, format: 'text', allVersions: false, write: null, note: '', help: false };
  let tree: string | null = null;
  let note: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const opt = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (what: string): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '' || (inline === undefined && v.startsWith('--'))) throw new UsageError(`${opt} needs ${what}`);
      return v;
    };
    switch (opt) {
      case '--tree': tree = value('a directory'); break;
      case '--rev': {
        const v = value('a revision (tag, branch or commit)');
        if (!isRevName(v)) throw new UsageError(`--rev ${JSON.stringify(v)}: not a revision name`);
        a.rev = v;
        break;
      }
      case '--format': {
        const v = value('text or json');
        if (v !== 'text' && v !== 'json') throw new UsageError(`--format: unknown value "${v}" (expected text or json)`);
        a.format = v;
        break;
      }
      case '--all-versions': a.allVersions = true; break;
      case '--write':
        if (inline === '') throw new UsageError('--write= needs a file');
        a.write = inline ?? 'default';
        break;
      case '--note': note = value('a text'); break;
      case '--help': case '-h': a.help = true; break;
      default:
        throw new UsageError(`unknown option "${arg}"\nusage: ${CHECK_SOURCES_SYNOPSIS}`);
    }
  }
  if (a.help) return a;
  if (tree === null) throw new UsageError(`--tree is required\nusage: ${CHECK_SOURCES_SYNOPSIS}`);
  if (a.write !== null && a.allVersions) throw new UsageError('--write records one check; it does not go with --all-versions');
  if (note !== null && a.write === null) throw new UsageError('--note goes with --write');
  return { ...a, tree, note: note ?? '' };
}
