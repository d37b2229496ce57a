/**
 * Verdicts: what a reviewer wants to know about a design on a platform, each derived from the model's outputs —
 * the fault result, the resource tree, the memory state — and, for "what if" questions (dirty logging, a device
 * reset, firmware calling the range System RAM), from re-running the same model on the varied platform.
 */
import type { Core, DeriveOptions } from '../derive';
import { deriveCore } from '../derive';
import type { Verdict } from '../explain-types';
import type { DesignId, Scenario } from '../scenario';
import type { SourceId } from '../source';
import { getSource } from '../sources';

function guestCacheable(s: Scenario, c: Core): Verdict {
  const r = c.fault.result;
  const base = { id: 'guest-cacheable' as const, label: 'Guest sees cacheable memory' };
  if (r.kind === 'error') {
    return {
      ...base, status: 'bad', short: r.error, verified: true,
      detail: `The guest never gets a mapping: ${r.seenBy} (in ${r.at}).`,
      sources: c.fault.steps.at(-1)?.sources ?? c.run.conflict?.sources ?? c.run.memory.sources,
    };
  }
  const fromBuddy = c.run.memory.structPages && c.run.memory.nodeState !== null;
  if (r.cacheable) {
    return {
      ...base, status: 'good', short: `${r.memtype} ${r.level}`, verified: true,
      detail:
        `${r.table} maps it ${r.memtype}.` +
        (fromBuddy ? ' The pages are ordinary (or private-node) RAM with struct pages, so the device range itself is not what the guest sees.' : ''),
      sources: c.fault.steps.at(-1)?.sources ?? [],
    };
  }
  const x86 = s.platform.arch === 'x86_64';
  return {
    ...base, status: 'bad', short: `${r.memtype} ${r.level}`, verified: true,
    detail: x86
      ? 'EPT memtype comes from the pfn, not the VMA: no struct page and not firmware E820 RAM makes kvm_is_mmio_pfn() true, so EPT is UC even though the VMA is WB. Jason\'s "KVM follows the VMA" holds for the pfn, not for its cacheability on x86; a cacheable guest view would need a KVM/x86 change.'
      : `Stage-2 is ${r.memtype}: the VMA is not treated as cacheable on this platform.`,
    sources: x86 ? ['x86/make_spte', 'x86/kvm_is_mmio_pfn', 'x86/vmx_get_mt_mask', 'thread/jason-b'] : (c.fault.steps.at(-1)?.sources ?? ['a64/kvm_s2_fault_compute_prot']),
  };
}

function exclusive(c: Core): Verdict {
  const base = { id: 'exclusive-ownership' as const, label: 'Exclusive ownership' };
  const m = c.run.memory;
  if (c.run.conflict) {
    const who = c.run.conflict.conflictWith.name ?? '?';
    return {
      ...base, status: 'n/a', short: `${c.run.conflict.errno} on "${who}"`, verified: true,
      detail: `The design could not claim the range: "${who}" already holds it busy. Someone else owns it.`,
      sources: c.run.conflict.sources,
    };
  }
  if (m.structPages && m.nodeState === 'N_MEMORY') {
    return {
      ...base, status: 'bad', short: `mm owns it (node ${m.numaNode ?? '?'})`, verified: true,
      detail: 'The range is System RAM with buddy pages: any allocation may land there, other tasks can mbind to it, pages migrate in and out, and VFIO cannot be the exclusive owner (Jason Gunthorpe: if mm uses the range, VFIO\'s request must fail).' +
        (m.zone === 'ZONE_MOVABLE' ? ' In ZONE_MOVABLE a FOLL_LONGTERM pin (VFIO/iommufd DMA mapping of guest RAM) migrates the pages off the CXL node.' : ''),
      sources: [...(c.run.claimPath ? ['hp/add_memory_driver_managed'] : c.firmware.sources), 'thread/jason-seed', 'thread/jason-b', ...(m.zone === 'ZONE_MOVABLE' ? ['hp/longterm-pin-movable'] : [])],
    };
  }
  if (m.structPages && m.nodeState === 'N_MEMORY_PRIVATE') {
    return {
      ...base, status: 'partial', short: 'private node: opt-in only', verified: true,
      detail: 'Only __GFP_PRIVATE or opted-in mempolicy allocates there; still shared with every opted-in user, and every __GFP_THISNODE user must be audited (David Hildenbrand).',
      sources: ['pn/add_private_memory_driver_managed', 'thread/dh-thisnode'],
    };
  }
  if (m.structPages) {
    return {
      ...base, status: 'bad', short: 'buddy RAM from boot', verified: true,
      detail: 'Firmware made the range System RAM: the page allocator owns it whatever the design does.',
      sources: [...c.firmware.sources, 'thread/dan-c'],
    };
  }
  if (c.run.claimPath) {
    return {
      ...base, status: 'good', short: `busy "${c.run.claimPath.at(-1)}"`, verified: true,
      detail: 'The busy resource makes later hotplug (register_memory_resource), kmem and other drivers\' request_mem_region() fail; no struct pages, so mm cannot allocate it.',
      sources: ['vo/blocks-others', 'vo/exclusive', 'thread/jason-seed'],
    };
  }
  return {
    ...base, status: 'partial', short: 'not enforced', verified: true,
    detail: 'No struct pages, so mm cannot allocate it, but nothing in the resource tree claims the range: kmem, another driver or firmware RAM can overlap it unnoticed. Jason Gunthorpe (seed mail) wants the request_resource mechanism to enforce this, so that VFIO fails at startup when mm uses the range.',
    sources: ['mr/no-claim', 'thread/dan-c', 'thread/jason-seed'],
  };
}

