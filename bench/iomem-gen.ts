/**
 * Generated /proc/iomem texts for the benchmarks (no real dump of 1,000+ lines is in tests/fixtures/samples).
 *
 * - `syntheticIomem(lines)`: the parser's stress shape — flat pairs (a top-level entry and one child), names cycling.
 * - `serverIomem(lines)`: shaped like a two-socket x86 server with CXL, as real dumps of such machines look: low
 *   firmware entries, System RAM with the kernel's children, ACPI and MMCONFIG, one "PCI Bus 0000:NN" root window per
 *   root port with bridges three levels deep and BARs claimed by drivers (nvme, mlx5_core, ioatdma, ahci…), the APIC
 *   and HPET area, then high RAM and CXL windows with region → dax → System RAM (kmem), and one Type-2 accelerator
 *   window ("CXL Window 3" → Soft Reserved) that the import's range candidates should find. Deterministic; exactly
 *   `lines` lines; parses without errors.
 */

const h = (n: bigint) => n.toString(16).padStart(8, '0');

export function syntheticIomem(lines: number): string {
  const out: string[] = [];
  let addr = 0x1000n;
  const names = ['System RAM', 'Reserved', 'PCI Bus 0000:00', 'ACPI Tables', 'CXL Window 0', 'region0', 'dax0.0', 'System RAM (kmem)'];
  while (out.length < lines) {
    const size = 0x100000n;
    out.push(`${h(addr)}-${h(addr + size - 1n)} : ${names[out.length % names.length]}`);
    if (out.length < lines) out.push(`  ${h(addr)}-${h(addr + 0xfffffn)} : child ${out.length}`);
    addr += size + 0x1000n;
  }
  return out.join('\n') + '\n';
}

const DRIVERS = ['nvme', 'mlx5_core', 'ioatdma', 'ahci', 'xhci-hcd', 'i40e', 'megasas: LSI', 'mpt3sas', 'ixgbe', 'lpfc'];

export function serverIomem(lines: number): string {
  const out: string[] = [];
  const line = (depth: number, s: bigint, e: bigint, name: string) => out.push(`${'  '.repeat(Math.min(depth, 5))}${h(s)}-${h(e)} : ${name}`);
  /** Rows of (depth, start, end, name), printed in order. */
  type Row = [number, bigint, bigint, string];
  const print = (rows: Row[]) => {
    for (const [d, st, en, n] of rows) line(d, st, en, n);
  };
  // Low memory and firmware.
  const low: Row[] = [
    [0, 0x0n, 0xfffn, 'Reserved'],
    [0, 0x1000n, 0x9ffffn, 'System RAM'],
    [0, 0xa0000n, 0xfffffn, 'Reserved'],
    [1, 0xa0000n, 0xbffffn, 'PCI Bus 0000:00'],
    [1, 0xc0000n, 0xc7fffn, 'Video ROM'],
    [1, 0xf0000n, 0xfffffn, 'System ROM'],
    [0, 0x100000n, 0x5b7b9fffn, 'System RAM'],
    [1, 0x28000000n, 0x37ffffffn, 'Crash kernel'],
    [0, 0x5b7ba000n, 0x5bb93fffn, 'ACPI Non-volatile Storage'],
    [0, 0x5bb94000n, 0x694abfffn, 'System RAM'],
    [0, 0x694ac000n, 0x6c1a2fffn, 'Reserved'],
    [0, 0x6c1a3000n, 0x6c5b9fffn, 'ACPI Tables'],
    [0, 0x6c5ba000n, 0x6fffffffn, 'Reserved'],
    [0, 0x70000000n, 0x7fffffffn, 'Reserved'],
    [1, 0x70000000n, 0x7fffffffn, 'PCI MMCONFIG 0000 [bus 00-ff]'],
  ];
  print(low);
  // The tail that must fit: APIC/HPET area, high RAM with the kernel, CXL windows.
  const tail: Row[] = [
    [0, 0xfec00000n, 0xfecfffffn, 'PNP0003:00'],
    [1, 0xfec00000n, 0xfec003ffn, 'IOAPIC 0'],
    [1, 0xfec01000n, 0xfec013ffn, 'IOAPIC 1'],
    [0, 0xfed00000n, 0xfed003ffn, 'HPET 0'],
    [1, 0xfed00000n, 0xfed003ffn, 'PNP0103:00'],
    [0, 0xfee00000n, 0xfeefffffn, 'pnp 00:01'],
    [1, 0xfee00000n, 0xfee00fffn, 'Local APIC'],
    [0, 0xff000000n, 0xffffffffn, 'Reserved'],
    [0, 0x100000000n, 0x603fffffffn, 'System RAM'],
    [1, 0x2879000000n, 0x2879c031d0n, 'Kernel code'],
    [1, 0x2879c031d1n, 0x287a39ac7fn, 'Kernel data'],
    [1, 0x287a974000n, 0x287adfffffn, 'Kernel bss'],
  ];
  for (let w = 0; w < 3; w++) {
    const s = 0x6040000000n + BigInt(w) * 0x2000000000n;
    const e = s + 0x1fffffffffn;
    tail.push([0, s, e, `CXL Window ${w}`], [1, s, e, `region${w}`], [2, s, e, `dax${w}.0`], [3, s, e, 'System RAM (kmem)']);
  }
  tail.push([0, 0xc050000000n, 0xc44fffffffn, 'CXL Window 3'], [1, 0xc050000000n, 0xc44fffffffn, 'Soft Reserved']);
  // PCI root windows between 0x80000000 and 0xfbffffff: fill with buses → bridges → devices → driver claims.
  const budget = lines - out.length - tail.length;
  let addr = 0x80000000n;
  let bus = 0;
  let written = 0;
  let dev = 0;
  // Window sizes shrink (powers of two) so that any number of lines fits between 2 GiB and the APIC area.
  const buses = BigInt(Math.ceil(budget / 29));
  let windowSize = 0x800000n;
  while (windowSize > 0x2000n && windowSize * buses > 0xfc000000n - 0x80000000n) windowSize /= 2n;
  const portSize = windowSize / 8n;
  const bar = portSize / 16n;
  while (written < budget) {
    const busName = bus.toString(16).padStart(2, '0');
    line(0, addr, addr + windowSize - 1n, `PCI Bus 0000:${busName}`);
    written++;
    let a = addr;
    for (let port = 0; port < 4 && written < budget; port++) {
      const sub = ((bus + port + 1) & 0xff).toString(16).padStart(2, '0');
      line(1, a, a + portSize - 1n, `PCI Bus 0000:${sub}`);
      written++;
      let b = a;
      for (let fn = 0; fn < 3 && written < budget; fn++) {
        const bdf = `0000:${sub}:00.${fn}`;
        line(2, b, b + bar - 1n, bdf);
        written++;
        if (written < budget) {
          line(3, b, b + bar - 1n, DRIVERS[dev++ % DRIVERS.length]!);
          written++;
        }
        b += bar;
      }
      a += portSize;
    }
    addr += windowSize;
    bus = (bus + 5) & 0xff;
    if (addr >= 0xfc000000n) throw new Error(`serverIomem: ${lines} lines do not fit below the APIC area`);
  }
  print(tail);
  return out.join('\n') + '\n';
}
