/**
 * The manual: `hdm-atlas --help`, `hdm-atlas help <command>`, `hdm-atlas <command> --help`, laid out like man(1)
 * (NAME, SYNOPSIS, DESCRIPTION, OPTIONS, EXIT STATUS, EXAMPLES), at most 80 columns. `--version` is here too.
 *
 * A command gets its page by an entry in MANUAL. A command without one still appears in `--help` (its lines in
 * main.ts's USAGE are the COMMANDS section) and receives its own `--help` argument. Option values are read from the
 * model's lists, so a new design or kernel version shows up here without an edit; a test checks that every option
 * of `explain` has its paragraph.
 */
import {
  ARCHES, CONFIG_KEYS, CONFIG_VALUES, CPU_VENDORS, DEFAULT_PLATFORM, DESIGNS, EFI_ATTRS, FIRMWARE_TYPES, KERNEL_VERSIONS, ONLINE_POLICIES,
  REGION_STATES, formatConfig,
} from '../model/scenario';
import { PATCH_IDS } from '../model/patches/ids';
import { wrap } from '../model/text/render';
import { MODEL_DATE, TOOL_NAME, TOOL_VERSION, KERNELS_COVERED, versionLine } from '../model/version';
import { EXPLAIN_USAGE } from './args';
import { CHECK_SOURCES_HELP, CHECK_SOURCES_SYNOPSIS } from './check-sources/args';
import { PATCHES, WHAT_IT_TAKES } from './manualChanges';
import { BUNDLE, CXL, MAPS, TRACE } from './manualMachine';

const WIDTH = 80;
const IN = '       '; // man(1)'s 7-column body indent
const TAG = 16; // where an option's text starts, past IN

/** A section's content: paragraphs (wrapped), [term, text] definitions, or literal lines (kept as written). */
export type Block = { p: string } | { dl: [string, string][] } | { pre: string[] };

export interface ManPage {
  /** The command as typed after hdm-atlas ("explain"), or "" for the tool itself. */
  command: string;
  summary: string;
  synopsis: string[];
  sections: [title: string, blocks: Block[]][];
}

function blockLines(b: Block): string[] {
  if ('p' in b) return wrap(b.p, WIDTH, IN, IN);
  if ('pre' in b) return b.pre.map((l) => (l === '' ? '' : IN + l));
  const out: string[] = [];
  for (const [term, text] of b.dl) {
    const head = IN + term;
    const hang = IN + ' '.repeat(TAG);
    if (head.length < hang.length - 1) out.push(...wrap(text, WIDTH, hang, head.padEnd(hang.length)));
    else out.push(head, ...wrap(text, WIDTH, hang, hang));
  }
  return out;
}

export function formatManPage(m: ManPage): string {
  const title = (m.command ? `${TOOL_NAME}-${m.command}` : TOOL_NAME).toUpperCase() + '(1)';
  const middle = 'HDM Atlas Manual';
  const gap = WIDTH - 2 * title.length - middle.length;
  const out = [title + ' '.repeat(Math.floor(gap / 2)) + middle + ' '.repeat(Math.ceil(gap / 2)) + title, ''];
  const sections: [string, Block[]][] = [
    ['NAME', [{ p: `${m.command ? `${TOOL_NAME} ${m.command}` : TOOL_NAME} - ${m.summary}` }]],
    ['SYNOPSIS', [{ pre: m.synopsis }]],
    ...m.sections,
    ['VERSION', [{ p: versionLine() }]],
  ];
  for (const [name, blocks] of sections) {
    out.push(name);
    blocks.forEach((b, i) => {
      if (i > 0) out.push('');
      out.push(...blockLines(b));
    });
    out.push('');
  }
  out.push(`${TOOL_NAME} ${TOOL_VERSION}`.padEnd(WIDTH - MODEL_DATE.length) + MODEL_DATE);
  return out.join('\n') + '\n';
}

const EXIT: Block = {
  dl: [
    ['0', 'Success.'],
    ['1', 'The input data is wrong: each problem is printed to standard error as "line N, column C: what", and nothing is printed to standard output.'],
    ['2', 'Bad usage: an unknown command, option or value, a missing required option, or a file that cannot be read.'],
  ],
};

const values = (xs: readonly string[]) => xs.join(', ');
const dflt = (v: string) => ` Default: ${v}.`;
const onOff = (b: boolean) => (b ? 'on' : 'off');

/**
 * A usage string ("usage: explain --design <…> [--fwb on|off] …") as SYNOPSIS lines that fit the page: option groups
 * ("[…]", "--opt <…>") are never broken, continuation lines are indented under the command.
 */
