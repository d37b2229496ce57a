/**
 * How a pasted trace was damaged, and how to undo it: a tracepoint line longer than the mail client's width is cut into
 * two or three lines ("… kvm_page_fault: vcpu 4 rip" + "0xffffffff820fe612 address 0x… error_code 0x184"). A line
 * that is no trace line of its own right after a tracepoint line is the rest of that line.
 */
import { GRAPH_CPU, isTracepointLine, stackFrame } from '../trace/shapes';
import type { RestoreRules } from './restore';

/** A line that starts something of its own: a trace line, a stack, a marker, a header, a bpftrace map. */
function standsAlone(cur: string): boolean {
  const t = cur.trim();
  return (
    t === '' ||
    /^[#@\]<]/.test(t) ||
    GRAPH_CPU.test(cur) ||
    isTracepointLine(cur) ||
    stackFrame(cur) !== null ||
    /^\s*[-=]>/.test(cur)
  );
}

export const TRACE_RULES: RestoreRules = {
  join(prev, cur) {
    if (standsAlone(cur) || !isTracepointLine(prev)) return null;
    return /^\s/.test(cur) ? '' : ' ';
  },
};
