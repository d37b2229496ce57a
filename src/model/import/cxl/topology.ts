/**
 * The CXL topology in `cxl list` output, whatever options made it: -B -P -E -M -D -R -T -X -u -v in any combination.
 * cxl-cli (ndctl, cxl/filter.c cxl_filter_walk()) prints one array of objects, or of one-key containers named for
 * the object type ("buses", "ports", "endpoints", "memdevs", "anon memdevs", "root decoders", "port decoders",
 * "endpoint decoders", "regions") when several types are listed; children nest under "<type>:<parent>" keys
 * ("ports:root0", "decoders:port1", "regions:decoder0.0", "memdevs:root3"), an endpoint's memdev under "memdev"; with
 * --human (-u) a single object is printed bare, addresses as "0x…" strings and sizes as "512.00 MiB (536.87 MB)"
 * (cxl/json.c, util/json.c display_size()). This reads every object by its own name key and takes its parent from the
 * key it nests under, so any combination reads the same. Read in pmem/ndctl at 92d5203 ("ndctl: release v81"):
 * cxl/filter.c (splice_array(), cond_add_put_array_suffix(), walk_decoders()), cxl/json.c (util_cxl_*_to_json()),
 * util/json.c (display_size(), display_hex(), util_display_json_array()), Documentation/cxl/cxl-list.txt.
 */
import { get, type Json } from './json';

export type DecoderKind = 'root' | 'switch' | 'endpoint';

export interface CxlRange {
  /** Host physical start ("resource"). */
  start: bigint;
  /** Size in bytes; `approximate` when --human printed it rounded ("4.00 GiB (4.29 GB)"). */
  size: bigint;
  approximate: boolean;
}

export interface CxlBus { name: string; provider: string | null; line: number }
export interface CxlPort { name: string; host: string | null; parent: string | null; depth: number | null; decodersCommitted: number | null; line: number }
export interface CxlEndpoint { name: string; memdev: string | null; parent: string | null; line: number }
export interface CxlMemdev {
  name: string;
  /** The PCI device ("0000:35:00.0") or platform device ("cxl_mem.2"). */
  host: string | null;
  ramSize: bigint | null;
  pmemSize: bigint | null;
  /** Kept exact: serials run past 2^53. */
  serial: bigint | null;
  numaNode: number | null;
  disabled: boolean;
  /** Listed under "anon memdevs": not attached to a port (disabled). */
  anonymous: boolean;
  parent: string | null;
  line: number;
}
export interface CxlDecoder {
  name: string;
  kind: DecoderKind | null;
  parent: string | null;
  range: CxlRange | null;
  interleaveWays: number | null;
  region: string | null;
  /** "disabled" when the decoder has no size. */
  disabled: boolean;
  /** Endpoint decoders: "ram" or "pmem". */
  mode: string | null;
  /** Root decoders: what the CXL window (CFMWS) may hold. accelmem: HDM-D/HDM-DB, a Type-2 device's memory. */
  capable: { ram: boolean; pmem: boolean; accelmem: boolean };
  targets: string[];
  line: number;
}
export interface CxlRegion {
  name: string;
  range: CxlRange | null;
  type: string | null;
  /** "commit": the region's decoders are committed; "reset": not. */
  decodeState: string | null;
  disabled: boolean;
  /** The root decoder it was created from, when the listing nests it. */
  decoder: string | null;
  mappings: { position: number | null; memdev: string | null; decoder: string | null }[];
  /** device-dax instances of the region (-X) and their mode ("system-ram", "devdax"). */
  dax: { name: string; mode: string | null }[];
  line: number;
}

export interface CxlTopology {
  buses: CxlBus[];
  ports: CxlPort[];
  endpoints: CxlEndpoint[];
  memdevs: CxlMemdev[];
  decoders: CxlDecoder[];
  regions: CxlRegion[];
}