export function synopsis(usage: string): string[] {
  const tokens = usage.replace(/^usage:\s*/, `${TOOL_NAME} `).match(/\[(?:[^[\]]|\[[^\]]*\])*\]|--\S+(?: <[^>]*>)?|\S+/g) ?? [];
  const room = WIDTH - IN.length;
  const lead = '    ';
  const out: string[] = [];
  let line = '';
  for (const t of tokens) {
    if (line !== '' && line.length + 1 + t.length > room) {
      out.push(line);
      line = lead + t;
    } else line = line === '' ? t : `${line} ${t}`;
  }
  if (line !== '') out.push(line);
  return out;
}

const EXPLAIN: ManPage = {
  command: 'explain',
  summary: 'one design on one platform, as text for a mail or as JSON',
  synopsis: synopsis(EXPLAIN_USAGE),
  sections: [
    ['DESCRIPTION', [
      { p: 'Runs one design for giving a KVM guest the coherent memory (HDM) of a CXL Type-2 accelerator through VFIO, on the platform the options describe, and prints what the kernel does: the resource tree (/proc/iomem) after the design ran, the VMM\'s VMA (vm_flags with their smaps letters, pgprot, vm_ops, the page-table walk and its leaves), the KVM fault path step by step with the value that decided each branch, ending in the stage-2/EPT entry or the error, and the verdicts.' },
      { p: 'Every fact is derived from a model of kernel semantics and cites its source (file, function and kernel version, or a mail by Message-ID) as a numbered footnote. Facts the model could not check against source are marked (unverified). The text is at most 80 columns, for a plain-text mail; it names the tool version and the model date, so the answer can be reproduced later.' },
    ]],
    ['OPTIONS', [{
      dl: [
        ['--design D', `The design: ${values(DESIGNS)}. Required.`],
        ['--arch A', `The host architecture: ${values(ARCHES)}. Required, unless --bundle gives it.`],
        ['--vendor V', `x86-64 only: the CPU vendor, ${values(CPU_VENDORS)} (EPT or NPT).${dflt(DEFAULT_PLATFORM.vendor)}`],
        ['--fwb on|off', `arm64 only: FEAT_S2FWB (stage-2 forced write-back).${dflt(onOff(DEFAULT_PLATFORM.fwb))}`],
        ['--dic on|off', `arm64 only: CTR_EL0.DIC (no I-cache invalidation to PoU needed).${dflt(onOff(DEFAULT_PLATFORM.dic))}`],
        ['--efi-attr A', `arm64 only: the EFI memory attribute of an EFI_RESERVED_TYPE range, ${values(EFI_ATTRS)}.${dflt(DEFAULT_PLATFORM.efiAttr)}`],
        ['--firmware F', `What firmware called the HDM range: ${values(FIRMWARE_TYPES)} (EFI_CONVENTIONAL_MEMORY, the same with EFI_MEMORY_SP, EFI_RESERVED_TYPE).${dflt(DEFAULT_PLATFORM.firmware)}`],
        ['--nosoftreserve', 'Boot with efi=nosoftreserve: EFI_MEMORY_SP ranges become System RAM. --nosoftreserve=off boots without it (after --bundle, or to undo an earlier option).'],
        ['--kernel K', `The kernel version: ${values(KERNEL_VERSIONS)}. Only versions where a modelled behaviour or name changes are listed.${dflt(DEFAULT_PLATFORM.kernel)}`],
        ['--region R', `Whether a CXL region exists for the range: ${values(REGION_STATES)}.${dflt(DEFAULT_PLATFORM.region)}`],
        ['--config LIST', `Kernel config options that change an outcome, as OPTION=VALUE[,…] (the CONFIG_ prefix is optional): ${CONFIG_KEYS.map((k) => `CONFIG_${k}=${CONFIG_VALUES[k].join('|')}`).join(', ')}. Options not named keep their defaults.${dflt(formatConfig(DEFAULT_PLATFORM.config).replace(/,/g, ', '))}`],
        ['--online P', `The memory hotplug online policy (memhp_default_state=): ${values(ONLINE_POLICIES)}.${dflt(DEFAULT_PLATFORM.onlinePolicy)}`],
        ['--huge-fault on|off', `The VFIO driver implements .huge_fault (PMD/PUD leaves), not only .fault.${dflt(onOff(DEFAULT_PLATFORM.hugeFault))}`],
        ['--mte on|off', `arm64 only: the VM has MTE enabled.${dflt(onOff(DEFAULT_PLATFORM.mte))}`],
        ['--dirty-log on|off', `The memslot has KVM_MEM_LOG_DIRTY_PAGES (live migration).${dflt(onOff(DEFAULT_PLATFORM.dirtyLog))}`],
        ['--reset', 'A device reset (FLR or CXL reset) happens after the guest mapped the memory, and the guest touches it again.'],
        ['--patch LIST', `Apply posted or hypothetical kernel changes from the catalogue, as ID[,ID…] (repeatable): ${PATCH_IDS.join(', ')}. ${TOOL_NAME} patches lists them with their status and sources; the text then says NOT UPSTREAM in its headline. A merged change is applied by --kernel and a design's own series by --design, and naming one here says so.`],
        ['--format F', 'text (default): plain text, at most 80 columns, sources as numbered footnotes. json: the whole explanation for scripts, with "tool" (name, version, model date, kernels), "iomem", "vma.flags" (smaps letters), "fault.steps" (each with "function" and "file"), "fault.result" ("level" and "memtype", or "error"), "verdicts" and the resolved "sources"; with --iomem or --bundle also "input" (what was read, skipped, repaired, detected and assumed); addresses as "0x…" strings.'],
        ['--iomem FILE', 'Run the design against your own /proc/iomem (read as root; - reads standard input) instead of the built-in tree. Needs --range. A damaged dump (from a mail: quote marks, wrapped lines, quoted-printable, a snip) is restored and every line understood is used; what was skipped or repaired is listed on standard error and in the output.'],
        ['--range S-E', 'With --iomem: the accelerator\'s HDM range, START-END in hex as /proc/iomem prints it. With --bundle: a range other than the one the bundle suggests.'],
        ['--bundle FILE', `A bundle from scripts/collect.sh (see ${TOOL_NAME} help bundle): every platform option its facts prove is set from it (options given on the command line win), the others keep their defaults and are listed as assumptions; the design runs on its /proc/iomem and the range it suggests.`],
        ['-h, --help', 'Print this page.'],
      ],
    }]],
    ['EXIT STATUS', [EXIT]],
    ['EXAMPLES', [{
      pre: [
        `${TOOL_NAME} explain --design vfio-owned --arch x86_64`,
        `${TOOL_NAME} explain --design vfio-owned --arch arm64 --fwb off \\`,
        '    --format json',
        `${TOOL_NAME} explain --design memremap --arch x86_64 --firmware conventional`,
        `sudo cat /proc/iomem | ${TOOL_NAME} explain --design vfio-owned \\`,
        `    --arch x86_64 --iomem - --range 1050000000-144fffffff`,
      ],
    }]],
  ],
};

