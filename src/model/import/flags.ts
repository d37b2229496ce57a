/**
 * Compare the VmFlags a user's smaps shows with the flags the model expects for a design's VMA.
 */
import type { VmaModel } from '../explain-types';

export type FlagStatus = 'match' | 'missing' | 'unexpected';

export interface FlagComparison {
  mnemonic: string;
  /** Kernel flag name when the model knows it (from the expected list). */
  name: string | null;
  status: FlagStatus;
  /** The model marks this flag's mnemonic unverified (e.g. "??" for VM_ALLOW_ANY_UNCACHED). */
  verified: boolean;
}

/** smaps mnemonics whose presence depends on the kernel config or the fd/mount rather than on the design. */
const INCIDENTAL = new Set(['sd', 'me', 'ac', 'hg', 'nh', 'mg', 'dd', 'ar']);

export interface VmaComparison {
  flags: FlagComparison[];
  /** Every expected flag seen and no design-relevant extra: the smaps line reads as the model predicts. */
  matches: boolean;
  summary: string;
}

/**
 * Per-flag comparison: expected flags first (match / missing), then observed flags the model does not expect.
 * Mnemonics that vary with config (sd soft-dirty, me, ac, hg/nh, mg, dd, ar) never make `matches` false when only observed.
 */
export function compareVmFlags(observed: readonly string[], expected: Pick<VmaModel, 'flags' | 'kind'>): VmaComparison {
  const seen = new Set(observed);
  const out: FlagComparison[] = [];
  const expectedMn = new Set<string>();
  for (const f of expected.flags) {
    expectedMn.add(f.mnemonic);
    out.push({ mnemonic: f.mnemonic, name: f.name, status: seen.has(f.mnemonic) ? 'match' : 'missing', verified: f.verified });
  }
  for (const m of observed) {
    if (!expectedMn.has(m)) out.push({ mnemonic: m, name: null, status: 'unexpected', verified: true });
  }
  const missing = out.filter((c) => c.status === 'missing');
  const extra = out.filter((c) => c.status === 'unexpected' && !INCIDENTAL.has(c.mnemonic));
  const matches = expected.kind !== 'none' && missing.length === 0 && extra.length === 0;
  const parts: string[] = [];
  if (expected.kind === 'none') parts.push('the design makes no such mapping');
  if (missing.length) parts.push(`missing ${missing.map((c) => c.mnemonic).join(' ')}`);
  if (extra.length) parts.push(`not expected ${extra.map((c) => c.mnemonic).join(' ')}`);
  return { flags: out, matches, summary: matches ? 'reads as the model predicts' : parts.join('; ') };
}
