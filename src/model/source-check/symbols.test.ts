import { describe, expect, it } from 'vitest';
import { SOURCES } from '../sources';
import { asIdentifier, extractSymbols } from './symbols';

const names = (fn: string, file = 'mm/memory.c') => extractSymbols(fn, file).map((q) => (q.ok ? `${q.want}:${q.container ? `${q.container}.` : ''}${q.name}` : `bad:${q.text}`));

describe('extractSymbols', () => {
  it('takes the bare identifier of a call', () => {
    expect(names('dev_dax_kmem_probe()')).toEqual(['call:dev_dax_kmem_probe']);
    expect(names('__kvm_mmu_faultin_pfn()')).toEqual(['call:__kvm_mmu_faultin_pfn']);
  });
  it('splits several names and checks each', () => {
    expect(names('e820_type_to_string() / do_mark_busy()')).toEqual(['call:e820_type_to_string', 'call:do_mark_busy']);
    expect(names('mhp_default_online_type / online_policy')).toEqual(['any:mhp_default_online_type', 'any:online_policy']);
    expect(names('a(), b() and c')).toEqual(['call:a', 'call:b', 'any:c']);
  });
  it('says what kind to look for: a type, a member, a Kconfig symbol', () => {
    expect(names('struct kvm_page_fault')).toEqual(['type:kvm_page_fault']);
    expect(names('follow_pfnmap_args.addr_mask')).toEqual(['field:follow_pfnmap_args.addr_mask']);
    expect(names('struct vm_fault->pgoff')).toEqual(['field:vm_fault.pgoff']);
    expect(names('CONFIG_CXL_REGION')).toEqual(['config:CXL_REGION']);
    expect(names('ARCH_SUPPORTS_PMD_PFNMAP / ARCH_SUPPORTS_PUD_PFNMAP', 'mm/Kconfig')).toEqual(['config:ARCH_SUPPORTS_PMD_PFNMAP', 'config:ARCH_SUPPORTS_PUD_PFNMAP']);
  });
  it('reports text that is not an identifier instead of guessing', () => {
    const [q] = extractSymbols('host-nodes=N,policy=bind (mbind)', 'backends/hostmem.c');
    expect(q).toEqual({ ok: false, text: 'host-nodes=N,policy=bind (mbind)', reason: '"host-nodes=N,policy=bind (mbind)" is not a C identifier' });
    for (const hostile of ['foo.*bar()', 'a|b', '$(rm -rf /)', 'x\\b', '(?=x)', 'foo[0]', 'ünïcode()', '--output=/tmp/x']) {
      expect(extractSymbols(hostile, 'mm/memory.c').every((s) => !s.ok), hostile).toBe(true);
    }
  });
  it('gives every registered citation a query or a reason', () => {
    for (const [id, s] of Object.entries(SOURCES)) {
      if (s.kind !== 'upstream') continue;
      const qs = extractSymbols(s.fn, s.file);
      expect(qs.length, id).toBeGreaterThan(0);
      for (const q of qs) if (q.ok) expect(asIdentifier(q.name), id).toBe(q.name);
    }
  });
});

describe('asIdentifier', () => {
  it('accepts C identifiers only', () => {
    expect(asIdentifier('_a9')).toBe('_a9');
    for (const bad of ['', '9a', 'a-b', 'a b', 'a.b', 'a*', '.*', 'a\nb']) expect(asIdentifier(bad), bad).toBeNull();
  });
});
