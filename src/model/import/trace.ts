/**
 * Fault traces a user pastes, in any shape that holds kernel function names (trace/shapes.ts): ftrace function_graph
 * and function-tracer output, tracepoint lines (kvm_page_fault in its pre-2022 "address … error_code …" and newer
 * "vcpu … rip …" forms, arm64 kvm_guest_fault), stack frames (bpftrace kstack maps, a kernel "Call Trace:"),
 * annotated call trees, and tables of KVM exits. Mail damage is undone first (restore/traceRules.ts). Tolerant and
 * linear; never throws.
 */
import type { FaultGraph } from '../explain-types';
import { faultGraph } from '../kvm/graph';
import type { Arch, KernelVersion } from '../scenario';
import { KERNEL_VERSIONS } from '../scenario';
import { CappedList, type ImportError } from './located';
import { relocate, restoreText, type Restored } from './restore/restore';
import { TRACE_RULES } from './restore/traceRules';
import { runSteps, type Steps } from './steps';
import {
  BPF_CLOSE, BPF_OPEN, callTreeFunctions, EXIT_HANDLERS, EXIT_HEADER, exitRow, FAULT_EXITS, FUNC_TRACER, GRAPH_CALL, GRAPH_CPU,
  GRAPH_DURATION, GRAPH_EXIT, isTraceNoise, normaliseSymbol, stackFrame, stripLogPrefix, TP, TP_TIME,
} from './trace/shapes';

export { normaliseSymbol } from './trace/shapes';

export interface SeenFunction {
  /** Kernel symbol without "()", module tag or .isra/.constprop suffix. */
  name: string;
  /** How often it was entered (a stack seen N times counts N). */
  count: number;
  /** 1-based line of the first occurrence. */
  firstLine: number;
}

export interface FaultEvent {
  line: number;
  vcpu: number | null;
  /** x86 rip, or the arm64 guest pc. */
  rip: bigint | null;
  /** The faulting guest physical address (x86 "address", arm64 "ipa"). */
  gpa: bigint;
  /** x86 error_code, or the arm64 ESR ("esr", "hsr" in older kernels). */
  errorCode: bigint;
  /** x86 kvm_page_fault with or without vcpu/rip, or arm64 kvm_guest_fault. */
  format: 'vcpu-rip' | 'address-only' | 'arm64-guest-fault';
}

/** The shapes a trace can have; a text with several is 'mixed'. */
export type TraceShape = 'function_graph' | 'function' | 'tracepoint' | 'stack' | 'call-tree' | 'exit-table';
export type TraceFormat = TraceShape | 'mixed' | 'unknown';

export interface TraceEventCount {
  /** A tracepoint ("kvm_page_fault"), an exit reason from a table ("exit EPT_VIOLATION") or a bpftrace map ("@out"). */
  name: string;
  count: number;
}

export interface TraceParseResult {
  format: TraceFormat;
  /** Lines of each shape found. */
  shapes: { shape: TraceShape; lines: number }[];
  /** Functions in order of first appearance, with how often each was entered. */
  functions: SeenFunction[];
  /** kvm_page_fault (x86) and kvm_guest_fault (arm64) events (the first MAX_FAULTS; faultCount has the total). */
  faults: FaultEvent[];
  /** Fault events: kvm_page_fault / kvm_guest_fault lines, plus EPT violations / NPFs counted in an exit table. */
  faultCount: number;
  /** Events by name, in order of first appearance, with counts (tracepoints, exit reasons, bpftrace maps). */
  events: TraceEventCount[];
  /** Deepest function_graph or call-tree nesting seen. */
  maxDepth: number;
  /** Lines that hold nothing this reader understands (prose, other output), located. */
  errors: ImportError[];
  /** Every such line, including those `errors` leaves out. */
  errorCount: number;
  /** Understood but odd (unbalanced braces: the trace began or ended mid-call). */
  warnings: ImportError[];
  /** What the restore layer changed (rejoined wrapped lines, decoded quoted-printable…), located. */
  repairs: ImportError[];
  lineCount: number;
}

export interface TraceOptions {
  /** Called every few thousand lines with the fraction done (0..1). */
  onProgress?: (fraction: number) => void;
  maxErrors?: number;
}

const MAX_FAULTS = 10_000;
const NUM = /^(0x)?[0-9a-fA-F]{1,16}$/;

