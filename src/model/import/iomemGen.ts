/**
 * Synthetic but well-formed /proc/iomem text of a given size, for benchmarks and stress tests: System RAM blocks
 * with kernel children, PCI buses with devices, and one CXL window with a Soft Reserved accelerator range.
 */
export function generateIomem(lines: number): string {
  const out: string[] = [];
  let addr = 0x100000n;
  const hx = (v: bigint) => v.toString(16).padStart(8, '0');
  while (out.length < lines - 2) {
    const kind = out.length % 3;
    if (kind === 0) {
      const end = addr + 0xfffffn;
      out.push(`${hx(addr)}-${hx(end)} : System RAM`);
      if (out.length < lines - 2) out.push(`  ${hx(addr)}-${hx(addr + 0xfffn)} : Kernel data`);
      addr = end + 1n;
    } else {
      const end = addr + 0x3fffn;
      out.push(`${hx(addr)}-${hx(end)} : PCI Bus 0000:${(out.length % 256).toString(16).padStart(2, '0')}`);
      if (out.length < lines - 2) out.push(`  ${hx(addr)}-${hx(addr + 0xfffn)} : 0000:00:1f.${out.length % 8}`);
      addr = end + 1n;
    }
  }
  const win = addr > 0xc050000000n ? (addr + 0x3fffffffn) & ~0x3fffffffn : 0xc050000000n;
  out.push(`${hx(win)}-${hx(win + 0x3fffffffn)} : CXL Window 0`);
  out.push(`  ${hx(win)}-${hx(win + 0x3fffffffn)} : Soft Reserved`);
  return out.slice(0, lines).join('\n') + '\n';
}
