/** What the panel holds: one parsed import per kind, with the text it came from. */
import { hex } from '../../model/addr';
import type { ParsedVma } from '../../model/import/maps';
import type { ImportKind, ImportResult } from '../../model/import/parseImport';

export type Parsed<K extends ImportKind> = Extract<ImportResult, { kind: K }>;

export interface Slot<K extends ImportKind> {
  name: string;
  /** Null when the text was too large to keep in storage and this slot was restored. */
  text: string | null;
  result: Parsed<K> | null;
  id: number;
}

export interface Slots {
  iomem?: Slot<'iomem'>;
  maps?: Slot<'maps'>;
  trace?: Slot<'trace'>;
  cxl?: Slot<'cxl'>;
  bundle?: Slot<'bundle'>;
}

export function vmaLabel(v: ParsedVma): string {
  return `${hex(v.start)}-${hex(v.end)} ${v.perms} ${v.path || '[anon]'}`;
}