function num(s: string | undefined, hexDefault: boolean): bigint | null {
  if (s === undefined || !NUM.test(s)) return null;
  if (s.startsWith('0x')) return BigInt(s);
  return hexDefault ? BigInt('0x' + s) : /^\d+$/.test(s) ? BigInt(s) : null;
}

/** Counts by name in first-appearance order. */
class Tally<T extends { name: string; count: number }> {
  readonly list: T[] = [];
  private readonly index = new Map<string, T>();
  add(name: string, n: number, make: () => T): void {
    const e = this.index.get(name);
    if (e) e.count += n;
    else {
      const x = make();
      this.index.set(name, x);
      this.list.push(x);
    }
  }
}

/** Parse a fault trace. Errors and warnings name the line (and column) of the text as pasted. */
export function parseTrace(input: string, opts: TraceOptions = {}): TraceParseResult {
  return runSteps(traceSteps(input, opts), opts.onProgress);
}

/**
 * parseTrace() as steps (see steps.ts): yields the fraction done every 5,000 lines, so a caller can parse in slices.
 * A restored text is parsed a second time, and its fractions run from 0 again.
 */
export function* traceSteps(input: string, opts: Omit<TraceOptions, 'onProgress'> = {}): Steps<TraceParseResult> {
  const first = yield* parseRestored(input, opts);
  if (first.errorCount === 0 && input.charCodeAt(0) !== 0xfeff) return first;
  const r = restoreText(input, TRACE_RULES);
  if (!r.changed) return first;
  const second = yield* parseRestored(r.text, opts);
  return located(second, r);
}

function located(t: TraceParseResult, r: Restored): TraceParseResult {
  return {
    ...t,
    errors: relocate(r, t.errors),
    warnings: relocate(r, t.warnings),
    faults: t.faults.map((f) => ({ ...f, line: r.locate(f.line).line })),
    functions: t.functions.map((f) => ({ ...f, firstLine: r.locate(f.firstLine).line })),
    repairs: r.repairs,
    lineCount: r.lineCount,
  };
}

