import { describe, expect, it } from 'vitest';
import { explainAll } from '../explain';
import type { Explanation, Verdict } from '../explain-types';
import { DEFAULT_PLATFORM, DESIGNS, type DesignId } from '../scenario';
import { DESIGN_LABEL } from '../text/render';
import { DESIGN_CODES, VERDICT_CODES, decodeShownVerdicts, describeVerdictChanges, encodeShownVerdicts, verdictChanges } from './shown-verdicts';

const all = explainAll(DEFAULT_PLATFORM);
/** `all` with one verdict's status replaced, as a different model would derive it. */
function withStatus(design: DesignId, id: Verdict['id'], status: Verdict['status']): Record<DesignId, Explanation> {
  return { ...all, [design]: { ...all[design], verdicts: all[design].verdicts.map((v) => (v.id === id ? { ...v, status } : v)) } };
}

describe('verdicts carried by a share link', () => {
  it('codes are unique and short', () => {
    for (const codes of [Object.values(VERDICT_CODES), Object.values(DESIGN_CODES)]) {
      expect(new Set(codes).size).toBe(codes.length);
      for (const c of codes) expect(c).toMatch(/^[a-z]{2}$/);
    }
  });

  it('round-trips the verdict matrix of a platform in under 100 characters', () => {
    const vd = encodeShownVerdicts(all);
    expect(vd.length).toBeLessThan(100);
    const shown = decodeShownVerdicts(vd);
    for (const d of DESIGNS) for (const v of all[d].verdicts) expect(shown[d]?.[v.id]).toBe(v.status);
    expect(verdictChanges(shown, all)).toEqual([]);
  });

  it('reads a value from another model: unknown verdicts and designs are skipped, "-" is not shown', () => {
    const shown = decodeShownVerdicts('zz.gc.eo~hp.bgb~qq.ggg~vo.g-p');
    expect(shown).toEqual({ hotplug: { 'guest-cacheable': 'good', 'exclusive-ownership': 'bad' }, 'vfio-owned': { 'exclusive-ownership': 'partial' } });
  });

  it.each(['', 'gc~hp.gg', 'gc.eo~hp.g', 'GC~hp.g', 'gc~hp.x', 'gc~~hp.g', 'gc.'.repeat(200) + 'gc'])('rejects %j', (v) => {
    expect(() => decodeShownVerdicts(v)).toThrow();
  });

  it('names each verdict that changed: which design, which verdict, then → now', () => {
    const then = decodeShownVerdicts(encodeShownVerdicts(withStatus('vfio-owned', 'guest-cacheable', 'partial')));
    const changes = verdictChanges(then, all);
    const now = all['vfio-owned'].verdicts.find((v) => v.id === 'guest-cacheable')!;
    expect(changes).toEqual([{ design: 'vfio-owned', verdict: 'guest-cacheable', label: now.label, then: 'partial', now: now.status }]);
    const msg = describeVerdictChanges(changes, { version: '0.0.9', modelDate: '2026-11-24' }, { version: '0.1.0', modelDate: '2026-12-06' }, (d) => DESIGN_LABEL[d]);
    expect(msg).toBe(
      `This link was made with the model of 2026-11-24 (hdm-atlas 0.0.9); this is the model of 2026-12-06 (hdm-atlas 0.1.0), and one verdict it showed has changed since: VFIO-owned, ${now.label}: partial → ${now.status}. CHANGELOG.md says which kernel facts moved and why.`,
    );
    expect(describeVerdictChanges([], { version: null, modelDate: null }, { version: '0.1.0', modelDate: '2026-12-06' }, (d) => d)).toBeNull();
  });
});
