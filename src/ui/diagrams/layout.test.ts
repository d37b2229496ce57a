import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explain } from '../../model/explain';
import type { Platform } from '../../model/scenario';
import { ARCHES, DEFAULT_PLATFORM, DESIGNS, FIRMWARE_TYPES, KERNEL_VERSIONS } from '../../model/scenario';
import { faultGraph } from '../../model/kvm/graph';
import { placeEdgeLabels } from './edgeLabels';
import { DEFAULT_FAULT_LAYOUT, edgeGeometry, labelChars, layoutFault } from './faultLayout';
import { charCount, textWidth } from './text';
import { axisWidthFor, layoutTree } from './treeLayout';
import { newRoot } from '../../model/resource/tree';
import type { Resource } from '../../model/resource/types';

const platformArb: fc.Arbitrary<Platform> = fc.record({
  ...Object.fromEntries(Object.entries(DEFAULT_PLATFORM).map(([k, v]) => [k, fc.constant(v)])),
  arch: fc.constantFrom(...ARCHES),
  firmware: fc.constantFrom(...FIRMWARE_TYPES),
  kernel: fc.constantFrom(...KERNEL_VERSIONS),
  fwb: fc.boolean(),
  hugeFault: fc.boolean(),
}) as fc.Arbitrary<Platform>;