function* parseRestored(text: string, opts: Omit<TraceOptions, 'onProgress'>): Steps<TraceParseResult> {
  const maxErrors = opts.maxErrors ?? 200;
  const errors = new CappedList(maxErrors, 'lines not understood');
  const warnings = new CappedList(maxErrors, 'notes');
  const lines = text.length === 0 ? [] : text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const fns = new Tally<SeenFunction>();
  const seeFn = (name: string, line: number, n = 1): void => {
    const nm = normaliseSymbol(name);
    if (nm) fns.add(nm, n, () => ({ name: nm, count: n, firstLine: line }));
  };
  const events = new Tally<TraceEventCount>();
  const seeEvent = (name: string, n: number): void => events.add(name, n, () => ({ name, count: n }));
  const shapeLines: Record<TraceShape, number> = { function_graph: 0, function: 0, tracepoint: 0, stack: 0, 'call-tree': 0, 'exit-table': 0 };
  const faults: FaultEvent[] = [];
  let faultCount = 0;
  const depth = new Map<string, number>();
  let maxDepth = 0;
  let inExitTable = false;
  /** The frames of an open bpftrace "@map[" key, counted when its "]: N" closes it. */
  let bpf: { map: string; frames: { name: string; line: number }[] } | null = null;
  /** Indentation levels of a call tree: the deepest nesting is how many distinct indents are open. */
  const treeIndents: number[] = [];

  for (let i = 0; i < lines.length; i++) {
    if (i % 5000 === 0 && i > 0) yield i / lines.length;
    const lineNo = i + 1;
    const raw = stripLogPrefix(lines[i]!.endsWith('\r') ? lines[i]!.slice(0, -1) : lines[i]!);
    const t = raw.trim();
    if (bpf) {
      const close = BPF_CLOSE.exec(raw);
      if (close) {
        const n = Number(close[1]);
        for (const f of bpf.frames) seeFn(f.name, f.line, n);
        seeEvent(bpf.map, n);
        bpf = null;
        continue;
      }
      const fn = stackFrame(raw) ?? (/^[A-Za-z_][\w.$]*$/.test(t) ? t : null);
      if (fn) {
        bpf.frames.push({ name: fn, line: lineNo });
        shapeLines.stack++;
        continue;
      }
      warnings.push({ line: lineNo, column: 1, message: `${bpf.map}[…] stack not closed by "]: count" before this line` });
      bpf = null;
    }
    if (isTraceNoise(t)) {
      if (t === '') inExitTable = false;
      continue;
    }
    const open = BPF_OPEN.exec(raw);
    if (open) {
      bpf = { map: open[1] === '@' ? '@' : open[1]!, frames: [] };
      continue;
    }
    if (EXIT_HEADER.test(t)) {
      inExitTable = true;
      continue;
    }
    if (inExitTable) {
      const row = exitRow(raw);
      if (row) {
        shapeLines['exit-table']++;
        seeEvent(`exit ${row.reason}`, row.count);
        const handler = EXIT_HANDLERS[row.reason];
        if (handler) seeFn(handler, lineNo, row.count);
        if (FAULT_EXITS.has(row.reason)) faultCount += row.count;
        continue;
      }
      inExitTable = false;
    }

    const cpu = GRAPH_CPU.exec(raw);
    const bar = cpu ? raw.indexOf('|', cpu[0].length) : -1;
    if (cpu && bar >= 0) {
      const between = raw.slice(cpu[0].length, bar).trim();
      if (between !== '' && !GRAPH_DURATION.test(between) && !/^\S+-\d+\s*$/.test(between)) {
        warnings.push({ line: lineNo, column: cpu[0].length + 1, message: `unreadable duration column ${JSON.stringify(between.slice(0, 24))}` });
      }
      const body = raw.slice(bar + 1).trim();
      const key = cpu[1]!;
      const d = depth.get(key) ?? 0;
      shapeLines.function_graph++;
      const call = GRAPH_CALL.exec(body);
      if (call) {
        seeFn(call[1]!, lineNo);
        if (call[2] === '{') {
          depth.set(key, d + 1);
          if (d + 1 > maxDepth) maxDepth = d + 1;
        }
        continue;
      }
      if (GRAPH_EXIT.test(body)) {
        if (d === 0) warnings.push({ line: lineNo, column: bar + 2, message: `"}" closes a call that began before the trace (CPU ${key})` });
        else depth.set(key, d - 1);
        continue;
      }
      if (body.startsWith('/*') || body === '') continue; // trace_printk comments, empty
      errors.push({ line: lineNo, column: bar + 2, message: `not a call "f() {", "f();" or "}": ${JSON.stringify(body.slice(0, 40))}` });
      continue;
    }
    if (cpu && /=>/.test(raw)) continue; // "  2)  qemu-123  =>  kworker-45": a task switch

    const ft = FUNC_TRACER.exec(raw);
    if (ft) {
      shapeLines.function++;
      seeFn(ft[2]!, lineNo);
      seeFn(ft[1]!, lineNo);
      continue;
    }

    const tp = TP_TIME.test(raw) ? TP.exec(raw) : null;
    if (tp) {
      shapeLines.tracepoint++;
      const ev = tp[2]!;
      seeEvent(ev, 1);
      if (ev === 'kvm_page_fault' || ev === 'kvm_guest_fault') {
        const args = tp[3]!;
        const kv = new Map<string, string>();
        const toks = args.trim().replace(/,/g, ' ').split(/\s+/);
        for (let k = 0; k + 1 < toks.length; k += 2) kv.set(toks[k]!, toks[k + 1]!);
        const col = raw.indexOf(args) + 1;
        const arm = ev === 'kvm_guest_fault';
        const gpa = num(kv.get(arm ? 'ipa' : 'address'), true);
        const ec = num(arm ? (kv.get('esr') ?? kv.get('hsr')) : kv.get('error_code'), true);
        if (gpa === null || ec === null) {
          const want = arm ? '"ipa" and "esr" (or "hsr")' : '"address" and "error_code"';
          errors.push({ line: lineNo, column: col, message: `${ev} without a readable ${want}` });
          continue;
        }
        const vcpuS = kv.get('vcpu');
        faultCount++;
        if (faults.length < MAX_FAULTS) {
          faults.push({
            line: lineNo,
            vcpu: vcpuS !== undefined && /^\d+$/.test(vcpuS) ? Number(vcpuS) : null,
            rip: num(kv.get(arm ? 'pc' : 'rip'), true),
            gpa,
            errorCode: ec,
            format: arm ? 'arm64-guest-fault' : kv.has('vcpu') || kv.has('rip') ? 'vcpu-rip' : 'address-only',
          });
        }
      }
      continue;
    }

    const frame = stackFrame(raw);
    if (frame) {
      shapeLines.stack++;
      seeFn(frame, lineNo);
      continue;
    }

    const calls = callTreeFunctions(raw);
    if (calls && calls.length === 0) {
      warnings.push({ line: lineNo, column: raw.length - raw.trimStart().length + 1, message: `a call-tree line that names a pattern, not one function: ${JSON.stringify(t.slice(0, 40))}` });
      continue;
    }
    if (calls) {
      shapeLines['call-tree']++;
      for (const c of calls) seeFn(c, lineNo);
      const indent = raw.length - raw.trimStart().length;
      while (treeIndents.length > 0 && treeIndents[treeIndents.length - 1]! >= indent) treeIndents.pop();
      treeIndents.push(indent);
      if (treeIndents.length > maxDepth) maxDepth = treeIndents.length;
      continue;
    }
    errors.push({ line: lineNo, column: raw.length - raw.trimStart().length + 1, message: `no kernel function, tracepoint or exit count in ${JSON.stringify(t.slice(0, 40))}` });
  }
  if (bpf) warnings.push({ line: lines.length, message: `${bpf.map}[…] stack not closed by "]: count" at the end of the text` });
  for (const [k, d] of depth) {
    if (d > 0) warnings.push({ line: lines.length, message: `CPU ${k}: ${d} call(s) still open at the end of the trace` });
  }
  const shapes = (Object.keys(shapeLines) as TraceShape[]).filter((s) => shapeLines[s] > 0).map((s) => ({ shape: s, lines: shapeLines[s] }));
  const format: TraceFormat = shapes.length > 1 ? 'mixed' : shapes.length === 1 ? shapes[0]!.shape : 'unknown';
  return {
    format, shapes, functions: fns.list, faults, faultCount, events: events.list, maxDepth,
    errors: errors.list(lines.length), errorCount: errors.count, warnings: warnings.list(lines.length), repairs: [], lineCount: lines.length,
  };
}

