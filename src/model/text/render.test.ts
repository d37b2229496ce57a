import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explain, explainAll } from '../explain';
import { DEFAULT_PLATFORM, DESIGNS } from '../scenario';
import { isUrlLine, renderText, renderVerdictMatrix, wrap } from './render';
import { platformArb } from '../testing/arbitraries';


describe('renderText', () => {
  it('keeps every line but a footnote URL within 80 columns for any design on any platform', () => {
    fc.assert(
      fc.property(platformArb, fc.constantFrom(...DESIGNS), (p, d) => {
        const t = renderText(explain({ design: d, platform: p }));
        for (const line of t.split('\n')) if (!isUrlLine(line)) expect(line.length, line).toBeLessThanOrEqual(80);
      }),
      { numRuns: 150 },
    );
  });

  it('numbers sources as footnotes in first-use order and lists each once', () => {
    const t = renderText(explain({ design: 'vfio-owned', platform: DEFAULT_PLATFORM }));
    const refs = [...t.matchAll(/^\s*\[(\d+)\] /gm)].map((m) => Number(m[1]));
    expect(refs).toEqual(refs.map((_, i) => i + 1));
    expect(t).toMatch(/\[\d+\] inference: .*\n(.*\n)*?.*\[UNVERIFIED\]/);
    expect(t).toContain('https://lore.kernel.org/r/20260406220521.GG2551565@ziepe.ca');
  });

  it('quotes review notes right after the line they target', () => {
    const ex = explain({ design: 'vfio-owned', platform: DEFAULT_PLATFORM });
    const t = renderText(ex, {
      notes: [
        { id: 'a', target: { kind: 'step', nodeId: 'x_mmio' }, text: 'EPT ignores the VMA here.', author: 'jgg' },
        { id: 'b', target: { kind: 'resource', path: ['CXL Window 0', 'region0', 'Reserved', 'vfio-cxl-hdm'] }, text: 'name unverified' },
        { id: 'c', target: { kind: 'verdict', design: 'vfio-owned', verdict: 'guest-cacheable' }, text: 'needs a KVM/x86 change' },
      ],
    });
    const lines = t.split('\n');
    const at = (re: RegExp) => lines.findIndex((l) => re.test(l));
    expect(lines.findIndex((l) => l === '> jgg: EPT ignores the VMA here.')).toBeGreaterThan(at(/kvm_is_mmio_pfn\(pfn\)/));
    expect(lines[at(/: vfio-cxl-hdm {2}<-- new/) + 1]).toBe('> review: name unverified');
    expect(lines.some((l) => l === '> review: needs a KVM/x86 change')).toBe(true);
  });

  it('marks the conflict in the tree', () => {
    const t = renderText(explain({ design: 'vfio-owned', platform: { ...DEFAULT_PLATFORM, firmware: 'conventional' } }));
    expect(t).toMatch(/: System RAM {2}<-- -EBUSY \(busy\)/);
    expect(t).toContain('(KVM is never reached)');
  });

  it('renders the verdict matrix within 80 columns', () => {
    const m = renderVerdictMatrix(explainAll({ ...DEFAULT_PLATFORM, arch: 'arm64' }));
    for (const line of m.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    expect(m).toContain('VFIO-owned');
  });

  it('wrap never exceeds the width', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.integer({ min: 10, max: 100 }), (s, w) => {
        for (const l of wrap(s, w, '  ')) expect(l.length).toBeLessThanOrEqual(w);
      }),
    );
  });
});