describe('resource tree layout', () => {
  it('places every resource, children inside their parent, siblings in address order, columns by depth', () => {
    fc.assert(
      fc.property(platformArb, fc.constantFrom(...DESIGNS), (p, d) => {
        const ex = explain({ design: d, platform: p });
        const l = layoutTree(ex.tree, { width: 540, axisWidth: 78, focus: { start: ex.layout.hdmStart, end: ex.layout.hdmEnd } });
        expect(l.boxes.length).toBe(ex.iomem.trim().split('\n').length);
        const byRes = new Map(l.boxes.map((b) => [b.res, b]));
        for (const b of l.boxes) {
          expect(b.x).toBeCloseTo(78 + b.depth * l.colW);
          const parent = b.res.parent && byRes.get(b.res.parent);
          if (parent) {
            expect(b.y).toBeGreaterThanOrEqual(parent.y - 1e-6);
            expect(b.y + b.h).toBeLessThanOrEqual(parent.y + Math.max(parent.h, 2) + 2 + 1e-6);
          }
          const sibs = (b.res.parent?.children ?? []).map((c) => byRes.get(c)!);
          const i = sibs.indexOf(b);
          if (i > 0) expect(b.y).toBeGreaterThanOrEqual(sibs[i - 1]!.y);
        }
        // The HDM band covers the design's HDM resources.
        const band = l.yOf(ex.layout.hdmStart, ex.layout.hdmEnd)!;
        const region = l.boxes.find((b) => b.res.name === 'region0');
        if (region) {
          expect(band.y0).toBeCloseTo(region.y, 3);
          expect(band.y1).toBeCloseTo(region.y + region.h, 3);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('resource tree columns', () => {
  it('keep one width across designs when the floor covers their depth, and grow past it only for deeper trees', () => {
    fc.assert(
      fc.property(platformArb, (p) => {
        const widths = DESIGNS.map((d) => {
          const ex = explain({ design: d, platform: p });
          const deep = layoutTree(ex.tree, { width: 540, axisWidth: 78 });
          const floored = layoutTree(ex.tree, { width: 540, axisWidth: 78, minColumns: 4 });
          expect(floored.columns).toBe(Math.max(4, deep.columns));
          expect(floored.colW).toBeCloseTo((540 - 78) / floored.columns);
          return { cols: deep.columns, w: layoutTree(ex.tree, { width: 540, axisWidth: 78, minColumns: 6 }).colW };
        });
        // Every built-in design nests at most 6 deep, so with a floor of 6 all of them share one column width.
        expect(Math.max(...widths.map((x) => x.cols))).toBeLessThanOrEqual(6);
        expect(new Set(widths.map((x) => x.w)).size).toBe(1);
      }),
      { numRuns: 30 },
    );
  });
});

describe('deep and wide trees', () => {
  it('grow the drawing instead of shrinking columns below their floor, and never draw a negative size', () => {
    let root = newRoot();
    let parent = root;
    for (let i = 0; i < 130; i++) {
      const r: Resource = { name: `level ${i}`, start: 0x1000n + BigInt(i) * 0x10n, end: 0xffffffn - BigInt(i) * 0x10n, flags: 0, desc: 0, parent, children: [] };
      parent.children.push(r);
      parent = r;
    }
    const l = layoutTree(root, { width: 540, axisWidth: 78, minColumns: 5, minColW: 134 });
    expect(l.columns).toBe(130);
    expect(l.colW).toBe(134);
    expect(l.width).toBe(78 + 130 * 134);
    for (const b of l.boxes) {
      expect(b.w).toBeGreaterThan(0);
      expect(b.h).toBeGreaterThan(0);
    }
    root = newRoot();
    expect(layoutTree(root, { width: 540, axisWidth: 78, minColW: 134 }).boxes).toEqual([]);
  });

  it('sizes the axis for its longest address', () => {
    const root = newRoot();
    root.children.push({ name: 'top', start: 0xffff_ffff_0000_0000n, end: 0xffff_ffff_ffff_fffen, flags: 0, desc: 0, parent: root, children: [] });
    expect(axisWidthFor(root, undefined, 9.5)).toBeGreaterThanOrEqual(Math.ceil(16 * 0.6 * 9.5));
  });
});

describe('fault path layout', () => {
  it('keeps one map per architecture: every node in the same place whatever the scenario, the taken path top to bottom', () => {
    const where = new Map<string, string>();
    fc.assert(
      fc.property(platformArb, fc.constantFrom(...DESIGNS), (p, d) => {
        const ex = explain({ design: d, platform: p });
        const taken = ex.fault.steps.map((s) => s.nodeId);
        const l = layoutFault(ex.fault.graph, taken);
        expect(l.nodes.length).toBe(ex.fault.graph.nodes.length);
        expect(l.edges.length).toBe(ex.fault.graph.edges.length);
        // Stable: the placement of each node of an architecture's graph never depends on the design or platform.
        for (const n of l.nodes) {
          const at = `${n.x},${n.y},${n.w},${n.h} in ${l.width}x${l.height}`;
          const k = `${ex.fault.arch}/${n.node.id}`;
          expect(where.get(k) ?? at, k).toBe(at);
          where.set(k, at);
        }
        const placed = taken.map((id) => l.nodes.find((n) => n.node.id === id)!);
        for (let i = 0; i < placed.length; i++) {
          expect(placed[i]!.step).toBe(i);
          if (i > 0) expect(placed[i]!.y).toBeGreaterThan(placed[i - 1]!.y);
        }
        expect(l.nodes.filter((n) => n.step >= 0).length).toBe(taken.length);
        const takenEdges = l.edges.filter((e) => e.taken);
        expect(takenEdges.length).toBe(Math.max(0, taken.length - 1));
        for (const n of l.nodes) {
          expect(n.x + n.w).toBeLessThanOrEqual(l.width);
          expect(n.y + n.h).toBeLessThanOrEqual(l.height);
        }
        // No two nodes overlap.
        for (const a of l.nodes) for (const b of l.nodes) if (a !== b) expect(a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h).toBe(false);
      }),
      { numRuns: 80 },
    );
  });

  it('runs the main line of each graph down the first column, early exits and errors beside it', () => {
    for (const arch of ARCHES) {
      const ex = explain({ design: 'vfio-owned', platform: { ...DEFAULT_PLATFORM, arch } });
      const l = layoutFault(ex.fault.graph, []);
      const col = (id: string) => l.nodes.find((n) => n.node.id === id)!.col;
      // The entry, the shared pfn lookup and the cacheable result of the default platform are on the spine.
      expect(col(ex.fault.graph.nodes[0]!.id)).toBe(0);
      for (const id of ['kfaultin', 'hva2pfn', 'd_vma', 'resolve_pfnmap']) expect(col(id), id).toBe(0);
      for (const id of arch === 'x86_64' ? ['x_efault', 'x_err_pfn'] : ['a_einval', 'a_err_fault']) expect(col(id), id).toBeGreaterThan(0);
    }
  });

  it('gives every box label whole, in lines no wider than the box, on every architecture and kernel', () => {
    for (const arch of ARCHES) {
      for (const k of KERNEL_VERSIONS) {
        const l = layoutFault(faultGraph(arch, k), []);
        for (const n of l.nodes) {
          expect(n.lines.join('').replace(/\s+/g, ''), n.node.id).toBe(n.node.label.replace(/\s+/g, ''));
          for (const line of n.lines) expect(charCount(line), line).toBeLessThanOrEqual(labelChars(DEFAULT_FAULT_LAYOUT));
          expect(n.h).toBeGreaterThan(n.lines.length * DEFAULT_FAULT_LAYOUT.font);
        }
      }
    }
  });

  it('places every edge label whole, over no box and no other label, inside the graph, on every architecture and kernel', () => {
    for (const arch of ARCHES) {
      for (const k of KERNEL_VERSIONS) {
        const l = layoutFault(faultGraph(arch, k), []);
        const g = l.edges.map(edgeGeometry);
        const placed = placeEdgeLabels(l, g, DEFAULT_FAULT_LAYOUT.edgeFont);
        const boxes = placed.flatMap((b) => (b ? [{ x0: b.x, x1: b.x + b.w, y0: b.y - DEFAULT_FAULT_LAYOUT.edgeFont, y1: b.y - DEFAULT_FAULT_LAYOUT.edgeFont + b.h }] : []));
        const overlap = (a: (typeof boxes)[0], b: (typeof boxes)[0]) => a.x0 < b.x1 && a.x1 > b.x0 && a.y0 < b.y1 && a.y1 > b.y0;
        for (const b of boxes) {
          expect(b.x0).toBeGreaterThanOrEqual(0);
          expect(b.x1).toBeLessThanOrEqual(l.width);
          for (const n of l.nodes) expect(overlap(b, { x0: n.x, x1: n.x + n.w, y0: n.y, y1: n.y + n.h })).toBe(false);
          for (const c of boxes) if (c !== b) expect(overlap(b, c)).toBe(false);
        }
        l.edges.forEach((e, i) => {
          const p = placed[i];
          if (!e.label) return expect(p).toBeNull();
          expect(p, `${arch} ${k}: "${e.label}"`).not.toBeNull();
          expect(p!.lines.join('').replace(/\s+/g, '')).toBe(e.label.replace(/\s+/g, ''));
          for (const line of p!.lines) expect(textWidth(line, DEFAULT_FAULT_LAYOUT.edgeFont)).toBeLessThanOrEqual(p!.w + 1e-9);
        });
        // Deterministic.
        expect(placeEdgeLabels(l, g, DEFAULT_FAULT_LAYOUT.edgeFont)).toEqual(placed);
      }
    }
  });
});
