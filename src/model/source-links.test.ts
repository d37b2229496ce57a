import { describe, expect, it } from 'vitest';
import type { Source } from './source';
import type { CheckedSource } from './source-check/checked';
import { citedIdentifier, elixirTag, sourceFileUrl, sourceLabel, sourceLinkNote, sourceUrl, sourceUrlOf } from './source-links';
import { SOURCES } from './sources';

const up = (over: Partial<Extract<Source, { kind: 'upstream' }>> = {}): Source => ({
  kind: 'upstream', file: 'kernel/resource.c', fn: '__request_region()', version: 'v6.x', verified: true, ...over,
});

describe('sourceUrl', () => {
  it('links upstream code to the Elixir identifier search at a real tag, preferring the explicit elixirTag', () => {
    expect(sourceUrl(up({ version: 'v6.12' }))).toBe('https://elixir.bootlin.com/linux/v6.12/A/ident/__request_region');
    expect(sourceUrl(up({ version: 'v6.x', elixirTag: 'v6.19' }))).toBe('https://elixir.bootlin.com/linux/v6.19/A/ident/__request_region');
    expect(sourceUrl(up({ version: 'v6.12-rc3' }))).toBe('https://elixir.bootlin.com/linux/v6.12-rc3/A/ident/__request_region');
    expect(sourceFileUrl(up({ version: 'v6.12' }))).toBe('https://elixir.bootlin.com/linux/v6.12/source/kernel/resource.c');
  });

  it('names the first identifier a citation gives, and links the file when it gives none', () => {
    const id = (fn: string) => citedIdentifier(up({ fn }) as Extract<Source, { kind: 'upstream' }>);
    expect(id('pfnmap_setup_cachemode() / lookup_memtype()')).toBe('pfnmap_setup_cachemode');
    expect(id('ARCH_SUPPORTS_PMD_PFNMAP / ARCH_SUPPORTS_PUD_PFNMAP')).toBe('ARCH_SUPPORTS_PMD_PFNMAP');
    expect(id('—')).toBeNull();
    expect(sourceUrl(up({ fn: '—', version: 'v6.12' }))).toBe('https://elixir.bootlin.com/linux/v6.12/source/kernel/resource.c');
  });

  it('links to "latest" when the version is not a tag, and says so', () => {
    for (const version of ['v6.x', '~v6.12', 'v5.2–6.13', 'Type-2 series']) {
      const s = up({ version });
      expect(sourceUrl(s)).toBe('https://elixir.bootlin.com/linux/latest/A/ident/__request_region');
      expect(sourceLinkNote(s)).toContain(version);
    }
    expect(sourceLinkNote(up({ version: 'v6.12' }))).toBeNull();
    // A malformed explicit tag is not trusted.
    expect(elixirTag(up({ version: 'v6.x', elixirTag: 'main' }) as Extract<Source, { kind: 'upstream' }>)).toBeNull();
  });

  it('gives no link for code outside mainline', () => {
    expect(sourceUrl(up({ file: 'drivers/vfio/pci/cxl/vfio_cxl_core.c (NVIDIA/NV-Kernels)', version: 'NV-Kernels (commit unknown)' }))).toBeNull();
    expect(sourceUrl(up({ file: 'backends/hostmem.c (QEMU)', version: 'QEMU' }))).toBeNull();
    expect(sourceLinkNote(up({ file: 'backends/hostmem.c (QEMU)', version: 'QEMU' }))).toBeNull();
  });

  it('links a Message-ID to lore, keeping the @ readable, and falls back to a thread URL', () => {
    expect(sourceUrl({ kind: 'patch', series: 's', messageId: '2025.1-2-a@b.com', verified: true })).toBe('https://lore.kernel.org/r/2025.1-2-a@b.com');
    expect(sourceUrl({ kind: 'thread', author: 'X', messageId: 'a/b@c', verified: true })).toBe('https://lore.kernel.org/r/a%2Fb@c');
    expect(sourceUrl({ kind: 'thread', author: 'X', messageId: null, url: 'https://lore.kernel.org/all/x/', verified: false })).toBe('https://lore.kernel.org/all/x/');
    expect(sourceUrl({ kind: 'patch', series: 's', messageId: null, verified: false })).toBeNull();
    expect(sourceUrl({ kind: 'inference', statement: 'x', verified: false })).toBeNull();
  });

  it('gives every registered source a well-formed link or none, and a note exactly when it links to latest', () => {
    for (const [id, s] of Object.entries(SOURCES)) {
      const url = sourceUrlOf(id, s);
      if (s.kind === 'inference') expect(url, id).toBeNull();
      if (url === null) continue;
      if (s.kind === 'upstream') expect(url, id).toMatch(/^https:\/\/elixir\.bootlin\.com\/linux\/(v\d+\.\d+(\.\d+)?(-rc\d+)?|latest)\/(A\/ident\/\w+|source\/[\w./-]+(#L\d+)?)$/);
      else if (s.kind !== 'inference' && s.messageId) expect(url, id).toMatch(/^https:\/\/lore\.kernel\.org\/r\/\S+$/);
      else if (s.kind !== 'inference') expect(url, id).toBe(s.url);
      expect(sourceLinkNote(s) !== null, id).toBe(url.includes('/latest/'));
    }
  });
});

describe('sourceUrl with a check of the source', () => {
  const s = up({ file: 'virt/kvm/kvm_main.c', fn: 'hva_to_pfn()', version: 'v6.19' });
  const check = (over: Partial<CheckedSource> = {}): CheckedSource => ({
    file: 'virt/kvm/kvm_main.c', fn: 'hva_to_pfn()', version: 'v6.19', rev: 'v6.19', outcome: 'found',
    symbols: [{ symbol: 'hva_to_pfn', outcome: 'found', at: { file: 'virt/kvm/kvm_main.c', line: 2981 }, reason: null }], ...over,
  });
  it('points at the line found when the check was made at the tag linked to', () => {
    expect(sourceUrl(s, check())).toBe('https://elixir.bootlin.com/linux/v6.19/source/virt/kvm/kvm_main.c#L2981');
  });
  it('gives no line for a check at another revision, or one that did not find the name in the cited file', () => {
    expect(sourceUrl(s, check({ rev: 'v7.0-rc1-5-gabc' }))).not.toContain('#L');
    expect(sourceUrl(s, check({ outcome: 'moved', symbols: [{ symbol: 'hva_to_pfn', outcome: 'moved', at: { file: 'virt/kvm/pfn.c', line: 3 }, reason: null }] }))).not.toContain('#L');
    expect(sourceUrl(up({ version: 'v6.x' }), check({ rev: 'v6.x' }))).not.toContain('#L');
  });
});

describe('sourceLabel', () => {
  it('names file, function, version and commit, and says when a Message-ID is missing', () => {
    expect(sourceLabel(up({ commit: 'abc123' }))).toBe('kernel/resource.c __request_region() v6.x @abc123');
    expect(sourceLabel({ kind: 'patch', series: '[PATCH] x', messageId: null, verified: false })).toBe('[PATCH] x (Message-ID unknown)');
    expect(sourceLabel({ kind: 'thread', author: 'Jason', date: '2025-01-01', messageId: 'm@x', verified: true })).toBe('Jason, 2025-01-01 <m@x>');
    expect(sourceLabel({ kind: 'thread', author: 'Jason', messageId: null, verified: false })).toContain('Message-ID unverified');
    expect(sourceLabel({ kind: 'inference', statement: 'guess', verified: false })).toBe('inference: guess');
  });
});
