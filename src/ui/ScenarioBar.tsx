/**
 * The scenario bar: which design, on which platform. Native labelled controls, each with data-testid "ctl-<name>".
 */
import { memo, type ReactNode } from 'react';
import type { ConfigKey, KernelConfig, Platform, Scenario } from '../model/scenario';
import { ARCHES, CONFIG_KEYS, CONFIG_VALUES, CPU_VENDORS, DESIGNS, EFI_ATTRS, FIRMWARE_TYPES, KERNEL_VERSIONS, ONLINE_POLICIES, REGION_STATES } from '../model/scenario';
import { KernelChanges } from './app/KernelChanges';
import { CONFIG_HINT, DESIGN_BLURB, DESIGN_LABEL, EFI_ATTR_OPTION, FIRMWARE_OPTION, ONLINE_OPTION, REGION_OPTION, VENDOR_OPTION } from './labels';

function Field({ label, children, hint, why }: { label: string; children: ReactNode; hint?: string; why?: string | undefined }) {
  return (
    <label className={`field ${why ? 'disabled' : ''}`} title={hint}>
      <span className="field-label">
        {label}
        {why && <span className="check-why"> ({why})</span>}
      </span>
      {children}
    </label>
  );
}

type BoolField = 'fwb' | 'dic' | 'nosoftreserve' | 'hugeFault' | 'mte' | 'dirtyLog' | 'deviceReset';

/**
 * A labelled checkbox for one boolean platform field (the arm64-only ones sit in a group whose legend says so).
 * Memoised on primitives and the (stable) onChange: React rewrites an input's name and type on every render of it, so
 * a change elsewhere must not render the checkboxes at all.
 */
const Check = memo(function Check({ id, field, label, checked, onChange, disabled, hint }: { id: string; field: BoolField; label: string; checked: boolean; onChange: (patch: Partial<Platform>) => void; disabled?: boolean; hint?: string }) {
  return (
    <label className={`check ${disabled ? 'disabled' : ''}`} title={hint}>
      <input type="checkbox" data-testid={id} checked={checked} disabled={disabled} onChange={(e) => onChange({ [field]: e.target.checked })} />
      <span>{label}</span>
    </label>
  );
});

/** The kernel config options that change outcomes, one select each. */
const ConfigControls = memo(function ConfigControls({ config, onChange, t }: { config: KernelConfig; onChange: (patch: Partial<Platform>) => void; t: (n: string) => string }) {
  const set = (k: ConfigKey, v: string) => onChange({ config: { ...config, [k]: v } });
  return (
    <fieldset className="config-controls">
      <legend className="field-label">Kernel config</legend>
      {CONFIG_KEYS.map((k) => (
        <label key={k} className="config-field" title={CONFIG_HINT[k]}>
          <span>CONFIG_{k}</span>
          <select data-testid={t(`config-${k}`)} value={config[k]} onChange={(e) => set(k, e.target.value)}>
            {(CONFIG_VALUES[k] as readonly string[]).map((v) => (
              <option key={v} value={v}>{v}</option>
            ))}
          </select>
        </label>
      ))}
    </fieldset>
  );
});

export interface PlatformControlsProps {
  platform: Platform;
  onChange: (patch: Partial<Platform>) => void;
  /** Prefix for test ids, e.g. "cmp-" for the compare platform. */
  prefix?: string;
}

