/** The slides the Export menu offers (kept apart from the builders, which load on first use). */
export type SlideKind = 'summary' | 'fault' | 'tree' | 'vma';

export const SLIDE_KINDS: { kind: SlideKind; name: string }[] = [
  { kind: 'summary', name: 'Summary (headline, matrix, notes)' },
  { kind: 'fault', name: 'KVM fault path' },
  { kind: 'tree', name: 'Resource tree' },
  { kind: 'vma', name: 'VMA' },
];
