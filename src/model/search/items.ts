/**
 * The single changes the "what would it take" search combines: every platform fact it may vary (not the
 * architecture, and not the scenario's own toggles — dirty logging, a device reset, MTE) set to each other value, and
 * every posted or hypothetical change not yet applied. Each carries the `explain` flag that applies it, what it rests
 * on, and a rank: a config or boot option (0) before a newer release (1), a platform fact — firmware, hardware, a
 * driver committing the region at boot — (2), an older release (2.5), a posted change (3), a hypothetical one (4).
 */
import { CATALOGUE, mergedBetween, patchEntry } from '../patches/catalogue';
import { PATCH_IDS } from '../patches/ids';
import type { ConfigKey, DesignId, Platform } from '../scenario';
import { CONFIG_KEYS, CPU_VENDORS, DEFAULT_CONFIG, EFI_ATTRS, FIRMWARE_TYPES, KERNEL_VERSIONS, ONLINE_POLICIES, versionAtLeast } from '../scenario';
import type { SourceId } from '../source';

/** What kind of step an item is, as the JSON reports it. */
export type ItemStatus = 'config' | 'release' | 'platform' | 'posted' | 'hypothetical';

export interface ChangeItem {
  kind: 'platform' | 'patch';
  /** "kernel=7.1", "CONFIG_CXL_REGION=n", or a catalogue id. */
  id: string;
  label: string;
  status: ItemStatus;
  sources: SourceId[];
  /** The exact `explain` flag that applies it. */
  flag: string;
  /** The platform fact it sets, as track.ts names reads ("kernel", "config.CXL_REGION", "patch:<id>"): one per set. */
  field: string;
  rank: number;
  apply: (p: Platform) => Platform;
}

const FIRMWARE_TEXT: Record<Platform['firmware'], string> = {
  conventional: 'firmware describes the range as EFI_CONVENTIONAL_MEMORY (System RAM)',
  'soft-reserved': 'firmware describes the range as EFI_MEMORY_SP (Soft Reserved)',
  reserved: 'firmware describes the range as EFI_RESERVED_TYPE',
};
const CONFIG_SOURCES: Record<ConfigKey, SourceId[]> = {
  CXL_REGION: ['dax/hmem-defer-cxl-region', 'dax/discover_region'],
  DEV_DAX_HMEM: ['dax/dax_hmem_probe'],
  DEV_DAX_KMEM: ['dax/dax_match_type'],
  EFI_SOFT_RESERVE: ['fw/efi-nosoftreserve'],
};
const ONLINE_TEXT: Record<Platform['onlinePolicy'], string> = {
  offline: 'hotplugged memory stays offline (memhp_default_state=offline)',
  online: 'hotplugged memory is onlined by the default zone policy (online)',
  online_movable: 'hotplugged memory is onlined movable (online_movable)',
  online_kernel: 'hotplugged memory is onlined to the kernel zone (online_kernel)',
};

/** The values the model tells apart for an option: y and m differ only in when the module loads. */
function configAlternatives(k: ConfigKey, v: string): string[] {
  if (k === 'DEV_DAX_HMEM' || k === 'DEV_DAX_KMEM') return v === 'n' ? [DEFAULT_CONFIG[k]] : ['n'];
  return [v === 'y' ? 'n' : 'y'];
}

const onOff = (b: boolean) => (b ? 'on' : 'off');

