import type { Source, SourceId } from '../source';
import { SOURCES_RESOURCE } from './resource';
import { SOURCES_DESIGNS } from './designs';
import { SOURCES_KVM_X86 } from './kvm-x86';
import { SOURCES_KVM_ARM64 } from './kvm-arm64';
import { SOURCES_VMA } from './vma';
import { SOURCES_THREAD } from './thread';
import { SOURCES_DAX } from './dax';
import { SOURCES_NPT } from './npt';
import { SOURCES_STAGE2 } from './stage2';
import { SOURCES_PATCHES } from './patches';

/** Every source the model cites, by id. Ids are namespaced by file ("kvm-x86/make_spte"), so the parts never collide. */
export const SOURCES: Readonly<Record<SourceId, Source>> = {
  ...SOURCES_RESOURCE,
  ...SOURCES_DESIGNS,
  ...SOURCES_KVM_X86,
  ...SOURCES_KVM_ARM64,
  ...SOURCES_VMA,
  ...SOURCES_THREAD,
  ...SOURCES_DAX,
  ...SOURCES_NPT,
  ...SOURCES_STAGE2,
  ...SOURCES_PATCHES,
};

export function getSource(id: SourceId): Source {
  const s = SOURCES[id];
  if (!s) throw new Error(`unknown source id: ${id}`);
  return s;
}
