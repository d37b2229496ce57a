/**
 * The identifiers a citation's `fn` names. "dev_dax_kmem_probe()" is one function; "e820_type_to_string() /
 * do_mark_busy()" two; "struct kvm_page_fault", "follow_pfnmap_args.addr_mask" and "CONFIG_CXL_REGION" say what kind
 * of definition to look for. Anything else ("host-nodes=N,policy=bind (mbind)") is not an identifier and is reported
 * as not checkable, never guessed at.
 */

/** A C identifier, checked once: the only form in which a name reaches a regular expression or git. */
export type Identifier = string & { readonly __brand: 'Identifier' };

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function asIdentifier(s: string): Identifier | null {
  return IDENT.test(s) ? (s as Identifier) : null;
}

/** What kind of definition the citation asks for. */
export type Wanted =
  | 'call' // written "name()": a function or a function-like macro
  | 'type' // "struct name", "union name", "enum name"
  | 'field' // "container.name" or "container->name": a member of struct/union container
  | 'config' // "CONFIG_NAME", or any name cited in a Kconfig file: a Kconfig entry
  | 'any'; // a bare name: any definition but a field

export type SymbolQuery =
  | { ok: true; text: string; name: Identifier; want: Wanted; container: Identifier | null }
  | { ok: false; text: string; reason: string };

/** Kconfig, Kconfig.debug, arch/x86/Kconfig.cpu… */
export function isKconfigPath(path: string): boolean {
  return /(^|\/)Kconfig(\.[\w-]+)?$/.test(path);
}

function one(text: string, kconfig: boolean): SymbolQuery {
  const bad = (why: string): SymbolQuery => ({ ok: false, text, reason: `"${text}" ${why}` });
  let t = text;
  const call = t.endsWith('()');
  if (call) t = t.slice(0, -2).trimEnd();
  const tag = /^(struct|union|enum)\s+(.+)$/.exec(t);
  if (tag) t = tag[2]!;
  const member = /^(\w+)\s*(?:\.|->)\s*(\w+)$/.exec(t);
  if (member) {
    const container = asIdentifier(member[1]!);
    const name = asIdentifier(member[2]!);
    if (!container || !name || call) return bad('is not a struct member (container.field)');
    return { ok: true, text, name, want: 'field', container };
  }
  const config = /^CONFIG_(\w+)$/.exec(t);
  const name = asIdentifier(config ? config[1]! : t);
  if (!name) return bad('is not a C identifier');
  if (tag) return call ? bad('is a type, not a call') : { ok: true, text, name, want: 'type', container: null };
  if (config || kconfig) return call ? bad('is a Kconfig symbol, not a call') : { ok: true, text, name, want: 'config', container: null };
  return { ok: true, text, name, want: call ? 'call' : 'any', container: null };
}

/**
 * Every name a citation's `fn` holds, in order. Names are separated by " / ", ", " or " and "; each is checked on its
 * own.
 * @example extractSymbols('direct_page_fault() / direct_map()', 'arch/x86/kvm/mmu/mmu.c') // two 'call' queries
 */
export function extractSymbols(fn: string, file: string): SymbolQuery[] {
  const kconfig = isKconfigPath(file);
  return fn
    .split(/\s+\/\s+|,\s+|\s+and\s+/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p) => one(p, kconfig));
}
