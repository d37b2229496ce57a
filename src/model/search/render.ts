/**
 * What-it-takes as plain text for a mail (every line ≤ 80 columns, sources as numbered footnotes) and as the JSON the
 * CLI prints: for each verdict exactly { id, status, needs: [[{ kind, id, label, status, sources, flag }]] }.
 */
import type { Verdict } from '../explain-types';
import { appliedHeadline } from '../patches/catalogue';
import { formatConfig } from '../scenario';
import { DESIGN_LABEL, WIDTH, footnoteLines, wrap } from '../text/render';
import { checkFlags } from './flags';
import type { ChangeItem } from './items';
import type { SearchResult, VerdictNeeds } from './search';
import { MAX_SET } from './search';
import { VERDICT_LABEL } from './labels';
import { exportStamp } from '../version';

export interface NeedsJson {
  id: VerdictNeeds['id'];
  status: Verdict['status'];
  needs: { kind: ChangeItem['kind']; id: string; label: string; status: ChangeItem['status']; sources: string[]; flag: string }[][];
}

export function searchJson(r: SearchResult): NeedsJson[] {
  return r.verdicts.map((v) => ({
    id: v.id,
    status: v.status,
    needs: v.needs.map((set) => set.map(({ kind, id, label, status, sources, flag }) => ({ kind, id, label, status, sources: [...sources], flag }))),
  }));
}

const ICON: Record<Verdict['status'], string> = { good: '[ok]', bad: '[!!]', partial: '[~~]', 'n/a': '[--]' };

/** How many sets per verdict the text form lists (the JSON lists all). */
export const TEXT_SETS = 5;

export function renderSearchText(r: SearchResult): string {
  const p = r.platform;
  const out: string[] = [];
  const order: string[] = [];
  const ref = (ids: readonly string[]) => {
    const nums = ids.map((id) => (order.includes(id) ? order.indexOf(id) : order.push(id) - 1) + 1);
    return nums.length ? ` [${[...new Set(nums)].join(',')}]` : '';
  };
  out.push(`What would it take: ${DESIGN_LABEL[r.design]} on ${p.arch === 'x86_64' ? 'x86-64' : 'arm64'}`);
  out.push(...wrap(exportStamp()));
  for (const l of appliedHeadline(p)) out.push(...wrap(l.trim(), WIDTH, '    ', /^ /.test(l) ? '  ' : ''));
  const facts = [`firmware=${p.firmware}`, `kernel=${p.kernel}`, `region=${p.region}`, ...(p.arch === 'x86_64' ? [`vendor=${p.vendor}`] : [`fwb=${p.fwb ? 'on' : 'off'}`, `dic=${p.dic ? 'on' : 'off'}`]), formatConfig(p.config), `online=${p.onlinePolicy}`, `huge_fault=${p.hugeFault ? 'on' : 'off'}`];
  out.push(...wrap(facts.join(' '), WIDTH, '          ', 'platform: '));
  out.push(...wrap(`Smallest sets of up to ${MAX_SET} changes that make a verdict good without making another worse (good > partial > bad = n/a); a config change or a newer release first, then platform facts, posted changes, hypothetical ones.`, WIDTH));
  out.push('');
  for (const v of r.verdicts) {
    const head = `${ICON[v.status]} ${VERDICT_LABEL[v.id]} (${v.status})`;
    if (v.status === 'good') {
      out.push(`${head}: good already`);
      continue;
    }
    if (v.needs.length === 0) {
      out.push(...wrap(`${head}: ${v.why ?? 'nothing found'}`, WIDTH, '     ', ''));
      continue;
    }
    out.push(`${head}: ${v.needs.length} set${v.needs.length > 1 ? 's' : ''} of ${v.needs[0]!.length}`);
    v.needs.slice(0, TEXT_SETS).forEach((set, k) => {
      out.push(...wrap(set.map((i) => i.flag).join(' '), WIDTH, '       ', `  ${k + 1}. `));
      for (const i of set) out.push(...wrap(`${i.label} (${i.status})${ref(i.sources)}`, WIDTH, '         ', '       - '));
    });
    if (v.needs.length > TEXT_SETS) out.push(`     … and ${v.needs.length - TEXT_SETS} more (--format json lists all)`);
  }
  const first = r.verdicts.find((v) => v.status !== 'good' && v.needs.length > 0);
  if (first) {
    out.push('', 'Check a set by running explain with it, e.g.:');
    out.push(...wrap(`npm run --silent cli -- explain ${checkFlags({ design: r.design, platform: p }, first.needs[0]!).join(' ')}`, WIDTH, '    ', '  '));
  }
  out.push('', ...wrap(`Searched ${r.evaluated} derivations in ${r.ms} ms.`, WIDTH));
  if (order.length > 0) out.push('', ...footnoteLines(order));
  return out.join('\n') + '\n';
}
