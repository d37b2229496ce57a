/**
 * Verdicts: what a reviewer wants to know about a design on a platform, each derived from the model's outputs —
 * the fault result, the resource tree, the memory state — and, for "what if" questions (dirty logging, a device
 * reset, firmware calling the range System RAM), from re-running the same model on the varied platform.
 */
import type { Core, DeriveOptions } from '../derive';
import type { Verdict, VerdictId } from '../explain-types';
import type { Scenario } from '../scenario';
import type { SourceId } from '../source';
import { isVerifiedSource } from '../source-index';
import { resetRecovers } from '../kvm/fault/input';
import { hasPatch } from '../patches/ids';
import { aliases } from './aliases';
import { firmwareRam } from './firmwareRam';
import { probes, type Probes } from './probe';
import { UPSTREAM } from './upstream';

function guestCacheable(s: Scenario, P: Probes): Verdict {
  const c = P.steady;
  const r = c.fault.result;
  const base = { id: 'guest-cacheable' as const, label: 'Guest sees cacheable memory' };
  if (r.kind === 'error') {
    return {
      ...base, status: 'bad', short: r.error, verified: true,
      detail: `The guest never gets a mapping: ${r.seenBy} (in ${r.at}).${r.vmm ? ` ${r.vmm}.` : ''}`,
      sources: c.fault.steps.at(-1)?.sources ?? failureSources(c),
    };
  }
  const fromBuddy = c.run.memory.pages === 'buddy' && c.run.memory.nodeState !== null;
  const split = r.requested ? ` The VMA geometry asked for ${r.requested} blocks; the physical address is not ${r.requested}-aligned, so the walker installed ${r.entries} × ${r.level} entries.` : '';
  if (r.cacheability === 'cacheable') {
    return {
      ...base, status: 'good', short: `${r.memtype} ${r.level}`, verified: true,
      detail:
        `${r.table} maps it ${r.memtype}.${split}` +
        (fromBuddy ? ' The pages are ordinary (or private-node) RAM with struct pages, so the device range itself is not what the guest sees.' : ''),
      sources: c.fault.steps.at(-1)?.sources ?? [],
    };
  }
  if (r.cacheability === 'depends') {
    return {
      ...base, status: 'partial', short: 'NPT: host MTRRs decide', verified: false,
      detail: 'KVM on AMD puts no memory type in the NPT entry (PAT index 0): the guest gets WB only if the host MTRRs cover this HPA as WB and the guest maps it WB; an MTRR-UC range stays UC. Which type firmware gives a CXL window is not known; kvm_is_mmio_pfn() only decides the SME C-bit.',
      sources: ['x86/svm-no-get-mt-mask', 'x86/npt-pat-index0', 'x86/amd-guest-pat-mtrr', 'x86/amd-honors-guest-pat'],
    };
  }
  const x86 = s.platform.arch === 'x86_64';
  return {
    ...base, status: 'bad', short: `${r.memtype} ${r.level}`, verified: true,
    detail: x86
      ? 'EPT memtype comes from the pfn, not the VMA: no struct page and not firmware E820 RAM makes kvm_is_mmio_pfn() true, so EPT is UC even though the VMA is WB (WC if the guest maps it WC). Jason\'s "KVM follows the VMA" holds for the pfn, not for its cacheability on x86; a cacheable guest view would need a KVM/x86 change, which the KVM x86 maintainer has said would risk KVM\'s ABI.'
      : `Stage-2 is ${r.memtype}: the VMA is not treated as cacheable on this platform.${split}`,
    sources: x86 ? ['x86/make_spte', 'x86/kvm_is_mmio_pfn', 'x86/vmx_get_mt_mask', 'x86/ept-uc-guest-wc', 'thread/jason-b', 'thread/sean-host-pat'] : (c.fault.steps.at(-1)?.sources ?? ['a64/kvm_s2_fault_compute_prot']),
  };
}

