/**
 * Which ranges of a user's /proc/iomem could be the accelerator's HDM: suggestions, ranked, each with the reason.
 */
import { formatSize, hex } from '../addr';
import type { SourceId } from '../source';
import { findPath, walk } from '../resource/tree';
import type { Resource } from '../resource/types';

export type CandidateKind = 'cxl-region' | 'soft-reserved' | 'reserved-in-window' | 'kmem' | 'dax' | 'cxl-window';

export interface Candidate {
  start: bigint;
  end: bigint; // inclusive
  name: string;
  path: string[];
  kind: CandidateKind;
  /** Higher is a better guess. */
  score: number;
  /** Why this range is suggested, and what it means for the designs. */
  reason: string;
  sources: SourceId[];
  /** 1-based line in the dump, when known. */
  line?: number;
  /** Other resources with exactly this range (a window, its region, dax device and kmem RAM often share one). */
  alsoNamed: string[];
}

export interface CandidateResult {
  candidates: Candidate[];
  /** The dump hides addresses (read without CAP_SYS_ADMIN): no range can be picked. */
  nonRoot: boolean;
  /** What the user should know about the dump as a whole. */
  message: string;
}

const RANK: Record<CandidateKind, number> = {
  'cxl-region': 60,
  'soft-reserved': 50,
  'reserved-in-window': 45,
  dax: 40,
  kmem: 35,
  'cxl-window': 20,
};

function underWindow(r: Resource): Resource | null {
  for (let p = r.parent; p; p = p.parent) if (/^CXL Window \d+$/.test(p.name ?? '')) return p;
  return null;
}

/**
 * Suggest accelerator ranges from a parsed tree: regions under CXL windows, Soft Reserved (EFI_MEMORY_SP), Reserved
 * under a CXL window, dax devices, System RAM (kmem) and the windows themselves, best first. The smallest range of a
 * nested same-range chain wins its place; duplicates by range keep the best-ranked kind.
 */
export function suggestCandidates(tree: Resource, opts: { nonRoot?: boolean; lineOf?: Map<Resource, number> } = {}): CandidateResult {
  if (opts.nonRoot) {
    return {
      candidates: [],
      nonRoot: true,
      message:
        'Every address in this dump is 0: /proc/iomem was read without CAP_SYS_ADMIN, so the kernel printed zeros. ' +
        'The names and nesting are real, the ranges are not. Read it as root (sudo cat /proc/iomem) to pick a range.',
    };
  }
  const byRange = new Map<string, Candidate>();
  walk(tree, (r) => {
    if (r === tree) return;
    const n = r.name ?? '';
    const win = underWindow(r);
    let kind: CandidateKind | null = null;
    let reason = '';
    let sources: SourceId[] = [];
    if (/^region\d+$/.test(n)) {
      kind = 'cxl-region';
      reason = win ? `CXL region inside ${win.name}: the decoded HDM range` : 'a CXL region (no CXL Window above it in this dump)';
      sources = ['cxl/construct_region'];
    } else if (n === 'Soft Reserved') {
      kind = 'soft-reserved';
      reason = win
        ? `EFI_MEMORY_SP range inside ${win.name}: the case reported in the thread where a Type-2 accelerator's HDM showed as Soft Reserved and its flow failed -EBUSY`
        : 'EFI_MEMORY_SP range: firmware set it aside for a driver (CXL/HMEM decide who owns it)';
      sources = win ? ['thread/alejandro-efi-reserved', 'fw/soft-reserve-deferral'] : ['fw/soft-reserve-deferral'];
    } else if ((n === 'Reserved' || n === 'reserved') && win) {
      kind = 'reserved-in-window';
      reason = `Reserved inside ${win.name}: firmware (e820/EFI) marked the HDM reserved`;
      sources = ['cxl/add_cxl_resources', 'thread/alejandro-efi-reserved'];
    } else if (/^dax\d+\.\d+$/.test(n)) {
      kind = 'dax';
      reason = 'a device-dax instance over device memory (dax/kmem requests it under this name before onlining)';
      sources = ['hp/kmem-probe'];
    } else if (/^System RAM \(kmem\)$/.test(n)) {
      kind = 'kmem';
      reason = 'device memory already onlined as System RAM by dax/kmem (what the hotplug design produces)';
      sources = ['hp/kmem-probe', 'hp/add_memory_driver_managed'];
    } else if (/^CXL Window \d+$/.test(n)) {
      kind = 'cxl-window';
      reason = 'a whole CXL fixed memory window (CFMWS); the HDM is usually a part of it';
      sources = ['cxl/add_cxl_resources'];
    }
    if (!kind) return;
    if (r.end < r.start) return;
    const size = r.end - r.start + 1n;
    let score = RANK[kind];
    if (win && kind !== 'cxl-window') score += 5;
    if ((r.start & 0xfffn) !== 0n || (size & 0xfffn) !== 0n) {
      score -= 30;
      reason += ' (not page aligned)';
    }
    const c: Candidate = {
      start: r.start, end: r.end, name: n, path: findPath(r), kind, score,
      reason: `${reason}; ${formatSize(size)} at 0x${hex(r.start)}`, sources, line: opts.lineOf?.get(r), alsoNamed: [],
    };
    const key = `${r.start}-${r.end}`;
    const prev = byRange.get(key);
    if (!prev) byRange.set(key, c);
    else if (prev.score < c.score) byRange.set(key, { ...c, alsoNamed: [...prev.alsoNamed, prev.name] });
    else prev.alsoNamed.push(n);
  });
  const candidates = [...byRange.values()].sort((a, b) => b.score - a.score || (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const message = candidates.length
    ? `${candidates.length} candidate range${candidates.length === 1 ? '' : 's'}; the first is the best guess`
    : 'No CXL window, region, Soft Reserved or dax range in this dump: type the accelerator range by hand (START-END in hex)';
  return { candidates, nonRoot: false, message };
}