/** Function names a fault-graph node mentions ("hva_to_pfn_fast(): GUP-fast…" → hva_to_pfn_fast). */
export function nodeFunctions(label: string): string[] {
  const out: string[] = [];
  for (const m of label.matchAll(/([A-Za-z_][A-Za-z0-9_]*)\(/g)) out.push(m[1]!);
  return out;
}

export interface TraceMatch {
  /** Functions the model's graph has, with the graph nodes they mark. */
  known: { name: string; count: number; nodeIds: string[] }[];
  /** Functions the trace shows that the model's graph does not know. */
  unknown: SeenFunction[];
}

/** Split the trace's functions into those the fault graph knows (with node ids) and those it does not. */
export function matchTrace(functions: readonly SeenFunction[], graph: FaultGraph): TraceMatch {
  const byFn = new Map<string, string[]>();
  for (const n of graph.nodes) {
    for (const f of nodeFunctions(n.label)) {
      const ids = byFn.get(f) ?? [];
      if (!ids.includes(n.id)) ids.push(n.id);
      byFn.set(f, ids);
    }
  }
  const known: TraceMatch['known'] = [];
  const unknown: SeenFunction[] = [];
  for (const f of functions) {
    const ids = byFn.get(f.name);
    if (ids) known.push({ name: f.name, count: f.count, nodeIds: ids });
    else unknown.push(f);
  }
  return { known, unknown };
}

/**
 * The kernel whose fault-path names a trace matches better than `current`'s (function names changed in v6.12 and
 * v6.13, see kvm/graph.ts), or null when none matches more. Among equals the newest wins, so a trace that says
 * nothing about the renamed functions never moves the user off their kernel.
 */
export function betterKernelFor(
  functions: readonly SeenFunction[],
  arch: Arch,
  current: KernelVersion,
): { kernel: KernelVersion; known: number; currentKnown: number } | null {
  const count = (k: KernelVersion) => matchTrace(functions, faultGraph(arch, k)).known.length;
  const currentKnown = count(current);
  let best: { kernel: KernelVersion; known: number } | null = null;
  for (const k of [...KERNEL_VERSIONS].reverse()) {
    const known = count(k);
    if (known > currentKnown && (!best || known > best.known)) best = { kernel: k, known };
  }
  return best ? { ...best, currentKnown } : null;
}
