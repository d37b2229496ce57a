/**
 * Which platform facts a derivation read. The model is pure: if two platforms agree on every fact the derivation of
 * one of them read, the other derives exactly the same (same path, same reads, same output). The "what would it
 * take" search uses that to skip a candidate change whose fact the derivation it extends never looked at — soundly,
 * without a hand-written list of which fact matters where.
 *
 * A tracked platform is a Proxy that notes each field read: "kernel", "config.CXL_REGION", "patch:<id>" (hasPatch()),
 * or "patches" when the list itself was read. Probes that vary a platform (verdicts/probe.ts, firmwareRam.ts) go
 * through varyPlatform(), so what the varied run reads of the fields it overrode is not a read of the original.
 * Nothing outside the model's derivation sees a tracked platform: deriveCore() keys its cache on the raw object.
 */
import type { Platform } from './scenario';

export type ReadSet = ReadonlySet<string>;

interface Meta {
  raw: Platform;
  sink: Set<string>;
  /** Top-level fields this view overrides: reads of them are not reads of the platform being tracked. */
  masked: ReadonlySet<string>;
}

const META = Symbol('tracked platform');
const NONE: ReadonlySet<string> = new Set();

function metaOf(p: Platform): Meta | undefined {
  return (p as unknown as Record<symbol, Meta | undefined>)[META];
}

/** The top-level field a read belongs to: "config.CXL_REGION" → "config", "patch:x" → "patches". */
export function fieldOf(read: string): string {
  if (read.startsWith('config.')) return 'config';
  if (read.startsWith('patch:')) return 'patches';
  return read;
}

function note(meta: Meta, read: string): void {
  if (!meta.masked.has(fieldOf(read))) meta.sink.add(read);
}

function trackedObject<T extends object>(obj: T, meta: Meta, prefix: string): T {
  return new Proxy(obj, {
    get(t, k, r) {
      const v: unknown = Reflect.get(t, k, r);
      if (typeof k === 'string') note(meta, `${prefix}${k}`);
      return v;
    },
  });
}

function trackedPatches(list: Platform['patches'], meta: Meta): Platform['patches'] {
  return new Proxy(list, {
    get(t, k, r) {
      if (k === 'includes') return (id: string) => (note(meta, `patch:${id}`), (t as readonly string[]).includes(id));
      note(meta, 'patches');
      const v: unknown = Reflect.get(t, k, r);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
    },
  });
}

/** A view of `raw` that adds every field read to `sink` (except the masked ones). */
export function trackPlatform(raw: Platform, sink: Set<string>, masked: ReadonlySet<string> = NONE): Platform {
  const meta: Meta = { raw, sink, masked };
  const config = trackedObject(raw.config, meta, 'config.');
  const patches = trackedPatches(raw.patches, meta);
  return new Proxy(raw, {
    get(t, k, r) {
      if (k === META) return meta;
      if (typeof k !== 'string') return Reflect.get(t, k, r);
      if (k === 'config') return config;
      if (k === 'patches') return patches;
      note(meta, k);
      return Reflect.get(t, k, r);
    },
  });
}

/** The plain platform behind a tracked one (itself when it is not tracked). */
export function untrack(p: Platform): Platform {
  return metaOf(p)?.raw ?? p;
}

export function isTracked(p: Platform): boolean {
  return metaOf(p) !== undefined;
}

/** Record, on a tracked platform, that a derivation of it read `reads` (a memoised derivation's reads, replayed). */
export function mergeReads(p: Platform, reads: ReadSet): void {
  const meta = metaOf(p);
  if (!meta) return;
  for (const r of reads) note(meta, r);
}

/**
 * `{ ...p, ...patch }`, for a probe that re-runs the model with some fields changed. When `p` is tracked the result
 * is too, into the same sink, with the changed fields masked: they are the probe's constants, not inputs.
 */
export function varyPlatform(p: Platform, patch: Partial<Platform>): Platform {
  const meta = metaOf(p);
  if (!meta) return { ...p, ...patch };
  const masked = new Set([...meta.masked, ...Object.keys(patch)]);
  return trackPlatform({ ...meta.raw, ...patch }, meta.sink, masked);
}
