// @vitest-environment jsdom
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from '@testing-library/react';
import { parse } from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheckSources } from '../cli/check-sources/run';
import { makeRegistryRepo, type RegistryRepo } from '../cli/check-sources/testing/registry-repo';
import { upstreamSources } from '../model/source-check/check';
import { CHECKED, checkedLinesSchema, type CheckedLines } from '../model/source-check/checked';
import { worstOutcome, type Outcome } from '../model/source-check/types';
import type { Source } from '../model/source';
import { elixirTag } from '../model/source-links';
import { SOURCES } from '../model/sources';
import committed from '../model/sources/checked-lines.json';
import { SourceList } from './Inspector';

let repo: RegistryRepo;
const out = mkdtempSync(join(tmpdir(), 'hdm-inspector-checks-'));
let cli: Map<string, Outcome>;
let lines: CheckedLines;

beforeAll(async () => {
  repo = makeRegistryRepo(SOURCES);
  let stdout = '';
  const io = { readFile: () => '', readStdin: () => '', out: (s: string) => (stdout += s), err: () => undefined };
  const file = join(out, 'lines.json');
  await runCheckSources(['--tree', repo.dir, '--format', 'json', `--write=${file}`], io, { now: () => new Date('2026-05-04T00:00:00Z') });
  const rows = (JSON.parse(stdout) as { sources: Array<{ id: string; outcome: Outcome }> }).sources;
  const by = new Map<string, Outcome[]>();
  for (const r of rows) by.set(r.id, [...(by.get(r.id) ?? []), r.outcome]);
  cli = new Map([...by].map(([id, os]) => [id, worstOutcome(os)]));
  lines = parse(checkedLinesSchema, JSON.parse(readFileSync(file, 'utf8')));
});
afterAll(() => {
  repo.remove();
  rmSync(out, { recursive: true, force: true });
});

describe('the inspector and cli check-sources agree', () => {
  it('on every upstream source\'s outcome, through the line file --write produced', () => {
    const ids = upstreamSources(SOURCES).map(([id]) => id);
    const { container } = render(<SourceList ids={ids} checks={lines} />);
    expect(new Set(cli.values())).toEqual(new Set(['found', 'moved', 'gone', 'not-checkable']));
    for (const id of ids) {
      const li = container.querySelector(`li[data-source="${CSS.escape(id)}"]`)!;
      expect(li.querySelector('[data-check]')?.getAttribute('data-check'), id).toBe(cli.get(id));
    }
    expect(cli.get(repo.goneId)).toBe('gone');
    expect(cli.get(repo.movedId)).toBe('moved');
  });

  it('says what it was checked against, and links a line found at the tag linked to', () => {
    const ids = upstreamSources(SOURCES).map(([id]) => id);
    const { container } = render(<SourceList ids={ids} checks={lines} />);
    const s = (id: string) => SOURCES[id] as Extract<Source, { kind: 'upstream' }>;
    const atTag = ids.find((id) => lines.sources[id]?.outcome === 'found' && lines.sources[id]!.rev === elixirTag(s(id)))!;
    const li = container.querySelector(`li[data-source="${CSS.escape(atTag)}"]`)!;
    expect(li.querySelector('[data-check]')!.textContent).toMatch(new RegExp(`^checked against ${lines.sources[atTag]!.rev}: found at `));
    expect(li.querySelector('a')!.getAttribute('href')).toMatch(/#L\d+$/);
    const elsewhere = ids.find((id) => lines.sources[id]?.outcome === 'found' && lines.sources[id]!.rev !== elixirTag(s(id)))!;
    expect(container.querySelector(`li[data-source="${CSS.escape(elsewhere)}"] a`)!.getAttribute('href')).not.toContain('#L');
  });

  it('shows nothing for a citation changed since it was checked', () => {
    const [id] = upstreamSources(SOURCES)[0]!;
    const stale: CheckedLines = { ...lines, sources: { [id]: { ...lines.sources[id]!, fn: 'renamed_since()' } } };
    const { container } = render(<SourceList ids={[id]} checks={stale} />);
    expect(container.querySelector('[data-check]')).toBeNull();
  });
});

describe('the committed line file', () => {
  it('is valid, so the app uses it', () => {
    expect(parse(checkedLinesSchema, committed)).toEqual(CHECKED);
  });
});
