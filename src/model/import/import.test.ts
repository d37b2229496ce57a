import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PLATFORM } from '../scenario';
import { explainAll } from '../explain';
import { faultGraph } from '../kvm/fault';
import { parseIomem } from '../resource/iomem';
import { suggestCandidates } from './candidates';
import { compareVmFlags } from './flags';
import { decodeVfioOffset, MAX_KEPT_VMAS, parseMaps } from './maps';
import { detectImportKind, MAX_IMPORT_CHARS, parseImport } from './parseImport';
import { betterKernelFor, matchTrace, parseTrace } from './trace';

const S = join(__dirname, '../../../tests/fixtures/samples');
const read = (p: string) => readFileSync(join(S, p), 'utf8');

describe('maps / smaps / pmap -X', () => {
  it('reads the newer-kernel maps sample: three VFIO regions encoded as index << 40', () => {
    const r = parseMaps(read('smaps/qemu-vfio-maps-offset-encodes-region-index-martins3.maps'));
    expect(r.format).toBe('maps');
    expect(r.errors).toEqual([]);
    expect(r.vmas).toHaveLength(3);
    expect(r.vmas.every((v) => v.vfio)).toBe(true);
    expect(r.vmas.map((v) => v.vfioOffset?.regionIndex)).toEqual([0, 4, 1]);
    expect(r.vmas[0]!.start).toBe(0x7f2ad4108000n);
    expect(r.vmas[0]!.end).toBe(0x7f2ad410c000n);
  });

  it('reads pmap -X of a 7×H100 QEMU: VFIO BARs with offsets that are physical addresses, totals skipped', () => {
    const r = parseMaps(read('smaps/qemu-kata-7xH100-vfio-pmap-X-hugepages-1G.txt'));
    expect(r.format).toBe('pmap-X');
    expect(r.errors).toEqual([]);
    const vfio = r.vmas.filter((v) => v.vfio);
    expect(vfio.length).toBeGreaterThanOrEqual(20);
    const big = vfio.find((v) => v.start === 0x737dc0000000n)!;
    expect(big.fields.Size).toBe(134217728);
    expect(big.end - big.start).toBe(128n << 30n);
    expect(big.fields.Rss).toBe(0);
    expect(big.vfioOffset?.kind).toBe('physical');
    const deleted = r.vmas.find((v) => v.path.startsWith('qemu_back_mem.dimm1'))!;
    expect(deleted.path).toBe('qemu_back_mem.dimm1.8mPNaQ (deleted)');
    expect(deleted.fields.Shared_Hugetlb).toBe(3145728);
    expect(r.vmas.some((v) => v.start === 0xffffffffff600000n)).toBe(true);
  });

  it('reads smaps with VmFlags and compares a VFIO mapping with each design', () => {
    const text = [
      '7f2ad4108000-7f2ad410c000 rw-s 00000000 00:0f 3091                       anon_inode:[vfio-device]',
      'Size:                 16 kB',
      'Rss:                   0 kB',
      'VmFlags: rd wr sh mr mw me ms pf io de dd sd',
      '7f2ad4200000-7f2ad4400000 rw-p 00000000 00:00 0',
      'Size:               2048 kB',
      'VmFlags: rd wr mr mw me ac sd',
    ].join('\r\n');
    const r = parseMaps(text);
    expect(r.format).toBe('smaps');
    expect(r.errors).toEqual([]);
    expect(r.vmas[0]!.vmFlags).toEqual(['rd', 'wr', 'sh', 'mr', 'mw', 'me', 'ms', 'pf', 'io', 'de', 'dd', 'sd']);
    expect(r.vmas[0]!.fields.Size).toBe(16);
    const all = explainAll(DEFAULT_PLATFORM);
    const nv = compareVmFlags(r.vmas[0]!.vmFlags!, all['nvgrace-gpu'].vma);
    expect(nv.matches).toBe(true);
    // The later vfio-cxl module (VFIO-owned) sets no VM_ALLOW_ANY_UNCACHED; v2 (memremap) did, which smaps prints as "??".
    expect(compareVmFlags(r.vmas[0]!.vmFlags!, all['vfio-owned'].vma).matches).toBe(true);
    const v2 = compareVmFlags(r.vmas[0]!.vmFlags!, all.memremap.vma);
    expect(v2.matches).toBe(false);
    expect(v2.flags.find((f) => f.name === 'VM_ALLOW_ANY_UNCACHED')?.status).toBe('missing');
    const hot = compareVmFlags(r.vmas[0]!.vmFlags!, all.hotplug.vma);
    expect(hot.flags.find((f) => f.mnemonic === 'pf')?.status).toBe('unexpected');
    // QEMU's guest RAM carries dc and hg (MADV_DONTFORK, MADV_HUGEPAGE); this plain anonymous mapping lacks them.
    const anon = compareVmFlags(r.vmas[1]!.vmFlags!, all.hotplug.vma);
    expect(anon.flags.filter((f) => f.status === 'missing').map((f) => f.mnemonic).sort()).toEqual(['dc', 'hg']);
  });

  it('locates bad lines and keeps the good ones', () => {
    const r = parseMaps('7f00-7f10 rw-s 0 00:0f 1 x\nSize: 4 kB\nVmFlags: rd zzz\ngarbage here\n8000-9000 r--p 0 00:00 0\n');
    expect(r.vmas).toHaveLength(2);
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([[3, 13], [4, 1]]);
  });

  it('keeps every VFIO VMA but caps the others, counting all', () => {
    const anon = (i: number) => `${(0x10000 + i * 2).toString(16)}000-${(0x10001 + i * 2).toString(16)}000 rw-p 00000000 00:00 0`;
    const lines = Array.from({ length: MAX_KEPT_VMAS + 10 }, (_, i) => anon(i));
    lines.push('7f2ad4108000-7f2ad410c000 rw-s 00000000 00:0f 3091 anon_inode:[vfio-device]');
    const r = parseMaps(lines.join('\n'));
    expect(r.vmaCount).toBe(MAX_KEPT_VMAS + 11);
    expect(r.vmas).toHaveLength(MAX_KEPT_VMAS + 1);
    expect(r.vmas[r.vmas.length - 1]!.vfio).toBe(true);
  });

  it('decodes region index encoding and flags implausible indexes as physical', () => {
    expect(decodeVfioOffset(0x40000000000n)).toMatchObject({ kind: 'region-index', regionIndex: 4, regionOffset: 0n });
    expect(decodeVfioOffset(0x43a000000000n).kind).toBe('physical');
  });
});

