/**
 * hdm-atlas command line: `npm run --silent cli -- <command> …`.
 * Exit codes: 0 ok, 1 bad input data, 2 bad usage.
 */
import { readFileSync } from 'node:fs';
import { runBundle } from './bundle';
import { runCxl } from './cxl';
import { runExplain } from './explain';
import { runIomem } from './iomem';
import type { CliIo } from './io';
import { safeIo, UsageError } from './io';
import { EXPLAIN_USAGE } from './args';
import { CHECK_SOURCES_SYNOPSIS } from './check-sources/args';
import { runCheckSources } from './check-sources/run';
import { commandManual, mainManual, versionText } from './manual';
import { runMaps } from './maps';
import { PATCHES_USAGE, runPatches } from './patches';
import { runTrace } from './trace';
import { WHAT_IT_TAKES_USAGE, runWhatItTakes } from './whatItTakes';

export const USAGE = `hdm-atlas: how four designs for CXL Type-2 device memory reach a KVM guest

commands:
  explain  one design on one platform (text for a mail, or JSON)
${EXPLAIN_USAGE.replace(/^/gm, '    ')}
  iomem    parse /proc/iomem and print it back unchanged (strict)
    usage: iomem <file|->
  cxl      a \`cxl list\` topology, its ranges tied to /proc/iomem
    usage: cxl <file|-> [--iomem <file>] [--format text|json]
  maps     the VMAs of smaps / maps / pmap -X, each VFIO offset decoded
    usage: maps <file|-> [--format text|json]
  trace    the kernel functions and events of a trace in any shape
    usage: trace <file|-> [--arch A] [--kernel K] [--format text|json]
  bundle   a machine from collect.sh: facts, range, every design
    usage: bundle <file|-> [--format text|json]
  what-it-takes    the smallest sets of changes that make each verdict good
    ${WHAT_IT_TAKES_USAGE}
  patches  the catalogue of kernel changes: status, source, effect
    ${PATCHES_USAGE}
  check-sources    check every citation against a kernel git tree
${CHECK_SOURCES_SYNOPSIS.replace(/^/gm, '    ')}
    (check-sources --help for the whole manual)
  help             this text

Exit codes: 0 understood (warnings on stderr, located), 1 nothing understood, 2 bad usage.
`;

/** A UsageError is printed and exits 2; anything else is a bug and propagates. */
function usageExit(e: unknown, io: CliIo): number {
  if (e instanceof UsageError) {
    io.err(`error: ${e.message}\n`);
    return 2;
  }
  throw e;
}

/** Runs a command; check-sources runs git and answers asynchronously, the others at once. */
export function main(argv: string[], rawIo: CliIo): number | Promise<number> {
  const [cmd, ...rest] = argv;
  // Names in a pasted file can hold terminal escape sequences: nothing reaches the terminal raw.
  const io = safeIo(rawIo);
  // --version, help <command> and <command> --help: see manual.ts (a command without a page there gets its --help).
  if (cmd === '--version' || cmd === '-V' || cmd === 'version') {
    io.out(versionText());
    return 0;
  }
  const asked = cmd === 'help' && !rest[0]?.startsWith('-') ? rest[0] : rest.includes('--help') || rest.includes('-h') ? cmd : undefined;
  const page = commandManual(asked);
  if (page !== null) {
    io.out(page);
    return 0;
  }
  try {
    switch (cmd) {
      case 'check-sources':
        return runCheckSources(rest, io).catch((e: unknown) => usageExit(e, io));
      case 'explain':
        return runExplain(rest, io);
      case 'what-it-takes':
        return runWhatItTakes(rest, io);
      case 'patches':
        return runPatches(rest, io);
      case 'iomem':
        return runIomem(rest, io);
      case 'cxl':
        return runCxl(rest, io);
      case 'maps':
        return runMaps(rest, io);
      case 'trace':
        return runTrace(rest, io);
      case 'bundle':
        return runBundle(rest, io);
      case 'help':
      case '--help':
      case '-h':
        io.out(mainManual(USAGE));
        return 0;
      case undefined:
        io.err(USAGE);
        return 2;
      default:
        throw new UsageError(`unknown command "${cmd}"\n\n${USAGE}`);
    }
  } catch (e) {
    return usageExit(e, io);
  }
}

/** The real process: files, stdin, stdout, stderr (the bin and `npm run cli` use this). */
export function nodeIo(): CliIo {
  return {
    readFile: (p) => readFileSync(p, 'utf8'),
    readStdin: () => readFileSync(0, 'utf8'),
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
  };
}

/** Run the command line in this process: main() on the real I/O, sync or async, exit code set when it is done. */
export function runProcess(argv: string[] = process.argv.slice(2)): void {
  // A reader that stops early (`| head`) closes the pipe: stop quietly instead of crashing on EPIPE.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  void Promise.resolve(main(argv, nodeIo())).then((code) => {
    process.exitCode = code;
  });
}

const isEntry = typeof process !== 'undefined' && process.argv[1] !== undefined && /cli[\\/]main\.ts$/.test(process.argv[1]);
if (isEntry) runProcess();