describe('renderText footnotes and notes', () => {
  it('every [n] in the body has footnote n, and every footnote is referenced', () => {
    fc.assert(
      fc.property(platformArb, fc.constantFrom(...DESIGNS), (p, d) => {
        const t = renderText(explain({ design: d, platform: p }));
        const [body, foot] = t.split('== Sources ==\n');
        const used = new Set<number>();
        for (const m of body!.matchAll(/\[(\d+(?:,\d+)*)\]/g)) for (const n of m[1]!.split(',')) used.add(Number(n));
        const listed = [...foot!.matchAll(/^\[(\d+)\] /gm)].map((m) => Number(m[1]));
        expect(listed).toEqual(listed.map((_, i) => i + 1));
        expect([...used].sort((a, b) => a - b)).toEqual(listed);
      }),
      { numRuns: 60 },
    );
  });

  it('quotes VMA notes after their part, and lists notes whose target is not shown instead of dropping them', () => {
    const ex = explain({ design: 'vfio-owned', platform: DEFAULT_PLATFORM });
    const t = renderText(ex, {
      notes: [
        { id: 'p', target: { kind: 'vma', part: 'pgprot' }, text: 'default pgprot is WB' },
        { id: 'l', target: { kind: 'vma', part: 'leaves' }, text: 'PMD only when aligned' },
        { id: 'x', target: { kind: 'resource', path: ['CXL Window 0', 'region0', 'dax0.0'] }, text: 'kmem would be here' },
        { id: 'o', target: { kind: 'verdict', design: 'hotplug', verdict: 'struct-pages' }, text: 'other design' },
      ],
    });
    const lines = t.split('\n');
    const note = (s: string) => lines.indexOf(`> review: ${s}`);
    expect(lines[note('default pgprot is WB') - 1]).toMatch(/^(pgprot: | {2})/);
    expect(lines[note('PMD only when aligned') - 1]).toMatch(/leaf hva/);
    const unplaced = lines.indexOf('== Review notes whose target is not shown here ==');
    expect(unplaced).toBeGreaterThan(0);
    expect(note('kmem would be here')).toBeGreaterThan(unplaced);
    expect(t).not.toContain('other design');
    for (const l of lines) if (!isUrlLine(l)) expect(l.length).toBeLessThanOrEqual(80);
  });

  it('renders the verdict matrix within 80 columns on any platform, one row per design and verdict', () => {
    fc.assert(
      fc.property(platformArb, (p) => {
        const m = renderVerdictMatrix(explainAll(p));
        for (const line of m.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
        expect(m.split('\n').filter((l) => /^ {2}[+!~-] /.test(l))).toHaveLength(DESIGNS.length * 9);
      }),
      { numRuns: 30 },
    );
  });
});

describe('renderText source list', () => {
  const t = renderText(explain({ design: 'vfio-owned', platform: DEFAULT_PLATFORM }));
  const foot = t.slice(t.indexOf('== Sources =='));

  it('puts every URL whole on a line of its own, and nowhere else', () => {
    const urls = [...t.matchAll(/https?:\/\/\S+/g)].map((m) => m[0]);
    expect(urls.length).toBeGreaterThan(10);
    for (const line of t.split('\n')) if (/https?:\/\//.test(line)) expect(isUrlLine(line), line).toBe(true);
    expect(t).not.toMatch(/elixir:/);
  });

  it('links Elixir at the cited version to the identifier, not the top of the file', () => {
    expect(foot).toMatch(/arch\/x86\/kvm\/vmx\/vmx\.c vmx_get_mt_mask\(\) (v\d+\.\d+) @[0-9a-f]+\n {4}https:\/\/elixir\.bootlin\.com\/linux\/\1\/A\/ident\/vmx_get_mt_mask\n/);
    expect(foot).not.toMatch(/elixir\.bootlin\.com\/linux\/\S+\/source\/\S+\.c\n/);
  });

  it('says where a cited version has no release tag', () => {
    expect(foot).toMatch(/drivers\/cxl\/acpi\.c add_cxl_resources\(\) v6\.3\+ \(not pinned\).*\n {4}https:\/\/elixir\.bootlin\.com\/linux\/latest\/A\/ident\/add_cxl_resources\n {4}\(v6\.3\+ \(not pinned\) is not a release tag: the link is to Elixir's latest\n {4}release\)/);
  });

  it('keeps lore links whole, by Message-ID', () => {
    expect(foot).toMatch(/\n {4}https:\/\/lore\.kernel\.org\/r\/20260406220521\.GG2551565@ziepe\.ca\n/);
  });
});
