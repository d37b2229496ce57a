/**
 * A kernel tree on disk as the check's SourceTree: files at a revision with `git cat-file`, candidate files with
 * `git grep`, the working tree read from disk. The directory must be the top of a git work tree.
 */
import { realpathSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { isTreePath } from '../../model/source-check/cited';
import type { SourceTree } from '../../model/source-check/tree';
import { UsageError } from '../io';
import { isRevName } from './args';
import { candidateFiles } from './candidates';
import { firstLine, git, GitFailure } from './git';

/** Largest file read (the biggest C files in the kernel are a few MiB). */
const MAX_FILE = 16 * 1024 * 1024;

export interface GitTree extends SourceTree {
  top: string;
  /** `git describe --tags --always` of a commit, or of the working tree (with --dirty). */
  describe(commit: string | null): Promise<string>;
}

function checkDir(dirArg: string): string {
  const abs = resolve(dirArg);
  let st;
  try {
    st = statSync(abs);
  } catch {
    throw new UsageError(`--tree ${dirArg}: no such directory`);
  }
  if (!st.isDirectory()) throw new UsageError(`--tree ${dirArg}: not a directory`);
  return abs;
}

export async function openGitTree(dirArg: string): Promise<GitTree> {
  const abs = checkDir(dirArg);
  const top = await git(abs, ['rev-parse', '--show-toplevel']).catch((e: unknown) => {
    throw new UsageError(`--tree ${dirArg}: ${(e as Error).message}`);
  });
  if (top.code !== 0) {
    const why = firstLine(top.stderr);
    throw new UsageError(`--tree ${dirArg}: not a git work tree${why ? ` (git: ${why})` : ''}`);
  }
  const root = top.stdout.trim();
  if (realpathSync(root) !== realpathSync(abs)) throw new UsageError(`--tree ${dirArg}: inside the git tree ${root}; give its top directory`);
  const rootReal = realpathSync(root);
  const tree: GitTree = {
    top: root,
    async resolve(rev) {
      if (!isRevName(rev)) return null;
      const r = await git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]);
      return r.code === 0 ? r.stdout.trim() : null;
    },
    async read(commit, path) {
      if (!isTreePath(path)) return null;
      if (commit === null) return readWorking(rootReal, path);
      const r = await git(root, ['cat-file', 'blob', `${commit}:${path}`], { maxBytes: MAX_FILE });
      if (r.code === 0) return r.stdout;
      if (r.code === 128) return null;
      throw new GitFailure(`git cat-file ${path}: ${firstLine(r.stderr)}`);
    },
    async candidates(commit, name, kconfig) {
      const paths = kconfig ? ['Kconfig*', '*/Kconfig*'] : ['*.c', '*.h'];
      const args = ['grep', '-I', '-n', '-w', '-F', '-e', name, ...(commit ? [commit] : []), '--', ...paths, ':(exclude)tools/'];
      const r = await git(root, args, { timeoutMs: 120_000 });
      if (r.code === 1) return [];
      if (r.code !== 0) throw new GitFailure(`git grep ${name}: ${firstLine(r.stderr)}`);
      return candidateFiles(r.stdout, name, commit);
    },
    async describe(commit) {
      const r = await git(root, ['describe', '--tags', '--always', ...(commit ? [commit] : ['--dirty'])]);
      return r.code === 0 ? r.stdout.trim() : 'unknown';
    },
  };
  return tree;
}

/** A working-tree file, or null when absent, not a regular file, too large or outside the tree (a symlink out). */
async function readWorking(root: string, path: string): Promise<string | null> {
  const p = join(root, path);
  try {
    const real = realpathSync(p);
    if (!real.startsWith(root + sep)) return null;
    const st = statSync(real);
    if (!st.isFile()) return null;
    if (st.size > MAX_FILE) throw new GitFailure(`${path}: larger than ${MAX_FILE} bytes`);
    return await readFile(real, 'utf8');
  } catch (e) {
    if (e instanceof GitFailure) throw e;
    return null;
  }
}
