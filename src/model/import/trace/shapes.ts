/**
 * The shapes of text that hold kernel function names, one line at a time: ftrace function_graph and function-tracer
 * lines, tracepoint lines, stack frames (bpftrace kstack, a kernel "Call Trace:"), annotated call trees ("-> f()",
 * "f() {"), and tables of KVM exits (bcc kvmexit, perf kvm stat). Each reader takes one line and says what it holds,
 * or null. Pure, and each runs in time linear in its line.
 */

/** An identifier the kernel could have as a function (C identifier, with .isra/.constprop-style suffixes). */
const IDENT = '[A-Za-z_][\\w.$]*';

/** "hva_to_pfn.isra.0" → "hva_to_pfn"; "kvm_tdp_page_fault [kvm]" → "kvm_tdp_page_fault". */
export function normaliseSymbol(s: string): string {
  return s.replace(/\s*\[[^\]]*\]\s*$/, '').replace(/\.(isra|constprop|part|cold|lto_priv|llvm)(\.\d+)*$/g, '').trim();
}

/** "hva_to_pfn_{slow,fast}" → both names; a name with "*" or other pattern characters gives none. */
export function expandName(raw: string): string[] {
  const m = /^([\w.$]*)\{([\w,]+)\}([\w.$]*)$/.exec(raw);
  const names = m ? m[2]!.split(',').filter((x) => x !== '').map((x) => m[1]! + x + m[3]!) : [raw];
  return names.filter((n) => /^[A-Za-z_][\w.$]*$/.test(n)).map(normaliseSymbol);
}

