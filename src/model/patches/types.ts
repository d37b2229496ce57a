/** The shape of a catalogue entry: a kernel change that bears on the designs, its status, and how the model applies it. */
import type { Arch, DesignId, KernelVersion } from '../scenario';
import type { SourceId } from '../source';
import type { PatchId } from './ids';

export type PatchStatus =
  /** In a release; the model expresses it by the first kernel version it offers that has it. */
  | { kind: 'merged'; release: string; kernel: KernelVersion }
  /** Posted to the lists, not merged (as far as the sources read go). */
  | { kind: 'posted'; series: string; version: string; messageId: string | null }
  /** Nobody has posted it; a maintainer's mail said it would be needed (or what it would take). */
  | { kind: 'hypothetical'; messageId: string };

/** How a scenario gets the change. Only `patch` entries are in platform.patches; the others say what stands for them. */
export type AppliedBy =
  | { kind: 'patch'; id: PatchId }
  /** Merged: choose this kernel version (or later). */
  | { kind: 'kernel'; version: KernelVersion }
  /** It is (part of) a design; `flag` picks the version when the design has a control for it. */
  | { kind: 'design'; design: DesignId; flag?: string }
  /** Every design that needs it assumes it; the model draws no kernel without it. */
  | { kind: 'assumed' }
  /** Listed for the record; the model draws a later version instead. */
  | { kind: 'not-modelled' };

export interface PatchEntry {
  id: string;
  title: string;
  status: PatchStatus;
  /** What it rests on: the series or mail, and the inference behind its modelled effect when it is hypothetical. */
  sources: SourceId[];
  appliedBy: AppliedBy;
  /** What it changes in the model, for `cli patches` and the app. */
  effect: string;
  /** The designs whose outcome it can change (empty: none, it changes drawings only). */
  bearsOn: readonly DesignId[];
  /** When it is specific to one architecture. */
  arch?: Arch;
}
