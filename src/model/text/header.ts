/**
 * The head of the plain text (design, tool version, every platform setting, firmware, HDM range) and the wrapping it
 * is written with. Apart from render.ts so the printed page's caption (PrintCaption) carries it without the renderer.
 */
import { formatSize, hex } from '../addr';
import type { Explanation } from '../explain-types';
import { appliedHeadline } from '../patches/applied';
import { CONFIG_KEYS } from '../scenario';
import { exportStamp } from '../version';
import { DESIGN_LABEL } from './designLabels';

export const WIDTH = 80;

const FIRMWARE_LABEL = {
  conventional: 'EFI_CONVENTIONAL_MEMORY',
  'soft-reserved': 'EFI_CONVENTIONAL + EFI_MEMORY_SP',
  reserved: 'EFI_RESERVED_TYPE',
} as const;

/** Greedy word wrap with a hanging indent; words longer than the width are cut. */
export function wrap(text: string, width = WIDTH, indent = '', first = indent): string[] {
  const out: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let w = word;
    const room = width - line.length - (empty ? 0 : 1);
    if (w.length <= room) {
      line += (empty ? '' : ' ') + w;
      empty = false;
      continue;
    }
    if (!empty) {
      out.push(line);
      line = indent;
    }
    while (w.length > width - line.length) {
      const cut = width - line.length;
      out.push(line + w.slice(0, cut));
      w = w.slice(cut);
      line = indent;
    }
    line += w;
    empty = false;
  }
  if (!empty || out.length === 0) out.push(line);
  return out;
}

export function fit(line: string, width = WIDTH): string {
  return line.length <= width ? line : line.slice(0, width - 1) + '…';
}

export function platformLines(ex: Explanation): string[] {
  const p = ex.platform;
  const parts = [
    `arch=${p.arch}`,
    ...(p.arch === 'x86_64'
      ? [`vendor=${p.vendor}`]
      : [`fwb=${p.fwb ? 'on' : 'off'}`, `dic=${p.dic ? 'on' : 'off'}`, `efi_attr=${p.efiAttr}`]),
    `firmware=${p.firmware}`,
    `nosoftreserve=${p.nosoftreserve ? 'on' : 'off'}`,
    `kernel=${p.kernel}`,
    `region=${p.region}`,
    ...CONFIG_KEYS.map((k) => `CONFIG_${k}=${p.config[k]}`),
    `online=${p.onlinePolicy}`,
    `huge_fault=${p.hugeFault ? 'on' : 'off'}`,
    `mte=${p.mte ? 'on' : 'off'}`,
    `dirty_log=${p.dirtyLog ? 'on' : 'off'}`,
    `reset=${p.deviceReset ? 'yes' : 'no'}`,
    ...(p.patches.length > 0 ? [`patches=${p.patches.join(',')}`] : []),
  ];
  return wrap(parts.join(' '), WIDTH, '          ', 'platform: ');
}

/** The "NOT UPSTREAM" lines of a view with posted or hypothetical changes applied, wrapped to the mail width. */
export function appliedLines(p: Explanation['platform']): string[] {
  return appliedHeadline(p).flatMap((l) => {
    const indent = /^ */.exec(l)![0];
    return wrap(l.trim(), WIDTH, `${indent}    `, indent);
  });
}

/**
 * The header lines: what the rest of the text is about, the tool and model that wrote it and, when posted or
 * hypothetical kernel changes are applied, that it is NOT UPSTREAM.
 */
export function headerLines(ex: Explanation): string[] {
  return [
    fit(`HDM Atlas: ${DESIGN_LABEL[ex.design]} on ${ex.platform.arch === 'x86_64' ? 'x86-64' : 'arm64'}`),
    ...wrap(exportStamp()),
    ...appliedLines(ex.platform),
    ...platformLines(ex),
    fit(`firmware: ${FIRMWARE_LABEL[ex.platform.firmware]}`),
    fit(`HDM 0x${hex(ex.layout.hdmStart)}-0x${hex(ex.layout.hdmEnd)} (${formatSize(ex.layout.hdmEnd - ex.layout.hdmStart + 1n)})`),
  ];
}
