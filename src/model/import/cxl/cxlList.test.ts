/**
 * `cxl list` output from cxl-cli's own documentation (pmem/ndctl Documentation/cxl/cxl-list.txt), real hardware and
 * QEMU machines posted to the lists (tests/fixtures/samples/SOURCES.md), read into one topology whatever the options.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIomem } from '../../resource/iomem';
import { parseCxlList } from './cxlList';
import { parseJson } from './json';
import { tieToIomem } from './tie';

const S = join(__dirname, '../../../../tests/fixtures/samples');
const read = (p: string) => readFileSync(join(S, p), 'utf8');

describe('parseJson', () => {
  it('keeps numbers past 2^53 exact and locates every value', () => {
    const r = parseJson('[\n  {"serial":12208648699093770240, "a": [true, null, "x\\"y"]}\n]');
    expect(r.ok && r.value.t === 'arr' && r.value.items[0]).toMatchObject({ t: 'obj', line: 2, column: 3, entries: [['serial', { t: 'num', raw: '12208648699093770240' }], ['a', { t: 'arr' }]] });
  });
  it.each([
    ['{"a":1,}', 1, 8, 'a comma before "}"'],
    ['[1,\n2,\n]', 3, 1, 'a comma before "]"'],
    ['{\n  "a":1\n  "b":2\n}', 3, 3, 'a comma is missing before it'],
    ['{"a":\n...\n}', 2, 1, 'an elision ("...")'],
    ['{"a": tru}', 1, 7, 'expected a value'],
    ['{"a": "b\n"}', 1, 7, 'does not end on its line'],
    ['[' .repeat(600), 1, 513, 'nested deeper than 512'],
  ])('%j: a located error (line %i, column %i)', (text, line, column, msg) => {
    const r = parseJson(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect([r.error.line, r.error.column]).toEqual([line, column]);
      expect(r.error.message).toContain(msg);
    }
  });
  it('never throws and agrees with JSON.parse on valid JSON (numbers compared as written)', () => {
    fc.assert(
      fc.property(fc.json(), (j) => {
        const r = parseJson(j);
        expect(r.ok).toBe(true);
      }),
      { numRuns: 300 },
    );
    fc.assert(fc.property(fc.string(), (s) => void parseJson(s)), { numRuns: 500 });
  });
});

describe('cxl list in every shape', () => {
  it('real hardware: a 128 GiB expander and its committed region9, serial past 2^53 kept exact (Steve Scargall)', () => {
    const r = parseCxlList(read('cxl-list/hw-128GiB-expander-memdev-region9-blog-scargall.json'));
    expect(r.errors).toEqual([]);
    expect(r.topology.memdevs).toMatchObject([{ name: 'mem0', host: '0000:b4:00.0', ramSize: 137438953472n, serial: 12208648699093770240n, numaNode: 1 }]);
    expect(r.topology.regions).toMatchObject([{ name: 'region9', range: { start: 0x6be80000000n, size: 128n << 30n, approximate: false }, type: 'ram', decodeState: 'commit' }]);
    expect(r.region).toEqual({ state: 'committed', reason: 'region9: decode_state "commit"' });
    expect(r.suggestions[0]).toMatchObject({ from: 'region9', start: 0x6be80000000n, end: 0x6de7fffffffn });
  });

  it('-RXu: one bare object, "0x…" resource, human sizes (approximate), a dax region in system-ram mode', () => {
    const r = parseCxlList(read('cxl-list/ndctl-doc-list-RXu-region-daxregion.json'));
    expect(r.topology.regions).toMatchObject([{ name: 'region4', range: { start: 0xf010000000n, size: 512n << 20n, approximate: true }, dax: [{ name: 'dax4.0', mode: 'system-ram' }] }]);
  });

  it('-vvvv from a QEMU with three host bridges, quoted in a reply: bus, ports, endpoints, memdevs and decoders with their parents', () => {
    const r = parseCxlList(read('cxl-list/qemu-3hostbridges-vvvv-quoted-lkml-gourry.txt'));
    expect(r.errors).toEqual([]);
    const t = r.topology;
    expect(t.buses).toEqual([{ name: 'root0', provider: 'ACPI.CXL', line: 5 }]);
    expect(t.ports.map((p) => [p.name, p.parent, p.host])).toEqual([['port1', 'root0', 'pci0000:e6'], ['port3', 'root0', 'pci0000:34'], ['port2', 'root0', 'pci0000:bf']]);
    expect(t.endpoints.map((e) => [e.name, e.parent, e.memdev])).toEqual([['endpoint5', 'port1', 'mem1'], ['endpoint4', 'port3', 'mem0'], ['endpoint6', 'port2', 'mem2']]);
    expect(t.memdevs.map((m) => [m.name, m.parent, m.host])).toEqual([['mem1', 'endpoint5', '0000:e7:00.0'], ['mem0', 'endpoint4', '0000:35:00.0'], ['mem2', 'endpoint6', '0000:c0:00.0']]);
    const roots = t.decoders.filter((d) => d.kind === 'root');
    expect(roots.map((d) => [d.name, d.range?.start, d.capable.accelmem])).toEqual([['decoder0.0', 0x590000000n, true], ['decoder0.1', 0x690000000n, true], ['decoder0.2', 0x790000000n, true]]);
    expect(t.decoders.filter((d) => d.kind === 'endpoint').every((d) => d.disabled)).toBe(true);
    // No region anywhere in a -vvvv listing: none exists, but the listing does not say so outright.
    expect(r.region).toBeNull();
    expect(r.suggestions.map((s) => s.from)).toEqual(['decoder0.0', 'decoder0.1', 'decoder0.2']);
  });

  it('a transcript of two `cxl create-region` runs: both regions, prompts and kernel messages left out', () => {
    const r = parseCxlList(read('cxl-list/qemu-create-region-ram-transcript-lkml-gourry.txt'));
    expect(r.documents).toBe(2);
    expect(r.topology.regions.map((x) => [x.name, x.range?.start, x.mappings[0]?.memdev])).toEqual([['region2', 0x790000000n, 'mem0'], ['region1', 0x690000000n, 'mem1']]);
    expect(r.notes.at(-1)!.message).toMatch(/^25 lines outside the JSON left out/);
  });

  it('invalid JSON is a located error: the documentation\'s trailing comma, a reply\'s "..." elisions', () => {
    expect(parseCxlList(read('cxl-list/ndctl-doc-list-A-alert-config.invalid-json.txt')).errors).toEqual([
      { line: 26, column: 3, message: 'invalid JSON: a comma before "}": JSON allows no trailing comma — remove it' },
    ]);
    const z = parseCxlList(read('cxl-list/zen4-vvvvv-elided-lkml-gourry.invalid-json.txt'));
    expect(z.errors).toEqual([{ line: 9, column: 1, message: 'invalid JSON: an elision ("...") in the JSON: paste the whole output of cxl list' }]);
    expect(z.objectCount).toBe(0);
  });

  it('each decoder and region range tied to its /proc/iomem resource', () => {
    const cxl = parseCxlList(read('cxl-list/qemu-3hostbridges-vvvv-quoted-lkml-gourry.txt'));
    const iomem = parseIomem(read('iomem/cxl-qemu-window-over-e820-reserved-lkml-gourry.iomem'));
    const ties = tieToIomem(cxl.topology, iomem.tree, iomem.lineOf);
    expect(ties.map((t) => [t.object, t.match, t.resources.map((r) => r.name)])).toEqual([
      ['decoder0.0', 'exact', ['CXL Window 0', 'Reserved']],
      ['decoder0.1', 'absent', []],
      ['decoder0.2', 'absent', []],
    ]);
    expect(ties[0]!.resources[0]).toMatchObject({ path: ['CXL Window 0'], line: 1 });
  });

  it('a --human size ties by its start, and the exact end comes from /proc/iomem', () => {
    const cxl = parseCxlList(read('cxl-list/ndctl-doc-list-RXu-region-daxregion.json'));
    const iomem = parseIomem('f000000000-f7ffffffff : CXL Window 1\n  f010000000-f02fffffff : region4\n    f010000000-f02fffffff : dax4.0\n');
    const [t] = tieToIomem(cxl.topology, iomem.tree);
    expect(t).toMatchObject({ object: 'region4', match: 'exact', end: 0xf02fffffffn, approximate: true });
    expect(t!.resources.map((r) => r.name)).toEqual(['region4', 'dax4.0']);
  });

  it('a 20 MB listing parses in linear time', () => {
    const one = '  {\n    "memdev":"mem0",\n    "ram_size":268435456,\n    "serial":0,\n    "host":"0000:35:00.0"\n  },\n';
    const text = '[\n' + one.repeat(Math.ceil((20 * 1024 * 1024) / one.length)) + '  {"memdev":"last"}\n]\n';
    const t0 = performance.now();
    const r = parseCxlList(text);
    expect(r.errors).toEqual([]);
    expect(performance.now() - t0).toBeLessThan(20_000);
  });
});
