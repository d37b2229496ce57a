/**
 * What the panel keeps in storage: each slot's text (when small enough), the picked range and VMA. A slot filled from
 * a bundle (no text of its own) comes back with the bundle, and the range with it. Each slot's savedAt is left empty:
 * ImportStore (importStore.ts) stamps it when the slot changes, so two tabs merge slot by slot.
 */
import type { ImportKind } from '../../model/import/parseImport';
import { storableText, type StoredImports } from './importStorage';
import { vmaLabel, type Slot, type Slots } from './slots';

export function persistValue(slots: Slots, range: string | null, vmaLine: number | null, kept: StoredImports): StoredImports {
  const now = '';
  const v: StoredImports = { version: 1 };
  const own = <K extends ImportKind>(x: Slot<K> | undefined): (Slot<K> & { text: string }) | null => (x && x.text !== null ? (x as Slot<K> & { text: string }) : null);
  const vma = slots.maps?.result?.maps.vmas.find((x) => x.line === vmaLine) ?? null;
  if (slots.bundle) {
    v.bundle = { name: slots.bundle.name, text: slots.bundle.text && storableText(slots.bundle.text), savedAt: now, range: own(slots.iomem) ? null : range };
  } else if (kept.bundle) v.bundle = kept.bundle;
  const iomem = own(slots.iomem);
  if (iomem) v.iomem = { name: iomem.name, text: storableText(iomem.text), savedAt: now, range };
  else if (!slots.iomem && kept.iomem) v.iomem = kept.iomem;
  const maps = own(slots.maps);
  if (maps) {
    const t = storableText(maps.text);
    v.maps = {
      name: maps.name, text: t, savedAt: now, vmaLine,
      vmFlags: !t && vma?.vmFlags ? { label: vmaLabel(vma).slice(0, 300), mnemonics: vma.vmFlags.slice(0, 64) } : null,
    };
  } else if (!slots.maps && kept.maps) v.maps = kept.maps;
  const trace = own(slots.trace);
  if (trace) {
    const t = storableText(trace.text);
    v.trace = { name: trace.name, text: t, savedAt: now, functions: t ? null : trace.result?.trace.functions.slice(0, 5000).map((f) => f.name.slice(0, 200)) ?? null };
  } else if (!slots.trace && kept.trace) v.trace = kept.trace;
  const cxl = own(slots.cxl);
  if (cxl) v.cxl = { name: cxl.name, text: storableText(cxl.text), savedAt: now };
  else if (!slots.cxl && kept.cxl) v.cxl = kept.cxl;
  return v;
}