/** The platform controls alone (also used for the second platform in compare mode). Memoised: a design change skips it. */
export const PlatformControls = memo(function PlatformControls({ platform: p, onChange, prefix = '' }: PlatformControlsProps) {
  const t = (n: string) => `${prefix}ctl-${n}`;
  const x86 = p.arch === 'x86_64';
  return (
    <>
      <Field label="Architecture">
        <select data-testid={t('arch')} value={p.arch} onChange={(e) => onChange({ arch: e.target.value as Platform['arch'] })}>
          {ARCHES.map((a) => (
            <option key={a} value={a}>{a === 'x86_64' ? 'x86-64 (EPT / NPT)' : 'arm64 (stage-2)'}</option>
          ))}
        </select>
      </Field>
      {/* Always in the bar, as the arm64-only checkboxes are: an architecture switch does not move the controls. */}
      <Field label="CPU" why={x86 ? undefined : 'x86 only'} hint={x86 ? 'Intel VMX builds EPT entries (vmx_get_mt_mask()); AMD SVM builds NPT entries with no get_mt_mask' : 'x86 only: arm64 builds stage-2 entries whatever the CPU'}>
        <select data-testid={t('vendor')} value={p.vendor} disabled={!x86} onChange={(e) => onChange({ vendor: e.target.value as Platform['vendor'] })}>
          {CPU_VENDORS.map((v) => (
            <option key={v} value={v}>{VENDOR_OPTION[v]}</option>
          ))}
        </select>
      </Field>
      <Field label="Firmware called the range">
        <select data-testid={t('firmware')} value={p.firmware} onChange={(e) => onChange({ firmware: e.target.value as Platform['firmware'] })}>
          {FIRMWARE_TYPES.map((f) => (
            <option key={f} value={f}>{FIRMWARE_OPTION[f]}</option>
          ))}
        </select>
      </Field>
      {/* Always in the bar too, disabled where it does not apply: neither an architecture switch nor a firmware change
          moves the controls after it. */}
      <Field
        label="EFI attribute"
        why={x86 ? 'arm64 only' : p.firmware !== 'reserved' ? 'EFI_RESERVED only' : undefined}
        hint={x86 ? 'arm64 only: there an EFI_RESERVED_TYPE range with a cacheable (WB) attribute is a NOMAP memblock region with a memmap' : 'arm64: with a cacheable (WB) attribute an EFI_RESERVED_TYPE range is a NOMAP memblock region with a memmap'}
      >
        <select data-testid={t('efi-attr')} value={p.efiAttr} disabled={x86 || p.firmware !== 'reserved'} onChange={(e) => onChange({ efiAttr: e.target.value as Platform['efiAttr'] })}>
          {EFI_ATTRS.map((a) => (
            <option key={a} value={a}>{EFI_ATTR_OPTION[a]}</option>
          ))}
        </select>
      </Field>
      <Field label="Kernel">
        <select data-testid={t('kernel')} value={p.kernel} onChange={(e) => onChange({ kernel: e.target.value as Platform['kernel'] })}>
          {KERNEL_VERSIONS.map((k) => (
            <option key={k} value={k}>v{k}</option>
          ))}
        </select>
      </Field>
      <Field label="CXL region" hint="Whether a CXL region exists for the range: cxl_pci does not bind accelerators, so only a Type-2 driver or a firmware-committed decoder makes one">
        <select data-testid={t('region')} value={p.region} onChange={(e) => onChange({ region: e.target.value as Platform['region'] })}>
          {REGION_STATES.map((r) => (
            <option key={r} value={r}>{REGION_OPTION[r]}</option>
          ))}
        </select>
      </Field>
      <ConfigControls config={p.config} onChange={onChange} t={t} />
      <Field label="Hotplug online policy">
        <select data-testid={t('online')} value={p.onlinePolicy} onChange={(e) => onChange({ onlinePolicy: e.target.value as Platform['onlinePolicy'] })}>
          {ONLINE_POLICIES.map((o) => (
            <option key={o} value={o}>{ONLINE_OPTION[o]}</option>
          ))}
        </select>
      </Field>
      <div className="checks">
        {/* The arm64-only checkboxes as one group whose legend says so on either architecture, so the bar keeps its
            shape when the architecture changes; on x86-64 the whole group is disabled. */}
        <fieldset className="arch-checks" disabled={x86} data-testid={t('arm64-checks')}>
          <legend className="field-label">arm64 only</legend>
          <Check id={t('fwb')} label="FWB" checked={!x86 && p.fwb} disabled={x86} field="fwb" onChange={onChange} hint={x86 ? 'arm64 only: FEAT_S2FWB (ARM64_HAS_STAGE2_FWB)' : 'FEAT_S2FWB (ARM64_HAS_STAGE2_FWB): stage-2 can force write-back'} />
          <Check id={t('dic')} label="DIC" checked={!x86 && p.dic} disabled={x86} field="dic" onChange={onChange} hint={x86 ? 'arm64 only: CTR_EL0.DIC (ARM64_HAS_CACHE_DIC)' : 'CTR_EL0.DIC (ARM64_HAS_CACHE_DIC): no instruction-cache invalidation needed'} />
          <Check id={t('mte')} label="MTE guest" checked={!x86 && p.mte} disabled={x86} field="mte" onChange={onChange} hint={x86 ? 'arm64 only: the VM has MTE enabled' : 'The VM has MTE enabled'} />
        </fieldset>
        <Check id={t('nosoftreserve')} label="efi=nosoftreserve" checked={p.nosoftreserve} field="nosoftreserve" onChange={onChange} hint="EFI_MEMORY_SP ranges become ordinary System RAM" />
        <Check id={t('huge-fault')} label="VFIO .huge_fault" checked={p.hugeFault} field="hugeFault" onChange={onChange} hint="The VFIO-owned driver inserts PMD/PUD leaves (vmf_insert_pfn_pmd/pud), not only 4K PTEs" />
        <Check id={t('dirty-log')} label="dirty logging" checked={p.dirtyLog} field="dirtyLog" onChange={onChange} hint="KVM_MEM_LOG_DIRTY_PAGES on the memslot (live migration)" />
        <Check id={t('device-reset')} label="device reset" checked={p.deviceReset} field="deviceReset" onChange={onChange} hint="A device reset happened after the guest mapped the memory; the guest touches it again" />
      </div>
      <KernelChanges patches={p.patches} arch={p.arch} onChange={onChange} prefix={prefix} />
    </>
  );
});

export interface ScenarioBarProps {
  scenario: Scenario;
  onDesign: (d: Scenario['design']) => void;
  onPlatform: (patch: Partial<Platform>) => void;
  compareSlot?: ReactNode;
}

function ScenarioBarImpl({ scenario, onDesign, onPlatform, compareSlot }: ScenarioBarProps) {
  return (
    <section className="scenario-bar" aria-label="Scenario">
      <Field label="Design" hint={DESIGN_BLURB[scenario.design]}>
        <select data-testid="ctl-design" value={scenario.design} onChange={(e) => onDesign(e.target.value as Scenario['design'])}>
          {DESIGNS.map((d) => (
            <option key={d} value={d}>{DESIGN_LABEL[d]}</option>
          ))}
        </select>
      </Field>
      <PlatformControls platform={scenario.platform} onChange={onPlatform} />
      {compareSlot}
      <p className="design-blurb">{DESIGN_BLURB[scenario.design]}</p>
    </section>
  );
}

export const ScenarioBar = memo(ScenarioBarImpl);