describe('fault traces', () => {
  it('reads the function_graph sample: order, counts, nesting', () => {
    const r = parseTrace(read('ftrace/kvm-tdp-page-fault-function-graph-L0-host-martins3.txt'));
    expect(r.format).toBe('function_graph');
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.functions[0]).toEqual({ name: 'kvm_tdp_page_fault', count: 1, firstLine: 5 });
    expect(r.functions.find((f) => f.name === 'tdp_iter_next')?.count).toBe(7);
    expect(r.functions.find((f) => f.name === 'kvm_mmu_topup_memory_cache')?.count).toBe(3);
    expect(r.maxDepth).toBe(6);
    const m = matchTrace(r.functions, faultGraph('x86_64'));
    const known = m.known.map((k) => k.name);
    expect(known).toEqual(expect.arrayContaining(['kvm_tdp_page_fault', 'hva_to_pfn', 'kvm_tdp_mmu_map', 'make_spte', 'vmx_get_mt_mask', 'kvm_is_mmio_pfn', 'kvm_mmu_hugepage_adjust']));
    expect(m.unknown.map((u) => u.name)).toContain('tdp_iter_next');
    expect(m.unknown.map((u) => u.name)).not.toContain('make_spte');
  });

  it('the same trace, from a pre-6.13 host, matches the names of the 6.12 graph: kvm_faultin_pfn, __gfn_to_pfn_memslot, kvm_release_pfn_clean', () => {
    const r = parseTrace(read('ftrace/kvm-tdp-page-fault-function-graph-L0-host-martins3.txt'));
    const old = matchTrace(r.functions, faultGraph('x86_64', '6.12'));
    const now = matchTrace(r.functions, faultGraph('x86_64', '7.1'));
    const names = (m: typeof old) => m.known.map((k) => k.name);
    expect(names(old)).toEqual(expect.arrayContaining(['kvm_faultin_pfn', '__gfn_to_pfn_memslot', 'kvm_release_pfn_clean']));
    expect(old.known.find((k) => k.name === '__gfn_to_pfn_memslot')?.nodeIds).toEqual(['kfaultin']);
    expect(old.known.find((k) => k.name === 'kvm_faultin_pfn')?.nodeIds).toEqual(['x_faultin']);
    expect(names(now)).not.toContain('__gfn_to_pfn_memslot');
    expect(old.unknown.length).toBeLessThan(now.unknown.length);
    // So the import suggests that kernel, and says nothing once it is selected.
    expect(betterKernelFor(r.functions, 'x86_64', '7.1')).toMatchObject({ kernel: '6.12', known: old.known.length, currentKnown: now.known.length });
    expect(betterKernelFor(r.functions, 'x86_64', '6.12')).toBeNull();
    expect(betterKernelFor([{ name: 'make_spte', count: 1, firstLine: 1 }], 'x86_64', '7.1')).toBeNull();
  });

  it('reads kvm_page_fault tracepoints in the vcpu/rip format', () => {
    const r = parseTrace(read('ftrace/kvm_page_fault-tracepoint-vcpu-rip-format-lkml-seanjc.txt'));
    expect(r.format).toBe('tracepoint');
    expect(r.errors).toEqual([]);
    expect(r.faultCount).toBe(7);
    expect(r.faults[0]).toMatchObject({ vcpu: 5, rip: 0x7f08a4602116n, gpa: 0x113600002n, errorCode: 0x181n, format: 'vcpu-rip' });
    expect(r.faults[2]!.gpa).toBe(0xfee000b0n);
  });

  it('reads the pre-2022 kvm_page_fault format and perf-style event names', () => {
    const r = parseTrace(
      ' qemu-system-x86-4145  [002] ....  86.581928: kvm_page_fault: address 113600002 error_code 181\n' +
        'CPU 5/KVM  4145 [002]    86.5819: kvm:kvm_page_fault: vcpu 5 rip 0xffffffff81040f72 address 0xfee000b0 error_code 0x182\n' +
        ' qemu-4145  [002] ....  86.6: kvm_page_fault: address zz error_code 1\n',
    );
    expect(r.faults.map((f) => f.format)).toEqual(['address-only', 'vcpu-rip']);
    expect(r.faults[0]).toMatchObject({ gpa: 0x113600002n, errorCode: 0x181n, vcpu: null, rip: null });
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.line).toBe(3);
  });

  it('reads arm64 kvm_guest_fault in the old (hsr/hxfar) and new (esr/far) forms', () => {
    const r = parseTrace(
      ' qemu-1234 [003] .... 10.000001: kvm_guest_fault: ipa 0x8000001000, hsr 0x93c08007, hxfar 0x4000123, pc 0xffff800010001234\n' +
        ' qemu-1234 [003] .... 10.000002: kvm_guest_fault: ipa 0x0000008000002000, esr 0x0000000093c08007, far 0x0000000004000123, pc 0xffff800010001238\n',
    );
    expect(r.errors).toEqual([]);
    expect(r.faults.map((f) => [f.format, f.gpa, f.errorCode, f.rip])).toEqual([
      ['arm64-guest-fault', 0x8000001000n, 0x93c08007n, 0xffff800010001234n],
      ['arm64-guest-fault', 0x8000002000n, 0x93c08007n, 0xffff800010001238n],
    ]);
  });

  it('handles the 1-space CPU column, tails, overhead marks and unbalanced braces', () => {
    const r = parseTrace(' 0)               |  } /* foo */\n 0) ! 123.4 us   |  hva_to_pfn.isra.0();\n 1)               |  bar() {\n');
    expect(r.functions.map((f) => f.name)).toEqual(['hva_to_pfn', 'bar']);
    expect(r.warnings.map((w) => w.line)).toEqual([1, 3]);
  });
});

