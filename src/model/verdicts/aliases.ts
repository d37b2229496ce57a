/**
 * Mismatched aliases: the same pfns mapped with different memory types by the host (the kernel's direct map, a
 * memremap()/ioremap_cache() mapping, device_dax's linear map, the VMM's user PTEs) and by the guest (the EPT, NPT
 * or stage-2 entry). The x86 SDM leaves such aliases undefined and the Arm ARM loses coherency with them; Jason
 * Gunthorpe's condition for VFIO was "no mismatched attributes on virtual aliases" (issue 13 item 5).
 */
import type { Core } from '../derive';
import type { Verdict } from '../explain-types';
import type { Scenario } from '../scenario';
import type { SourceId } from '../source';
import type { Probes } from './probe';

interface Alias {
  what: string;
  cacheable: boolean;
  /** The cacheability depends on something the model cannot see (the host MTRRs). */
  maybe?: boolean;
  sources: SourceId[];
}

/** Every host mapping of the HDM pfns this scenario leaves, with its cacheability. */
export function hostAliases(c: Core): Alias[] {
  const m = c.run.memory;
  const out: Alias[] = [];
  const k = m.kernelMapping;
  if (k && k.kind !== 'none' && k.kind !== 'null') {
    const what =
      k.kind === 'direct-map-alias' || k.kind === 'linear-map'
        ? `the kernel's direct map (${k.via})`
        : k.kind === 'ioremap-wb'
          ? 'the kernel\'s memremap(WB) mapping (ioremap_cache)'
          : 'the kernel\'s memremap(WB) mapping (ioremap_prot(PROT_NORMAL))';
    out.push({ what, cacheable: true, maybe: k.kind === 'ioremap-wb', sources: ['mr/memremap', ...(k.kind === 'ioremap-wb' ? ['x86/pat-mtrr-reservation'] : [])] });
  } else if (m.directMap) {
    out.push({ what: 'the kernel\'s direct map', cacheable: true, sources: m.sources });
  }
  if (c.vma.kind === 'vfio-region') {
    out.push({ what: `the VMM's PFNMAP user PTEs (${c.vma.pgprot.cacheMode})`, cacheable: c.vma.pgprot.cacheable, sources: ['vma/pat-cachemode'] });
  }
  return out;
}

export function aliases(s: Scenario, P: Probes): Verdict {
  const base = { id: 'aliases' as const, label: 'Host aliases match the guest' };
  const c = P.steady;
  const r = c.fault.result;
  if (r.kind === 'error') {
    return { ...base, status: 'n/a', short: 'no guest mapping', detail: `No guest mapping exists (${r.error} in ${r.at}), so nothing can alias it.`, sources: [], verified: true };
  }
  const arm = s.platform.arch === 'arm64';
  const rule: SourceId[] = arm ? ['a64/mismatched-attributes', 'thread/jason-f'] : ['x86/pat-alias-rule', 'thread/jason-f'];
  const hosts = hostAliases(c);
  const list = (as: Alias[]) => as.map((a) => a.what).join('; ');
  if (r.cacheability === 'depends') {
    return {
      ...base, status: 'partial', short: 'depends on MTRRs', verified: false,
      detail: `The guest's type on AMD follows the host MTRRs, and so does any WB host mapping of the range: they match when the MTRRs say WB. Host mappings: ${list(hosts) || 'none'}.`,
      sources: [...rule, 'x86/amd-guest-pat-mtrr', ...hosts.flatMap((a) => a.sources)],
    };
  }
  const mismatched = hosts.filter((a) => a.cacheable !== r.cacheable);
  if (mismatched.length === 0) {
    return {
      ...base, status: 'good', short: r.cacheable ? 'all cacheable' : 'none cacheable', verified: true,
      detail: hosts.length === 0
        ? `No host mapping of the range besides the guest's ${r.table} ${r.memtype} entry.`
        : `Every host mapping (${list(hosts)}) is ${r.cacheable ? 'cacheable like' : 'uncached like'} the guest's ${r.table} ${r.memtype} entry.`,
      sources: [...rule, ...hosts.flatMap((a) => a.sources)],
    };
  }
  const guest = `${r.table} ${r.memtype}`;
  return {
    ...base, status: 'bad', short: `${mismatched[0]!.cacheable ? 'WB' : 'UC'} host alias vs guest ${r.memtype}`,
    verified: !mismatched.some((a) => a.maybe),
    detail: `The guest maps the pfns ${r.cacheable ? 'cacheable' : 'uncached'} (${guest}) while ${list(mismatched)} ${mismatched.length > 1 ? 'map' : 'maps'} them ${mismatched[0]!.cacheable ? 'cacheable' : 'uncached'}: ` +
      (arm
        ? 'mismatched attributes for one location lose ordering and coherency (Arm ARM B2.8).'
        : 'the SDM leaves aliases of one page with different memory types unsupported (§11.12.4).') +
      ' Jason Gunthorpe\'s condition for VFIO was that no mismatched attributes exist on virtual aliases.',
    sources: [...rule, ...mismatched.flatMap((a) => a.sources), ...(c.fault.steps.at(-1)?.sources ?? [])],
  };
}
