/**
 * PNG text chunks (tEXt, PNG spec §11.3.4.3): keyword and Latin-1 text, inserted right after IHDR so any reader finds
 * them before the image data. Pure bytes in, bytes out; exports use it to record which tool and model made an image.
 */
const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

let table: Uint32Array | null = null;
function crc32(bytes: Uint8Array): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (const b of bytes) c = table[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Latin-1 bytes; a character outside it becomes "?" (tEXt cannot hold it). */
function latin1(s: string): number[] {
  return [...s].map((ch) => {
    const c = ch.codePointAt(0)!;
    return c < 256 ? c : 63;
  });
}

function textChunk(keyword: string, text: string): Uint8Array {
  if (!/^[\x20-\x7e]{1,79}$/.test(keyword) || keyword !== keyword.trim()) throw new Error(`bad PNG keyword "${keyword}"`);
  const data = [...latin1(keyword), 0, ...latin1(text)];
  const chunk = new Uint8Array(12 + data.length);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, data.length);
  chunk.set([116, 69, 88, 116], 4); // "tEXt"
  chunk.set(data, 8);
  view.setUint32(8 + data.length, crc32(chunk.subarray(4, 8 + data.length)));
  return chunk;
}

/** `png` with a tEXt chunk for each [keyword, text] after its IHDR. Throws if `png` is not a PNG. */
export function withPngText(png: Uint8Array, entries: readonly [keyword: string, text: string][]): Uint8Array<ArrayBuffer> {
  if (png.length < 33 || SIGNATURE.some((b, i) => png[i] !== b) || String.fromCharCode(...png.subarray(12, 16)) !== 'IHDR') {
    throw new Error('not a PNG');
  }
  const ihdrEnd = 8 + 12 + new DataView(png.buffer, png.byteOffset).getUint32(8);
  const chunks = entries.map(([k, t]) => textChunk(k, t));
  const out = new Uint8Array(png.length + chunks.reduce((n, c) => n + c.length, 0));
  out.set(png.subarray(0, ihdrEnd), 0);
  let at = ihdrEnd;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  out.set(png.subarray(ihdrEnd), at);
  return out;
}

/** Every tEXt chunk of `png`, in order (for tests and for reading an exported image back). */
export function readPngText(png: Uint8Array): [string, string][] {
  const out: [string, string][] = [];
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  for (let at = 8; at + 12 <= png.length; ) {
    const len = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    if (type === 'tEXt') {
      const data = png.subarray(at + 8, at + 8 + len);
      const nul = data.indexOf(0);
      out.push([String.fromCharCode(...data.subarray(0, nul)), String.fromCharCode(...data.subarray(nul + 1))]);
    }
    if (type === 'IEND') break;
    at += 12 + len;
  }
  return out;
}
