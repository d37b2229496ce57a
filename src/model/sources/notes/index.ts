/**
 * The sources' notes, by source id: the longest text the model carries, so they are kept out of the page's first
 * load. The plain-text renderer and the CLI import this module; the inspector loads it on demand (../../source-notes.ts).
 */
import { NOTES_DAX } from './dax';
import { NOTES_DESIGNS } from './designs';
import { NOTES_KVM_ARM64 } from './kvm-arm64';
import { NOTES_KVM_X86 } from './kvm-x86';
import { NOTES_NPT } from './npt';
import { NOTES_PATCHES } from './patches';
import { NOTES_RESOURCE } from './resource';
import { NOTES_STAGE2 } from './stage2';
import { NOTES_THREAD } from './thread';
import { NOTES_VMA } from './vma';

export const SOURCE_NOTES: Readonly<Record<string, string>> = {
  ...NOTES_DAX,
  ...NOTES_DESIGNS,
  ...NOTES_KVM_ARM64,
  ...NOTES_KVM_X86,
  ...NOTES_NPT,
  ...NOTES_PATCHES,
  ...NOTES_RESOURCE,
  ...NOTES_STAGE2,
  ...NOTES_THREAD,
  ...NOTES_VMA,
};