describe('candidates', () => {
  it('suggests the Soft Reserved range of the Type-2 accelerator dump', () => {
    const p = parseIomem(read('iomem-damaged/cxl-type2-accelerator-softreserved-snip-lkml-ppwaskie.iomem'));
    const c = suggestCandidates(p.tree, { nonRoot: p.nonRoot, lineOf: p.lineOf });
    expect(c.candidates[0]?.kind).toBe('soft-reserved');
    expect(c.candidates[0]?.path[0]).toMatch(/^CXL Window/);
  });

  it('ranks regions first in the three-window dump', () => {
    const p = parseIomem(read('iomem-damaged/cxl-3windows-formatflowed-3space-indent-lkml-smita.iomem'));
    const c = suggestCandidates(p.tree, { nonRoot: p.nonRoot });
    const kinds = c.candidates.map((x) => x.kind);
    expect(kinds).toEqual(['cxl-region', 'cxl-region', 'cxl-region']);
    expect(c.candidates.map((x) => x.name)).toEqual(['region0', 'region1', 'region2']);
    expect(c.candidates[0]!.alsoNamed).toEqual(['CXL Window 0', 'dax0.0', 'System RAM (kmem)']);
    expect(c.candidates[0]!.start).toBe(0x850000000n);
  });

  it('suggests Reserved under a CXL window (QEMU e820 bug)', () => {
    const p = parseIomem(read('iomem/cxl-qemu-window-over-e820-reserved-lkml-gourry.iomem'));
    const c = suggestCandidates(p.tree);
    expect(c.candidates[0]?.kind).toBe('reserved-in-window');
  });

  it('explains a non-root dump instead of offering zero ranges', () => {
    const r = parseImport(read('iomem/laptop-x86-acer-nonroot-zeroed-addresses-lkml-dioputra.iomem'));
    expect(r.kind).toBe('iomem');
    if (r.kind !== 'iomem') return;
    expect(r.candidates.nonRoot).toBe(true);
    expect(r.candidates.candidates).toEqual([]);
    expect(r.candidates.message).toMatch(/CAP_SYS_ADMIN/);
  });

  it('offers nothing on a laptop without CXL and says so', () => {
    const r = parseImport(read('iomem/laptop-x86-intel-tigerlake-icekit.iomem'));
    expect(r.kind === 'iomem' && r.candidates.candidates.length).toBe(0);
  });
});