const IOMEM: ManPage = {
  command: 'iomem',
  summary: 'parse a /proc/iomem dump and print it back unchanged',
  synopsis: [`${TOOL_NAME} iomem FILE`, `${TOOL_NAME} iomem -`],
  sections: [
    ['DESCRIPTION', [
      { p: 'Reads /proc/iomem as the kernel\'s r_show() prints it (from FILE, or standard input for -), builds the resource tree, and prints the tree back as r_show() would: byte for byte the same for a real dump. Use it to check that a dump pasted from a mail is whole before you give it to explain --iomem.' },
      { p: 'It is strict: any line it cannot read is an error and exits 1. explain --iomem is not: it restores a damaged dump and uses every line it understood. A UTF-8 byte-order mark is accepted; control characters in names are printed escaped.' },
      { p: 'A dump read without CAP_SYS_ADMIN shows every address as zero; it is printed back, with a note on standard error. Lines the parser tolerates but that a kernel would not print are reported as warnings on standard error.' },
    ]],
    ['OPTIONS', [{ dl: [['-h, --help', 'Print this page.']] }]],
    ['EXIT STATUS', [EXIT]],
    ['EXAMPLES', [{ pre: ['sudo cat /proc/iomem > iomem.txt', `${TOOL_NAME} iomem iomem.txt | diff - iomem.txt && echo whole`] }]],
  ],
};

const HELP: ManPage = {
  command: 'help',
  summary: 'print the manual',
  synopsis: [`${TOOL_NAME} help [COMMAND]`, `${TOOL_NAME} COMMAND --help`],
  sections: [['DESCRIPTION', [{ p: `Without COMMAND, prints the manual of ${TOOL_NAME}; with one, that command's page.` }]]],
};

/** The pages `<command> --help` prints. Add a command's page here to give it one. */
/**
 * check-sources keeps its manual beside its option parser (check-sources/args.ts); its sections after SYNOPSIS are
 * taken as they are written there, and the synopsis reads as the bin is typed.
 */
