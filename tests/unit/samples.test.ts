/**
 * The real /proc/iomem samples (tests/fixtures/samples, see SOURCES.md there) against the parser, the printer and the
 * kernel/resource.c operations: each sample is checked for what its source says it shows.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseIomem, printIomem } from '../../src/model/resource/iomem';
import { checkInvariants, findAll, findByPath, findPath, insertResource, newRoot, regionIntersects, requestRegion, requestResource, walk } from '../../src/model/resource/tree';
import type { Resource } from '../../src/model/resource/types';
import { IORESOURCE, IORESOURCE_SYSTEM_RAM, IORES_DESC } from '../../src/model/resource/types';

const SAMPLES = join(__dirname, '../fixtures/samples');
const read = (p: string) => readFileSync(join(SAMPLES, p), 'utf8');
const MEM = IORESOURCE.MEM;
const BUSY = IORESOURCE.BUSY;

function clean(p: string) {
  const text = read(p);
  const r = parseIomem(text);
  expect(r.errors).toEqual([]);
  expect(printIomem(r.tree, { finalNewline: r.finalNewline, eol: r.eol })).toBe(text);
  return r;
}

function maxDepth(root: Resource): number {
  let d = 0;
  walk(root, (_r, depth) => {
    d = Math.max(d, depth);
  });
  return d;
}

describe('arm64-qemu-virt.iomem (QEMU virt guest)', () => {
  const r = clean('iomem/arm64-qemu-virt.iomem');
  it('keeps both host-bridge windows named "pcie@10000000" as separate top-level resources', () => {
    const windows = r.tree.children.filter((c) => c.name === 'pcie@10000000');
    expect(windows.map((w) => [w.start, w.end])).toEqual([
      [0x10000000n, 0x3efeffffn],
      [0x8000000000n, 0xffffffffffn],
    ]);
  });
  it('a driver can claim free space in the non-busy 64-bit window but not inside the busy "PCI ECAM" (pci_ecam_create)', () => {
    const ok = requestRegion(r.tree, 0x8000008000n, 0x1000n, 'drv');
    expect(ok.ok && findPath(ok.res)).toEqual(['pcie@10000000', 'drv']);
    const ecam = requestRegion(r.tree, 0x4010000000n, 0x1000n, 'drv');
    expect(ecam.ok).toBe(false);
    if (!ecam.ok) expect(ecam.conflict?.name).toBe('PCI ECAM');
  });
});

describe('cxl-hmem0-softreserved-reparented-commit-67feaba413ec.iomem', () => {
  const text = read('iomem/cxl-hmem0-softreserved-reparented-commit-67feaba413ec.iomem');
  it('insert_resource() of hmem.0 over an existing Soft Reserved → dax0.0 reproduces the published bytes', () => {
    const root = newRoot();
    requestResource(root, { start: 0x340000000n, end: 0x43fffffffn, name: 'Soft Reserved', flags: MEM, desc: IORES_DESC.SOFT_RESERVED });
    expect(requestRegion(root, 0x340000000n, 0x100000000n, 'dax0.0').ok).toBe(true);
    expect(insertResource(root, { start: 0x340000000n, end: 0x43fffffffn, name: 'hmem.0', flags: MEM }).ok).toBe(true);
    expect(printIomem(root)).toBe(text);
  });
  it('region_intersects(…, IORES_DESC_SOFT_RESERVED) misses the wrapped Soft Reserved before the fix and finds it after', () => {
    const r = clean('iomem/cxl-hmem0-softreserved-reparented-commit-67feaba413ec.iomem');
    const q = [r.tree, 0x340000000n, 0x100000000n, MEM, IORES_DESC.SOFT_RESERVED] as const;
    expect(regionIntersects(...q, { descendantAware: false })).toBe('REGION_DISJOINT');
    expect(regionIntersects(...q, { descendantAware: true })).toBe('REGION_INTERSECTS');
  });
});

describe('cxl-qemu-window-over-e820-reserved-lkml-gourry.iomem (QEMU e820 bug)', () => {
  const text = read('iomem/cxl-qemu-window-over-e820-reserved-lkml-gourry.iomem');
  it('add_cxl_resources() inserting "CXL Window 0" over an e820 "Reserved" of the same range nests it, as published', () => {
    const root = newRoot();
    requestResource(root, { start: 0x590000000n, end: 0x68fffffffn, name: 'Reserved', flags: MEM, desc: IORES_DESC.RESERVED });
    expect(insertResource(root, { start: 0x590000000n, end: 0x68fffffffn, name: 'CXL Window 0', flags: MEM, desc: IORES_DESC.CXL }).ok).toBe(true);
    expect(printIomem(root)).toBe(text);
  });
  it('the window is never free for a region: __region_intersects(window, …, 0, NONE) is not DISJOINT anywhere in it', () => {
    const r = clean('iomem/cxl-qemu-window-over-e820-reserved-lkml-gourry.iomem');
    const win = findByPath(r.tree, ['CXL Window 0'])!;
    for (const off of [0n, 0x40000000n, 0xfffff000n]) {
      expect(regionIntersects(win, 0x590000000n + off, 0x1000n, 0, IORES_DESC.NONE)).toBe('REGION_INTERSECTS');
    }
  });
});

describe('laptop-x86-acer-nonroot-zeroed-addresses-lkml-dioputra.iomem (read without CAP_SYS_ADMIN)', () => {
  const r = clean('iomem/laptop-x86-acer-nonroot-zeroed-addresses-lkml-dioputra.iomem');
  it('is recognised as non-root, keeps all 74 lines and the 4-level shape, and re-prints with hidden addresses', () => {
    expect(r.nonRoot).toBe(true);
    expect(r.nodeCount).toBe(74);
    expect(maxDepth(r.tree)).toBe(4);
    const nested = findAll(r.tree, (x) => x.name === 'iTCO_wdt.1.auto' && x.parent?.name === 'iTCO_wdt.1.auto');
    expect(nested.map(findPath)).toEqual([['Reserved', 'pnp 00:05', 'iTCO_wdt.1.auto', 'iTCO_wdt.1.auto']]);
    expect(printIomem(r.tree, { nonRoot: true })).toBe(read('iomem/laptop-x86-acer-nonroot-zeroed-addresses-lkml-dioputra.iomem'));
  });
});

describe('laptop-x86-intel-tigerlake-icekit.iomem (real laptop, truncated by its author)', () => {
  const r = clean('iomem/laptop-x86-intel-tigerlake-icekit.iomem');
  it('parses all 119 lines with the tree invariants intact, the last line being a nested child', () => {
    expect(r.lineCount).toBe(119);
    expect(r.nodeCount).toBe(119);
    expect(checkInvariants(r.tree)).toBeNull();
    const last = r.tree.children[r.tree.children.length - 1]!;
    expect([last.name, last.start]).toEqual(['PCI Bus 0000:00', 0x4000000000n]);
    expect(last.children[last.children.length - 1]!.name).toBe('0000:00:14.2');
  });
  it('System RAM and the kernel image inside it are busy: a driver cannot claim RAM (request_mem_region -EBUSY)', () => {
    const high = r.tree.children.find((c) => c.start === 0x100000000n)!;
    expect(high.name).toBe('System RAM');
    expect(high.children.map((c) => c.name)).toEqual(['Kernel code', 'Kernel rodata', 'Kernel data', 'Kernel bss']);
    for (const x of [high, ...high.children]) expect((x.flags & (IORESOURCE_SYSTEM_RAM | BUSY)) >>> 0).toBe((IORESOURCE_SYSTEM_RAM | BUSY) >>> 0);
    const claim = requestRegion(r.tree, 0x200000000n, 0x200000n, 'drv');
    expect(claim.ok).toBe(false);
    if (!claim.ok) expect(claim.conflict).toBe(high);
  });
});

describe('cxl-3windows-formatflowed-3space-indent-lkml-smita.iomem (mail-mangled indentation)', () => {
  const r = parseIomem(read('iomem-damaged/cxl-3windows-formatflowed-3space-indent-lkml-smita.iomem'));
  it('nests by relative indentation, with one located warning and no error', () => {
    expect(r.errors).toEqual([]);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]!.line).toBe(2);
    for (const n of [0, 1, 2]) {
      expect(findByPath(r.tree, [`CXL Window ${n}`, `region${n}`, `dax${n}.0`, 'System RAM (kmem)'])).not.toBeNull();
    }
  });
  it('request_mem_region of region0 descends CXL Window 0 → region0 → dax0.0 and fails -EBUSY on "System RAM (kmem)"', () => {
    const res = requestRegion(r.tree, 0x850000000n, 0x2000000000n, 'vfio-cxl');
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.errno).toBe('-EBUSY');
    expect(findPath(res.conflict!)).toEqual(['CXL Window 0', 'region0', 'dax0.0', 'System RAM (kmem)']);
  });
  it('region_intersects(SYSTEM_RAM) sees the nested kmem RAM only with the descendant-aware fix', () => {
    const q = [r.tree, 0x850000000n, 0x2000000000n, IORESOURCE_SYSTEM_RAM, IORES_DESC.NONE] as const;
    expect(regionIntersects(...q, { descendantAware: true })).toBe('REGION_INTERSECTS');
    expect(regionIntersects(...q, { descendantAware: false })).toBe('REGION_DISJOINT');
  });
});

describe('cxl-type2-accelerator-softreserved-snip-lkml-ppwaskie.iomem (Type-2 HDM as Soft Reserved, snipped)', () => {
  const r = parseIomem(read('iomem-damaged/cxl-type2-accelerator-softreserved-snip-lkml-ppwaskie.iomem'));
  it('rejects the snip marker at line 1 and keeps CXL Window 0 → Soft Reserved (4-space child indent)', () => {
    expect(r.errors.map((e) => e.line)).toEqual([1]);
    const sr = findByPath(r.tree, ['CXL Window 0', 'Soft Reserved'])!;
    expect(sr.desc).toBe(IORES_DESC.SOFT_RESERVED);
    expect(sr.flags & BUSY).toBe(0);
    expect(sr.parent!.desc).toBe(IORES_DESC.CXL);
  });
  it('as modelled, __request_region descends both non-busy levels and succeeds (the reported -EBUSY came from elsewhere; unverified)', () => {
    const res = requestRegion(r.tree, 0xc050000000n, 0x40000000n, 'vfio-cxl');
    expect(res.ok && findPath(res.res)).toEqual(['CXL Window 0', 'Soft Reserved', 'vfio-cxl']);
  });
});
