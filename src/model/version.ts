/**
 * Which HDM Atlas gave an answer: the tool's version, the date of the model's kernel facts, and the kernel versions it
 * distinguishes. Every export (plain text, SVG, PNG, slides, the CLI's JSON, share links) carries them, so an answer
 * quoted on a list can be reproduced later, and CHANGELOG.md says what moved between two model dates.
 *
 * MODEL_DATE is bumped by hand, in the same commit, whenever a kernel fact in src/model changes what a design, a step
 * or a verdict says (and CHANGELOG.md's Unreleased section names the fact, why, and its source). The tool version
 * comes from package.json: Vite (site, single file, CLI bundle), Vitest and tsx all inline this named JSON import.
 */
import { version } from '../../package.json';
import { KERNEL_VERSIONS } from './scenario';

export const TOOL_NAME = 'hdm-atlas';
export const TOOL_VERSION: string = version;
/** The date (YYYY-MM-DD) of the last change to the model's kernel facts. */
export const MODEL_DATE = '2026-12-06';
/** The kernel versions the model distinguishes (scenario.ts). */
export const KERNELS_COVERED: readonly string[] = KERNEL_VERSIONS;

/** What every export records about the tool that made it. */
export interface Provenance {
  tool: string;
  version: string;
  modelDate: string;
  kernels: readonly string[];
}

export const PROVENANCE: Provenance = { tool: TOOL_NAME, version: TOOL_VERSION, modelDate: MODEL_DATE, kernels: KERNELS_COVERED };

/** One line (ASCII, < 80 columns): "hdm-atlas 0.1.0, model 2026-12-06, kernels 6.11 6.12 6.17 7.0 7.1". */
export function versionLine(p: Provenance = PROVENANCE): string {
  return `${p.tool} ${p.version}, model ${p.modelDate}, kernels ${p.kernels.join(' ')}`;
}

/** The stamp an export shows (text footer, SVG, PNG, slides): "Made with hdm-atlas 0.1.0, model 2026-12-06, …". */
export function exportStamp(p: Provenance = PROVENANCE): string {
  return `Made with ${versionLine(p)}`;
}
