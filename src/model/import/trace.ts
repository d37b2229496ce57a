/**
 * Fault traces a user pastes: ftrace function_graph output, the function tracer ("f <-parent"), and trace-cmd / perf
 * tracepoint lines such as kvm_page_fault (both the pre-2022 "address … error_code …" and the newer "vcpu … rip …" forms).
 * Tolerant and linear; never throws.
 */
import type { FaultGraph } from '../explain-types';
import { faultGraph } from '../kvm/graph';
import type { Arch, KernelVersion } from '../scenario';
import { KERNEL_VERSIONS } from '../scenario';
import type { ImportError, ProgressOptions } from './maps';
import { runSteps } from './steps';

export interface SeenFunction {
  /** Kernel symbol without "()", module tag or .isra/.constprop suffix. */
  name: string;
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

export interface TraceParseResult {
  format: 'function_graph' | 'function' | 'tracepoint' | 'mixed' | 'unknown';
  /** Functions in order of first appearance, with how often each was entered. */
  functions: SeenFunction[];
  /** kvm_page_fault (x86) and kvm_guest_fault (arm64) events (the first MAX_FAULTS; faultCount has the total). */
  faults: FaultEvent[];
  faultCount: number;
  /** Other tracepoint events by name, in order of first appearance. */
  events: { name: string; count: number }[];
  /** Deepest function_graph nesting seen. */
  maxDepth: number;
  errors: ImportError[];
  /** Understood but odd (unbalanced braces: the trace began or ended mid-call). */
  warnings: ImportError[];
  lineCount: number;
}

const MAX_FAULTS = 10_000;

/** "hva_to_pfn.isra.0" → "hva_to_pfn"; "kvm_tdp_page_fault [kvm]" → "kvm_tdp_page_fault". */
export function normaliseSymbol(s: string): string {
  return s.replace(/\s*\[[^\]]*\]\s*$/, '').replace(/\.(isra|constprop|part|cold|lto_priv)(\.\d+)*$/g, '').trim();
}

const GRAPH_CPU = /^\s*(?:\d+\.\d+\s*\|\s*)?(\d+)\)/;
const GRAPH_CALL = /^([A-Za-z_.$][\w.$]*)(?:\s+\[[\w.-]+\])?\(\)\s*(\{|;)\s*(?:\/\*.*\*\/\s*)?$/;
const GRAPH_EXIT = /^\}\s*(?:\/\*\s*([A-Za-z_.$][\w.$]*)(?:\s+\[[\w.-]+\])?\s*\*\/)?\s*$/;
const TP = /(?:^|\s)(?:([a-z0-9_]+):)?([a-z][a-z0-9_]*):\s+(.*)$/;
const FUNC_TRACER = /:\s+([A-Za-z_.$][\w.$]*)(?:\s+\[[\w.-]+\])?\s+<-\s*([A-Za-z_.$][\w.$]*)/;
const NUM = /^(0x)?[0-9a-fA-F]{1,16}$/;

function num(s: string | undefined, hexDefault: boolean): bigint | null {
  if (s === undefined || !NUM.test(s)) return null;
  if (s.startsWith('0x')) return BigInt(s);
  return hexDefault ? BigInt('0x' + s) : /^\d+$/.test(s) ? BigInt(s) : null;
}

/** Parse a fault trace. Errors and warnings name the line (and column). */
export function parseTrace(text: string, opts: ProgressOptions = {}): TraceParseResult {
  return runSteps(traceSteps(text, opts), opts.onProgress);
}

