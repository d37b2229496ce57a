/**
 * A whole number with thousands separators ("1,024"), as `toLocaleString('en-US')` prints it, without Intl: the first
 * Intl call of a page loads ICU's number data, which took 30–50 ms in Chromium here and landed in the frame that
 * draws an import's result.
 */
export function count(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const sign = n < 0 ? '-' : '';
  const digits = String(Math.trunc(Math.abs(n)));
  if (digits.includes('e')) return sign + digits;
  let out = '';
  for (let i = digits.length; i > 0; i -= 3) out = digits.slice(Math.max(0, i - 3), i) + (out ? ',' + out : '');
  return sign + out;
}