function exclusive(c: Core): Verdict {
  const base = { id: 'exclusive-ownership' as const, label: 'Exclusive ownership' };
  const m = c.run.memory;
  if (c.run.conflict) {
    const k = c.run.conflict;
    const who = k.conflictWith.name ?? '?';
    return {
      ...base, status: 'n/a', short: `${k.errno} on "${who}"`, verified: true,
      detail: k.busy
        ? `The design could not claim the range: "${who}" already holds it busy (${k.conflictWith.path.join(' › ')}). Someone else owns it.`
        : `The design could not claim the range: the request overlaps the non-busy "${who}" without being contained in it.`,
      sources: k.sources,
    };
  }
  if (m.pages === 'buddy' && m.owner === 'hotplug' && m.nodeState !== 'N_MEMORY_PRIVATE') {
    const held = m.heldBy?.join(' › ') ?? 'System RAM';
    return {
      ...base, status: 'bad', short: m.online ? `mm owns it (node ${m.numaNode ?? '?'})` : 'offline System RAM: mm owns it',
      verified: true,
      detail:
        (m.online
          ? `The range is hotplugged System RAM (${held}) with buddy pages: any allocation may land there, other tasks can mbind to it, pages migrate in and out, and VFIO cannot be the exclusive owner (Jason Gunthorpe: if mm uses the range, VFIO's request must fail).`
          : `The range is hotplugged System RAM (${held}) whose memory blocks are offline: no allocation lands there yet, but the busy resource is mm's and onlining a block hands it to the buddy allocator.`) +
        (m.zone === 'ZONE_MOVABLE' ? ' In ZONE_MOVABLE a FOLL_LONGTERM pin (VFIO/iommufd DMA mapping of guest RAM) migrates the pages off the CXL node.' : ''),
      sources: ['hp/add_memory_driver_managed', 'thread/jason-seed', 'thread/jason-b', ...(m.zone === 'ZONE_MOVABLE' ? ['hp/longterm-pin-movable'] : [])],
    };
  }
  if (m.pages === 'buddy' && m.nodeState === 'N_MEMORY_PRIVATE') {
    return {
      ...base, status: 'partial', short: 'private node: opt-in only', verified: true,
      detail: 'Only __GFP_PRIVATE or opted-in mempolicy allocates there; still shared with every opted-in user, and every __GFP_THISNODE user must be audited (David Hildenbrand).',
      sources: ['pn/add_private_memory_driver_managed', 'thread/dh-thisnode'],
    };
  }
  if (m.pages === 'buddy') {
    return {
      ...base, status: 'bad', short: m.online ? 'buddy RAM from boot' : 'System RAM from boot',
      detail: 'Firmware made the range System RAM: the page allocator owns it whatever the design does.',
      sources: [...c.firmware.sources, 'thread/dan-c'], verified: true,
    };
  }
  if (m.pages === 'zone-device') {
    return {
      ...base, status: 'bad', short: `device_dax owns it (${m.heldBy?.at(-1) ?? 'daxX.Y'})`, verified: true,
      detail: `device_dax holds the range busy (${m.heldBy?.join(' › ') ?? ''}) and hands it out through /dev/${m.heldBy?.at(-1) ?? 'daxX.Y'}; whatever this design maps aliases another driver's memory.`,
      sources: ['dax/device-dax-probe', 'dax/dax_match_type'],
    };
  }
  if (c.run.claimPath && c.run.deviceBound) {
    return {
      ...base, status: 'good', short: `busy "${c.run.claimPath.at(-1)}"`, verified: true,
      detail: 'The busy resource makes later hotplug (register_memory_resource), kmem and other drivers\' request_mem_region() fail; no struct pages, so mm cannot allocate it.',
      sources: ['vo/blocks-others', 'vo/exclusive', 'thread/jason-seed'],
    };
  }
  if (!c.run.deviceBound) {
    return { ...base, status: 'n/a', short: 'not bound', verified: true, detail: `The design did not get the range set up: ${c.run.unboundReason ?? 'setup failed'}.`, sources: [] };
  }
  return {
    ...base, status: 'partial', short: 'not enforced', verified: true,
    detail: 'No buddy pages, so mm cannot allocate it, but nothing in the resource tree claims the range: kmem, another driver or firmware RAM can overlap it unnoticed. Jason Gunthorpe (seed mail) wants the request_resource mechanism to enforce this, so that VFIO fails at startup when mm uses the range.',
    sources: ['mr/no-claim', 'thread/dan-c', 'thread/jason-seed'],
  };
}

