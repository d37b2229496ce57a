import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { explain } from '../model/explain';
import { ARCHES, CPU_VENDORS, DEFAULT_PLATFORM, DESIGNS, FIRMWARE_TYPES, KERNEL_VERSIONS } from '../model/scenario';
import { explanationJson } from './explain';
import { ExplainJson, explainJsonSchema } from './explainSchema';

describe('the JSON contract of explain --format json (issue 13, "The JSON contract")', () => {
  it('schema/explain.schema.json is what src/cli/explainSchema.ts generates (run npm run schema after changing it)', () => {
    const committed = JSON.parse(readFileSync(new URL('../../schema/explain.schema.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(explainJsonSchema());
  });

  it('every design × architecture × CPU vendor × firmware × kernel produces JSON the schema accepts', () => {
    let n = 0;
    for (const design of DESIGNS)
      for (const arch of ARCHES)
        for (const vendor of CPU_VENDORS)
          for (const firmware of FIRMWARE_TYPES)
            for (const kernel of KERNEL_VERSIONS)
              for (const deviceReset of [false, true]) {
                const json = explanationJson(explain({ design, platform: { ...DEFAULT_PLATFORM, arch, vendor, firmware, kernel, deviceReset } }));
                const r = ExplainJson.safeParse(json);
                expect(r.success, `${design} ${arch} ${vendor} ${firmware} ${kernel}: ${r.success ? '' : JSON.stringify(r.error.issues[0])}`).toBe(true);
                n++;
              }
    expect(n).toBe(DESIGNS.length * 2 * 2 * 3 * 5 * 2);
  });

  it('steps name the bare C identifier, with the question and the decision in their own fields', () => {
    const json = ExplainJson.parse(explanationJson(explain({ design: 'vfio-owned', platform: DEFAULT_PLATFORM })));
    const mmio = json.fault.steps.find((s) => s.nodeId === 'x_mmio')!;
    expect(mmio).toMatchObject({ function: 'kvm_is_mmio_pfn', question: 'host MMIO pfn?', decision: { test: 'kvm_is_mmio_pfn(pfn)', taken: 'true' } });
    expect(json.fault.steps.find((s) => s.nodeId === 'd_handler')?.file).toBe('drivers/vfio/pci/cxl/vfio_cxl_core.c');
    for (const s of json.fault.steps) if (s.function) expect(s.function).not.toMatch(/[()\s:]/);
  });

  it('rejects what breaks the contract: a label where the identifier belongs', () => {
    const json = explanationJson(explain({ design: 'vfio-owned', platform: DEFAULT_PLATFORM })) as { fault: { steps: { function: string | null }[] } };
    json.fault.steps[0]!.function = 'handle_ept_violation()';
    expect(ExplainJson.safeParse(json).success).toBe(false);
  });
});