/** "512.00 MiB (536.87 MB)" → 536870912 (approximate); "0x…" and decimal strings exactly. */
function sizeOf(v: Json | undefined): { value: bigint; approximate: boolean } | null {
  if (!v) return null;
  if (v.t === 'num') return /^\d+$/.test(v.raw) ? { value: BigInt(v.raw), approximate: false } : null;
  if (v.t !== 'str') return null;
  const s = v.v.trim();
  if (/^0x[0-9a-fA-F]+$/.test(s) || /^\d+$/.test(s)) return { value: BigInt(s), approximate: false };
  const m = /^(\d+)\.(\d{2}) ([KMGT])iB\b/.exec(s);
  if (!m) return null;
  const shift = { K: 10n, M: 20n, G: 30n, T: 40n }[m[3] as 'K' | 'M' | 'G' | 'T'];
  const hundredths = BigInt(m[1]!) * 100n + BigInt(m[2]!);
  return { value: (hundredths << shift) / 100n, approximate: true };
}

const str = (v: Json | undefined): string | null => (v && v.t === 'str' ? v.v : null);
const int = (v: Json | undefined): number | null => (v && v.t === 'num' && /^-?\d+$/.test(v.raw) ? Number(v.raw) : null);
const bool = (v: Json | undefined): boolean => v?.t === 'bool' && v.v;

function rangeOf(o: Json): CxlRange | null {
  const start = sizeOf(get(o, 'resource'));
  const size = sizeOf(get(o, 'size'));
  if (!start || !size || size.value === 0n) return null;
  return { start: start.value, size: size.value, approximate: size.approximate };
}

/** The object type a container key names, and the parent a "<type>:<parent>" key gives. */
function container(key: string): { type: string; parent: string | null } {
  const i = key.indexOf(':');
  return i < 0 ? { type: key, parent: null } : { type: key.slice(0, i), parent: key.slice(i + 1) };
}

/** Read the topology out of every JSON document of a `cxl list` text. */
export function readTopology(docs: readonly Json[]): CxlTopology {
  const t: CxlTopology = { buses: [], ports: [], endpoints: [], memdevs: [], decoders: [], regions: [] };
  const seen = new Set<string>();
  // Iterative walk: (value, container type, parent name, decoder kind hint).
  const work: { v: Json; type: string | null; parent: string | null }[] = docs.map((v) => ({ v, type: null as string | null, parent: null as string | null })).reverse();
  while (work.length > 0) {
    const { v, type, parent } = work.pop()!;
    if (v.t === 'arr') {
      for (let i = v.items.length - 1; i >= 0; i--) work.push({ v: v.items[i]!, type, parent });
      continue;
    }
    if (v.t !== 'obj') continue;
    const own = readObject(v, type, parent, t, seen);
    for (const [k, child] of v.entries) {
      if (child.t !== 'arr' && !(k === 'memdev' && child.t === 'obj')) continue;
      if (k === 'dports' || k === 'targets' || k === 'mappings' || k === 'media_errors') continue;
      const c = container(k);
      work.push({ v: child, type: k === 'memdev' ? 'memdevs' : c.type, parent: c.parent ?? own ?? parent });
    }
  }
  for (const r of t.regions) {
    if (!r.decoder) r.decoder = t.decoders.find((d) => d.kind === 'root' && d.range && r.range && d.range.start <= r.range.start && r.range.start < d.range.start + d.range.size)?.name ?? null;
  }
  return t;
}

