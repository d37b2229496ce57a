import { describe, expect, it } from 'vitest';
import { asIdentifier } from '../../model/source-check/symbols';
import { candidateFiles, couldDefine } from './candidates';

const n = asIdentifier('kvm_vma_is_cacheable')!;

describe('couldDefine', () => {
  it('keeps lines that may start a definition', () => {
    for (const l of ['static inline bool kvm_vma_is_cacheable(struct vm_area_struct *vma)', 'kvm_vma_is_cacheable(struct vm_area_struct *vma)', '#define kvm_vma_is_cacheable(v) 1', '\tkvm_vma_is_cacheable,', '\tbool kvm_vma_is_cacheable;', '\tint (*kvm_vma_is_cacheable)(void);', 'config kvm_vma_is_cacheable']) {
      expect(couldDefine(l, n), l).toBe(true);
    }
  });
  it('drops calls and uses inside a body', () => {
    for (const l of ['\treturn kvm_vma_is_cacheable(vma);', '\tif (!kvm_vma_is_cacheable(vma))', '\tx->kvm_vma_is_cacheable = 1;']) expect(couldDefine(l, n), l).toBe(false);
  });
});

describe('candidateFiles', () => {
  it('lists each file once, in order, with or without a revision prefix', () => {
    const out = ['abc123:arch/arm64/kvm/mmu.c:10:\treturn kvm_vma_is_cacheable(vma);', 'abc123:arch/arm64/include/asm/kvm_mmu.h:4:static inline bool kvm_vma_is_cacheable(struct vm_area_struct *vma)', 'abc123:arch/arm64/include/asm/kvm_mmu.h:9:#define kvm_vma_is_cacheable kvm_vma_is_cacheable', ''].join('\n');
    expect(candidateFiles(out, n, 'abc123')).toEqual(['arch/arm64/include/asm/kvm_mmu.h']);
    expect(candidateFiles('a.h:1:bool kvm_vma_is_cacheable;\nb.c:2:int x;\ngarbage\n', n, null)).toEqual(['a.h', 'b.c']);
  });
});
