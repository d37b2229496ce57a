/**
 * What a derivation needs to know of a source: that it is registered, and whether it is verified. Read from the
 * generated index (sources/verified.ts), so the model runs without the registry's citations; the page loads those
 * after first paint (source-registry.ts), the CLI, the text renderer and the tests import the registry directly.
 */
import type { SourceId } from './source';
import { SOURCE_VERIFIED } from './sources/verified';

export function isRegisteredSource(id: SourceId): boolean {
  return Object.hasOwn(SOURCE_VERIFIED, id);
}

/** Whether source `id` is verified; throws for an id that is not registered (as getSource() does). */
export function isVerifiedSource(id: SourceId): boolean {
  const v = SOURCE_VERIFIED[id];
  if (v === undefined) throw new Error(`unknown source id: ${id}`);
  return v;
}