function huge(P: Probes): Verdict {
  const c = P.steady;
  const base = { id: 'huge-mappings' as const, label: 'Huge mappings' };
  const r = c.fault.result;
  if (r.kind === 'error') return { ...base, status: 'n/a', short: 'no mapping', detail: `No guest mapping exists (${r.error} in ${r.at}).`, sources: [], verified: true };
  const hostLeaf = c.vma.maxLeaf;
  const status = r.level === '4K' ? 'bad' : r.level === '1G' ? 'good' : 'partial';
  const lvlStep = [...c.fault.steps].reverse().find((s) => s.decision && /level|pagesize|block/.test(s.decision.test + s.label));
  const pfnmap = c.vma.kind === 'vfio-region';
  const how =
    r.table === 'stage-2'
      ? pfnmap
        ? ' arm64 sizes PFNMAP blocks from VMA geometry (vm_pgoff and the hva), not the host page table, and the walker installs a block only where the physical address is aligned.'
        : ' arm64 raises a THP-backed 4K fault to a 2M block when the host has a PMD leaf (transparent_hugepage_adjust()).'
      : pfnmap
        ? ' x86 mirrors the host leaf (host_pfn_mapping_level()), so a PFNMAP needs .huge_fault for 2M/1G.'
        : ' x86 mirrors the host THP/hugetlb leaf (host_pfn_mapping_level()).';
  return {
    ...base, status, short: `${r.table} ${r.level}${r.requested ? ` (asked ${r.requested})` : ''} (host ${hostLeaf})`, verified: true,
    detail: `The ${r.table} entry is ${r.level}; the host VMA's leaves are ${hostLeaf}.${how}` +
      (r.requested ? ` Here a ${r.requested} block was asked for and ${r.entries} × ${r.level} entries were installed.` : ''),
    sources: lvlStep?.sources ?? [],
  };
}

function liveMigration(P: Probes): Verdict {
  const base = { id: 'live-migration' as const, label: 'Live migration (dirty logging)' };
  const plain = P.steady.fault.result;
  if (plain.kind === 'error') {
    return { ...base, status: 'n/a', short: 'no mapping', detail: `No guest mapping exists to migrate (${plain.error} in ${plain.at}).`, sources: [], verified: true };
  }
  const probe = P.at({ dirtyLog: true, deviceReset: false });
  const r = probe.fault.result;
  if (r.kind === 'error') {
    return {
      ...base, status: 'bad', short: `dirty log: ${r.error}`, verified: true,
      detail: `With KVM_MEM_LOG_DIRTY_PAGES the mapping fails: ${r.seenBy} (in ${r.at}). No dirty logging on this slot means no live migration of this memory.`,
      sources: probe.fault.steps.at(-1)?.sources ?? [],
    };
  }
  return {
    ...base, status: 'partial', short: `CPU writes logged at ${r.level}`, verified: false,
    detail: 'KVM accepts dirty logging on this memslot and logs the guest CPU\'s writes (mapped 4K while logging). The accelerator\'s own writes to its HDM never reach KVM\'s dirty log, whichever design maps it, so migrating this memory also needs device-side dirty tracking (a VFIO migration driver); that is not modelled.',
    sources: [...(probe.fault.steps.at(-2)?.sources ?? []), 'lm/device-writes'],
  };
}