function huge(c: Core): Verdict {
  const base = { id: 'huge-mappings' as const, label: 'Huge mappings' };
  const r = c.fault.result;
  if (r.kind === 'error') return { ...base, status: 'n/a', short: 'no mapping', detail: `No guest mapping exists (${r.error} in ${r.at}).`, sources: [], verified: true };
  const hostLeaf = c.vma.maxLeaf;
  const status = r.level === '4K' ? 'bad' : r.level === '1G' ? 'good' : 'partial';
  const lvlStep = [...c.fault.steps].reverse().find((s) => s.decision && /level|pagesize/.test(s.decision.test + s.function));
  return {
    ...base, status, short: `${r.table} ${r.level} (host ${hostLeaf})`, verified: true,
    detail:
      `The ${r.table} entry is ${r.level}; the host VMA's leaves are ${hostLeaf}.` +
      (r.table === 'EPT' ? ' x86 mirrors the host leaf (host_pfn_mapping_level), so PFNMAP needs .huge_fault for 2M/1G.' : ' arm64 sizes PFNMAP blocks from VMA geometry, not the host page table.'),
    sources: lvlStep?.sources ?? [],
  };
}

function liveMigration(s: Scenario, c: Core, opts: DeriveOptions): Verdict {
  const base = { id: 'live-migration' as const, label: 'Live migration (dirty logging)' };
  // Dirty logging is judged on its own: the same platform without a device reset, with and without the log.
  const at = (dirtyLog: boolean): Core => {
    const q = { ...s.platform, dirtyLog, deviceReset: false };
    return q.dirtyLog === s.platform.dirtyLog && !s.platform.deviceReset ? c : deriveCore({ ...s, platform: q }, opts);
  };
  const plain = at(false).fault.result;
  if (plain.kind === 'error') {
    return { ...base, status: 'n/a', short: 'no mapping', detail: `No guest mapping exists to migrate (${plain.error} in ${plain.at}).`, sources: [], verified: true };
  }
  const probe = at(true);
  const r = probe.fault.result;
  if (r.kind === 'error') {
    return {
      ...base, status: 'bad', short: `dirty log: ${r.error}`, verified: true,
      detail: `With KVM_MEM_LOG_DIRTY_PAGES the mapping fails: ${r.seenBy} (in ${r.at}). No dirty logging on this slot means no live migration of this memory.`,
      sources: probe.fault.steps.at(-1)?.sources ?? [],
    };
  }
  const pfnmap = c.vma.kind === 'vfio-region';
  if (pfnmap) {
    return {
      ...base, status: 'partial', short: `logs at ${r.level}`, verified: false,
      detail: 'KVM/x86 accepts dirty logging on this memslot (mapped 4K while logging). Migrating device-resident memory also needs the device state; that path is not modelled (unverified).',
      sources: ['x86/dirty-log-4k'],
    };
  }
  return {
    ...base, status: 'good', short: `logs at ${r.level}`, verified: true,
    detail: 'Ordinary page-backed guest RAM: dirty logging splits to 4K while logging and migration works as for any RAM.',
    sources: probe.fault.steps.at(-2)?.sources ?? [],
  };
}

