/**
 * One test per catalogue entry: the source it rests on, and what applying it changes in the model (or, for merged
 * entries, that the kernel version the model expresses it by makes that change).
 */
import { describe, expect, it } from 'vitest';
import { explain } from '../explain';
import type { Platform } from '../scenario';
import { DEFAULT_CONFIG, DEFAULT_PLATFORM } from '../scenario';
import { getSource } from '../sources';
import { APPLICABLE, applicableStatus } from './applied';
import { CATALOGUE, appliedHeadline, catalogueEntry, checkCatalogue, mergedBetween, patchEntry, statusLabel } from './catalogue';
import { PATCH_IDS } from './ids';

const P = (over: Partial<Platform>): Platform => ({ ...DEFAULT_PLATFORM, ...over });
const entry = (id: string) => {
  const e = catalogueEntry(id);
  if (!e) throw new Error(`no entry ${id}`);
  return e;
};
const verdict = (design: Parameters<typeof explain>[0]['design'], p: Platform, id: string) => explain({ design, platform: p }).verdicts.find((v) => v.id === id)!;

describe('the catalogue as a whole', () => {
  it('every applicable id has one entry applied by --patch; ids are unique; every source is registered', () => {
    expect(checkCatalogue()).toBeNull();
    for (const e of CATALOGUE) for (const id of e.sources) expect(() => getSource(id), `${e.id}: ${id}`).not.toThrow();
    expect(PATCH_IDS.every((id) => catalogueEntry(id)?.appliedBy.kind === 'patch')).toBe(true);
  });
  it('a posted entry names its Message-ID and its series; a hypothetical one the mail that said it would be needed; a merged one its release', () => {
    for (const e of CATALOGUE) {
      if (e.status.kind === 'posted') expect(e.status.series, e.id).toMatch(/PATCH/);
      if (e.status.kind === 'hypothetical') expect(e.status.messageId, e.id).toMatch(/@/);
      if (e.status.kind === 'merged') expect(e.appliedBy).toEqual({ kind: 'kernel', version: e.status.kernel });
      if (e.status.kind !== 'merged') expect(e.appliedBy.kind, e.id).not.toBe('kernel');
    }
  });
  it('a scenario with a change applied says so in its headline; one without says nothing', () => {
    expect(appliedHeadline(P({}))).toEqual([]);
    const h = appliedHeadline(P({ patches: ['cxl/type2-no-dax', 'kvm-x86/ept-host-pat'] }));
    expect(h[0]).toMatch(/^NOT UPSTREAM: posted and hypothetical changes applied/);
    expect(h.slice(1).map((l) => l.trim())).toEqual([
      '* cxl/type2-no-dax (posted v20 (also v17–v21)): the no-dax patch for accelerators',
      expect.stringMatching(/^\* kvm-x86\/ept-host-pat \(hypothetical\): /),
    ]);
    expect(appliedHeadline(P({ patches: ['cxl/type2-no-dax'] }))[0]).toBe('NOT UPSTREAM: a posted change applied:');
    expect(appliedHeadline(P({ patches: ['cxl/type2-no-dax', 'kvm/memory-fault-exit'] }))[0]).toBe('NOT UPSTREAM: posted changes applied:');
    expect(appliedHeadline(P({ patches: ['kvm-x86/ept-host-pat', 'vmm/retry-after-reset'] }))[0]).toBe('NOT UPSTREAM: hypothetical changes applied:');
  });
  it('what the headline reads of an applicable change (patches/applied.ts) agrees with its catalogue entry: status, version, architecture', () => {
    for (const id of PATCH_IDS) {
      const e = patchEntry(id);
      const a = APPLICABLE[id];
      expect({ kind: e.status.kind, version: e.status.kind === 'posted' ? e.status.version : undefined, arch: e.arch }).toEqual({ kind: a.kind, version: a.version, arch: a.arch });
      expect(applicableStatus(id)).toBe(statusLabel(e));
      expect(APPLICABLE[id].short.length, id).toBeLessThanOrEqual(40);
    }
  });
  it('moving between kernel versions brings the merged entries in between', () => {
    expect(mergedBetween('6.11', '6.17').map((e) => e.id).sort()).toEqual(['kvm-arm64/cacheable-pfnmap', 'kvm/no-refcount-pfnmap', 'res/region-intersects-fix', 'vfio/huge-pfnmap']);
    expect(mergedBetween('7.1', '7.0').map((e) => e.id)).toEqual(['dax/hmem-resolve']);
    expect(mergedBetween('7.0', '7.0')).toEqual([]);
  });
});

