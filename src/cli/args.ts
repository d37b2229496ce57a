/**
 * Option parsing for `cli explain`: every option and value is checked; anything unknown is a UsageError (exit 2).
 */
import type { Platform, Scenario } from '../model/scenario';
import { ARCHES, DEFAULT_PLATFORM, DESIGNS, FIRMWARE_TYPES, KERNEL_VERSIONS, ONLINE_POLICIES } from '../model/scenario';
import { UsageError } from './io';

export interface ExplainArgs {
  scenario: Scenario;
  format: 'text' | 'json';
  iomem: string | null;
  range: string | null;
}

const ON_OFF = ['on', 'off'] as const;

function oneOf<T extends string>(opt: string, v: string | undefined, allowed: readonly T[]): T {
  if (v === undefined || v.startsWith('--')) throw new UsageError(`${opt} needs a value: one of ${allowed.join(', ')}`);
  if (!(allowed as readonly string[]).includes(v)) throw new UsageError(`${opt}: unknown value "${v}" (expected one of ${allowed.join(', ')})`);
  return v as T;
}

export const EXPLAIN_USAGE = `usage: explain --design <${DESIGNS.join('|')}> --arch <${ARCHES.join('|')}>
         [--fwb on|off] [--firmware ${FIRMWARE_TYPES.join('|')}] [--nosoftreserve]
         [--kernel ${KERNEL_VERSIONS.join('|')}] [--online ${ONLINE_POLICIES.join('|')}]
         [--huge-fault on|off] [--mte on|off] [--dirty-log on|off] [--reset]
         [--format text|json] [--iomem FILE --range START-END]`;

export function parseExplainArgs(argv: string[]): ExplainArgs {
  const p: Platform = { ...DEFAULT_PLATFORM };
  let design: Scenario['design'] | null = null;
  let arch: Platform['arch'] | null = null;
  let format: 'text' | 'json' = 'text';
  let iomem: string | null = null;
  let range: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const eq = a.indexOf('=');
    const opt = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const inline = a.startsWith('--') && eq > 0 ? a.slice(eq + 1) : undefined;
    const val = (): string | undefined => (inline !== undefined ? inline : argv[++i]);
    switch (opt) {
      case '--design': design = oneOf(opt, val(), DESIGNS); break;
      case '--arch': arch = oneOf(opt, val(), ARCHES); break;
      case '--fwb': p.fwbDic = oneOf(opt, val(), ON_OFF) === 'on'; break;
      case '--firmware': p.firmware = oneOf(opt, val(), FIRMWARE_TYPES); break;
      case '--nosoftreserve': p.nosoftreserve = true; break;
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
      case '--range': {
        const v = val();
        if (!v) throw new UsageError('--range needs START-END (hex)');
        range = v;
        break;
      }
      default:
        throw new UsageError(`unknown option "${a}"\n${EXPLAIN_USAGE}`);
    }
  }
  if (!design) throw new UsageError(`--design is required\n${EXPLAIN_USAGE}`);
  if (!arch) throw new UsageError(`--arch is required\n${EXPLAIN_USAGE}`);
  if ((iomem === null) !== (range === null)) throw new UsageError('--iomem and --range go together');
  p.arch = arch;
  return { scenario: { design, platform: p }, format, iomem, range };
}
