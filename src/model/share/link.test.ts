import fc from 'fast-check';
import { safeParse } from 'valibot';
import { describe, expect, it } from 'vitest';
import { ARCHES, DEFAULT_PLATFORM, DESIGNS } from '../scenario';
import type { NoteTarget, ViewState } from '../view-state';
import { DEFAULT_VIEW } from '../view-state';
import { decodeLink, encodeLink, MAX_LINK_LENGTH, ReviewNotesSchema } from './link';
import { platformArb } from '../testing/arbitraries';
import { explainAll } from '../explain';
import { MODEL_DATE, TOOL_VERSION } from '../version';

const targetArb: fc.Arbitrary<NoteTarget> = fc.oneof(
  fc.record({ kind: fc.constant('resource' as const), path: fc.array(fc.string({ minLength: 1, maxLength: 30 }), { minLength: 1, maxLength: 5 }) }),
  fc.record({ kind: fc.constant('step' as const), nodeId: fc.stringMatching(/^[a-z0-9_]{1,20}$/) }),
  fc.record({ kind: fc.constant('verdict' as const), design: fc.constantFrom(...DESIGNS), verdict: fc.constantFrom('guest-cacheable', 'huge-mappings') }),
  fc.record({ kind: fc.constant('vma' as const), part: fc.constantFrom('range', 'flags', 'pgprot', 'vm_ops', 'walk', 'leaves') }),
);
const viewArb: fc.Arbitrary<ViewState> = fc.record({
  scenario: fc.record({ design: fc.constantFrom(...DESIGNS), platform: platformArb }),
  compare: fc.oneof(
    fc.constant(null),
    fc.record({ kind: fc.constant('design' as const), design: fc.constantFrom(...DESIGNS) }),
    fc.record({ kind: fc.constant('platform' as const), platform: platformArb }),
  ),
  step: fc.integer({ min: -1, max: 40 }),
  presentation: fc.boolean(),
  notes: fc.array(
    fc.record(
      { id: fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/), target: targetArb, text: fc.string({ minLength: 1, maxLength: 80 }), author: fc.string({ maxLength: 10 }).filter((s) => s.length > 0) },
      { requiredKeys: ['id', 'target', 'text'] },
    ),
    { maxLength: 4 },
  ),
});