function deviceReset(s: Scenario, c: Core, opts: DeriveOptions): Verdict {
  const base = { id: 'device-reset' as const, label: 'Device reset' };
  if (!c.run.deviceBound) {
    return { ...base, status: 'n/a', short: 'no mapping', detail: `No guest mapping exists: ${c.run.unboundReason ?? 'the design never bound'}.`, sources: [], verified: true };
  }
  // Judge the reset alone: without it the guest must have a mapping, otherwise the reset changes nothing visible.
  const before = s.platform.deviceReset ? deriveCore({ ...s, platform: { ...s.platform, deviceReset: false } }, opts) : c;
  const b = before.fault.result;
  if (b.kind === 'error') {
    return { ...base, status: 'n/a', short: 'no mapping', detail: `No guest mapping exists even before a reset (${b.error} in ${b.at}).`, sources: [], verified: true };
  }
  const probe = s.platform.deviceReset ? c : deriveCore({ ...s, platform: { ...s.platform, deviceReset: true } }, opts);
  const r = probe.fault.result;
  if (c.vma.populatedAtMmap) {
    return {
      ...base, status: 'partial', short: 'not modelled', verified: false,
      detail: 'Before its fault handler (v6.19 cycle) nvgrace-gpu maps usemem with remap_pfn_range() at mmap time and has no vm_ops, so nothing could re-insert a pfn a reset zapped; the driver relied on the GPU answering accesses safely while it resets. Whether the reset zaps this mapping is not modelled: the model keeps it.',
      sources: ['nv/remap-pre-6.19', 'nv/reset-pre-6.19-unverified'],
    };
  }
  if (c.vma.kind === 'vfio-region') {
    const nv = s.design === 'nvgrace-gpu';
    return {
      ...base, status: 'good', short: r.kind === 'error' ? `zap; re-fault ${r.error}` : 'zap and re-fault', verified: true,
      detail: nv
        ? 'The reset zaps the user mapping; the MMU notifier drops the guest entries; the re-fault waits in nvgrace_gpu_check_device_ready() (up to 30 s) until the GPU memory is ready and re-inserts the pfn. Only if memory decode is disabled or the wait times out does the handler SIGBUS, and then KVM_RUN returns -EFAULT.'
        : 'VFIO zaps the user mapping under memory_lock; the MMU notifier drops the guest entries; a guest access before re-activation ends in the handler\'s SIGBUS and KVM_RUN returns -EFAULT, after it the fault re-inserts the pfn.',
      sources: nv ? ['nv/reset-ready', 'kvm/mmu-notifier'] : ['vma/vfio_cxl_zap', 'kvm/mmu-notifier', 'kvm/reset-efault'],
    };
  }
  return {
    ...base, status: 'bad', short: 'unsafe while online', verified: false,
    detail: 'mm owns the range as RAM: a reset that clears the HDM decoders pulls memory out from under the buddy allocator and the guest; it must be offlined and removed first.',
    sources: ['hp/reset-unsafe'],
  };
}

function firmwareRam(s: Scenario, c: Core, opts: DeriveOptions): Verdict {
  const base = { id: 'firmware-ram' as const, label: 'If firmware calls it System RAM' };
  const already = c.firmware.bootRam;
  const probe = already || opts.baseTree ? c : deriveCore({ ...s, platform: { ...s.platform, firmware: 'conventional', nosoftreserve: false } }, opts);
  const prefix = already ? '' : 'Had firmware described the range as EFI_CONVENTIONAL_MEMORY: ';
  if (probe.run.conflict) {
    const k = probe.run.conflict;
    const vfio = s.design === 'vfio-owned';
    return {
      ...base, status: 'good', short: `fails loudly: ${k.errno}`, verified: true,
      detail: `${prefix}${k.fn} meets the busy "${k.conflictWith.name}" and fails ${k.errno} at setup` +
        (vfio ? ' — Jason\'s "fail during the initial startup phases".' : s.design === 'private-node' ? '; Gregory Price wants such a firmware bug to splat.' : '.'),
      sources: [...k.sources, ...(vfio ? ['thread/jason-seed', 'thread/dan-c'] : s.design === 'private-node' ? ['thread/gregory-d'] : [])],
    };
  }
  if (probe.run.memory.kernelMapping?.kind === 'direct-map-alias' && probe.vma.kind === 'vfio-region') {
    return {
      ...base, status: 'bad', short: 'silent direct-map alias', verified: true,
      detail: `${prefix}memremap() returns the direct map of buddy-owned pages and VFIO hands them to the guest; nothing fails (Dan Williams).`,
      sources: ['mr/memremap', 'thread/dan-c'],
    };
  }
  const failed = [...probe.run.ops].reverse().find((o) => !o.ok && o.fn === 'memremap()');
  if (failed && !probe.run.deviceBound) {
    return {
      ...base, status: 'partial', short: 'memremap() NULL', verified: true,
      detail: `${prefix}${failed.result}. The setup fails, but by accident of this kernel's region_intersects()/ioremap rules, not because anything owns the range.`,
      sources: failed.sources,
    };
  }
  if (!probe.firmware.bootRam) {
    return { ...base, status: 'n/a', short: 'not RAM here', detail: 'The pasted tree does not show the range as System RAM.', sources: ['res/r_show'], verified: true };
  }
  return {
    ...base, status: 'bad', short: 'buddy RAM, not exclusive', verified: true,
    detail: `${prefix}the memory is ordinary System RAM from boot: nothing to hotplug and nothing exclusive about it.` +
      (s.design === 'private-node' ? ' Gregory Price: a private-node user should splat, as this is a firmware bug.' : ''),
    sources: [...probe.firmware.sources, 'thread/dan-c', ...(s.design === 'private-node' ? ['thread/gregory-d'] : [])],
  };
}

