import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { versionLine } from '../../model/version';
import { readPngText, withPngText } from './pngText';
import { pngProvenance, stampPng } from './stamp';

// A real 1×1 PNG (what canvas.toBlob gives, in small).
const PNG_1x1 = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'));

function chunks(png: Uint8Array): { type: string; data: Buffer; crcOk: boolean }[] {
  const b = Buffer.from(png);
  const out = [];
  for (let at = 8; at < b.length; ) {
    const len = b.readUInt32BE(at);
    const type = b.toString('latin1', at + 4, at + 8);
    const crcOk = b.readUInt32BE(at + 8 + len) === crc32(b.subarray(at + 4, at + 8 + len));
    out.push({ type, data: b.subarray(at + 8, at + 8 + len), crcOk });
    at += 12 + len;
  }
  return out;
}

describe('PNG text chunks', () => {
  it('inserts tEXt chunks after IHDR with valid CRCs, leaving the image data as it was', () => {
    const out = withPngText(PNG_1x1, pngProvenance('HDM Atlas: vfio-owned', 'https://example.org/hdm-atlas/#v=3&d=hotplug'));
    const cs = chunks(out);
    expect(cs.map((c) => c.type)).toEqual(['IHDR', 'tEXt', 'tEXt', 'tEXt', 'IDAT', 'IEND']);
    expect(cs.every((c) => c.crcOk)).toBe(true);
    const idat = (p: Uint8Array) => inflateSync(chunks(p).find((c) => c.type === 'IDAT')!.data);
    expect(idat(out).equals(idat(PNG_1x1))).toBe(true);
    expect(readPngText(out)).toEqual([
      ['Title', 'HDM Atlas: vfio-owned'],
      ['Software', versionLine()],
      ['Comment', 'https://example.org/hdm-atlas/#v=3&d=hotplug'],
    ]);
  });

  it('stamps a PNG blob', async () => {
    const blob = await stampPng(new Blob([PNG_1x1], { type: 'image/png' }), 'title');
    expect(blob.type).toBe('image/png');
    expect(readPngText(new Uint8Array(await blob.arrayBuffer()))).toEqual([['Title', 'title'], ['Software', versionLine()]]);
  });

  it('refuses what is not a PNG and keywords PNG does not allow', () => {
    expect(() => withPngText(new Uint8Array([1, 2, 3]), [])).toThrow(/not a PNG/);
    expect(() => withPngText(PNG_1x1, [[' Software', 'x']])).toThrow(/keyword/);
    expect(readPngText(withPngText(PNG_1x1, [['Comment', 'a → b']]))).toEqual([['Comment', 'a ? b']]);
  });
});