describe('share links', () => {
  it('round-trips any view exactly', () => {
    fc.assert(
      fc.property(viewArb, (v) => {
        const r = decodeLink(encodeLink(v));
        expect(r.error).toBeNull();
        expect(r.view).toEqual(v);
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps opening a link made by version 1 (frozen string)', () => {
    const v1 =
      '#v=1&d=vfio-owned&a=arm64&fwb=0&fw=soft-reserved&nsr=0&k=6.17&on=online_movable&hf=1&mte=0&dl=0&rst=0&s=3&cmp=design:hotplug&p=1' +
      '&n=W3siaWQiOiJuMSIsInRhcmdldCI6eyJraW5kIjoic3RlcCIsIm5vZGVJZCI6ImFfZndiIn0sInRleHQiOiJGV0IgaXMgdGhlIHdob2xlIHN0b3J5In1d';
    const r = decodeLink(v1);
    expect(r.error).toBeNull();
    expect(r.version).toBe(1);
    expect(r.view.scenario).toEqual({ design: 'vfio-owned', platform: { ...DEFAULT_PLATFORM, arch: 'arm64', fwb: false, firmware: 'soft-reserved', kernel: '6.17' } });
    expect(r.view.compare).toEqual({ kind: 'design', design: 'hotplug' });
    expect(r.view.step).toBe(3);
    expect(r.view.presentation).toBe(true);
    expect(r.view.notes).toEqual([{ id: 'n1', target: { kind: 'step', nodeId: 'a_fwb' }, text: 'FWB is the whole story' }]);
  });

  it('keeps opening a link made by version 2 (frozen string): no tool version, model date or verdicts', () => {
    const v2 =
      '#v=2&d=memremap&a=arm64&cpu=intel&fwb=1&dic=0&fw=soft-reserved&efi=uc&nsr=0&k=7.0&rg=none&cr=y&hm=m&km=n&esr=y' +
      '&on=online_kernel&hf=1&mte=0&dl=0&rst=0&s=2';
    const r = decodeLink(v2);
    expect(r.error).toBeNull();
    expect(r.version).toBe(2);
    expect(r.view.scenario).toEqual({
      design: 'memremap',
      platform: {
        ...DEFAULT_PLATFORM, arch: 'arm64', dic: false, firmware: 'soft-reserved', efiAttr: 'uc', kernel: '7.0', region: 'none',
        config: { CXL_REGION: 'y', DEV_DAX_HMEM: 'm', DEV_DAX_KMEM: 'n', EFI_SOFT_RESERVE: 'y' }, onlinePolicy: 'online_kernel',
      },
    });
    expect(r.madeWith).toEqual({ version: null, modelDate: null });
    expect(r.shown).toBeNull();
  });

  it('carries the tool version and model date, and the verdicts shown when given', () => {
    const bare = encodeLink(DEFAULT_VIEW);
    expect(bare).toContain(`&tv=${TOOL_VERSION}&md=${MODEL_DATE}`);
    expect(bare).not.toContain('vd=');
    expect(decodeLink(bare).madeWith).toEqual({ version: TOOL_VERSION, modelDate: MODEL_DATE });
    const all = explainAll(DEFAULT_PLATFORM);
    const withVerdicts = encodeLink(DEFAULT_VIEW, all);
    expect(withVerdicts).toMatch(/&vd=gc\.eo\.hm\.lm\.dr\.fr\.sp\.al\.us~hp\.[gbpn]{9}~pn\./);
    const r = decodeLink(withVerdicts);
    expect(r.error).toBeNull();
    expect(r.view).toEqual(DEFAULT_VIEW);
    for (const d of DESIGNS) for (const v of all[d].verdicts) expect(r.shown?.[d]?.[v.id]).toBe(v.status);
  });

  it('keeps opening a link made by version 2 (frozen string): no changes applied (issue 15)', () => {
    const v2 = '#v=2&d=memremap&a=x86_64&cpu=amd&fwb=1&dic=1&fw=reserved&efi=wb&nsr=0&k=7.0&rg=none&cr=y&hm=y&km=m&esr=y&on=online_movable&hf=1&mte=0&dl=0&rst=1';
    const r = decodeLink(v2);
    expect(r.error).toBeNull();
    expect(r.version).toBe(2);
    expect(r.view.scenario).toEqual({ design: 'memremap', platform: { ...DEFAULT_PLATFORM, vendor: 'amd', kernel: '7.0', deviceReset: true, patches: [] } });
  });

  it('keeps opening a link made by version 3 (frozen string): its tool version and model date, no changes applied (issue 15)', () => {
    const v3 = '#v=3&d=vfio-owned&a=x86_64&cpu=intel&fwb=1&dic=1&fw=reserved&efi=wb&nsr=0&k=7.1&rg=none&cr=y&hm=y&km=m&esr=y&on=online_movable&hf=1&mte=0&dl=0&rst=0&s=4&tv=0.1.0&md=2026-12-02';
    const r = decodeLink(v3);
    expect(r.error).toBeNull();
    expect(r.version).toBe(3);
    expect(r.view.scenario).toEqual({ design: 'vfio-owned', platform: { ...DEFAULT_PLATFORM, patches: [] } });
    expect(r.madeWith).toEqual({ version: '0.1.0', modelDate: '2026-12-02' });
  });

  it('carries applied changes as pt=, in catalogue order, only when there are any (issue 15)', () => {
    const view = { ...DEFAULT_VIEW, scenario: { design: 'vfio-owned' as const, platform: { ...DEFAULT_PLATFORM, patches: ['kvm-x86/ept-host-pat' as const, 'cxl/type2-no-dax' as const] } } };
    const link = encodeLink(view);
    expect(link).toContain('&pt=cxl%2Ftype2-no-dax%2Ckvm-x86%2Fept-host-pat');
    expect(decodeLink(link).view.scenario.platform.patches).toEqual(['cxl/type2-no-dax', 'kvm-x86/ept-host-pat']);
    expect(encodeLink(DEFAULT_VIEW)).not.toContain('pt=');
    // Out of order or repeated in a hand-made link: read as the set it names.
    expect(decodeLink('#v=4&pt=kvm-x86/ept-host-pat,cxl/type2-no-dax,cxl/type2-no-dax').view.scenario.platform.patches).toEqual(['cxl/type2-no-dax', 'kvm-x86/ept-host-pat']);
  });

  it.each([
    ['#v=5&d=hotplug', /newer version/],
    ['#v=2&d=hotplug&md=2026-12-06', /unknown field "md"/],
    ['#v=3&md=yesterday', /model date \("md"\) has the invalid value/],
    ['#v=3&tv=1.0.0%3Cb%3E', /tool version \("tv"\)/],
    ['#v=3&vd=gc.eo~hp.g', /verdicts it showed \("vd"\) are not readable/],
    ['#v=2&pt=kvm-x86%2Fept-host-pat', /unknown field "pt"/],
    ['#v=4&pt=kvm-x86%2Fnope', /patches \("pt"\) has the invalid value/],
    ['#v=3&d=hotplug&pt=kvm-x86%2Fept-host-pat', /unknown field "pt"/],
    ['#v=1&d=evil', /design \("d"\) has the invalid value "evil"/],
    ['#v=1&a=sparc', /arch/],
    ['#v=1&s=-4', /step/],
    ['#v=1&x=1', /unknown field "x"/],
    ['#v=1&d=hotplug&d=memremap', /appears twice/],
    ['#v=1&n=%%%', /URL encoding/],
    ['#v=1&n=!!!', /review notes/],
    ['#v=1&cmp=design:nope', /unknown design/],
    ['#v=1&c.a=arm64', /without cmp=platform/],
    ['#v=1&__proto__=1', /unknown field/],
    ['#v=1&n=' + btoa('[{"id":"a","target":{"kind":"step","nodeId":"<img src=x onerror=alert(1)>"},"text":"x"}]'), /review notes/],
  ])('%s → default view and a message', (hash, msg) => {
    const r = decodeLink(hash);
    expect(r.view).toEqual(DEFAULT_VIEW);
    expect(r.error).toMatch(msg);
  });

  it('refuses a huge link', () => {
    const r = decodeLink('#v=1&n=' + 'A'.repeat(MAX_LINK_LENGTH));
    expect(r.error).toMatch(/limit/);
  });

  it('treats an empty or unrelated fragment as no link', () => {
    expect(decodeLink('')).toMatchObject({ empty: true, error: null });
    expect(decodeLink('#top')).toMatchObject({ empty: true, error: null });
  });

  it('fuzz: 10,000 hostile fragments never throw and always give a valid view', () => {
    const valid = encodeLink({ ...DEFAULT_VIEW, notes: [{ id: 'a', target: { kind: 'vma', part: 'flags' }, text: 'hi' }] });
    const mutated = fc.tuple(fc.nat(valid.length), fc.string({ maxLength: 12 }), fc.nat(8)).map(([at, ins, del]) => valid.slice(0, at) + ins + valid.slice(at + del));
    const keyJunk = fc.array(fc.tuple(fc.constantFrom('v', 'd', 'a', 'n', 's', 'cmp', 'c.a', '__proto__', 'constructor', 'p'), fc.string({ maxLength: 40 })), { maxLength: 8 }).map(
      (kv) => '#v=1&' + kv.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&'),
    );
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 100 }), mutated, keyJunk), (h) => {
        const r = decodeLink(h);
        expect(DESIGNS).toContain(r.view.scenario.design);
        expect(ARCHES).toContain(r.view.scenario.platform.arch);
        expect(safeParse(ReviewNotesSchema, r.view.notes).success).toBe(true);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 10_000 },
    );
  });
});