describe('sources', () => {
  it('every candidate and VFIO-offset note cites a registered source', async () => {
    const { SOURCES } = await import('../sources');
    const ids = new Set<string>();
    for (const f of ['iomem-damaged/cxl-3windows-formatflowed-3space-indent-lkml-smita.iomem', 'iomem-damaged/cxl-type2-accelerator-softreserved-snip-lkml-ppwaskie.iomem', 'iomem/cxl-qemu-window-over-e820-reserved-lkml-gourry.iomem', 'iomem/cxl-hmem0-softreserved-reparented-commit-67feaba413ec.iomem']) {
      const p = parseIomem(read(f));
      for (const c of suggestCandidates(p.tree).candidates) for (const id of c.sources) ids.add(id);
    }
    for (const o of [0n, 0x43a000000000n]) for (const id of decodeVfioOffset(o).sources) ids.add(id);
    expect(ids.size).toBeGreaterThan(4);
    for (const id of ids) expect(SOURCES[id], id).toBeDefined();
  });
});

describe('detect and limits', () => {
  it('detects each sample kind', () => {
    expect(detectImportKind(read('iomem/arm64-qemu-virt.iomem'))).toBe('iomem');
    expect(detectImportKind(read('smaps/qemu-kata-7xH100-vfio-pmap-X-hugepages-1G.txt'))).toBe('maps');
    expect(detectImportKind(read('smaps/qemu-vfio-maps-offset-encodes-region-index-martins3.maps'))).toBe('maps');
    expect(detectImportKind(read('ftrace/kvm-tdp-page-fault-function-graph-L0-host-martins3.txt'))).toBe('trace');
    expect(detectImportKind(read('ftrace/kvm_page_fault-tracepoint-vcpu-rip-format-lkml-seanjc.txt'))).toBe('trace');
    expect(detectImportKind('hello world')).toBeNull();
  });

  it('rejects too-large and unknown text with a reason', () => {
    const big = { length: MAX_IMPORT_CHARS + 1 } as unknown as string;
    const r = parseImport(big);
    expect(r.kind).toBe('rejected');
    const u = parseImport('\n\nhello world\n');
    expect(u).toMatchObject({ kind: 'rejected', line: 3, column: 1 });
  });
});
