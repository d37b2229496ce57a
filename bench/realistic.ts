/**
 * A realistic 100,000-line /proc/iomem for the parser benchmark (bench/parser.bench.ts): the root dumps in
 * tests/fixtures/samples/iomem replicated, each copy shifted into its own 2^40-byte slot so addresses keep increasing
 * (up to 13 hex digits), with a Thunderbolt-like chain of PCI bridges nested past MAX_IORES_LEVEL in every round so
 * the capped-depth path is exercised too. Deeper nesting, longer and more varied names than syntheticIomem().
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const SAMPLES = join(import.meta.dirname, '../tests/fixtures/samples/iomem');
const ROOT_DUMPS = [
  'laptop-x86-intel-tigerlake-icekit.iomem',
  'arm64-qemu-virt.iomem',
  'cxl-hmem0-softreserved-reparented-commit-67feaba413ec.iomem',
  'cxl-qemu-window-over-e820-reserved-lkml-gourry.iomem',
];
const LINE = /^( *)([0-9a-f]+)-([0-9a-f]+) : (.*)$/;

/** A dock behind a Thunderbolt port: bridges nested 8 deep (printed at the capped indent past depth 5), then a device. */
function thunderboltChain(): string[] {
  const out: string[] = [];
  const base = 0xe000000000n;
  for (let d = 0; d < 8; d++) {
    const ind = '  '.repeat(Math.min(d, 5));
    out.push(`${ind}${(base + BigInt(d) * 0x1000n).toString(16)}-${(base + 0xfffffffn - BigInt(d) * 0x1000n).toString(16)} : PCI Bus 0000:${(0x40 + d).toString(16)}`);
  }
  const ind = '  '.repeat(5);
  out.push(`${ind}${(base + 0x8000n).toString(16)}-${(base + 0xbfffn).toString(16)} : 0000:48:00.0`);
  out.push(`${ind}${(base + 0xc000n).toString(16)}-${(base + 0xcfffn).toString(16)} : 0000:48:00.1`);
  return out;
}

/** The root samples and the chain, each shifted into its own 2^40-byte slot, until `lines` lines. */
export function realisticIomem(lines: number): string {
  const pieces = [...ROOT_DUMPS.map((f) => readFileSync(join(SAMPLES, f), 'utf8').split('\n').filter((l) => l)), thunderboltChain()];
  const out: string[] = [];
  let slot = 0n;
  while (out.length < lines) {
    for (const piece of pieces) {
      const off = slot << 40n;
      slot++;
      for (const l of piece) {
        if (out.length === lines) break;
        const m = LINE.exec(l);
        if (!m) throw new Error(`not a resource line: ${l}`);
        const s = (BigInt(`0x${m[2]}`) + off).toString(16).padStart(8, '0');
        const e = (BigInt(`0x${m[3]}`) + off).toString(16).padStart(8, '0');
        out.push(`${m[1]}${s}-${e} : ${m[4]}`);
      }
    }
  }
  return out.join('\n') + '\n';
}