/** parseTrace() as steps: yields the fraction done every 5,000 lines, so a caller can parse in slices (see steps.ts). */
export function* traceSteps(text: string, opts: ProgressOptions = {}): Generator<number, TraceParseResult, void> {
  const maxErrors = opts.maxErrors ?? 200;
  const errors: ImportError[] = [];
  const warnings: ImportError[] = [];
  let dropped = 0;
  const push = (list: ImportError[], e: ImportError): void => {
    if (list.length < maxErrors) list.push(e);
    else dropped++;
  };
  const lines = text.length === 0 ? [] : text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const fnIndex = new Map<string, SeenFunction>();
  const functions: SeenFunction[] = [];
  const seeFn = (name: string, line: number): void => {
    const n = normaliseSymbol(name);
    const f = fnIndex.get(n);
    if (f) f.count++;
    else {
      const nf = { name: n, count: 1, firstLine: line };
      fnIndex.set(n, nf);
      functions.push(nf);
    }
  };
  const evIndex = new Map<string, { name: string; count: number }>();
  const events: { name: string; count: number }[] = [];
  const faults: FaultEvent[] = [];
  let faultCount = 0;
  const depth = new Map<string, number>();
  let maxDepth = 0;
  let graphLines = 0;
  let fnLines = 0;
  let tpLines = 0;

  for (let i = 0; i < lines.length; i++) {
    if (i % 5000 === 0 && i > 0) yield i / lines.length;
    const lineNo = i + 1;
    const raw = lines[i]!.endsWith('\r') ? lines[i]!.slice(0, -1) : lines[i]!;
    const t = raw.trim();
    if (t === '' || t.startsWith('#')) continue;
    if (/^-{5,}$/.test(t) || /^[=<>-]{5,}/.test(t.replace(/^\d+\)\s*/, ''))) continue; // context-switch / irq markers

    const cpu = GRAPH_CPU.exec(raw);
    if (cpu) {
      const bar = raw.indexOf('|', cpu[0].length);
      if (bar < 0) {
        // "  2)  qemu-123  =>  kworker-45" task switch lines carry no '|'
        if (/=>/.test(raw)) continue;
        push(errors, { line: lineNo, column: cpu[0].length + 1, message: 'function_graph line without the "|" before the function column' });
        continue;
      }
      const between = raw.slice(cpu[0].length, bar).trim();
      if (between !== '' && !/^(?:[+!#*@$]\s*)?\d+(?:\.\d+)?\s*(?:us|ms|ns|s)\s*$/.test(between) && !/^\S+-\d+\s*$/.test(between)) {
        push(errors, { line: lineNo, column: cpu[0].length + 1, message: `unreadable duration column ${JSON.stringify(between.slice(0, 24))}` });
        // The function column may still be fine: fall through.
      }
      const body = raw.slice(bar + 1).trim();
      const key = cpu[1]!;
      const d = depth.get(key) ?? 0;
      graphLines++;
      const call = GRAPH_CALL.exec(body);
      if (call) {
        seeFn(call[1]!, lineNo);
        if (call[2] === '{') {
          depth.set(key, d + 1);
          if (d + 1 > maxDepth) maxDepth = d + 1;
        }
        continue;
      }
      const exit = GRAPH_EXIT.exec(body);
      if (exit) {
        if (d === 0) push(warnings, { line: lineNo, column: bar + 2, message: `"}" closes a call that began before the trace (CPU ${key})` });
        else depth.set(key, d - 1);
        continue;
      }
      if (body.startsWith('/*') || body === '') continue; // trace_printk comments, empty
      push(errors, { line: lineNo, column: bar + 2, message: `not a call "f() {", "f();" or "}": ${JSON.stringify(body.slice(0, 40))}` });
      continue;
    }

    const ft = FUNC_TRACER.exec(raw);
    if (ft) {
      fnLines++;
      seeFn(ft[2]!, lineNo);
      seeFn(ft[1]!, lineNo);
      continue;
    }

    const tp = TP.exec(raw);
    if (tp && /\d+\.\d+:\s/.test(raw)) {
      tpLines++;
      const ev = tp[2]!;
      const e = evIndex.get(ev);
      if (e) e.count++;
      else {
        const ne = { name: ev, count: 1 };
        evIndex.set(ev, ne);
        events.push(ne);
      }
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
          push(errors, { line: lineNo, column: col, message: `${ev} without a readable ${want}` });
          continue;
        }
        const vcpuS = kv.get('vcpu');
        const rip = num(kv.get(arm ? 'pc' : 'rip'), true);
        faultCount++;
        if (faults.length < MAX_FAULTS) {
          faults.push({
            line: lineNo,
            vcpu: vcpuS !== undefined && /^\d+$/.test(vcpuS) ? Number(vcpuS) : null,
            rip,
            gpa,
            errorCode: ec,
            format: arm ? 'arm64-guest-fault' : kv.has('vcpu') || kv.has('rip') ? 'vcpu-rip' : 'address-only',
          });
        }
      }
      continue;
    }
    push(errors, { line: lineNo, column: raw.length - raw.trimStart().length + 1, message: `not a function_graph, function-tracer or tracepoint line: ${JSON.stringify(t.slice(0, 40))}` });
  }
  for (const [k, d] of depth) {
    if (d > 0) push(warnings, { line: lines.length, message: `CPU ${k}: ${d} call(s) still open at the end of the trace` });
  }
  if (dropped > 0) errors.push({ line: lines.length, message: `${dropped} more errors or warnings not shown` });
  const kinds = [graphLines > 0, fnLines > 0, tpLines > 0].filter(Boolean).length;
  const format = kinds > 1 ? 'mixed' : graphLines ? 'function_graph' : fnLines ? 'function' : tpLines ? 'tracepoint' : 'unknown';
  return { format, functions, faults, faultCount, events, maxDepth, errors, warnings, lineCount: lines.length };
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
