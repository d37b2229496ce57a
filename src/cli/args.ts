/**
 * Option parsing for `cli explain`: every option and value is checked; anything unknown is a UsageError (exit 2).
 */
import type { KernelConfig, Platform, Scenario } from '../model/scenario';
import {
  ARCHES, CONFIG_KEYS, CONFIG_VALUES, CPU_VENDORS, DEFAULT_PLATFORM, DESIGNS, EFI_ATTRS, FIRMWARE_TYPES, KERNEL_VERSIONS, ONLINE_POLICIES,
  REGION_STATES,
} from '../model/scenario';
import { catalogueEntry, statusLabel } from '../model/patches/catalogue';
import { PATCH_IDS, isPatchId, normalizePatches } from '../model/patches/ids';
import { UsageError } from './io';

export interface ExplainArgs {
  scenario: Scenario;
  format: 'text' | 'json';
  iomem: string | null;
  range: string | null;
  /** A bundle from scripts/collect.sh: its facts set the platform, except where a flag says otherwise. */
  bundle: string | null;
  /** Platform fields a flag set ("arch", "fwb", "config.CXL_REGION"): with --bundle they win over its facts. */
  given: Set<string>;
}

const ON_OFF = ['on', 'off'] as const;

function oneOf<T extends string>(opt: string, v: string | undefined, allowed: readonly T[]): T {
  if (v === undefined || v.startsWith('--')) throw new UsageError(`${opt} needs a value: one of ${allowed.join(', ')}`);
  if (!(allowed as readonly string[]).includes(v)) throw new UsageError(`${opt}: unknown value "${v}" (expected one of ${allowed.join(', ')})`);
  return v as T;
}

export const EXPLAIN_USAGE = `usage: explain --design <${DESIGNS.join('|')}> --arch <${ARCHES.join('|')}>
         [--vendor ${CPU_VENDORS.join('|')}] [--fwb on|off] [--dic on|off] [--efi-attr ${EFI_ATTRS.join('|')}]
         [--firmware ${FIRMWARE_TYPES.join('|')}] [--nosoftreserve[=on|off]]
         [--kernel ${KERNEL_VERSIONS.join('|')}] [--region ${REGION_STATES.join('|')}]
         [--config CONFIG_X=v[,CONFIG_Y=v…]] [--online ${ONLINE_POLICIES.join('|')}]
         [--huge-fault on|off] [--mte on|off] [--dirty-log on|off] [--reset]
         [--patch ID[,ID…]] (posted or hypothetical changes; cli patches lists them)
         [--format text|json] [--iomem FILE --range START-END]
         [--bundle FILE [--range START-END]]`;

/**
 * --patch a,b (repeatable): changes from the catalogue that platform.patches can carry. A merged change, a design's
 * own series or an assumed one is refused with the flag that stands for it.
 */
export function parsePatches(v: string | undefined, base: Platform['patches']): Platform['patches'] {
  if (v === undefined || v === '' || v.startsWith('--')) throw new UsageError(`--patch needs an id: one of ${PATCH_IDS.join(', ')}`);
  const out = [...base];
  for (const raw of v.split(',')) {
    const id = raw.trim();
    if (isPatchId(id)) {
      out.push(id);
      continue;
    }
    const e = catalogueEntry(id);
    if (!e) throw new UsageError(`--patch: unknown change "${id}" (npm run --silent cli -- patches lists them)`);
    const a = e.appliedBy;
    const how =
      a.kind === 'kernel' ? `it is ${statusLabel(e)}: use --kernel ${a.version}` :
      a.kind === 'design' ? `it is the ${a.design} design${a.flag ? ` with ${a.flag}` : ''}: use --design ${a.design}${a.flag ? ` ${a.flag}` : ''}` :
      a.kind === 'assumed' ? 'every design that needs it assumes it already' : 'the model does not draw it';
    throw new UsageError(`--patch ${id}: ${how}`);
  }
  return normalizePatches(out);
}

/**
 * --config CONFIG_CXL_REGION=y,CONFIG_DEV_DAX_KMEM=n: each named option set, the rest keep their defaults. The
 * "CONFIG_" prefix is optional; an option the model does not know or a value it cannot take is a usage error.
 */
export function parseConfig(v: string | undefined, base: KernelConfig): KernelConfig {
  if (v === undefined || v === '' || v.startsWith('--')) {
    throw new UsageError(`--config needs OPTION=VALUE pairs, e.g. CONFIG_CXL_REGION=n (options: ${CONFIG_KEYS.map((k) => `CONFIG_${k}`).join(', ')})`);
  }
  const out: KernelConfig = { ...base };
  for (const item of v.split(',')) {
    const m = /^(?:CONFIG_)?([A-Z0-9_]+)=(.*)$/.exec(item.trim());
    if (!m) throw new UsageError(`--config: "${item}" is not OPTION=VALUE`);
    const key = m[1] as (typeof CONFIG_KEYS)[number];
    if (!(CONFIG_KEYS as readonly string[]).includes(key)) {
      throw new UsageError(`--config: CONFIG_${m[1]} does not change any outcome the model knows (options: ${CONFIG_KEYS.map((k) => `CONFIG_${k}`).join(', ')})`);
    }
    const allowed = CONFIG_VALUES[key] as readonly string[];
    if (!allowed.includes(m[2]!)) throw new UsageError(`--config: CONFIG_${key}=${m[2]} (expected ${allowed.join(', ')})`);
    (out as unknown as Record<string, string>)[key] = m[2]!;
  }
  return out;
}

