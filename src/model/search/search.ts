/**
 * What would it take: for each verdict of one design on one platform that is not good, the smallest sets of changes
 * (candidateItems(): platform facts and catalogue changes) that make it good without making any other verdict worse,
 * in the order good > partial > bad = n/a. Not good > partial > n/a > bad: when a design fails to set up, every
 * verdict about the mapping is n/a ("no mapping"), and a change that makes it work turns them into real answers,
 * often bad ones (a reset still stops the VM); ranking n/a above bad would call that worse and hide exactly the
 * change that makes the design work (a region committed at boot needs the no-dax patch). An unanswered question is
 * no better than a bad answer, and losing a good or partial one to n/a is worse. Breadth-first by set size up to
 * MAX_SET; each verdict stops at the first
 * size that has solutions, so every set reported is minimal: no part of it alone would do.
 *
 * Speed comes from pruning that cannot lose a solution (track.ts): a set that adds a change to a smaller set whose
 * derivation never read the fact that change sets derives exactly what the smaller set derives, so it is skipped
 * for that verdict unless the smaller set already made it good (then only the other verdicts could differ). The
 * same argument bounds "no other verdict worse": a verdict at the bottom of the order cannot get worse, and one whose
 * derivation on the scenario read none of the facts a set changes derives the same with it, so only the rest are
 * derived for a set that works (the worst case went from about 700 to about 300 ms, cold, on this machine).
 * Verdicts that cannot be good for the design at all (verdicts/ceiling.ts), or that read no platform fact, are not
 * searched: the result says why.
 */
import { deriveCore, type DeriveOptions } from '../derive';
import type { Verdict, VerdictId } from '../explain-types';
import { layoutError, resolveLayout, type ExplainOptions } from '../explain';
import type { DesignId, Platform, Scenario } from '../scenario';
import { fieldOf, trackPlatform } from '../track';
import { ceilings } from '../verdicts/ceiling';
import { VERDICT_IDS, deriveVerdict, deriveVerdicts } from '../verdicts/derive';
import { runSteps, type Steps } from '../import/steps';
import { candidateItems, type ChangeItem } from './items';

export const MAX_SET = 3;

/** Higher is better; "worse" means a lower value than before. */
export const STATUS_ORDER: Record<Verdict['status'], number> = { good: 2, partial: 1, bad: 0, 'n/a': 0 };

export interface VerdictNeeds {
  id: VerdictId;
  status: Verdict['status'];
  /** The smallest sets, best first; [[]] when the verdict is good already; [] when nothing within MAX_SET works. */
  needs: ChangeItem[][];
  /** Why there is no set: the verdict cannot be good, nothing bears on it, or nothing within MAX_SET changes works. */
  why?: string;
}

export interface SearchResult {
  design: DesignId;
  platform: Platform;
  verdicts: VerdictNeeds[];
  /** Derivations actually run (a set's verdict skipped by pruning is not counted), and the wall time. */
  evaluated: number;
  ms: number;
}

interface Eval {
  status: Verdict['status'];
  /** The facts the derivation read, as a bit set over the candidate items' fields (readMask()). */
  reads: number;
}

/**
 * Bit i of a read mask is set when the derivation read the fact item field i sets; a read of a whole object
 * ("config", "patches") sets every field under it. Fields no item sets are not tracked: no pruning needs them.
 */
function maskOf(fields: string[]): (reads: ReadonlySet<string>) => number {
  const bit = new Map(fields.map((f, i) => [f, 1 << i]));
  const whole = new Map<string, number>();
  for (const [f, b] of bit) if (fieldOf(f) !== f) whole.set(fieldOf(f), (whole.get(fieldOf(f)) ?? 0) | b);
  return (reads) => {
    let m = 0;
    for (const r of reads) m |= (bit.get(r) ?? 0) | (whole.get(r) ?? 0);
    return m;
  };
}

/** Best first: by the worst step a set needs, then the next worst…, then fewer steps in all, then the flags. */
function compareSets(a: ChangeItem[], b: ChangeItem[]): number {
  const ra = a.map((i) => i.rank).sort((x, y) => y - x);
  const rb = b.map((i) => i.rank).sort((x, y) => y - x);
  for (let i = 0; i < Math.min(ra.length, rb.length); i++) if (ra[i] !== rb[i]) return ra[i]! - rb[i]!;
  if (ra.length !== rb.length) return ra.length - rb.length;
  const fa = a.map((i) => i.flag).join(' ');
  const fb = b.map((i) => i.flag).join(' ');
  return fa < fb ? -1 : fa > fb ? 1 : 0;
}

/** Run the search for one scenario. Pure; options as explain() takes them (an imported tree, a range). */
export function whatItTakes(s: Scenario, opts: ExplainOptions = {}): SearchResult {
  return runSteps(whatItTakesSteps(s, opts));
}

/**
 * The search as steps (import/steps.ts): it yields the fraction done after each set it tries, so the page can run it
 * a slice at a time between frames when no worker can (src/workers/searchClient.ts). The fraction is by set size:
 * each size is an equal share, and the search often ends before the last.
 */