function deviceReset(s: Scenario, P: Probes): Verdict {
  const base = { id: 'device-reset' as const, label: 'Device reset' };
  const c = P.steady;
  if (!c.run.deviceBound || c.fault.result.kind === 'error') {
    const r = c.fault.result;
    return { ...base, status: 'n/a', short: 'no mapping', detail: `No guest mapping exists even before a reset (${r.kind === 'error' ? `${r.error} in ${r.at}` : 'none'}).`, sources: [], verified: true };
  }
  const probe = P.at({ deviceReset: true, dirtyLog: false });
  const r = probe.fault.result;
  if (c.vma.populatedAtMmap) {
    return {
      ...base, status: 'partial', short: 'not modelled', verified: false,
      detail: 'Before its fault handler (v6.19 cycle) nvgrace-gpu maps usemem with remap_pfn_range() at mmap time and has no vm_ops, so nothing could re-insert a pfn a reset zapped; the driver relied on the GPU answering accesses safely while it resets. Whether the reset zaps this mapping is not modelled: the model keeps it.',
      sources: ['nv/remap-pre-6.19', 'nv/reset-pre-6.19-unverified'],
    };
  }
  if (c.vma.kind === 'vfio-region') {
    const handler = probe.fault.steps.find((x) => x.nodeId === 'd_handler');
    if (r.kind === 'error' && resetRecovers(s.platform)) {
      return {
        ...base, status: 'good', short: 'VMM waits, re-enters', verified: false,
        detail: `The reset zaps the user mapping and the MMU notifier drops the guest entries; a guest access after it reaches the fault handler, which still refuses (${handler?.decision?.value.replace(/^while the reset runs[^;]*; then /, '') ?? 'VM_FAULT_SIGBUS'}). With the posted KVM_EXIT_MEMORY_FAULT annotation the vCPU returns to the VMM with the GPA, and with the hypothetical VMM change it waits for the reset and re-enters: the VM keeps running, the vCPU is not stuck in the kernel. Neither change is upstream.`,
        sources: [...(handler?.sources ?? []), 'pt/anish-annotate-efault', 'pt/sean-annotate-efault', 'pt/vmm-retry-inference'],
      };
    }
    if (r.kind === 'error') {
      return {
        ...base, status: 'bad', short: `${r.error} stops the VM`, verified: true,
        detail: `The reset zaps the user mapping under memory_lock and the MMU notifier drops the guest entries. A guest access during the reset blocks in the fault handler; after it, ${handler?.decision?.value.replace(/^while the reset runs[^;]*; then /, '') ?? 'the handler returns VM_FAULT_SIGBUS'}. ${r.seenBy}${hasPatch(s.platform, 'kvm/memory-fault-exit') ? '' : ' (only guest_memfd paths report KVM_EXIT_MEMORY_FAULT)'}, and ${r.vmm ?? 'the VMM gets the error'}.`,
        sources: [...(handler?.sources ?? []), ...(probe.fault.steps.at(-1)?.sources ?? ['reset/no-memory-fault-exit', 'reset/qemu-kvm-run-failed'])],
      };
    }
    return {
      ...base, status: 'partial', short: 'blocks, then re-faults', verified: true,
      detail: `The reset zaps the user mapping; the MMU notifier drops the guest entries; the re-fault ${handler?.decision?.value.replace(/^while the reset runs[^;]*; then /, '') ?? 're-inserts the pfn'}. The vCPU is stuck in KVM_RUN for as long as that takes.${handler?.detail ? ` ${handler.detail}.` : ''}`,
      sources: handler?.sources ?? ['nv/reset-ready', 'kvm/mmu-notifier'],
    };
  }
  void s;
  return {
    ...base, status: 'bad', short: 'unsafe while online', verified: false,
    detail: 'mm owns the range as RAM: a reset that clears the HDM decoders pulls memory out from under the buddy allocator and the guest; it must be offlined and removed first.',
    sources: ['hp/reset-unsafe'],
  };
}