describe('VFIO-CXL series versions', () => {
  it('vfio-cxl/v2 (<20260401143917.108413-1-mhonap@nvidia.com>) is the memremap design: nothing claims the HPA', () => {
    expect(entry('vfio-cxl/v2')).toMatchObject({ appliedBy: { kind: 'design', design: 'memremap' }, status: { kind: 'posted', messageId: '20260401143917.108413-1-mhonap@nvidia.com' } });
    expect(entry('vfio-cxl/v2').sources).toContain('mr/no-claim');
    expect(verdict('memremap', P({}), 'exclusive-ownership').short).toBe('not enforced');
  });
  it('vfio-cxl/v3 (pt/vfio-cxl-v3, read) is VFIO-owned with --huge-fault off: request_mem_region() without IORESOURCE_EXCLUSIVE, 4 KiB leaves', () => {
    expect(getSource('pt/vfio-cxl-v3')).toMatchObject({ kind: 'patch', messageId: '20260625165407.1769572-1-mhonap@nvidia.com', verified: true });
    const ex = explain({ design: 'vfio-owned', platform: P({ hugeFault: false }) });
    expect(ex.ops.map((o) => o.fn)).toContain('request_mem_region()');
    expect(ex.ops.map((o) => o.fn)).not.toContain('request_mem_region_exclusive()');
    expect(ex.vma.maxLeaf).toBe('4K');
    expect(ex.vma.sources).toContain('pt/vfio-cxl-v3');
  });
  it('vfio-cxl/v4 (pt/vfio-cxl-v4, not in the mail store: unverified) is VFIO-owned with --huge-fault on: _exclusive and .huge_fault', () => {
    expect(getSource('pt/vfio-cxl-v4').verified).toBe(false);
    expect(entry('vfio-cxl/v4').appliedBy).toEqual({ kind: 'design', design: 'vfio-owned', flag: '--huge-fault on' });
    const ex = explain({ design: 'vfio-owned', platform: P({ hugeFault: true }) });
    expect(ex.ops.map((o) => o.fn)).toContain('request_mem_region_exclusive()');
    expect(ex.vma.vmOps?.handlers.map((h) => h.name)).toContain('huge_fault');
  });
});

describe('private-node RFC versions', () => {
  it('private-node/rfc-v3 (pt/private-node-v3, read) is listed but not drawn', () => {
    expect(entry('private-node/rfc-v3')).toMatchObject({ appliedBy: { kind: 'not-modelled' }, status: { kind: 'posted', messageId: '20260108203755.1163107-1-gourry@gourry.net' } });
    expect(getSource('pt/private-node-v3').verified).toBe(true);
  });
  it('private-node/rfc-v4 (thread/private-node-rfc) is the private-node design: N_MEMORY_PRIVATE under "cxl_sysram0"', () => {
    expect(entry('private-node/rfc-v4').appliedBy).toEqual({ kind: 'design', design: 'private-node' });
    const ex = explain({ design: 'private-node', platform: P({}) });
    expect(ex.memory.nodeState).toBe('N_MEMORY_PRIVATE');
    expect(ex.iomem).toContain('cxl_sysram0');
  });
});

describe('CXL Type-2 series', () => {
  it('cxl/type2-api (dax/type2-api-posted, pt/type2-v28) is assumed by every CXL design: the region is assembled when the driver binds', () => {
    expect(entry('cxl/type2-api').appliedBy).toEqual({ kind: 'assumed' });
    const ex = explain({ design: 'vfio-owned', platform: P({}) });
    expect(ex.ops.find((o) => o.fn === 'construct_region()')?.sources).toContain('dax/type2-api-posted');
  });
  it('cxl/type2-no-dax (cxl/type2-no-dax, v20 19/22): without it a region committed at boot is kmem\'s; with it VFIO-owned claims the range', () => {
    expect(entry('cxl/type2-no-dax').sources).toEqual(expect.arrayContaining(['cxl/type2-no-dax', 'dax/cxl_region_probe']));
    const without = explain({ design: 'vfio-owned', platform: P({ region: 'committed' }) });
    expect(without.conflict?.conflictWith.name).toBe('System RAM (kmem)');
    const withIt = explain({ design: 'vfio-owned', platform: P({ region: 'committed', patches: ['cxl/type2-no-dax'] }) });
    expect(withIt.conflict).toBeNull();
    expect(withIt.verdicts.find((v) => v.id === 'exclusive-ownership')?.status).toBe('good');
  });
});