/** Record one object by its name key; returns its name (the parent of what nests under it), or null. */
function readObject(o: Json, type: string | null, parent: string | null, t: CxlTopology, seen: Set<string>): string | null {
  const once = (kind: string, name: string): boolean => {
    const k = `${kind} ${name}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  };
  const bus = str(get(o, 'bus'));
  if (bus) {
    if (once('bus', bus)) t.buses.push({ name: bus, provider: str(get(o, 'provider')), line: o.line });
    return bus;
  }
  const port = str(get(o, 'port'));
  if (port) {
    if (once('port', port)) {
      t.ports.push({ name: port, host: str(get(o, 'host')), parent, depth: int(get(o, 'depth')), decodersCommitted: int(get(o, 'decoders_committed')), line: o.line });
    }
    return port;
  }
  const endpoint = str(get(o, 'endpoint'));
  if (endpoint) {
    const md = get(o, 'memdev');
    if (once('endpoint', endpoint)) t.endpoints.push({ name: endpoint, memdev: str(get(o, 'host')) ?? (md ? str(get(md, 'memdev')) : null), parent, line: o.line });
    return endpoint;
  }
  const decoder = str(get(o, 'decoder'));
  if (decoder && get(o, 'position') === undefined) {
    if (once('decoder', decoder)) {
      const kind: DecoderKind | null =
        type === 'root decoders' ? 'root' : type === 'port decoders' ? 'switch' : type === 'endpoint decoders' ? 'endpoint'
          : parent?.startsWith('root') ? 'root' : parent?.startsWith('endpoint') ? 'endpoint' : parent?.startsWith('port') ? 'switch'
            : get(o, 'max_available_extent') !== undefined || get(o, 'volatile_capable') !== undefined ? 'root'
              : get(o, 'dpa_resource') !== undefined || get(o, 'mode') !== undefined ? 'endpoint' : null;
      const targets = get(o, 'targets');
      t.decoders.push({
        name: decoder, kind, parent, range: rangeOf(o), interleaveWays: int(get(o, 'interleave_ways')), region: str(get(o, 'region')),
        disabled: str(get(o, 'state')) === 'disabled', mode: str(get(o, 'mode')),
        capable: { ram: bool(get(o, 'volatile_capable')), pmem: bool(get(o, 'pmem_capable')), accelmem: bool(get(o, 'accelmem_capable')) },
        targets: targets?.t === 'arr' ? targets.items.map((x) => str(get(x, 'target'))).filter((x): x is string => x !== null) : [],
        line: o.line,
      });
    }
    return decoder;
  }
  const region = str(get(o, 'region'));
  if (region && (get(o, 'decode_state') !== undefined || get(o, 'resource') !== undefined || get(o, 'size') !== undefined)) {
    if (once('region', region)) {
      const maps = get(o, 'mappings');
      const dax = get(o, 'daxregion');
      const devices = dax ? get(dax, 'devices') : undefined;
      t.regions.push({
        name: region, range: rangeOf(o), type: str(get(o, 'type')), decodeState: str(get(o, 'decode_state')), disabled: str(get(o, 'state')) === 'disabled',
        decoder: parent?.startsWith('decoder') ? parent : null,
        mappings: maps?.t === 'arr' ? maps.items.map((m) => ({ position: int(get(m, 'position')), memdev: str(get(m, 'memdev')), decoder: str(get(m, 'decoder')) })) : [],
        dax: devices?.t === 'arr' ? devices.items.map((d) => ({ name: str(get(d, 'chardev')) ?? '?', mode: str(get(d, 'mode')) })) : [],
        line: o.line,
      });
    }
    return region;
  }
  const memdev = str(get(o, 'memdev'));
  if (memdev && get(o, 'position') === undefined) {
    if (once('memdev', memdev)) {
      const serial = sizeOf(get(o, 'serial'));
      t.memdevs.push({
        name: memdev, host: str(get(o, 'host')), ramSize: sizeOf(get(o, 'ram_size'))?.value ?? null, pmemSize: sizeOf(get(o, 'pmem_size'))?.value ?? null,
        serial: serial?.value ?? null, numaNode: int(get(o, 'numa_node')), disabled: str(get(o, 'state')) === 'disabled',
        anonymous: type === 'anon memdevs', parent: type === 'anon memdevs' ? null : parent, line: o.line,
      });
    }
    return memdev;
  }
  return null;
}
