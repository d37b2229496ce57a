/**
 * Run git on an untrusted tree: execFile with an argument array (never a shell), a timeout, a bound on output, no
 * pager, no prompt, no fsmonitor hook from the tree's own config, and none of the caller's GIT_* variables.
 */
import { execFile } from 'node:child_process';

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** git could not be run, timed out or said too much: the message says which, and for which command. */
export class GitFailure extends Error {}

export interface GitOptions {
  timeoutMs?: number;
  maxBytes?: number;
}

function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('GIT_')) env[k] = v;
  return { ...env, GIT_PAGER: 'cat', GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' };
}

/** `git -C dir …args`; resolves with the exit code (a non-zero exit is an answer, not a failure). */
export function git(dir: string, args: readonly string[], opts: GitOptions = {}): Promise<GitResult> {
  const timeout = opts.timeoutMs ?? 60_000;
  const maxBuffer = opts.maxBytes ?? 64 * 1024 * 1024;
  const argv = ['-c', 'core.fsmonitor=false', '-C', dir, ...args];
  return new Promise((resolve, reject) => {
    execFile('git', argv, { timeout, maxBuffer, encoding: 'utf8', windowsHide: true, env: cleanEnv() }, (err, stdout, stderr) => {
      if (!err) return resolve({ code: 0, stdout, stderr });
      const e = err as NodeJS.ErrnoException & { killed?: boolean; code?: number | string };
      if (e.code === 'ENOENT') return reject(new GitFailure('git is not installed (no "git" on PATH)'));
      if (e.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') return reject(new GitFailure(`git ${args[0]}: more than ${maxBuffer} bytes of output`));
      if (e.killed) return reject(new GitFailure(`git ${args[0]}: no answer within ${Math.round(timeout / 1000)} s`));
      if (typeof e.code === 'number') return resolve({ code: e.code, stdout, stderr });
      reject(new GitFailure(`git ${args[0]}: ${e.message}`));
    });
  });
}

/** The first line of git's complaint, for a one-line error. */
export function firstLine(s: string): string {
  return s.split('\n').find((l) => l.trim() !== '')?.replace(/^(fatal|error): /, '').trim() ?? '';
}
