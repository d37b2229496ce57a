/**
 * Every shape of trace a maintainer pastes, from public mail and tools (tests/fixtures/samples/SOURCES.md): functions
 * and fault events are extracted from each, and mail damage is undone first.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { faultGraph } from '../kvm/graph';
import { matchTrace, parseTrace } from './trace';

const S = join(__dirname, '../../../tests/fixtures/samples/ftrace');
const read = (f: string) => readFileSync(join(S, f), 'utf8');
const names = (r: ReturnType<typeof parseTrace>) => r.functions.map((f) => f.name);

describe('traces in every shape', () => {
  it('a bcc kvmexit table: exit counts as events, EPT violations as fault events, their handler as a function', () => {
    const r = parseTrace(read('kvm-exits-table-bcc-kvmexit-example.txt'));
    expect(r.format).toBe('exit-table');
    expect(r.events.find((e) => e.name === 'exit MSR_WRITE')?.count).toBe(15025 + 2205 + 13467);
    expect(r.events.find((e) => e.name === 'exit EPT_VIOLATION')?.count).toBe(6 + 18);
    expect(r.faultCount).toBe(24);
    expect(r.functions.find((f) => f.name === 'handle_ept_violation')?.count).toBe(24);
    expect(matchTrace(r.functions, faultGraph('x86_64')).known.map((k) => k.name)).toContain('handle_ept_violation');
    // The two "Display kvm exit reasons …" lines are prose: skipped, located.
    expect(r.errors.map((e) => e.line)).toEqual([2, 24]);
  });

  it('bpftrace kernel stacks: every frame counted as often as its stack was seen (Peter Xu, dirty-log race)', () => {
    const r = parseTrace(read('bpftrace-kstacks-kvm-page-fault-lkml-peterx.txt'));
    expect(r.format).toBe('stack');
    expect(r.errors).toEqual([]);
    expect(r.events).toEqual([{ name: '@out', count: 4 + 23 + 1406 + 2579 + 3309 + 4499 }]);
    expect(r.functions.find((f) => f.name === 'hva_to_pfn')?.count).toBe(23 + 1406 + 2579 + 3309 + 4499);
    expect(r.functions.find((f) => f.name === 'kvm_mmu_page_fault')?.firstLine).toBe(8);
    expect(matchTrace(r.functions, faultGraph('x86_64', '6.12')).known.map((k) => k.name)).toEqual(expect.arrayContaining(['hva_to_pfn', 'kvm_mmu_page_fault']));
  });

  it('an annotated call tree without CPU or duration columns (Nikunj A Dadhania, SEV pinning)', () => {
    const r = parseTrace(read('annotated-call-tree-kvm-faultin-lkml-nikunj.txt'));
    expect(r.format).toBe('call-tree');
    expect(names(r)).toEqual(['direct_page_fault', 'kvm_faultin_pfn', '__gfn_to_pfn_memslot', 'hva_to_pfn', 'hva_to_pfn_slow', 'hva_to_pfn_fast', 'kvm_tdp_mmu_map', '__direct_map']);
    expect(r.maxDepth).toBe(4);
    expect(r.warnings.map((w) => w.line)).toEqual([8]); // "-> get_user_pages_*()": a pattern, not one function
  });

  it('format=flowed tracepoints wrapped at 72 columns: 7 fault events again, each rejoined line said (Arnaud Lefebvre)', () => {
    const r = parseTrace(read('kvm-tracepoints-formatflowed-wrapped-lkml-lefebvre.txt'));
    expect(r.format).toBe('tracepoint');
    expect(r.errors).toEqual([]);
    expect(r.faultCount).toBe(7);
    expect(r.faults[0]).toMatchObject({ line: 6, vcpu: 4, rip: 0xffffffff820fe612n, gpa: 0x20fe612n, errorCode: 0x184n });
    expect(r.events.map((e) => [e.name, e.count])).toEqual([['kvm_entry', 8], ['kvm_exit', 7], ['kvm_page_fault', 7], ['fast_page_fault', 7]]);
    expect(r.repairs[0]).toEqual({ line: 2, column: 1, message: 'a wrapped line: rejoined with line 1' });
  });

  it('quoted-printable and wrapped: the one fault event is found, "reinjec=" + "ted" rejoined (C Chi)', () => {
    const r = parseTrace(read('kvm-tracepoints-quoted-printable-wrapped-lkml-chichen.txt'));
    expect(r.faultCount).toBe(1);
    expect(r.faults[0]).toMatchObject({ line: 15, vcpu: 0, rip: 1n, gpa: 0x1050n, errorCode: 0x181n });
    expect(r.repairs[0]!.message).toMatch(/^quoted-printable mail text decoded: 2 soft line breaks/);
    expect(r.errors.map((e) => e.line)).toEqual([22]);
  });

  it('a kernel Call Trace with timestamps, module tags and "?" frames', () => {
    const r = parseTrace('[  962.287701]  kvm_mmu_page_fault+0x258/0x290 [kvm]\n[  962.292451]  ? vmx_handle_exit+0xe/0x40 [kvm_intel]\nDec 17 22:40:28 merkur kernel:  vcpu_enter_guest+0x1702/0x24a0 [kvm]\n');
    expect(r.format).toBe('stack');
    expect(names(r)).toEqual(['kvm_mmu_page_fault', 'vmx_handle_exit', 'vcpu_enter_guest']);
  });

  it('prose alone is no trace: every line skipped, located', () => {
    const r = parseTrace('Hello there.\nNothing to see.\n');
    expect(r.format).toBe('unknown');
    expect(r.errorCount).toBe(2);
  });

  it('a 20 MB trace parses in linear time', () => {
    const line = '       CPU 5/KVM-4145    [002] .....    86.581928: kvm_page_fault: vcpu 5 rip 0x7f08a4602116 address 0x0000000113600002 error_code 0x181\n';
    const text = line.repeat(Math.ceil((20 * 1024 * 1024) / line.length));
    const t0 = performance.now();
    const r = parseTrace(text);
    expect(r.faultCount).toBe(Math.ceil((20 * 1024 * 1024) / line.length));
    expect(performance.now() - t0).toBeLessThan(20_000);
  });
});