/** Every single change the search may use from `base`, in a fixed order (`design` picks what a kernel label names). */
export function candidateItems(base: Platform, design?: DesignId): ChangeItem[] {
  const out: ChangeItem[] = [];
  const x86 = base.arch === 'x86_64';
  const item = (i: Omit<ChangeItem, 'kind' | 'rank'> & { kind?: ChangeItem['kind']; rank?: number }): void => {
    const rank = i.rank ?? { config: 0, release: 1, platform: 2, posted: 3, hypothetical: 4 }[i.status];
    out.push({ kind: i.kind ?? 'platform', ...i, rank });
  };
  for (const f of FIRMWARE_TYPES) {
    if (f === base.firmware) continue;
    item({ id: `firmware=${f}`, label: FIRMWARE_TEXT[f], status: 'platform', sources: x86 ? ['fw/e820-x86'] : ['a64/efi-is-memory'], flag: `--firmware ${f}`, field: 'firmware', apply: (p) => ({ ...p, firmware: f }) });
  }
  if (!x86) {
    for (const a of EFI_ATTRS) {
      if (a === base.efiAttr) continue;
      item({ id: `efiAttr=${a}`, label: `the EFI_RESERVED range has a${a === 'wb' ? ' WB' : 'n uncached'} attribute`, status: 'platform', sources: ['a64/efi-is-memory'], flag: `--efi-attr ${a}`, field: 'efiAttr', apply: (p) => ({ ...p, efiAttr: a }) });
    }
    for (const k of ['fwb', 'dic'] as const) {
      const v = !base[k];
      item({ id: `${k}=${onOff(v)}`, label: `a CPU ${v ? 'with' : 'without'} ${k === 'fwb' ? 'FEAT_S2FWB' : 'CTR_EL0.DIC'}`, status: 'platform', sources: ['a64/kvm_supports_cacheable_pfnmap'], flag: `--${k} ${onOff(v)}`, field: k, apply: (p) => ({ ...p, [k]: v }) });
    }
  } else {
    for (const v of CPU_VENDORS) {
      if (v === base.vendor) continue;
      item({ id: `vendor=${v}`, label: v === 'amd' ? 'an AMD CPU (SVM, NPT)' : 'an Intel CPU (VMX, EPT)', status: 'platform', sources: v === 'amd' ? ['x86/svm-no-get-mt-mask'] : ['x86/vmx_get_mt_mask'], flag: `--vendor ${v}`, field: 'vendor', apply: (p) => ({ ...p, vendor: v }) });
    }
  }
  const nsr = !base.nosoftreserve;
  item({ id: `nosoftreserve=${onOff(nsr)}`, label: nsr ? 'boot with efi=nosoftreserve' : 'boot without efi=nosoftreserve', status: 'config', sources: ['fw/efi-nosoftreserve'], flag: nsr ? '--nosoftreserve' : '--nosoftreserve=off', field: 'nosoftreserve', apply: (p) => ({ ...p, nosoftreserve: nsr }) });
  for (const k of KERNEL_VERSIONS) {
    if (k === base.kernel) continue;
    const newer = versionAtLeast(k, base.kernel);
    const brings = mergedBetween(base.kernel, k).filter((e) => (!design || e.bearsOn.includes(design)) && (!e.arch || e.arch === base.arch));
    const ids = brings.map((e) => e.id);
    const what = ids.length > 3 ? `${ids.slice(0, 3).join(', ')} and ${ids.length - 3} more` : ids.join(', ');
    item({
      id: `kernel=${k}`, label: `kernel ${k}${newer ? '' : ' (older)'}${what ? `${newer ? ', with' : ', without'} ${what}` : ''}`, status: 'release', rank: newer ? 1 : 2.5,
      sources: [...new Set(brings.flatMap((e) => e.sources))], flag: `--kernel ${k}`, field: 'kernel', apply: (p) => ({ ...p, kernel: k }),
    });
  }
  const region = base.region === 'committed' ? 'none' : 'committed';
  item({
    id: `region=${region}`, label: region === 'committed' ? 'a Type-2 driver commits the CXL region at boot (Type-2 API, posted)' : 'no CXL region at boot: the design\'s driver assembles it when it binds',
    status: 'platform', sources: ['dax/type2-api-posted', 'dax/discover_region'], flag: `--region ${region}`, field: 'region', apply: (p) => ({ ...p, region }),
  });
  for (const k of CONFIG_KEYS) {
    for (const v of configAlternatives(k, base.config[k])) {
      item({ id: `CONFIG_${k}=${v}`, label: `CONFIG_${k}=${v}`, status: 'config', sources: CONFIG_SOURCES[k], flag: `--config CONFIG_${k}=${v}`, field: `config.${k}`, apply: (p) => ({ ...p, config: { ...p.config, [k]: v } }) });
    }
  }
  for (const o of ONLINE_POLICIES) {
    if (o === base.onlinePolicy) continue;
    item({ id: `online=${o}`, label: ONLINE_TEXT[o], status: 'config', sources: ['hp/online-policy'], flag: `--online ${o}`, field: 'onlinePolicy', apply: (p) => ({ ...p, onlinePolicy: o }) });
  }
  // The huge-fault control is the VFIO-CXL series version (catalogue: vfio-cxl/v4 on, vfio-cxl/v3 off).
  const version = CATALOGUE.find((e) => e.id === (base.hugeFault ? 'vfio-cxl/v3' : 'vfio-cxl/v4'))!;
  item({
    kind: 'patch', id: version.id, label: version.title, status: 'posted', sources: version.sources, flag: `--huge-fault ${onOff(!base.hugeFault)}`, field: 'hugeFault',
    apply: (p) => ({ ...p, hugeFault: !base.hugeFault }),
  });
  for (const id of PATCH_IDS) {
    if (base.patches.includes(id)) continue;
    const e = patchEntry(id);
    item({
      kind: 'patch', id, label: e.title, status: e.status.kind === 'hypothetical' ? 'hypothetical' : 'posted', sources: e.sources, flag: `--patch ${id}`, field: `patch:${id}`,
      apply: (p) => ({ ...p, patches: PATCH_IDS.filter((x) => x === id || p.patches.includes(x)) }),
    });
  }
  return out;
}