export function* whatItTakesSteps(s: Scenario, opts: ExplainOptions = {}): Steps<SearchResult> {
  const t0 = Date.now();
  const layout = resolveLayout(opts);
  const bad = layoutError(layout);
  if (bad) throw new RangeError(bad);
  const { range: _range, ...rest } = opts;
  void _range;
  const dopts: DeriveOptions = { ...rest, layout };
  const base = s.platform;
  let evaluated = 0;

  const evalVerdict = (id: VerdictId, p: Platform): Eval => {
    evaluated++;
    const reads = new Set<string>();
    const sc = { design: s.design, platform: trackPlatform(p, reads) };
    const status = deriveVerdict(id, sc, () => deriveCore(sc, dopts), dopts).status;
    return { status, reads: readMask(reads) };
  };
  const allStatuses = (p: Platform): Map<VerdictId, Verdict['status']> => {
    const sc = { design: s.design, platform: p };
    return new Map(deriveVerdicts(sc, deriveCore(sc, dopts), dopts).map((v) => [v.id, v.status]));
  };

  const baseAll = allStatuses(base);
  const items = candidateItems(base, s.design);
  const fields = [...new Set(items.map((i) => i.field))];
  if (fields.length > 31) throw new Error('search: more item fields than a read mask holds');
  const readMask = maskOf(fields);
  const itemBit = items.map((i) => 1 << fields.indexOf(i.field));
  const ceil = ceilings(s.design, layout);
  const result = new Map<VerdictId, VerdictNeeds>();
  let info = new Map<string, Map<VerdictId, Eval>>([['', new Map()]]);
  let targets: VerdictId[] = [];
  for (const id of VERDICT_IDS) {
    const status = baseAll.get(id)!;
    const ceiling = ceil[id];
    if (status === 'good') result.set(id, { id, status, needs: [[]] });
    else if (ceiling) result.set(id, { id, status, needs: [], why: ceiling.why });
    else {
      const e = evalVerdict(id, base);
      if (e.reads === 0) result.set(id, { id, status, needs: [], why: 'no platform fact or kernel change bears on it: it follows from the design alone' });
      else {
        info.get('')!.set(id, e);
        targets.push(id);
      }
    }
  }

  yield 0;
  // "No other verdict worse" only concerns the verdicts above the bottom of the order (good or partial now), and of
  // those only the ones whose derivation read a fact the set changes: the others derive as they do now.
  const guarded = VERDICT_IDS.filter((v) => STATUS_ORDER[baseAll.get(v)!] > 0).map((v) => ({ v, reads: (info.get('')!.get(v) ?? evalVerdict(v, base)).reads }));
  const noWorse = new Map<string, boolean>();
  const keeps = (key: string, p: Platform, changed: number, mine: Map<VerdictId, Eval>): boolean => {
    let ok = noWorse.get(key);
    if (ok === undefined) {
      ok = true;
      for (const { v, reads } of guarded) {
        if ((reads & changed) === 0) continue;
        const status = mine.get(v)?.status ?? (evaluated++, deriveVerdict(v, { design: s.design, platform: p }, () => deriveCore({ design: s.design, platform: p }, dopts), dopts).status);
        if (STATUS_ORDER[status] < STATUS_ORDER[baseAll.get(v)!]) {
          ok = false;
          break;
        }
      }
      noWorse.set(key, ok);
    }
    return ok;
  };

  let combos: number[][] = [[]];
  for (let k = 1; k <= MAX_SET && targets.length > 0; k++) {
    const next: number[][] = [];
    for (const c of combos) {
      for (let j = (c.at(-1) ?? -1) + 1; j < items.length; j++) {
        if (c.some((i) => items[i]!.field === items[j]!.field)) continue;
        next.push([...c, j]);
      }
    }
    const nextInfo = new Map<string, Map<VerdictId, Eval>>();
    const found = new Map<VerdictId, ChangeItem[][]>();
    for (let ci = 0; ci < next.length; ci++) {
      yield (k - 1 + ci / next.length) / MAX_SET;
      const combo = next[ci]!;
      const key = combo.join(',');
      const mine = new Map<VerdictId, Eval>();
      nextInfo.set(key, mine);
      const subs = combo.map((_, x) => info.get(combo.filter((_, y) => y !== x).join(',')));
      let platform: Platform | null = null;
      for (const v of targets) {
        // The same derivation as a smaller set whose run never read what the added change sets: reuse it.
        let same: Eval | undefined;
        for (let x = 0; x < combo.length && !same; x++) {
          const sub = subs[x]?.get(v);
          if (sub && sub.status !== 'good' && (sub.reads & itemBit[combo[x]!]!) === 0) same = sub;
        }
        if (same) {
          mine.set(v, same);
          continue;
        }
        platform ??= combo.reduce((p, i) => items[i]!.apply(p), base);
        const e = evalVerdict(v, platform);
        mine.set(v, e);
        if (e.status === 'good' && keeps(key, platform, combo.reduce((m, i) => m | itemBit[i]!, 0), mine)) found.set(v, [...(found.get(v) ?? []), combo.map((i) => items[i]!)]);
      }
    }
    for (const [v, sets] of found) result.set(v, { id: v, status: baseAll.get(v)!, needs: sets.sort(compareSets) });
    targets = targets.filter((v) => !found.has(v));
    info = nextInfo;
    combos = next;
  }
  for (const v of targets) result.set(v, { id: v, status: baseAll.get(v)!, needs: [], why: `nothing within ${MAX_SET} changes makes it good without making another verdict worse` });
  return { design: s.design, platform: base, verdicts: VERDICT_IDS.map((id) => result.get(id)!), evaluated, ms: Date.now() - t0 };
}
