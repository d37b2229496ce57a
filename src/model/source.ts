/**
 * Where a fact comes from. Every rule, step, diagram element and verdict carries one or more of these.
 * Forms follow ../shared/domain/README.md "How to cite in the app".
 */
export type Source =
  | {
      kind: 'upstream';
      /** Path in the kernel tree, e.g. "arch/arm64/kvm/mmu.c". */
      file: string;
      /** Function or symbol, e.g. "kvm_arch_prepare_memory_region()". */
      fn: string;
      /** Kernel version the fact was read at, e.g. "v7.1", "v6.19", "v6.x". */
      version: string;
      /** Commit if known (short or full hash), e.g. "fb9888fd". */
      commit?: string;
      /** Elixir tag to link to, e.g. "v6.19"; omitted when no released tag fits. */
      elixirTag?: string;
      verified: boolean;
    }
  | {
      kind: 'patch';
      series: string;
      /** Message-ID without angle brackets, or null when the domain notes say "Message-ID unknown". */
      messageId: string | null;
      url?: string;
      verified: boolean;
    }
  | {
      kind: 'thread';
      author: string;
      messageId: string | null;
      url?: string;
      date?: string;
      verified: boolean;
    }
  | {
      kind: 'inference';
      statement: string;
      /** Inferences are never verified. */
      verified: false;
    };

/** A source registered under a stable id (see sources.ts), so footnotes can be numbered and de-duplicated. */
export type SourceId = string;