describe('Soft Reserved', () => {
  it('dax/soft-reserve-defer (dax/soft-reserve-resource-7.0) is --kernel 7.0: no "Soft Reserved" line on x86', () => {
    const soft = (kernel: Platform['kernel']) => explain({ design: 'hotplug', platform: P({ firmware: 'soft-reserved', kernel, config: { ...DEFAULT_CONFIG, DEV_DAX_HMEM: 'n' } }) }).iomem;
    expect(soft('6.17')).toContain('Soft Reserved');
    expect(soft('7.0')).not.toContain('Soft Reserved');
  });
  it('dax/hmem-resolve (dax/hmem-resolve-7.1) is --kernel 7.1: kmem onlines an accelerator range with no region, so VFIO-owned fails -EBUSY', () => {
    const at = (kernel: Platform['kernel']) => explain({ design: 'vfio-owned', platform: P({ firmware: 'soft-reserved', kernel }) }).conflict?.errno ?? null;
    expect(at('7.0')).toBeNull();
    expect(at('7.1')).toBe('-EBUSY');
  });
  it('dax/soft-reserve-iomem (pt/soft-reserve-iomem, v8 9/9): "Soft Reserved" is back in /proc/iomem on 7.1 x86, no verdict changes', () => {
    const base = P({ firmware: 'soft-reserved', kernel: '7.1' });
    const a = explain({ design: 'vfio-owned', platform: base });
    const b = explain({ design: 'vfio-owned', platform: { ...base, patches: ['dax/soft-reserve-iomem'] } });
    expect(a.iomem).not.toContain('Soft Reserved');
    expect(b.iomem).toContain('Soft Reserved');
    expect(b.verdicts.map((v) => v.status)).toEqual(a.verdicts.map((v) => v.status));
  });
});

describe('merged KVM and VFIO changes, expressed by kernel version', () => {
  it('res/region-intersects-fix (res/region_intersects-fix) is --kernel 6.12: memremap over firmware RAM returns the direct map, not NULL', () => {
    const kind = (kernel: Platform['kernel']) => explain({ design: 'memremap', platform: P({ firmware: 'conventional', kernel }) }).memory.kernelMapping?.kind;
    expect(kind('6.11')).toBe('null');
    expect(kind('6.12')).toBe('direct-map-alias');
  });
  it('vfio/huge-pfnmap (vma/huge-pfnmap-6.12) is --kernel 6.12: VFIO-owned gets huge leaves', () => {
    const leaf = (kernel: Platform['kernel']) => explain({ design: 'vfio-owned', platform: P({ kernel }) }).vma.maxLeaf;
    expect(leaf('6.11')).toBe('4K');
    expect(leaf('6.12')).not.toBe('4K');
  });
  it('kvm/no-refcount-pfnmap (kvm/pre-6.13-names) is --kernel 6.17: the fault path loses the pre-6.13 names', () => {
    const srcs = (kernel: Platform['kernel']) => explain({ design: 'vfio-owned', platform: P({ kernel }) }).sources;
    expect(srcs('6.12')).toContain('kvm/pre-6.13-names');
    expect(srcs('6.17')).not.toContain('kvm/pre-6.13-names');
  });
  it('kvm-arm64/cacheable-pfnmap (a64/ankit-series) is --kernel 6.17: arm64 VFIO-owned maps Normal', () => {
    const memtype = (kernel: Platform['kernel']) => {
      const r = explain({ design: 'vfio-owned', platform: P({ arch: 'arm64', kernel }) }).fault.result;
      return r.kind === 'mapped' ? r.memtype : r.error;
    };
    expect(memtype('6.12')).not.toBe('Normal');
    expect(memtype('6.17')).toBe('Normal');
  });
  it('vfio/nvgrace-fault (nv/remap-pre-6.19) is --kernel 7.0: nvgrace-gpu maps by faults', () => {
    expect(explain({ design: 'nvgrace-gpu', platform: P({ arch: 'arm64', kernel: '6.17' }) }).vma.populatedAtMmap).toBe(true);
    expect(explain({ design: 'nvgrace-gpu', platform: P({ arch: 'arm64', kernel: '7.0' }) }).vma.populatedAtMmap).toBeUndefined();
  });
});

