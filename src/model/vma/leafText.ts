/**
 * What a page-table leaf is, in words, for every view: a special entry (mm takes no reference) and what the pfn
 * behind it is — no struct page, buddy RAM, a ZONE_DEVICE page, or a reserved memmap entry — or a refcounted page.
 */
import type { PageTableLeaf } from '../explain-types';

const PFN_PAGE: Record<PageTableLeaf['pfnPage'], string> = {
  none: 'no struct page',
  buddy: 'the pfn is buddy RAM with a struct page, which the mapping does not reference',
  'zone-device': 'the pfn has a ZONE_DEVICE struct page, which the mapping does not reference',
  reserved: 'the pfn has a reserved memmap entry (NOMAP), never a buddy page',
};

export function leafWhat(l: PageTableLeaf): string {
  if (l.special) return `special: ${PFN_PAGE[l.pfnPage]}`;
  return `struct page, node ${l.page?.node ?? '?'}, ${l.page?.zone ?? 'no zone'}`;
}