function structPages(c: Core): Verdict {
  const m = c.run.memory;
  const base = { id: 'struct-pages' as const, label: 'struct pages', status: 'n/a' as const, verified: true };
  switch (m.pages) {
    case 'buddy':
      return {
        ...base, short: `yes: ${m.zone ?? 'offline'}${m.numaNode !== null ? `, node ${m.numaNode}` : ''}`,
        detail: 'Buddy-managed folios: GUP, pins, migration, NUMA policy and THP all apply (what Dan wants; what Jason rules out).',
        sources: [...m.sources, 'thread/dan-a'],
      };
    case 'zone-device':
      return {
        ...base, short: 'ZONE_DEVICE (device_dax)',
        detail: 'device_dax made ZONE_DEVICE struct pages for the range (devm_memremap_pages()): another driver\'s pages, never the buddy allocator\'s.',
        sources: ['dax/device-dax-probe'],
      };
    case 'reserved':
      return {
        ...base, short: 'memmap only (NOMAP)',
        detail: 'arm64 keeps a memmap for NOMAP memblock regions: pfn_valid() is true and the pages are reserved, never buddy pages, while pfn_is_map_memory() is false, so there is no linear map and KVM treats the pfn as device memory. "No struct pages" is an x86 answer here.',
        sources: [...m.sources],
      };
    case 'none':
      return {
        ...base, short: 'none (special PFNs)',
        detail: 'No struct pages: no GUP, no FOLL_LONGTERM pin, no migration; lifetime is VFIO\'s, through zap and MMU notifiers.',
        sources: ['vo/exclusive', ...m.sources],
      };
  }
}

/** What a setup failure cites: the conflict, else the last operation that failed, else the boot's. */
function failureSources(c: Core): SourceId[] {
  const failed = [...c.run.ops].reverse().find((o) => !o.ok) ?? [...c.bootOps].reverse().find((o) => !o.ok);
  return c.run.conflict?.sources ?? failed?.sources ?? c.run.memory.sources;
}

/** What a verdict cites when its own reasoning has nothing more specific: the failure, else the last fault step. */
function fallbackSources(c: Core): SourceId[] {
  const f = failureSources(c);
  if (f.length > 0) return f;
  return c.fault.steps.at(-1)?.sources ?? c.bootOps.at(-1)?.sources ?? [];
}

/**
 * Every verdict cites something (the failure that made it n/a, at least), sources are de-duplicated, and a verdict
 * is verified only when everything it cites is.
 */
function finish(v: Verdict, P: Probes): Verdict {
  const sources = [...new Set(v.sources.length > 0 ? v.sources : fallbackSources(P.now))];
  return { ...v, sources, verified: v.verified && sources.every(isVerifiedSource) };
}

type VerdictFn = (s: Scenario, P: Probes, opts: DeriveOptions) => Verdict;

/** Each verdict's derivation, in VerdictId order (the matrix's column order). */
const VERDICT_FNS: Record<VerdictId, VerdictFn> = {
  'guest-cacheable': (s, P) => guestCacheable(s, P),
  'exclusive-ownership': (_s, P) => exclusive(P.now),
  'huge-mappings': (_s, P) => huge(P),
  'live-migration': (_s, P) => liveMigration(P),
  'device-reset': (s, P) => deviceReset(s, P),
  'firmware-ram': (s, P, opts) => firmwareRam(s, P.now, opts),
  'struct-pages': (_s, P) => structPages(P.now),
  aliases: (s, P) => aliases(s, P),
  'upstream-status': (s) => ({ id: 'upstream-status', label: 'Upstream status', ...UPSTREAM[s.design] }),
};

export const VERDICT_IDS = Object.keys(VERDICT_FNS) as VerdictId[];

/** All verdicts for one scenario, in VerdictId order. */
export function deriveVerdicts(s: Scenario, c: Core, opts: DeriveOptions): Verdict[] {
  const P = probes(s, c, opts);
  return VERDICT_IDS.map((id) => finish(VERDICT_FNS[id](s, P, opts), P));
}

/**
 * One verdict alone. The search evaluates only the verdicts it is after, with the scenario's derivation as a thunk,
 * so a verdict that needs no derivation (upstream status) reads no platform fact.
 */
export function deriveVerdict(id: VerdictId, s: Scenario, c: Core | (() => Core), opts: DeriveOptions): Verdict {
  const P = probes(s, c, opts);
  return finish(VERDICT_FNS[id](s, P, opts), P);
}
