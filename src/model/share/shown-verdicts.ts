/**
 * The verdicts a share link showed, carried in the link (key "vd") so that opening it under a newer model can say
 * which verdict has changed since: which design, which verdict, then → now.
 *
 * The verdicts are those of the verdict matrix for the link's platform on the built-in tree (an imported
 * /proc/iomem is not in a link, so the recipient could not see verdicts derived from it). The value names the
 * verdicts it lists, then one row per design, so a verdict or a design added, removed or reordered later is read
 * correctly:
 *
 *   vd=gc.eo.hm.lm.dr.fr.sp.us~hp.gbpgbbnn~pn.gppgbgnb~mr.bpbpgbnp~vo.bgppggnp~ng.bppppgbg
 *
 * Verdict and design codes are fixed forever (a Record over VerdictId and DesignId, so a new one will not compile
 * until it has a code); statuses are g(ood), b(ad), p(artial), n (n/a).
 */
import type { Verdict, VerdictId } from '../explain-types';
import type { DesignId } from '../scenario';
import { DESIGNS } from '../scenario';

export const VERDICT_CODES: Record<VerdictId, string> = {
  'guest-cacheable': 'gc',
  'exclusive-ownership': 'eo',
  'huge-mappings': 'hm',
  'live-migration': 'lm',
  'device-reset': 'dr',
  'firmware-ram': 'fr',
  'struct-pages': 'sp',
  aliases: 'al',
  'upstream-status': 'us',
};

export const DESIGN_CODES: Record<DesignId, string> = {
  hotplug: 'hp',
  'private-node': 'pn',
  memremap: 'mr',
  'vfio-owned': 'vo',
  'nvgrace-gpu': 'ng',
};

type Status = Verdict['status'];
const STATUS_CODES: Record<Status, string> = { good: 'g', bad: 'b', partial: 'p', 'n/a': 'n' };

/** Verdict statuses by design and verdict id, as a link carries them (only what it could read). */
export type ShownVerdicts = Partial<Record<DesignId, Partial<Record<VerdictId, Status>>>>;

const invert = <K extends string>(r: Record<K, string>): Map<string, K> => new Map(Object.entries(r).map(([k, v]) => [v as string, k as K]));
const BY_VERDICT_CODE = invert(VERDICT_CODES);
const BY_DESIGN_CODE = invert(DESIGN_CODES);
const BY_STATUS_CODE = invert(STATUS_CODES);

/** The "vd" value for the verdicts of every design (the verdict matrix). */
export function encodeShownVerdicts(all: Partial<Record<DesignId, { verdicts: readonly Verdict[] }>>): string {
  const ids: VerdictId[] = [];
  for (const d of DESIGNS) for (const v of all[d]?.verdicts ?? []) if (!ids.includes(v.id)) ids.push(v.id);
  const rows = DESIGNS.filter((d) => all[d]).map((d) => {
    const status = new Map(all[d]!.verdicts.map((v) => [v.id, v.status]));
    return `${DESIGN_CODES[d]}.${ids.map((id) => { const s = status.get(id); return s ? STATUS_CODES[s] : '-'; }).join('')}`;
  });
  return [ids.map((id) => VERDICT_CODES[id]).join('.'), ...rows].join('~');
}

/**
 * Read a "vd" value. Codes this model does not know (a verdict or design added by a newer one, or since removed) are
 * skipped; "-" means the verdict was not shown for that design. Throws on a malformed value.
 */
export function decodeShownVerdicts(value: string): ShownVerdicts {
  if (value.length > 400 || !/^[a-z]{2}(\.[a-z]{2})*(~[a-z]{2}\.[gbpn-]+)*$/.test(value)) throw new Error('malformed');
  const [head, ...rows] = value.split('~');
  const codes = head!.split('.');
  const out: ShownVerdicts = {};
  for (const row of rows) {
    const [dc, statuses] = row.split('.') as [string, string];
    if (statuses.length !== codes.length) throw new Error(`row ${dc} has ${statuses.length} verdicts, the list ${codes.length}`);
    const design = BY_DESIGN_CODE.get(dc);
    if (!design) continue;
    const shown: Partial<Record<VerdictId, Status>> = {};
    codes.forEach((c, i) => {
      const id = BY_VERDICT_CODE.get(c);
      const s = BY_STATUS_CODE.get(statuses[i]!);
      if (id && s) shown[id] = s;
    });
    out[design] = shown;
  }
  return out;
}

export interface VerdictChange {
  design: DesignId;
  verdict: VerdictId;
  /** The verdict's label in this model. */
  label: string;
  then: Status;
  now: Status;
}

/** The verdicts a link showed that read differently now (in matrix order). */
export function verdictChanges(shown: ShownVerdicts, now: Partial<Record<DesignId, { verdicts: readonly Verdict[] }>>): VerdictChange[] {
  const out: VerdictChange[] = [];
  for (const d of DESIGNS) {
    const then = shown[d];
    if (!then) continue;
    for (const v of now[d]?.verdicts ?? []) {
      const was = then[v.id];
      if (was !== undefined && was !== v.status) out.push({ design: d, verdict: v.id, label: v.label, then: was, now: v.status });
    }
  }
  return out;
}

/**
 * What to tell the person who opened the link, or null when nothing it showed has changed. `designLabel` names a
 * design as the page does.
 */
export function describeVerdictChanges(
  changes: readonly VerdictChange[],
  madeWith: { version: string | null; modelDate: string | null },
  current: { version: string; modelDate: string },
  designLabel: (d: DesignId) => string,
): string | null {
  if (changes.length === 0) return null;
  const made = madeWith.modelDate ? `the model of ${madeWith.modelDate}${madeWith.version ? ` (hdm-atlas ${madeWith.version})` : ''}` : 'an older model';
  const list = changes.map((c) => `${designLabel(c.design)}, ${c.label}: ${c.then} → ${c.now}`).join('; ');
  const n = changes.length === 1 ? 'one verdict it showed has' : `${changes.length} verdicts it showed have`;
  return `This link was made with ${made}; this is the model of ${current.modelDate} (hdm-atlas ${current.version}), and ${n} changed since: ${list}. CHANGELOG.md says which kernel facts moved and why.`;
}
