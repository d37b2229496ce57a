/**
 * Where a source can be read: an Elixir link at the cited version for upstream code, a lore link for a Message-ID,
 * the archive URL for a thread message without one. Pure string building; no HTML.
 */
import type { Source, SourceId } from './source';
import { checkedLine, checkOf, type CheckedSource } from './source-check/checked';

const TAG = /^v\d+\.\d+(\.\d+)?(-rc\d+)?$/;

/** The Elixir tag to link to: the explicit one, the version if it is a real tag, else null (link to "latest"). */
export function elixirTag(s: Extract<Source, { kind: 'upstream' }>): string | null {
  if (s.elixirTag && TAG.test(s.elixirTag)) return s.elixirTag;
  if (TAG.test(s.version)) return s.version;
  return null;
}

/** The C identifier a citation names: the first one in its `fn` ("make_spte()" → make_spte, "A() / B()" → A). */
export function citedIdentifier(s: Extract<Source, { kind: 'upstream' }>): string | null {
  return /[A-Za-z_][A-Za-z0-9_]*/.exec(s.fn)?.[0] ?? null;
}

/**
 * Elixir's copy of the cited file at the cited version (or "latest"), at the checked line when the source's check
 * (source-check/checked.ts) was made at that tag; null when the file is not in mainline.
 */
export function sourceFileUrl(s: Source, check: CheckedSource | null = null): string | null {
  if (s.kind !== 'upstream' || /\(|NV-Kernels|QEMU/.test(s.file) || !/^[\w./-]+$/.test(s.file)) return null;
  const tag = elixirTag(s);
  const line = checkedLine(check, s, tag);
  return `https://elixir.bootlin.com/linux/${tag ?? 'latest'}/source/${s.file}${line ? `#L${line}` : ''}`;
}

/**
 * A URL to read the source, or null when none exists (e.g. an inference, or a tree outside mainline). Upstream code
 * links to the line a check found at the cited version; without one, to Elixir's identifier search at that version,
 * which lists the definition and every use rather than the top of the file; to the file when no identifier is named.
 */
export function sourceUrl(s: Source, check: CheckedSource | null = null): string | null {
  switch (s.kind) {
    case 'upstream': {
      const file = sourceFileUrl(s, check);
      if (!file || file.includes('#L')) return file;
      const ident = citedIdentifier(s);
      return ident ? `https://elixir.bootlin.com/linux/${elixirTag(s) ?? 'latest'}/A/ident/${ident}` : file;
    }
    case 'patch':
    case 'thread':
      if (s.messageId) return `https://lore.kernel.org/r/${encodeURIComponent(s.messageId).replace(/%40/g, '@')}`;
      return s.url ?? null;
    case 'inference':
      return null;
  }
}

/** The URL of a registered source, at its checked line when the committed line file has one. */
export function sourceUrlOf(id: SourceId, s: Source): string | null {
  return sourceUrl(s, checkOf(id, s));
}

/**
 * What the reader should know about where sourceUrl() points, or null when the link is at the cited version:
 * an upstream fact cited at a version that is not a release tag ("v6.x", "~v6.12", a series or branch) links to
 * Elixir's "latest", which may differ from what was read.
 */
export function sourceLinkNote(s: Source): string | null {
  if (s.kind !== 'upstream' || sourceUrl(s) === null || elixirTag(s) !== null) return null;
  return `${s.version} is not a release tag: the link is to Elixir's latest release`;
}

/** One-line citation, e.g. "kernel/resource.c __request_region_locked() v6.x @4538ea78". */
export function sourceLabel(s: Source): string {
  switch (s.kind) {
    case 'upstream':
      return `${s.file} ${s.fn} ${s.version}${s.commit ? ` @${s.commit}` : ''}`;
    case 'patch':
      return `${s.series}${s.messageId ? ` <${s.messageId}>` : ' (Message-ID unknown)'}`;
    case 'thread':
      return `${s.author}${s.date ? `, ${s.date}` : ''}${s.messageId ? ` <${s.messageId}>` : ' (Message-ID unverified)'}`;
    case 'inference':
      return `inference: ${s.statement}`;
  }
}
