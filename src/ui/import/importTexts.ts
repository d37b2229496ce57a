/** The imported texts the panel can hand back as files (ImportNotices' download buttons). */
import { KINDS, type SlotKind } from './importMerge';
import type { StoredImports } from './importStorage';

export interface ImportText {
  kind: SlotKind;
  name: string;
  text: string;
}

/** The texts a stored record holds. */
export function storedTexts(v: StoredImports): ImportText[] {
  const out: ImportText[] = [];
  for (const kind of KINDS) {
    const s = v[kind];
    if (s?.text) out.push({ kind, name: s.name, text: s.text });
  }
  return out;
}

type TextSlots = Partial<Record<SlotKind, { name: string; text: string | null } | undefined>>;

/** The texts on the page: each slot's imported text, else what storage held for it. */
export function textsOf(slots: TextSlots, kept: StoredImports): ImportText[] {
  const out: ImportText[] = [];
  for (const kind of KINDS) {
    const s = slots[kind]?.text ? slots[kind] : kept[kind];
    if (s?.text) out.push({ kind, name: s.name, text: s.text });
  }
  return out;
}
