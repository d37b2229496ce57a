/**
 * The manual pages of the commands about kernel changes (issue 15): what-it-takes and patches (manual.ts lays them
 * out and lists them in MANUAL). Synopses are written out here: manual.ts's synopsis() cannot be called while
 * manual.ts is still loading this module.
 */
import { PATCH_IDS } from '../model/patches/ids';
import { MAX_SET } from '../model/search/search';
import { TOOL_NAME } from '../model/version';
import type { Block, ManPage } from './manual';

const EXIT: Block = {
  dl: [
    ['0', 'Success.'],
    ['1', 'The input data is wrong (an --iomem or --bundle file nothing could be read from, or a range the model cannot run on): the reason on standard error, nothing on standard output.'],
    ['2', 'Bad usage: an unknown option or value, a missing required option, an unknown change, or a file that cannot be read.'],
  ],
};

export const WHAT_IT_TAKES: ManPage = {
  command: 'what-it-takes',
  summary: 'the smallest sets of changes that make each verdict good',
  synopsis: [
    `${TOOL_NAME} what-it-takes --design D --arch A [explain's platform options]`,
    '    [--patch ID[,ID…]] [--format text|json]',
    '    [--iomem FILE --range START-END] [--bundle FILE [--range START-END]]',
  ],
  sections: [
    ['DESCRIPTION', [
      { p: `For one design on the platform the options describe (the same options as explain), and for every verdict that is not good, searches platform facts (what firmware calls the range, the kernel version and config, efi=nosoftreserve, FWB and DIC on arm64, the CPU vendor on x86-64, the hotplug online policy, whether a region is committed at boot, the VFIO-CXL series version) and the posted and hypothetical kernel changes of the catalogue (${TOOL_NAME} patches) for the smallest sets, of up to ${MAX_SET} changes, that make that verdict good without making another verdict worse (good > partial > bad = n/a).` },
      { p: 'Every set is minimal: no part of it alone would do. Sets are ranked by the worst step each needs: a config or boot option, then a newer kernel release, a platform fact, an older release, a posted change, a hypothetical one. A verdict that cannot be good for the design at all, or that no platform fact bears on, says why instead.' },
      { p: 'Each item names the exact explain option that applies it, so a claim can be checked by running explain with the scenario\'s options followed by the set\'s; the text form ends with that command for the first set.' },
    ]],
    ['OPTIONS', [{
      dl: [
        ['--design D', 'The design, as for explain. Required.'],
        ['--arch A', 'The architecture, as for explain. Required, unless --bundle gives it.'],
        ['--patch LIST', `Changes already applied to the scenario (${PATCH_IDS.length} known; ${TOOL_NAME} patches lists them); the search adds only the others.`],
        ['--format F', 'text (default): at most 80 columns, sources as numbered footnotes, for a mail. json: { "tool", "design", "platform", "verdicts": [ { "id", "status", "needs" } ] }, "needs" a list of sets, each a list of { "kind" (platform or patch), "id", "label", "status" (config, release, platform, posted or hypothetical), "sources", "flag" }; [[]] for a verdict that is good already, [] when nothing was found. With --iomem or --bundle also "input".'],
        ['--iomem FILE', 'With --range: search on your own /proc/iomem, read as explain --iomem reads it.'],
        ['--bundle FILE', 'Search on a machine collected by scripts/collect.sh, as explain --bundle.'],
        ['-h, --help', 'Print this page.'],
      ],
    }, { p: `Every other option of explain (${TOOL_NAME} help explain) sets the platform the search starts from.` }]],
    ['EXIT STATUS', [EXIT]],
    ['EXAMPLES', [{
      pre: [
        `${TOOL_NAME} what-it-takes --design vfio-owned --arch x86_64`,
        `${TOOL_NAME} what-it-takes --design vfio-owned --arch x86_64 \\`,
        '    --region committed --format json',
        `${TOOL_NAME} explain --design vfio-owned --arch x86_64 \\`,
        '    --patch kvm-x86/ept-host-pat          # check the first set',
      ],
    }]],
  ],
};

export const PATCHES: ManPage = {
  command: 'patches',
  summary: 'the catalogue of kernel changes that bear on the designs',
  synopsis: [`${TOOL_NAME} patches [--format text|json]`],
  sections: [
    ['DESCRIPTION', [
      { p: 'Lists every kernel change the model knows that bears on the four designs, with its status: merged (with the release), posted (series, version and Message-ID) or hypothetical (what a maintainer said would be needed, with that mail\'s Message-ID). For each: how a scenario gets it (the explain option: --patch ID for a posted or hypothetical change, --kernel for a merged one, --design for a design\'s own series), its effect as the model applies it, and its sources, marked [UNVERIFIED] where the source could not be read.' },
      { p: 'A view with a posted or hypothetical change applied says so in its headline ("NOT UPSTREAM"), in the app, the text export and explain\'s text.' },
    ]],
    ['OPTIONS', [{
      dl: [
        ['--format F', 'text (default): at most 80 columns. json: { "tool", "patches": [ { "id", "title", "status", "statusLabel", "appliedBy", "flag", "effect", "bearsOn", "arch"?, "sources" } ] }, each source resolved.'],
        ['-h, --help', 'Print this page.'],
      ],
    }]],
    ['EXIT STATUS', [{ dl: [['0', 'Success.'], ['2', 'Bad usage: an unknown option or value.']] }]],
    ['EXAMPLES', [{ pre: [`${TOOL_NAME} patches`, `${TOOL_NAME} patches --format json`] }]],
  ],
};
