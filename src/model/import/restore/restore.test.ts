import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { printIomem } from '../../resource/iomem';
import { insertResource, newRoot, requestRegion } from '../../resource/tree';
import { importIomem } from '../iomemImport';
import { IOMEM_RULES } from './iomemRules';
import { MAPS_RULES } from './mapsRules';
import { restoreText } from './restore';
import { TRACE_RULES } from './traceRules';

const S = join(__dirname, '../../../../tests/fixtures/samples');
const read = (p: string) => readFileSync(join(S, p), 'utf8');

const NAMES = [
  'System RAM', 'Kernel code', 'Reserved', 'Soft Reserved', 'CXL Window 0', 'region0', 'dax0.0', 'System RAM (kmem)', 'PCI Bus 0000:00',
  'PCI Bus #02', '0000:00:1f.5 0000:00:1f.5', 'PCI ECAM 0000 [bus 00-ff]', 'a : b', 'a name long enough that its line runs past seventy-two columns of text',
];
const nameArb = fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 20 }).map((s) => s.replace(/[\r\n]/g, '').replace(/\s#/g, ' x').trim() || 'x'));

/** A /proc/iomem as the kernel prints it: a tree built by real resource operations, then printed by r_show(). */
const cleanDump = fc
  .array(fc.tuple(fc.nat(0xfff), fc.integer({ min: 1, max: 0x300 }), nameArb, fc.boolean(), fc.boolean()), { minLength: 1, maxLength: 40 })
  .map((ops) => {
    const root = newRoot();
    for (const [s, l, name, insert, wide] of ops) {
      const start = BigInt(s) << (wide ? 28n : 12n);
      const size = BigInt(l) << (wide ? 20n : 8n);
      if (insert) insertResource(root, { start, end: start + size - 1n, name, flags: 0x200 });
      else requestRegion(root, start, size, name);
    }
    return printIomem(root);
  })
  .filter((t) => t.length > 0);

const hexArb = (max: bigint) => fc.bigInt({ min: 0n, max }).map((v) => v.toString(16));
const mapsLine = fc
  .tuple(hexArb(0x7fffffffn), fc.nat(0xffff), fc.constantFrom('rw-s', 'r--p', 'rwxp', '---p'), hexArb((1n << 48n) - 1n), fc.constantFrom('', '/usr/lib/libc.so.6', 'anon_inode:[vfio-device]', '[heap]', '/memfd:crosvm_guest (deleted)'))
  .map(([a, l, p, o, path]) => {
    const start = BigInt('0x' + a) << 12n;
    const end = start + (BigInt(l + 1) << 12n);
    const head = `${start.toString(16)}-${end.toString(16)} ${p} ${o.padStart(8, '0')} 00:0f 3091`;
    return path ? head.padEnd(73, ' ') + path : head;
  });
const smapsBlock = fc.tuple(mapsLine, fc.nat(4096)).map(([h, kb]) => `${h}\nSize:             ${kb} kB\nRss:                   0 kB\nVmFlags: rd wr sh mr mw me ms pf io de dd`);
const traceLine = fc.oneof(
  fc.tuple(fc.nat(300), fc.nat(10), fc.constantFrom('hva_to_pfn', 'make_spte [kvm]', 'x.isra.0')).map(([cpu, d, f]) => ` ${cpu % 64}) ${'  '.repeat(d)}|  ${f}() {`),
  fc.tuple(fc.nat(7), hexArb((1n << 64n) - 1n), hexArb(0xffffn)).map(([v, a, e]) => `       CPU ${v}/KVM-4145    [002] .....    86.581928: kvm_page_fault: vcpu ${v} rip 0x${a} address 0x${a} error_code 0x${e}`),
  fc.constantFrom('    kvm_mmu_page_fault+103', '  ept_page_fault+0x2d7/0x300 [kvm]', '@out[', ']: 23', '-> kvm_faultin_pfn()'),
);

describe('rejoining never changes an unwrapped dump', () => {
  it('/proc/iomem as r_show() prints it', () => {
    fc.assert(
      fc.property(cleanDump, fc.constantFrom('\n', '\r\n'), (t, eol) => {
        const text = t.replace(/\n/g, eol);
        const r = restoreText(text, IOMEM_RULES);
        expect(r.changed).toBe(false);
        expect(r.text).toBe(text);
        expect(importIomem(text).repairs).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('a short line ending in "=" is a name, not a quoted-printable soft break (fast-check counterexample)', () => {
    const text = '00000000-00000fff : =\n00001000-00001fff : =00\n00002000-00002fff : x\n';
    const r = restoreText(text, IOMEM_RULES);
    expect(r.changed).toBe(false);
    expect(r.text).toBe(text);
  });

  it('maps and smaps', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(mapsLine, smapsBlock), { minLength: 1, maxLength: 30 }), (ls) => {
        const text = ls.join('\n') + '\n';
        const r = restoreText(text, MAPS_RULES);
        expect(r.changed).toBe(false);
        expect(r.text).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('traces (function_graph, tracepoints, stacks, call trees)', () => {
    fc.assert(
      fc.property(fc.array(traceLine, { minLength: 1, maxLength: 40 }), (ls) => {
        const text = ls.join('\n');
        const r = restoreText(text, TRACE_RULES);
        expect(r.changed).toBe(false);
        expect(r.text).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('every clean sample is left alone', () => {
    for (const f of ['iomem/arm64-qemu-virt.iomem', 'iomem/laptop-x86-intel-tigerlake-icekit.iomem', 'iomem/laptop-x86-acer-nonroot-zeroed-addresses-lkml-dioputra.iomem']) {
      expect(restoreText(read(f), IOMEM_RULES).changed, f).toBe(false);
    }
    for (const f of ['smaps/qemu-vfio-maps-offset-encodes-region-index-martins3.maps']) expect(restoreText(read(f), MAPS_RULES).changed, f).toBe(false);
    for (const f of ['ftrace/kvm-tdp-page-fault-function-graph-L0-host-martins3.txt', 'ftrace/kvm_page_fault-tracepoint-vcpu-rip-format-lkml-seanjc.txt', 'ftrace/bpftrace-kstacks-kvm-page-fault-lkml-peterx.txt']) {
      expect(restoreText(read(f), TRACE_RULES).changed, f).toBe(false);
    }
  });
});

describe('wrapping a clean dump and restoring it gives the dump back', () => {
  /** A mail client wrapping at `width`: a line longer than that is cut at its last space before the width. */
  const wrap = (text: string, width: number) =>
    text
      .split('\n')
      .flatMap((l) => {
        const out: string[] = [];
        let rest = l;
        while (rest.length > width) {
          const cut = rest.lastIndexOf(' ', width);
          if (cut <= 0) break;
          out.push(rest.slice(0, cut));
          rest = rest.slice(cut + 1);
        }
        out.push(rest);
        return out;
      })
      .join('\n');

  it('/proc/iomem lines wrapped in the name', () => {
    fc.assert(
      fc.property(cleanDump, fc.integer({ min: 60, max: 80 }), (text, width) => {
        const wrapped = wrap(text, width);
        const r = restoreText(wrapped, IOMEM_RULES);
        // Only a wrap that cut inside a name's last words is undone; never a line that was whole.
        if (!wrapped.split('\n').some((l) => !/^ *[0-9a-f]+-[0-9a-f]+ : /.test(l))) expect(r.changed).toBe(false);
        expect(r.text.split('\n').length).toBeLessThanOrEqual(text.split('\n').length);
      }),
      { numRuns: 200 },
    );
  });

  it('maps lines wrapped before the path', () => {
    const text = read('smaps/qemu-vfio-maps-offset-encodes-region-index-martins3.maps');
    const wrapped = wrap(text, 72);
    expect(wrapped).not.toBe(text);
    const r = restoreText(wrapped, MAPS_RULES);
    expect(r.text.replace(/ +/g, ' ')).toBe(text.replace(/ +/g, ' '));
    expect(r.repairs.map((x) => x.line)).toEqual([2, 4, 6]);
  });
});

describe('restore: what mail did, undone and located', () => {
  it('a byte-order mark, quote marks and no-break spaces; locations map back to the pasted lines and columns', () => {
    const text = '\ufeff> 1000-1fff : a\n>  \u00a0\u00a01000-17ff : b\n> garbage here\n';
    const r = restoreText(text, IOMEM_RULES);
    expect(r.text).toBe('1000-1fff : a\n   1000-17ff : b\ngarbage here\n');
    expect(r.repairs.map((x) => x.message)).toEqual([
      'a UTF-8 byte-order mark at the start was removed',
      'mail quote marks (">") removed from 3 lines',
      'no-break spaces (U+00A0, as mail clients indent) read as spaces on 1 line',
    ]);
    expect(r.locate(3, 1)).toEqual({ line: 3, column: 3 });
  });

  it('an address cut by the wrap ("4c01ffff" + "f : …") and a name cut at its last word', () => {
    const long = '    c050000000-c08fffffff : a resource name that is long enough to be wrapped by a';
    const r = restoreText(`c000000000-cfffffffff : CXL Window 0\n${long}\nmailer\n  c090000000-\nc09fffffff : x\n`, IOMEM_RULES);
    expect(r.text).toBe(`c000000000-cfffffffff : CXL Window 0\n${long} mailer\n  c090000000-c09fffffff : x\n`);
    expect(r.locate(3, 14)).toEqual({ line: 5, column: 1 });
    expect(r.locate(3, 3)).toEqual({ line: 4, column: 3 });
  });

  it('an inline "# comment" leaves the name; "PCI Bus #02" keeps its "#"', () => {
    const r = restoreText('00001000-00001fff : CXL Window 0   # the accelerator\n00002000-00002fff : PCI Bus #02\n', IOMEM_RULES);
    expect(r.text).toBe('00001000-00001fff : CXL Window 0\n00002000-00002fff : PCI Bus #02\n');
    expect(r.repairs).toEqual([{ line: 1, column: 33, message: 'comment "# the accelerator" removed from the name' }]);
  });

  it('quoted-printable: soft breaks rejoined and "=C2=A0" decoded (qemu-devel, peng guo\'s /proc/iomem quoted raw)', () => {
    const r = importIomem(read('iomem-damaged/cxl-window-pci-bars-quoted-printable-nbsp-qemu-devel-pengguo.txt'));
    expect(printIomem(r.iomem.tree)).toBe(
      [
        '480010000-cffffffff : CXL Window 0',
        '  480010000-4bfffffff : PCI Bus 0000:00',
        '  4c0000000-4c01fffff : PCI Bus 0000:0c',
        '    4c0000000-4c01fffff : PCI Bus 0000:0d',
        '  4c0200000-cffffffff : PCI Bus 0000:00',
        '    4c0200000-4c0203fff : 0000:00:03.0',
        '      4c0200000-4c0203fff : virtio-pci-modern',
        '',
      ].join('\n'),
    );
    expect(r.iomem.errors.map((e) => [e.line, e.column])).toEqual([[1, 8], [17, 8]]);
    const win = r.iomem.tree.children[0]!;
    expect([win, win.children[1]!, win.children[1]!.children[0]!, win.children[2]!].map((x) => r.iomem.lineOf.get(x))).toEqual([3, 6, 8, 10]);
    expect(r.dropped.map((d) => d.line)).toEqual([2, 16]);
  });

  it('blank lines between windows are left out and said so (Alison Schofield\'s two CXL windows)', () => {
    const r = importIomem(read('iomem-damaged/cxl-2windows-blank-lines-lkml-aschofie.iomem'));
    expect(r.iomem.errors).toEqual([]);
    expect(r.iomem.nodeCount).toBe(8);
    expect(r.dropped).toEqual([
      { line: 5, column: 1, message: 'blank line ignored' },
      { line: 6, column: 1, message: 'blank line ignored' },
    ]);
  });

  it('20 MB of damaged input restores in linear time', () => {
    const line = '> 00001000-00001fff : a name that goes on\n';
    const text = line.repeat(Math.ceil((20 * 1024 * 1024) / line.length));
    const t0 = performance.now();
    const r = restoreText(text, IOMEM_RULES);
    expect(r.changed).toBe(true);
    expect(performance.now() - t0).toBeLessThan(15_000);
  });
});
