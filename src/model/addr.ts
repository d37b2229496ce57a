/**
 * Branded address types. All addresses are bigint so values above 2^53 stay exact
 * and a GPA can never be drawn on the HPA axis by accident.
 */
declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

export type Hpa = Brand<bigint, 'Hpa'>;
export type Hva = Brand<bigint, 'Hva'>;
export type Gpa = Brand<bigint, 'Gpa'>;
export type Pfn = Brand<bigint, 'Pfn'>;

export const PAGE_SHIFT = 12n;
export const SZ_4K = 0x1000n;
export const SZ_2M = 0x20_0000n;
export const SZ_1G = 0x4000_0000n;

export const hpa = (v: bigint): Hpa => v as Hpa;
export const hva = (v: bigint): Hva => v as Hva;
export const gpa = (v: bigint): Gpa => v as Gpa;
export const pfn = (v: bigint): Pfn => v as Pfn;
export const hpaToPfn = (a: Hpa): Pfn => (a >> PAGE_SHIFT) as Pfn;
export const pfnToHpa = (p: Pfn): Hpa => (p << PAGE_SHIFT) as Hpa;

/** Lower-case hex without 0x, zero-padded to at least `width` digits (like printk's %0*llx). */
export function hex(v: bigint, width = 0): string {
  const s = v.toString(16);
  return s.length >= width ? s : '0'.repeat(width - s.length) + s;
}

/** "16 GiB", "2 MiB", "4 KiB"; exact for powers of two, one decimal otherwise. */
export function formatSize(bytes: bigint): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
  let u = 0;
  let v = bytes;
  while (u < units.length - 1 && v >= 1024n && v % 1024n === 0n) {
    v /= 1024n;
    u++;
  }
  if (v >= 1024n && u < units.length - 1) {
    let f = Number(v);
    while (f >= 1024 && u < units.length - 1) {
      f /= 1024;
      u++;
    }
    return `${f.toFixed(1)} ${units[u]}`;
  }
  return `${v} ${units[u]}`;
}