// --- function_graph: " 2)   0.122 us    |    kvm_arch_has_noncoherent_dma [kvm]();"
export const GRAPH_CPU = /^\s*(?:\d+\.\d+\s*\|\s*)?(\d+)\)/;
export const GRAPH_CALL = new RegExp(`^(${IDENT})(?:\\s+\\[[\\w.-]+\\])?\\(\\)\\s*(\\{|;)\\s*(?:\\/\\*.*\\*\\/\\s*)?$`);
export const GRAPH_EXIT = new RegExp(`^\\}\\s*(?:\\/\\*\\s*(${IDENT})(?:\\s+\\[[\\w.-]+\\])?\\s*\\*\\/)?\\s*$`);
export const GRAPH_DURATION = /^(?:[+!#*@$]\s*)?\d+(?:\.\d+)?\s*(?:us|ms|ns|s)\s*$/;

// --- function tracer: "qemu-1234 [002] .... 1.2: hva_to_pfn <-__gfn_to_pfn_memslot"
export const FUNC_TRACER = new RegExp(`:\\s+(${IDENT})(?:\\s+\\[[\\w.-]+\\])?\\s+<-\\s*(${IDENT})`);

// --- tracepoints: "CPU 5/KVM-4145 [002] ..... 86.58: kvm_page_fault: vcpu 5 rip 0x… address 0x… error_code 0x181"
export const TP = /(?:^|\s)(?:([a-z0-9_]+):)?([a-z][a-z0-9_]*):\s+(.*)$/;
export const TP_TIME = /\d+\.\d+:\s/;
/** A tracepoint line: a timestamp "123.456:" then "event:" (perf writes "kvm:kvm_page_fault:"). */
export function isTracepointLine(line: string): boolean {
  return TP_TIME.test(line) && TP.test(line);
}

// --- stack frames: "  kvm_mmu_page_fault+0x258/0x290 [kvm]", "    direct_page_fault+237", "? hva_to_pfn+0x10f/0x4f0"
const FRAME = new RegExp(`^\\s*(?:\\[\\s*\\d+\\.\\d+\\]\\s*)?(?:\\?\\s+)?(${IDENT})\\+(?:0x[0-9a-fA-F]+(?:\\/0x[0-9a-fA-F]+)?|\\d+)(?:\\s+\\[[\\w.-]+\\])?(?:\\s|$)`);
/** The function of one stack frame line, or null. */
export function stackFrame(line: string): string | null {
  const m = FRAME.exec(line);
  return m ? normaliseSymbol(m[1]!) : null;
}
/** bpftrace "@name[" opening a stack key, and "]: N" closing it with its count. */
export const BPF_OPEN = /^\s*(@\w*)\[\s*$/;
export const BPF_CLOSE = /^\s*\]:\s*(\d+)\s*$/;

// --- annotated call trees: "-> kvm_faultin_pfn()", "=> handle_ept_violation()", "direct_page_fault() {", "f();"
const TREE_LINE = new RegExp(`^\\s*(?:(?:[-=]>|\\|[-\`]*|[\`+]-+)\\s*)?(${IDENT.replace('[\\w.$]', '[\\w.${},*]')})\\(`);
const ARROW = /^\s*[-=]>/;
const CALL_IN_LINE = /([A-Za-z_][\w.${},*]*)\(/g;
/**
 * The functions a call-tree line names: the call it starts with ("f(", "-> f(", "=> f("), and on an arrow line every
 * other "g(" too ("-> kvm_tdp_mmu_map() / __direct_map()"). A line of prose that mentions a function mid-sentence
 * is no call-tree line (null); a call-tree line that names only patterns ("-> get_user_pages_*()") names none ([]).
 */
export function callTreeFunctions(line: string): string[] | null {
  let raw: string[];
  if (ARROW.test(line)) raw = [...line.matchAll(CALL_IN_LINE)].map((x) => x[1]!);
  else {
    const m = TREE_LINE.exec(line);
    if (!m) return null;
    raw = [m[1]!];
  }
  if (raw.length === 0) return null;
  return raw.flatMap(expandName).filter((n) => !C_KEYWORDS.has(n));
}
const C_KEYWORDS = new Set(['if', 'for', 'while', 'switch', 'return', 'sizeof', 'do', 'else', 'case']);

// --- KVM exit tables: bcc kvmexit ("PID TID KVM_EXIT_REASON COUNT") and perf kvm stat ("VM-EXIT Samples …")
export const EXIT_HEADER = /\bKVM_EXIT_REASON\b.*\bCOUNT\b|\bVM-EXIT\s+Samples\b/;
const EXIT_ROW = /^\s*(?:\^C)?(?:\d+\s+)*(?:EXIT_REASON_)?([A-Z][A-Z0-9_]*[A-Z0-9])\s+(\d+)(?:\s|$)/;
/** One row of an exit table: the exit reason and its count. */
export function exitRow(line: string): { reason: string; count: number } | null {
  const m = EXIT_ROW.exec(line);
  return m ? { reason: m[1]!, count: Number(m[2]) } : null;
}

/**
 * The exit handler each exit reason runs, for the exits on the fault path: kvm_vmx_exit_handlers[]
 * (arch/x86/kvm/vmx/vmx.c) and svm_exit_handlers[] (arch/x86/kvm/svm/svm.c). A table only counts exits; the
 * handler's name is what the fault diagram can mark.
 */
export const EXIT_HANDLERS: Readonly<Record<string, string>> = {
  EPT_VIOLATION: 'handle_ept_violation',
  EPT_MISCONFIG: 'handle_ept_misconfig',
  NPF: 'npf_interception',
};
/** Exits that are guest page faults on the second-level tables (EPT / NPT). */
export const FAULT_EXITS = new Set(['EPT_VIOLATION', 'NPF']);

/** Kernel log prefixes in front of a line: "Dec 17 22:40:28 host kernel: ", "[  962.287701] ". */
const LOG_PREFIX = /^(?:[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \S+ kernel: )/;
export function stripLogPrefix(line: string): string {
  return line.replace(LOG_PREFIX, '');
}

/** Lines that frame a trace without holding a function: markers, headers, context-switch and lost-event notes. */
export function isTraceNoise(t: string): boolean {
  return (
    t === '' ||
    t.startsWith('#') ||
    /^-{5,}$/.test(t) ||
    /^[=<>-]{5,}/.test(t.replace(/^\d+\)\s*/, '')) ||
    /^<\/?(?:TASK|IRQ|NMI|EOI|SOFTIRQ)>$/.test(t) ||
    /^(?:Call Trace|Modules linked in|CPU:\d+ \[LOST \d+ EVENTS\])/i.test(t)
  );
}
