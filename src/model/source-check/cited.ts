/**
 * What a citation lets the check look at: a mainline path, and the revision it was read at (a commit, a release
 * tag). "v6.19", "6.19" and "v6.17+" (read at v6.17 or later) cite a tag; "v6.x", "~v6.12", "v5.2–6.13" and branch
 * names cite none and are checked at the caller's revision.
 */
import type { Source } from '../source';

type Upstream = Extract<Source, { kind: 'upstream' }>;

export interface Cited {
  /** Commit hash as cited (short or full), or null. */
  commit: string | null;
  /** Release tag, e.g. "v6.19", or null. */
  tag: string | null;
}

const TAG = /^v?(\d+\.\d+(?:\.\d+)?(?:-rc\d+)?)\+?$/;
const HASH = /^[0-9a-f]{7,40}$/;

export function citedRevision(s: Upstream): Cited {
  const commit = s.commit && HASH.test(s.commit) ? s.commit : null;
  const fromTag = s.elixirTag ? TAG.exec(s.elixirTag.trim()) : null;
  const fromVersion = TAG.exec(s.version.trim());
  const m = fromTag ?? fromVersion;
  return { commit, tag: m ? `v${m[1]}` : null };
}

/** A path in the kernel tree: relative, plain characters, no "." or ".." step. */
export function isTreePath(p: string): boolean {
  return /^[\w.+-]+(\/[\w.+-]+)*$/.test(p) && !p.split('/').some((x) => x === '.' || x === '..');
}

/** Why a citation cannot be looked up in a mainline tree at all, or null when it can. */
export function outOfTree(s: Upstream): string | null {
  const where = /\(([^)]*)\)\s*$/.exec(s.file);
  if (where) return `${s.file.slice(0, where.index).trim()} is in ${where[1]}, not in a kernel tree`;
  if (!isTreePath(s.file)) return `"${s.file}" is not a path in a kernel tree`;
  return null;
}