/** Parse explain's options (what-it-takes takes the same ones; `usage` is what an error prints). */
export function parseExplainArgs(argv: string[], usage = EXPLAIN_USAGE): ExplainArgs {
  const p: Platform = { ...DEFAULT_PLATFORM };
  let design: Scenario['design'] | null = null;
  let arch: Platform['arch'] | null = null;
  let format: 'text' | 'json' = 'text';
  let iomem: string | null = null;
  let range: string | null = null;
  let bundle: string | null = null;
  const given = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const eq = a.indexOf('=');
    const opt = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const inline = a.startsWith('--') && eq > 0 ? a.slice(eq + 1) : undefined;
    const val = (): string | undefined => (inline !== undefined ? inline : argv[++i]);
    const FIELD: Record<string, string> = {
      '--arch': 'arch', '--vendor': 'vendor', '--fwb': 'fwb', '--dic': 'dic', '--efi-attr': 'efiAttr', '--region': 'region', '--firmware': 'firmware',
      '--nosoftreserve': 'nosoftreserve', '--kernel': 'kernel', '--online': 'onlinePolicy', '--huge-fault': 'hugeFault', '--mte': 'mte',
      '--dirty-log': 'dirtyLog', '--reset': 'deviceReset', '--patch': 'patches',
    };
    if (FIELD[opt]) given.add(FIELD[opt]);
    switch (opt) {
      case '--design': design = oneOf(opt, val(), DESIGNS); break;
      case '--arch': arch = oneOf(opt, val(), ARCHES); break;
      case '--vendor': p.vendor = oneOf(opt, val(), CPU_VENDORS); break;
      case '--fwb': p.fwb = oneOf(opt, val(), ON_OFF) === 'on'; break;
      case '--dic': p.dic = oneOf(opt, val(), ON_OFF) === 'on'; break;
      case '--efi-attr': p.efiAttr = oneOf(opt, val(), EFI_ATTRS); break;
      case '--region': p.region = oneOf(opt, val(), REGION_STATES); break;
      case '--config': {
        const v = val();
        p.config = parseConfig(v, p.config);
        for (const item of (v ?? '').split(',')) {
          const k = /^\s*(?:CONFIG_)?([A-Z0-9_]+)=/.exec(item)?.[1];
          if (k) given.add(`config.${k}`);
        }
        break;
      }
      case '--firmware': p.firmware = oneOf(opt, val(), FIRMWARE_TYPES); break;
      case '--nosoftreserve': p.nosoftreserve = inline === undefined ? true : oneOf(opt, inline, ON_OFF) === 'on'; break;
      case '--patch': p.patches = parsePatches(val(), p.patches); break;
      case '--kernel': p.kernel = oneOf(opt, val(), KERNEL_VERSIONS); break;
      case '--online': p.onlinePolicy = oneOf(opt, val(), ONLINE_POLICIES); break;
      case '--huge-fault': p.hugeFault = oneOf(opt, val(), ON_OFF) === 'on'; break;
      case '--mte': p.mte = oneOf(opt, val(), ON_OFF) === 'on'; break;
      case '--dirty-log': p.dirtyLog = oneOf(opt, val(), ON_OFF) === 'on'; break;
      case '--reset': p.deviceReset = true; break;
      case '--format': format = oneOf(opt, val(), ['text', 'json'] as const); break;
      case '--iomem': {
        const v = val();
        if (!v) throw new UsageError('--iomem needs a file (or - for stdin)');
        iomem = v;
        break;
      }
      case '--bundle': {
        const v = val();
        if (!v) throw new UsageError('--bundle needs a file (or - for stdin)');
        bundle = v;
        break;
      }
      case '--range': {
        const v = val();
        if (!v) throw new UsageError('--range needs START-END (hex)');
        range = v;
        break;
      }
      default:
        throw new UsageError(`unknown option "${a}"\n${usage}`);
    }
  }
  if (!design) throw new UsageError(`--design is required\n${usage}`);
  if (bundle !== null && iomem !== null) throw new UsageError('--bundle brings its own /proc/iomem: give --bundle or --iomem, not both');
  if (!arch && bundle === null) throw new UsageError(`--arch is required\n${usage}`);
  if (bundle === null && (iomem === null) !== (range === null)) throw new UsageError('--iomem and --range go together');
  if (arch) p.arch = arch;
  return { scenario: { design, platform: p }, format, iomem, range, bundle, given };
}
