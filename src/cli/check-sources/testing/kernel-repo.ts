/**
 * Test helper: a small kernel-shaped git repository in a temp directory, built commit by commit with tags, so
 * check-sources can be run against real git. Not used outside tests.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface Snapshot {
  /** Path → content; null deletes the file. */
  files: Record<string, string | null>;
  tags?: string[];
  message?: string;
}

export interface KernelRepo {
  dir: string;
  /** Commit id of each snapshot, in order. */
  commits: string[];
  git(...args: string[]): string;
  remove(): void;
}

function env(): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('GIT_')) e[k] = v;
  return { ...e, GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z' };
}

export function makeKernelRepo(snapshots: readonly Snapshot[], prefix = 'hdm-kernel-'): KernelRepo {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=master', '-C', dir, ...args], {
      encoding: 'utf8',
      env: env(),
    });
  git('init', '-q');
  const commits: string[] = [];
  for (const s of snapshots) {
    for (const [path, text] of Object.entries(s.files)) {
      const p = join(dir, path);
      if (text === null) rmSync(p, { force: true });
      else {
        mkdirSync(dirname(p), { recursive: true });
        writeFileSync(p, text);
      }
    }
    git('add', '-A');
    git('commit', '-q', '--allow-empty', '-m', s.message ?? 'snapshot');
    commits.push(git('rev-parse', 'HEAD').trim());
    for (const t of s.tags ?? []) git('tag', t);
  }
  return { dir, commits, git, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
