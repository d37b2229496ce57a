import { describe, expect, it } from 'vitest';
import { compareExplanations } from '../../model/compare';
import { explain } from '../../model/explain';
import { DEFAULT_PLATFORM } from '../../model/scenario';
import { compareWords } from './compareWords';

const words = (a: Parameters<typeof explain>[0], b: Parameters<typeof explain>[0]) => {
  const ea = explain(a);
  const eb = explain(b);
  return compareWords(ea, eb, compareExplanations(ea, eb));
};
const IDS = /guest-cacheable|exclusive-ownership|huge-mappings|live-migration|device-reset|firmware-ram|struct-pages|upstream-status/;

describe('compareWords', () => {
  it('names the designs and the verdicts, never their ids', () => {
    const w = words({ design: 'vfio-owned', platform: DEFAULT_PLATFORM }, { design: 'hotplug', platform: DEFAULT_PLATFORM });
    expect(w.title).toBe('VFIO-owned vs Memory hotplug');
    expect(w.verdicts.map((v) => v.label)).toContain('Guest sees cacheable memory');
    expect(JSON.stringify({ ...w, verdicts: w.verdicts.map(({ label, a, b }) => ({ label, a, b })) })).not.toMatch(IDS);
    expect(w.results).toBe('VFIO-owned ends in EPT 2M UC (not cacheable); Memory hotplug ends in EPT 2M WB+IPAT (cacheable).');
  });

  it('says what each platform has that the other lacks', () => {
    const w = words({ design: 'vfio-owned', platform: DEFAULT_PLATFORM }, { design: 'vfio-owned', platform: { ...DEFAULT_PLATFORM, kernel: '6.12' } });
    expect(w.nameA).toBe('VFIO-owned (kernel v7.1)');
    expect(w.nameB).toBe('VFIO-owned (kernel v6.12)');
  });

  it('says when a design never reaches KVM', () => {
    const ram = { ...DEFAULT_PLATFORM, firmware: 'conventional' as const };
    const w = words({ design: 'vfio-owned', platform: ram }, { design: 'memremap', platform: ram });
    expect(w.path).toMatch(/^VFIO-owned never reaches KVM; memremap \(v2\) takes \d+ steps\.$/);
    expect(w.results).toMatch(/VFIO-owned ends in -EBUSY/);
  });

  it('says when nothing differs', () => {
    const w = words({ design: 'vfio-owned', platform: DEFAULT_PLATFORM }, { design: 'vfio-owned', platform: DEFAULT_PLATFORM });
    expect(w.path).toMatch(/^Both fault paths take the same \d+ steps and end in the same entry\.$/);
    expect(w.verdicts).toEqual([]);
  });
});
