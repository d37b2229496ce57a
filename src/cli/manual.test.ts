import { describe, expect, it } from 'vitest';
import pkg from '../../package.json';
import { KERNEL_VERSIONS } from '../model/scenario';
import { MODEL_DATE } from '../model/version';
import { EXPLAIN_USAGE } from './args';
import { main, USAGE } from './main';
import { MANUAL, commandManual, mainManual, synopsis } from './manual';

function run(argv: string[]) {
  let out = '';
  let err = '';
  const code = main(argv, { readFile: () => '', readStdin: () => '', out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

const columns = (s: string) => Math.max(...s.split('\n').map((l) => [...l].length));
/** The commands main.ts's USAGE lists (two-space indented lines under "commands:"). */
const usageCommands = [...USAGE.slice(USAGE.indexOf('commands:')).matchAll(/^ {2}([a-z][a-z-]*)/gm)].map((m) => m[1]!);

describe('--version', () => {
  it('prints the tool version, the model date and every kernel version covered', () => {
    for (const flag of ['--version', '-V', 'version']) {
      const r = run([flag]);
      expect(r.code).toBe(0);
      expect(r.out).toBe(`hdm-atlas ${pkg.version}\nmodel ${MODEL_DATE}\nkernels ${KERNEL_VERSIONS.join(' ')}\n`);
    }
    expect(MODEL_DATE).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('the manual', () => {
  it('--help is a man page: its sections in order, the commands of USAGE, at most 80 columns', () => {
    const r = run(['--help']);
    expect(r.code).toBe(0);
    const heads = r.out.split('\n').filter((l) => /^[A-Z][A-Z ]+$/.test(l));
    expect(heads).toEqual(['NAME', 'SYNOPSIS', 'DESCRIPTION', 'COMMANDS', 'OPTIONS', 'EXIT STATUS', 'FILES', 'SEE ALSO', 'VERSION']);
    expect(r.out).toMatch(/^HDM-ATLAS\(1\) +HDM Atlas Manual +HDM-ATLAS\(1\)$/m);
    for (const c of usageCommands) expect(r.out).toMatch(new RegExp(`^ {7}${c}\\b`, 'm'));
    expect(columns(r.out)).toBeLessThanOrEqual(80);
    expect(run(['help']).out).toBe(r.out);
    expect(run(['-h']).out).toBe(r.out);
  });

  it('every command main.ts lists has a page, and <command> --help, -h and help <command> print it', () => {
    expect(usageCommands).toEqual(expect.arrayContaining(['explain', 'iomem', 'help']));
    for (const c of usageCommands) {
      expect(MANUAL[c], `add a ManPage for "${c}" to MANUAL in src/cli/manual.ts`).toBeDefined();
      const page = commandManual(c)!;
      expect(columns(page)).toBeLessThanOrEqual(80);
      expect(page).toMatch(new RegExp(`^NAME\\n {7}hdm-atlas ${c} - `, 'm'));
      for (const argv of [[c, '--help'], [c, '-h'], ['help', c]]) {
        const r = run(argv);
        expect(r.code, argv.join(' ')).toBe(0);
        expect(r.out).toBe(page);
      }
    }
  });

  it('explain --help describes every option explain accepts, and every value the model knows', () => {
    const page = commandManual('explain')!;
    const options = new Set([...EXPLAIN_USAGE.matchAll(/--[a-z-]+/g)].map((m) => m[0]));
    expect(options.size).toBeGreaterThan(15);
    const described = page.slice(page.indexOf('\nOPTIONS\n'), page.indexOf('\nEXIT STATUS\n'));
    for (const o of options) expect(described, o).toMatch(new RegExp(`^ {7}(-\\w, )?${o}\\b`, 'm'));
    for (const k of KERNEL_VERSIONS) expect(described).toContain(k);
    expect(run(['explain', '--design', 'hotplug', '--help']).out).toBe(page);
  });

  it('a synopsis never breaks an option group and fits the page', () => {
    const lines = synopsis(EXPLAIN_USAGE);
    expect(lines[0]).toBe('hdm-atlas explain');
    expect(lines.join(' ')).toContain('[--config CONFIG_X=v[,CONFIG_Y=v…]]');
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(73);
  });

  it('lists a command added to USAGE without a page, with its usage wrapped to the page', () => {
    const usage = `${USAGE}  frob FILE   a command without a page\n    usage: frob [--alpha a|b|c|d|e|f|g|h|i|j|k|l|m] [--beta bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb] [--gamma c]\n`;
    const page = mainManual(usage);
    expect(page).toMatch(/^ {7}frob FILE {3}a command without a page$/m);
    expect(page).toContain('[--gamma c]');
    expect(page).not.toContain('--nosoftreserve'); // explain has a page: only its one line is listed
    expect(columns(page)).toBeLessThanOrEqual(80);
  });
});
