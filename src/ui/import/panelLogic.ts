/** Pure helpers of the import panel: whether a range fits a dump, and the platform patch a bundle proves. */
import type { BundleResult } from '../../model/import/bundle/bundle';
import { parseRange, rangeOutsideDump } from '../../model/import/range';
import type { Platform } from '../../model/scenario';
import type { Parsed } from './slots';

/** Why a range cannot run on a dump (it does not parse, or lies outside it), or null. */
export function rangeProblem(tree: Parsed<'iomem'>['iomem'], text: string): string | null {
  const r = parseRange(text);
  if (!r.ok) return `column ${r.column}: ${r.message}`;
  if (tree.nonRoot) return 'this dump hides its addresses (read without CAP_SYS_ADMIN)';
  return rangeOutsideDump(tree.tree, r.start, r.end);
}

/** The platform patch of a bundle's detected facts. */
export function factsPatch(b: BundleResult, current: Platform): Partial<Platform> {
  const patch: Partial<Platform> = {};
  const config = { ...current.config };
  for (const d of b.facts.detected) {
    if (d.key.startsWith('config.')) (config as unknown as Record<string, string>)[d.key.slice(7)] = d.value;
    else (patch as Record<string, unknown>)[d.key] = b.facts.platform[d.key as Exclude<keyof Platform, 'config'>];
  }
  if (b.facts.detected.some((d) => d.key.startsWith('config.'))) patch.config = config;
  return patch;
}

