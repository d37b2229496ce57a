import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMaps } from '../maps';
import { decodeVfioOffset } from './vfio';

const S = join(__dirname, '../../../../tests/fixtures/samples/smaps');
const read = (f: string) => readFileSync(join(S, f), 'utf8');

describe('VFIO offsets read against the mapping size and the device file\'s other mappings', () => {
  it('0xd0000000 alone fits both readings: "ambiguous", with both', () => {
    const d = decodeVfioOffset(0xd0000000n, 0x4000n);
    expect(d.kind).toBe('ambiguous');
    expect(d.region).toEqual({ index: 0, name: 'BAR0', offset: 0xd0000000n });
    expect(d.physical).toBe(0xd0000000n);
    expect(d.note).toMatch(/^ambiguous: 0xd0000000 reads as region 0 \(BAR0\) \+ 0xd0000000 .* or as a BAR at host physical 0xd0000000/);
  });

  it('the same offset reads as a region when the device file\'s other mappings use the region encoding', () => {
    const text = [
      '7f2ad4108000-7f2ad410c000 rw-s 00000000 00:0f 3091 anon_inode:[vfio-device]',
      '7f2ad4200000-7f2ad4204000 rw-s d0000000 00:0f 3091 anon_inode:[vfio-device]',
      '7f2ad4300000-7f2ad4304000 rw-s d0000000 00:0f 4000 anon_inode:[vfio-device]',
    ].join('\n');
    const r = parseMaps(text);
    expect(r.vmas.map((v) => v.vfioOffset?.kind)).toEqual(['region-index', 'region-index', 'ambiguous']);
  });

  it('a region reading that would run past its region, or an index past any region, is physical', () => {
    expect(decodeVfioOffset(0xfffffff000n, 0x2000n).kind).toBe('physical');
    expect(decodeVfioOffset(0x43a000000000n, 128n << 30n)).toMatchObject({ kind: 'physical', region: null, physical: 0x43a000000000n });
  });

  it('an offset inside the first megabyte is no BAR: the region reading', () => {
    expect(decodeVfioOffset(0x2000n, 0x1000n)).toMatchObject({ kind: 'region-index', regionIndex: 0, regionOffset: 0x2000n, physical: null });
  });

  it('the real samples: index << 40 on a newer kernel; physical BARs of seven H100s in pmap -X', () => {
    expect(parseMaps(read('qemu-vfio-maps-offset-encodes-region-index-martins3.maps')).vmas.map((v) => [v.vfioOffset?.kind, v.vfioOffset?.regionIndex])).toEqual([
      ['region-index', 0], ['region-index', 4], ['region-index', 1],
    ]);
    const pmap = parseMaps(read('qemu-kata-7xH100-vfio-pmap-X-hugepages-1G.txt')).vmas.filter((v) => v.vfio);
    expect(new Set(pmap.map((v) => v.vfioOffset?.kind))).toEqual(new Set(['physical']));
  });

  it('a maps line wrapped before its path is rejoined: the VFIO mapping is VFIO again, not "[anon]"', () => {
    const text = '7f2ad4110000-7f2ad4114000 rw-s 40000000000 00:0f 3091\nanon_inode:[vfio-device]\n';
    const r = parseMaps(text);
    expect(r.errors).toEqual([]);
    expect(r.vmas[0]).toMatchObject({ path: 'anon_inode:[vfio-device]', vfio: true });
    expect(r.repairs).toEqual([{ line: 2, column: 1, message: 'a wrapped line: rejoined with line 1' }]);
  });
});
