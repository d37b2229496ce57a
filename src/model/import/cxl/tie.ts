/**
 * Each decoder and region range of a `cxl list`, tied to the /proc/iomem resource that is it: a root decoder is a
 * "CXL Window N" (cxl_acpi's add_cxl_resources() names each CFMWS window), a region is the "regionN" the region driver
 * inserts under it (construct_region()), an endpoint or switch decoder decodes (part of) a region's range.
 */
import { walk, findPath } from '../../resource/tree';
import type { Resource } from '../../resource/types';
import type { CxlRange, CxlTopology } from './topology';
import type { CxlSuggestion } from './cxlList';

export interface CxlTieResource {
  name: string | null;
  /** Names from the root of /proc/iomem. */
  path: string[];
  start: bigint;
  end: bigint;
  /** 1-based line in the pasted /proc/iomem, when known. */
  line?: number;
}

export interface CxlTie {
  /** "decoder0.0", "region9" */
  object: string;
  kind: 'root decoder' | 'switch decoder' | 'endpoint decoder' | 'decoder' | 'region';
  start: bigint;
  end: bigint;
  /** --human rounded the size: only the start is compared. */
  approximate: boolean;
  /** 'exact': resources with this very range; 'inside': the smallest resource holding it; 'absent': none. */
  match: 'exact' | 'inside' | 'absent';
  resources: CxlTieResource[];
}

/** Tie every ranged decoder and region to /proc/iomem. Linear in the tree plus the objects. */
export function tieToIomem(t: CxlTopology, tree: Resource, lineOf?: Map<Resource, number>): CxlTie[] {
  const byStart = new Map<bigint, Resource[]>();
  const all: Resource[] = [];
  walk(tree, (r) => {
    if (r === tree) return;
    all.push(r);
    const l = byStart.get(r.start);
    if (l) l.push(r);
    else byStart.set(r.start, [r]);
  });
  const info = (r: Resource): CxlTieResource => ({ name: r.name, path: findPath(r), start: r.start, end: r.end, ...(lineOf?.has(r) ? { line: lineOf.get(r)! } : {}) });
  const tie = (object: string, kind: CxlTie['kind'], range: CxlRange): CxlTie => {
    const end = range.start + range.size - 1n;
    const exact = (byStart.get(range.start) ?? []).filter((r) => range.approximate || r.end === end);
    if (exact.length > 0) {
      // --human: of the resources at this start, the largest is the window or region the rounded size stands for.
      const pick = range.approximate ? [exact.reduce((a, b) => (b.end > a.end ? b : a))] : exact;
      const e = range.approximate ? pick[0]!.end : end;
      return { object, kind, start: range.start, end: e, approximate: range.approximate, match: 'exact', resources: range.approximate ? exact.filter((r) => r.end === e).map(info) : pick.map(info) };
    }
    let inside: Resource | null = null;
    for (const r of all) if (r.start <= range.start && r.end >= end && (!inside || r.end - r.start < inside.end - inside.start)) inside = r;
    return { object, kind, start: range.start, end, approximate: range.approximate, match: inside ? 'inside' : 'absent', resources: inside ? [info(inside)] : [] };
  };
  const out: CxlTie[] = [];
  for (const d of t.decoders) if (d.range) out.push(tie(d.name, d.kind ? (`${d.kind} decoder` as CxlTie['kind']) : 'decoder', d.range));
  for (const r of t.regions) if (r.range) out.push(tie(r.name, 'region', r.range));
  return out;
}

/** Suggestions with their ends taken from /proc/iomem where --human rounded the size and the start matches. */
export function refineSuggestions(s: readonly CxlSuggestion[], ties: readonly CxlTie[]): CxlSuggestion[] {
  return s.map((x) => {
    const t = ties.find((y) => y.object === x.from && y.match === 'exact');
    return t && x.approximate ? { ...x, end: t.end, approximate: false } : x;
  });
}
