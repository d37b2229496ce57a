/**
 * What the check needs of a kernel tree. The CLI implements it with git (src/cli/check-sources/git-tree.ts); tests
 * may implement it in memory. A revision is a resolved commit id, or null for the working tree.
 */
import type { Identifier } from './symbols';

export interface SourceTree {
  /** The commit a tag, branch or hash names, or null when the tree has no such revision. */
  resolve(rev: string): Promise<string | null>;
  /** A file's text at a revision, or null when the file is not there. */
  read(rev: string | null, path: string): Promise<string | null>;
  /**
   * Files at a revision that may define `name` (a superset: every one is confirmed by findDefinitions), searched in
   * Kconfig files when `kconfig`, else in C sources and headers.
   */
  candidates(rev: string | null, name: Identifier, kconfig: boolean): Promise<string[]>;
}

/** A revision to look at: what git is given and what the report prints ("v6.19", "working tree"). */
export interface Rev {
  commit: string | null;
  label: string;
}

/** The same tree, each answer computed once (a source's file is read once for all its symbols and sources). */
export function memoTree(t: SourceTree): SourceTree {
  const memo = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, f: () => Promise<T>): Promise<T> => {
    let p = memo.get(key) as Promise<T> | undefined;
    if (!p) memo.set(key, (p = f()));
    return p;
  };
  return {
    resolve: (rev) => once(`r\0${rev}`, () => t.resolve(rev)),
    read: (rev, path) => once(`f\0${rev}\0${path}`, () => t.read(rev, path)),
    candidates: (rev, name, k) => once(`c\0${rev}\0${name}\0${k}`, () => t.candidates(rev, name, k)),
  };
}

/** "at v6.19", "in the working tree": where a lookup was made, for a sentence. */
export function atRev(label: string): string {
  return label === 'working tree' ? 'in the working tree' : `at ${label}`;
}