describe('KVM changes not upstream', () => {
  it('kvm-x86/ept-host-pat (hypothetical, thread/sean-host-pat <ZfBzBUbxpF9MpII-@google.com>): Intel VFIO-owned maps WB, the aliases match; unverified', () => {
    expect(entry('kvm-x86/ept-host-pat').status).toEqual({ kind: 'hypothetical', messageId: 'ZfBzBUbxpF9MpII-@google.com' });
    const ex = explain({ design: 'vfio-owned', platform: P({ patches: ['kvm-x86/ept-host-pat'] }) });
    expect(ex.fault.result).toMatchObject({ kind: 'mapped', table: 'EPT', memtype: 'WB', cacheable: true });
    expect(ex.fault.steps.at(-1)).toMatchObject({ nodeId: 'x_res_host', verified: false });
    const gc = ex.verdicts.find((v) => v.id === 'guest-cacheable')!;
    expect(gc).toMatchObject({ status: 'good', verified: false });
    expect(ex.verdicts.find((v) => v.id === 'aliases')?.status).toBe('good');
    // AMD and arm64 are untouched; nvgrace-gpu's lazily memremapped usemem has UC- host PTEs, so EPT stays UC.
    expect(explain({ design: 'vfio-owned', platform: P({ vendor: 'amd', patches: ['kvm-x86/ept-host-pat'] }) }).fault.result).toMatchObject({ table: 'NPT' });
    expect(explain({ design: 'nvgrace-gpu', platform: P({ patches: ['kvm-x86/ept-host-pat'] }) }).fault.result).toMatchObject({ memtype: 'UC' });
  });
  it('kvm/memory-fault-exit (posted, pt/anish-annotate-efault v5 06/17 + 07/17): the reset -EFAULT carries KVM_EXIT_MEMORY_FAULT, but QEMU still stops', () => {
    const ex = explain({ design: 'vfio-owned', platform: P({ deviceReset: true, patches: ['kvm/memory-fault-exit'] }) });
    expect(ex.fault.result).toMatchObject({ kind: 'error', error: '-EFAULT', seenBy: expect.stringMatching(/KVM_EXIT_MEMORY_FAULT/), vmm: expect.stringMatching(/kvm_convert_memory/) });
    expect(ex.verdicts.find((v) => v.id === 'device-reset')?.status).toBe('bad');
  });
  it('vmm/retry-after-reset (hypothetical, pt/sean-annotate-efault <ZR9WkaObdPTIc07-@google.com>): with the exit the VM survives the reset; without it nothing changes', () => {
    for (const arch of ['x86_64', 'arm64'] as const) {
      const both = verdict('vfio-owned', P({ arch, patches: ['kvm/memory-fault-exit', 'vmm/retry-after-reset'] }), 'device-reset');
      expect(both).toMatchObject({ status: 'good', verified: false });
      expect(both.sources).toEqual(expect.arrayContaining(['pt/vmm-retry-inference', 'pt/sean-annotate-efault']));
      expect(verdict('vfio-owned', P({ arch, patches: ['vmm/retry-after-reset'] }), 'device-reset').status).toBe('bad');
    }
    expect(verdict('memremap', P({ patches: ['kvm/memory-fault-exit', 'vmm/retry-after-reset'] }), 'device-reset').status).toBe('good');
  });
  it('status badges read as the CLI and the app print them', () => {
    expect(statusLabel(entry('kvm-arm64/cacheable-pfnmap'))).toBe('merged v6.17');
    expect(statusLabel(entry('dax/soft-reserve-iomem'))).toBe('posted v8');
    expect(statusLabel(entry('vmm/retry-after-reset'))).toBe('hypothetical');
  });
});