function fromHelpText(command: string, summary: string, synopsis: string, help: string): ManPage {
  const sections: [string, Block[]][] = [];
  let current: string[] | null = null;
  for (const line of help.split('\n')) {
    if (/^[A-Z][A-Z ]+$/.test(line)) {
      current = ['NAME', 'SYNOPSIS'].includes(line) ? null : [];
      if (current) sections.push([line, [{ pre: current }]]);
    } else if (current) current.push(line.replace(/^ {4}/, ''));
  }
  for (const [, [b]] of sections) if (b && 'pre' in b) while (b.pre.at(-1) === '') b.pre.pop();
  return { command, summary, synopsis: synopsis.split('\n').map((l) => (l.startsWith(' ') ? `    ${l.trim()}` : `${TOOL_NAME} ${l}`)), sections };
}

const CHECK_SOURCES = fromHelpText('check-sources', 'check every citation of the model against a kernel tree', CHECK_SOURCES_SYNOPSIS, CHECK_SOURCES_HELP);

export const MANUAL: Record<string, ManPage> = {
  explain: EXPLAIN, iomem: IOMEM, cxl: CXL, maps: MAPS, trace: TRACE, bundle: BUNDLE, 'what-it-takes': WHAT_IT_TAKES, patches: PATCHES,
  'check-sources': CHECK_SOURCES, help: HELP,
};

/** A command's page, or null when it has none (the command then sees --help itself). */
export function commandManual(command: string | undefined): string | null {
  const m = command === undefined ? undefined : MANUAL[command];
  return m ? formatManPage(m) : null;
}

/**
 * The tool's page. `usage` is main.ts's USAGE: its first line is the one-line summary and everything under its
 * "commands:" line is the COMMANDS section, so a command added there is listed here.
 */
export function mainManual(usage: string): string {
  const lines = usage.replace(/\n+$/, '').split('\n');
  const summary = (lines[0] ?? '').replace(/^hdm-atlas:\s*/, '');
  const at = lines.findIndex((l) => /^commands:\s*$/.test(l));
  // A command's own line is indented two spaces; deeper lines detail it. A command with a page keeps only its line
  // (its page has the rest); another keeps its detail, re-wrapped to the page's width.
  const commands: string[] = [];
  let current: string | null = null;
  for (const l of at < 0 ? lines.slice(1) : lines.slice(at + 1)) {
    if (/^ {2}\S/.test(l)) {
      current = l.trim().split(/\s+/)[0] ?? null;
      commands.push(l.slice(2));
    } else if (current !== null && !(current in MANUAL) && l.trim() !== '') {
      commands.push(...synopsis(l.trim()).map((x, i) => (i === 0 ? '  ' : '      ') + x.trimStart()));
    }
  }
  return formatManPage({
    command: '',
    summary,
    synopsis: [`${TOOL_NAME} COMMAND [OPTION…]`, `${TOOL_NAME} COMMAND --help`, `${TOOL_NAME} --version`],
    sections: [
      ['DESCRIPTION', [
        { p: 'A CXL Type-2 accelerator has its own coherent memory (HDM). To pass the device to a KVM guest with VFIO, that memory must reach the guest cacheable and coherent. Four designs are argued on the lists (memory hotplug, a private NUMA node, memremap, VFIO-owned), with the upstream nvgrace-gpu driver as the precedent. hdm-atlas shows what each does to the resource tree, the VMM\'s VMA and the KVM fault path on x86-64 (EPT) and arm64 (stage-2), on the platform you describe or on your own /proc/iomem.' },
        { p: 'Nothing is drawn by hand: the answers come from a model of kernel semantics in which every rule cites its kernel source or the mail it comes from. The same model drives the web app (one HTML file, hdm-atlas.html, that opens from disk).' },
      ]],
      ['COMMANDS', [{ pre: commands }]],
      ['OPTIONS', [{
        dl: [
          ['-h, --help', 'Print this page; after a command, that command\'s page.'],
          ['-V, --version', 'Print the tool version, the date of the model\'s kernel facts and the kernel versions it covers.'],
        ],
      }]],
      ['EXIT STATUS', [EXIT]],
      ['FILES', [{ p: 'None are written. Input files are only read, and only when named on the command line.' }]],
      ['SEE ALSO', [{ p: `${TOOL_NAME} help explain, ${TOOL_NAME} help iomem, ${TOOL_NAME} help bundle, ${TOOL_NAME} help what-it-takes. CHANGELOG.md names, for each release, the kernel facts that changed in the model and why, so an answer quoted with its model date can be checked against today's.` }]],
    ],
  });
}

/** `--version`: the tool, the model's date and the kernels covered, one fact per line. */
export function versionText(): string {
  return `${TOOL_NAME} ${TOOL_VERSION}\nmodel ${MODEL_DATE}\nkernels ${KERNELS_COVERED.join(' ')}\n`;
}
