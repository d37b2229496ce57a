/**
 * The manual pages of the commands that read a real machine's output: cxl, maps, trace, bundle (manual.ts lays them
 * out and lists them in MANUAL). Their exit status differs from explain's: a damaged input is used as far as it was
 * understood, so 1 means nothing was understood.
 */
import { ARCHES, KERNEL_VERSIONS } from '../model/scenario';
import { TOOL_NAME } from '../model/version';
import type { Block, ManPage } from './manual';

const EXIT: Block = {
  dl: [
    ['0', 'Something was understood. What was skipped, repaired or rejected is printed to standard error, each "FILE: line N, column C: what".'],
    ['1', 'Nothing was understood (not this kind of input, or every line rejected): the reason on standard error, nothing on standard output.'],
    ['2', 'Bad usage: an unknown option or value, no FILE or two, or a file that cannot be read.'],
  ],
};

const FORMAT = (json: string): [string, string] => ['--format F', `text (default), or json: ${json}`];
const HELP: [string, string] = ['-h, --help', 'Print this page.'];
const RESTORE = 'A paste from a mail is restored first (quote marks, quoted-printable, wrapped lines, no-break spaces), and every location reported is on the file as given.';

export const CXL: ManPage = {
  command: 'cxl',
  summary: 'the CXL topology of a `cxl list` output, tied to /proc/iomem',
  synopsis: [`${TOOL_NAME} cxl FILE|- [--iomem FILE] [--format text|json]`],
  sections: [
    ['DESCRIPTION', [
      { p: 'Reads the JSON that cxl-cli\'s `cxl list` prints, with any of -B -M -D -R -E -T -u -v (plain or nested listings, several documents in one transcript, shell prompts and mail quote marks around them), and prints the topology: bus, ports, endpoints, memdevs, decoders, regions and their DAX regions. It says whether a region was committed (a region with decode_state "commit"), which sets --region for explain, and which range it suggests as the accelerator\'s HDM range.' },
      { p: `With --iomem, each decoder and region range is tied to the /proc/iomem resource that holds it (the CXL Window, the region, Soft Reserved or System RAM), and a size rounded by -u is replaced by the resource's exact end. Invalid JSON is reported with its line and column. ${RESTORE}` },
    ]],
    ['OPTIONS', [{
      dl: [
        ['--iomem FILE', 'A /proc/iomem dump of the same machine (read as root; - is standard input).'],
        FORMAT('the topology, "region" (state and reason), "suggestions" and, with --iomem, "iomem" (each range\'s resource); addresses as "0x…" strings.'),
        HELP,
      ],
    }]],
    ['EXIT STATUS', [EXIT]],
    ['EXAMPLES', [{ pre: ['cxl list -vvv > cxl.json; sudo cat /proc/iomem > iomem.txt', `${TOOL_NAME} cxl cxl.json --iomem iomem.txt`] }]],
  ],
};

export const MAPS: ManPage = {
  command: 'maps',
  summary: 'the VMAs of a process, each VFIO mapping\'s offset decoded',
  synopsis: [`${TOOL_NAME} maps FILE|- [--format text|json]`],
  sections: [
    ['DESCRIPTION', [
      { p: 'Reads /proc/PID/smaps, /proc/PID/maps or pmap -X output and prints its VMAs with their VmFlags. A mapping of a VFIO device file has its file offset decoded: vfio-pci puts the region index in the offset\'s bits 40 and up (VFIO_PCI_OFFSET_SHIFT), nvgrace-gpu and others map by physical address. The offset is read against the mapping\'s size and the device file\'s other mappings; when both readings fit, the answer is "ambiguous" with both.' },
      { p: RESTORE },
    ]],
    ['OPTIONS', [{ dl: [FORMAT('{ "vmas": [ { "start", "end", "flags", "path", "vfio" } ] }, "vfio" null for a mapping of no VFIO device region, else "kind" (region-index, physical or ambiguous), "region", "physical" and "note".'), HELP] }]],
    ['EXIT STATUS', [EXIT]],
    ['EXAMPLES', [{ pre: [`sudo cat /proc/$(pgrep -n qemu)/smaps | ${TOOL_NAME} maps - --format json`] }]],
  ],
};

export const TRACE: ManPage = {
  command: 'trace',
  summary: 'the kernel functions and events of a trace, known to the model or not',
  synopsis: [`${TOOL_NAME} trace FILE|- [--arch A] [--kernel K] [--format text|json]`],
  sections: [
    ['DESCRIPTION', [
      { p: 'Finds kernel function names and events in any text that holds them: ftrace function_graph or function tracer output, tracepoints (kvm_page_fault, kvm_exit…), bpftrace @[…] maps and kernel stacks, annotated call trees from a mail, and tables of KVM exit counts from bcc kvmexit or perf kvm stat. It counts each event and each function, and splits the functions into those the model\'s KVM fault graph has for that architecture and kernel and those it does not.' },
      { p: RESTORE },
    ]],
    ['OPTIONS', [{
      dl: [
        ['--arch A', `The fault graph to compare with: ${ARCHES.join(', ')}. Default: x86_64.`],
        ['--kernel K', `Its kernel version: ${KERNEL_VERSIONS.join(', ')}. Default: ${KERNEL_VERSIONS[KERNEL_VERSIONS.length - 1]}.`],
        FORMAT('{ "format", "events", "functions", "known", "unknown", "skipped" }.'),
        HELP,
      ],
    }]],
    ['EXIT STATUS', [EXIT]],
    ['EXAMPLES', [{ pre: [`${TOOL_NAME} trace trace.txt --arch arm64 --kernel 6.12`] }]],
  ],
};

export const BUNDLE: ManPage = {
  command: 'bundle',
  summary: 'a machine collected by collect.sh: its facts, its range, every design',
  synopsis: [`${TOOL_NAME} bundle FILE|- [--format text|json]`],
  sections: [
    ['DESCRIPTION', [
      { p: 'Reads one bundle file written by scripts/collect.sh on the machine under review (a first line "# hdm-atlas bundle v1", then sections "=== NAME": uname, CPU vendor, kernel command line, kernel config, memory online policy, dmesg, /proc/iomem, cxl list, smaps, a KVM fault trace). It prints the platform facts the bundle proves, each with its evidence (arm64 FWB and DIC from the kernel\'s "CPU features: detected:" lines), the controls that stay assumptions and why, the accelerator range suggested, and what every design does on that machine.' },
      { p: `explain --bundle FILE runs one design on the same facts, with options given on the command line set over them.` },
    ]],
    ['OPTIONS', [{ dl: [FORMAT('"sections", "platform", "detected", "assumed", "range", "region", "iomem", "cxl", "smaps", "trace" and "designs".'), HELP] }]],
    ['EXIT STATUS', [EXIT]],
    ['EXAMPLES', [{ pre: ['sh collect.sh -o machine.txt --qemu-pid 1234    # on the machine', `${TOOL_NAME} bundle machine.txt`, `${TOOL_NAME} explain --design vfio-owned --bundle machine.txt`] }]],
  ],
};
