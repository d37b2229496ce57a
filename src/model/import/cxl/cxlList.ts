/**
 * A pasted `cxl list` as the panel and `cli cxl` read it: mail damage undone (quote marks, quoted-printable, a
 * byte-order mark), every JSON document found (a transcript of several `cxl create-region` runs holds one per run,
 * between prompts and kernel messages), the topology read out of them, and what it says about the platform: a
 * committed region or none, and the range the accelerator's HDM most likely has.
 */
import { formatSize, hex } from '../../addr';
import type { RegionState } from '../../scenario';
import type { ImportError } from '../located';
import { restoreText, type Restored } from '../restore/restore';
import { parseJson, type Json } from './json';
import { readTopology, type CxlRange, type CxlTopology } from './topology';

export interface CxlSuggestion {
  start: bigint;
  /** Inclusive, like /proc/iomem. */
  end: bigint;
  /** "region0", "decoder0.0" */
  from: string;
  reason: string;
  /** The size was printed rounded (--human): the end is taken from /proc/iomem when it is given. */
  approximate: boolean;
}

export interface CxlListResult {
  topology: CxlTopology;
  /** Objects read (buses, ports, endpoints, memdevs, decoders, regions). */
  objectCount: number;
  /** JSON documents found in the text. */
  documents: number;
  /** Whether a committed region exists, when the listing says: a region with decode_state "commit", or regions all reset. */
  region: { state: RegionState; reason: string } | null;
  /** Ranges for the accelerator, best first. */
  suggestions: CxlSuggestion[];
  /** The first JSON error, located (line, column on the text as pasted). */
  errors: ImportError[];
  /** Lines outside any JSON document (prompts, kernel messages), and what restore changed. */
  notes: ImportError[];
  lineCount: number;
}

/** A line that starts a JSON document: "[" or "{" first on it. */
const DOC_START = /^\s*[[{]/;

/** Read `cxl list` output (one or more JSON documents, with anything between them). Never throws. */
export function parseCxlList(input: string): CxlListResult {
  const r: Restored = restoreText(input, {});
  const text = r.text;
  const docs: Json[] = [];
  const errors: ImportError[] = [];
  const skipped: number[] = [];
  let pos = 0;
  let lineNo = 1;
  while (pos < text.length) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = text.length;
    const line = text.slice(pos, eol);
    const p = DOC_START.test(line) ? parseJson(text, pos) : null;
    // A kernel message ("[   34.42] cxl_region …") or a bracketed aside starts with "[" too: one that fails on its
    // own line, or holds no object, is a line outside the JSON.
    const aside = p !== null && (p.ok ? !holdsObjects(p.value) : p.error.line === lineNo);
    if (p && !aside) {
      if (!p.ok) {
        const at = r.locate(p.error.line, p.error.column);
        errors.push({ line: at.line, column: at.column ?? p.error.column, message: `invalid JSON: ${p.error.message}` });
        break;
      }
      docs.push(p.value);
      // Continue on the line after the document ends.
      for (let i = text.indexOf('\n', pos); i >= 0 && i < p.end; i = text.indexOf('\n', i + 1)) lineNo++;
      const next = text.indexOf('\n', p.end);
      if (next < 0) break;
      lineNo++;
      pos = next + 1;
      continue;
    }
    if (line.trim() !== '') skipped.push(r.locate(lineNo).line);
    pos = eol + 1;
    lineNo++;
  }
  const topology = readTopology(docs);
  if (r.changed) {
    for (const list of [topology.buses, topology.ports, topology.endpoints, topology.memdevs, topology.decoders, topology.regions] as { line: number }[][]) {
      for (const o of list) o.line = r.locate(o.line).line;
    }
  }
  const objectCount = topology.buses.length + topology.ports.length + topology.endpoints.length + topology.memdevs.length + topology.decoders.length + topology.regions.length;
  const notes: ImportError[] = [...r.repairs];
  if (skipped.length > 0) {
    notes.push({ line: skipped[0]!, message: `${skipped.length} line${skipped.length === 1 ? '' : 's'} outside the JSON left out (prompts, kernel messages)` });
  }
  if (docs.length > 0 && objectCount === 0 && errors.length === 0) {
    errors.push({ line: 1, column: 1, message: 'JSON, but no bus, port, endpoint, memdev, decoder or region of `cxl list` in it' });
  }
  return { topology, objectCount, documents: docs.length, region: regionState(topology), suggestions: suggest(topology), errors, notes, lineCount: r.lineCount };
}

function holdsObjects(v: Json): boolean {
  return v.t === 'obj' || (v.t === 'arr' && (v.items.length === 0 || v.items.some((x) => x.t === 'obj')));
}

function regionState(t: CxlTopology): CxlListResult['region'] {
  const committed = t.regions.filter((x) => x.decodeState === 'commit');
  if (committed.length > 0) {
    return { state: 'committed', reason: `${committed.map((x) => x.name).join(', ')}: decode_state "commit"` };
  }
  if (t.regions.length > 0) return { state: 'none', reason: `${t.regions.map((x) => x.name).join(', ')}: decode_state "reset", none committed` };
  const refs = t.decoders.filter((d) => d.region);
  if (refs.length > 0) return { state: 'committed', reason: `${refs[0]!.name} decodes for ${refs[0]!.region}` };
  return null;
}

const end = (r: CxlRange) => r.start + r.size - 1n;

function suggest(t: CxlTopology): CxlSuggestion[] {
  const out: CxlSuggestion[] = [];
  for (const reg of t.regions) {
    if (!reg.range) continue;
    const committed = reg.decodeState === 'commit';
    out.push({
      start: reg.range.start, end: end(reg.range), from: reg.name, approximate: reg.range.approximate,
      reason: `${reg.name} (${reg.type ?? 'type unknown'}, ${committed ? 'committed' : `decode_state ${reg.decodeState ?? 'unknown'}`}): ${formatSize(reg.range.size)} at 0x${hex(reg.range.start)}`,
    });
  }
  // Root decoders (CXL windows) that may hold a Type-2 device's memory, then any other window.
  const roots = t.decoders.filter((d) => d.kind === 'root' && d.range);
  roots.sort((a, b) => Number(b.capable.accelmem) - Number(a.capable.accelmem));
  for (const d of roots) {
    const r = d.range!;
    out.push({
      start: r.start, end: end(r), from: d.name, approximate: r.approximate,
      reason: `${d.name}: a CXL window (root decoder) of ${formatSize(r.size)}${d.capable.accelmem ? ' that may map accelerator memory (accelmem_capable)' : ''}; the HDM is a part of it`,
    });
  }
  return out;
}
