/**
 * "Kernel changes" in the scenario bar: the posted and hypothetical changes of the catalogue (src/model/patches) a
 * scenario can apply, one checkbox each with its status. Applying one makes the view NOT UPSTREAM, which the
 * headline says. Merged changes are not here: the kernel version applies them.
 */
import { memo } from 'react';
import { APPLICABLE, applicableStatus } from '../../model/patches/applied';
import { PATCH_IDS, normalizePatches, type PatchId } from '../../model/patches/ids';
import type { Platform } from '../../model/scenario';

export const KernelChanges = memo(function KernelChanges({ patches, arch, onChange, prefix = '' }: { patches: readonly PatchId[]; arch: Platform['arch']; onChange: (patch: Partial<Platform>) => void; prefix?: string }) {
  const n = patches.length;
  const set = (id: PatchId, on: boolean) => onChange({ patches: normalizePatches(on ? [...patches, id] : patches.filter((x) => x !== id)) });
  return (
    <details className={`kernel-changes ${n > 0 ? 'applied' : ''}`} data-testid={`${prefix}ctl-patches`}>
      <summary>
        <span className="field-label">Kernel changes</span> <span className="kc-count">{n === 0 ? 'none applied' : `${n} applied: not upstream`}</span>
      </summary>
      <fieldset>
        <legend className="sr-only">Posted and hypothetical kernel changes to apply</legend>
        <p className="kc-note">Posted or hypothetical: applying one makes the view not upstream. Merged changes come with the kernel version.</p>
        {PATCH_IDS.map((id) => {
          const e = APPLICABLE[id];
          const other = e.arch !== undefined && e.arch !== arch;
          return (
            <label key={id} className={`check kc-item ${other ? 'disabled' : ''}`}>
              <input type="checkbox" data-testid={`${prefix}ctl-patch-${id}`} checked={patches.includes(id)} disabled={other && !patches.includes(id)} onChange={(ev) => set(id, ev.target.checked)} />
              <span className="kc-text">
                <span className={`wit-badge ${e.kind}`}>{applicableStatus(id)}</span> {e.short}
                {other && <span className="check-why"> ({e.arch === 'x86_64' ? 'x86-64' : 'arm64'} only)</span>}
              </span>
            </label>
          );
        })}
      </fieldset>
    </details>
  );
});
