import { SOURCE_VERIFIED } from './verified';
import { describe, expect, it } from 'vitest';
import { SOURCE_NOTES } from './notes';
import { getSource, SOURCES } from './index';

/** Registry entries re-read against a stored kernel copy during the truth audit carry the commit that was read. */
describe('source registry: commits of the copies the fault-path facts were checked against', () => {
  const at = (ids: string[], file: string, commit: string) => {
    for (const id of ids) {
      const s = getSource(id);
      expect(s.kind, id).toBe('upstream');
      if (s.kind !== 'upstream') continue;
      expect(s.file, id).toBe(file);
      expect(s.commit, id).toBe(commit);
      expect(s.verified, id).toBe(true);
    }
  };

  it('x86 mmu.c functions @ 6422060a (tip of kvm-x86-mmu-6.19)', () => {
    at(
      [
        'x86/kvm_mmu_page_fault', 'x86/kvm_tdp_page_fault', 'x86/kvm_tdp_mmu_page_fault', 'x86/direct_page_fault',
        'x86/kvm_mmu_faultin_pfn', 'x86/__kvm_mmu_faultin_pfn', 'x86/kvm_handle_error_pfn', 'x86/kvm_mmu_hugepage_adjust',
        'x86/kvm_mmu_max_mapping_level', 'x86/host_pfn_mapping_level', 'x86/dirty-log-4k',
      ],
      'arch/x86/kvm/mmu/mmu.c',
      '6422060a',
    );
  });

  it('virt/kvm/kvm_main.c functions @ 50efc234 (v6.19)', () => {
    at(
      ['kvm/__kvm_faultin_pfn', 'kvm/hva_to_pfn', 'kvm/hva_to_pfn_fast', 'kvm/hva_to_pfn_slow', 'kvm/hva_to_pfn_remapped', 'kvm/refcounted_page', 'kvm/unsafe-pin', 'kvm/reset-efault'],
      'virt/kvm/kvm_main.c',
      '50efc234',
    );
  });

  it('kvm_tdp_mmu_map() no longer calls tdp_mmu_map_handle_target_level() an unverified name', () => {
    const s = getSource('x86/kvm_tdp_mmu_map');
    expect(s.kind === 'upstream' && SOURCE_NOTES['x86/kvm_tdp_mmu_map']).toMatch(/tdp_mmu_map_handle_target_level\(\)/);
    expect(s.kind === 'upstream' && SOURCE_NOTES['x86/kvm_tdp_mmu_map']).not.toMatch(/unverified/);
  });

  it('arm64 dirty logging cites kvm_s2_resolve_vma_size(), where v7.1 @ fb9888fd tests memslot_is_logging()', () => {
    expect(getSource('a64/dirty-4k')).toMatchObject({ kind: 'upstream', file: 'arch/arm64/kvm/mmu.c', fn: 'kvm_s2_resolve_vma_size()', commit: 'fb9888fd' });
  });

  it('the Normal-NC / VM_ALLOW_ANY_UNCACHED version is v6.9, cited by the VFIO v6.9-rc1 pull, not an unverified "around v6.8"', () => {
    const s = getSource('a64/normal-nc-version');
    expect(s).toMatchObject({ kind: 'patch', messageId: '20240314170157.0a6bdd52.alex.williamson@redhat.com', verified: true });
    expect(s.kind === 'patch' && SOURCE_NOTES['a64/normal-nc-version']).toMatch(/v6\.9/);
    expect(JSON.stringify(s)).not.toMatch(/v6\.8/);
  });

  it('kvm_mmu_do_page_fault() is checked at the copy read (v6.8-era mmu_internal.h @ 89ea60c2) and the graph no longer marks it', () => {
    at(['x86/kvm_mmu_do_page_fault'], 'arch/x86/kvm/mmu/mmu_internal.h', '89ea60c2');
    expect(getSource('x86/kvm_mmu_do_page_fault')).toMatchObject({ version: 'v6.8' });
    expect(SOURCE_NOTES['x86/kvm_mmu_do_page_fault']).toMatch(/retpoline/);
  });

  it('arm64 PMD-only huge pfnmap rests on mm/Kconfig (no THP PUD on arm64), not on a "selects only PMD_PFNMAP" that arm64 does not do (Kconfig read only as quoted in mails, so unverified)', () => {
    const s = getSource('vma/arm64-pmd-pfnmap-only');
    expect(s).toMatchObject({ kind: 'upstream', file: 'mm/Kconfig', verified: false });
    expect(s.kind === 'upstream' && SOURCE_NOTES['vma/arm64-pmd-pfnmap-only']).toMatch(/HAVE_ARCH_TRANSPARENT_HUGEPAGE_PUD/);
  });

  it('the Type-2 no-dax rule cites the posted patch by Message-ID and does not claim it is merged', () => {
    const s = getSource('cxl/type2-no-dax');
    expect(s).toMatchObject({ kind: 'patch', messageId: '20251110153657.2706192-20-alejandro.lucero-palau@amd.com', verified: true });
    expect(s.kind === 'patch' && SOURCE_NOTES['cxl/type2-no-dax']).toMatch(/not checked/);
  });


  it('every verified upstream citation names the commit it was read at and no vague "v6.x" version is left', () => {
    for (const id of Object.keys(SOURCES)) {
      const s = SOURCES[id]!;
      if (s.kind !== 'upstream') continue;
      expect(s.version, id).not.toMatch(/^v?\d+\.x\b|~v/);
      // A copy read without a known commit says so ("commit unknown"), as the domain notes' citation rules ask.
      if (s.verified && !/commit unknown/.test(SOURCE_NOTES[id] ?? '')) expect(s.commit, id).toMatch(/^[0-9a-f]{8,40}$/);
    }
  });

  it('citations moved out of arch/arm64/kvm/mmu.c no longer carry its commit fb9888fd', () => {
    expect(getSource('a64/kvm_supports_cacheable_pfnmap')).toMatchObject({ file: 'arch/arm64/include/asm/kvm_mmu.h', commit: '0c67288e0c8b', verified: true });
    expect(getSource('a64/pfn_is_map_memory')).toMatchObject({ file: 'arch/arm64/mm/init.c', commit: 'a7259df76702' });
    expect(getSource('a64/stage2_set_prot_attr')).toMatchObject({ file: 'arch/arm64/kvm/hyp/pgtable.c', commit: 'c034ec84e879' });
  });
});

describe('source notes', () => {
  it('every note belongs to a registered source, and every source read (verified, not an inference) has one', () => {
    for (const id of Object.keys(SOURCE_NOTES)) expect(SOURCES[id], id).toBeDefined();
    for (const [id, s] of Object.entries(SOURCES)) if (s.kind === 'upstream' && s.verified) expect(SOURCE_NOTES[id], id).toBeTruthy();
  });
});

describe('the generated source index', () => {
  it('lists every registered source with its verified flag (regenerate with npm run sources:index)', () => {
    expect(SOURCE_VERIFIED).toEqual(Object.fromEntries(Object.entries(SOURCES).map(([id, s]) => [id, s.verified])));
  });
});