function structPages(c: Core): Verdict {
  const m = c.run.memory;
  return {
    id: 'struct-pages',
    label: 'struct pages',
    status: 'n/a',
    short: m.structPages ? `yes: ${m.zone ?? 'offline'}${m.numaNode !== null ? `, node ${m.numaNode}` : ''}` : 'none (special PFNs)',
    detail: m.structPages
      ? 'Buddy-managed folios: GUP, pins, migration, NUMA policy and THP all apply (what Dan wants; what Jason rules out).'
      : 'No struct pages: no GUP, no FOLL_LONGTERM pin, no migration; lifetime is VFIO\'s, through zap and MMU notifiers.',
    sources: m.structPages ? [...m.sources, 'thread/dan-a'] : ['vo/exclusive', ...m.sources],
    verified: true,
  };
}

const UPSTREAM: Record<DesignId, Omit<Verdict, 'id' | 'label'>> = {
  hotplug: { status: 'good', short: 'upstream (dax/kmem)', detail: 'dax/kmem and add_memory_driver_managed() are mainline.', sources: ['hp/kmem-probe'], verified: true },
  'private-node': {
    status: 'bad', short: 'RFC v4 (Feb 2026)', detail: 'N_MEMORY_PRIVATE is an RFC; the author plans a major contraction of the interface.',
    sources: ['thread/private-node-rfc'], verified: true,
  },
  memremap: { status: 'partial', short: 'v2 as posted', detail: 'What v2 of the VFIO-CXL series did; superseded by v3.', sources: ['thread/v2-16'], verified: true },
  'vfio-owned': {
    status: 'partial', short: 'v3/v4 in review', detail: 'The thread\'s outcome, adopted in v3 (Jun 2026) and v4 (Aug 2026); not merged as far as known.',
    sources: ['thread/v3-cover', 'thread/v4-pmd'], verified: true,
  },
  'nvgrace-gpu': { status: 'good', short: 'upstream precedent', detail: 'vfio/nvgrace-gpu is mainline: the cacheable-PFNMAP precedent.', sources: ['nv/mmap'], verified: true },
};

/** What a verdict cites when its own reasoning has nothing more specific: the failure, else the last fault step. */
function fallbackSources(c: Core): SourceId[] {
  return c.run.conflict?.sources ?? c.fault.steps.at(-1)?.sources ?? c.run.memory.sources;
}

/**
 * Every verdict cites something (the failure that made it n/a, at least), sources are de-duplicated, and a verdict
 * is verified only when everything it cites is.
 */
function finish(v: Verdict, c: Core): Verdict {
  const sources = [...new Set(v.sources.length > 0 ? v.sources : fallbackSources(c))];
  return { ...v, sources, verified: v.verified && sources.every((id) => getSource(id).verified) };
}

/** All verdicts for one scenario, in VerdictId order. */
export function deriveVerdicts(s: Scenario, c: Core, opts: DeriveOptions): Verdict[] {
  return ([
    guestCacheable(s, c),
    exclusive(c),
    huge(c),
    liveMigration(s, c, opts),
    deviceReset(s, c, opts),
    firmwareRam(s, c, opts),
    structPages(c),
    { id: 'upstream-status', label: 'Upstream status', ...UPSTREAM[s.design] },
  ] satisfies Verdict[]).map((v) => finish(v, c));
}
