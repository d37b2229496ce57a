/**
 * Walk the KVM fault graph for one scenario: which functions the guest fault passes, what each decision saw, and the
 * final EPT / NPT / stage-2 entry or the error the VMM gets. The per-architecture walks live in ./fault/.
 */
import type { FaultTrace } from './../explain-types';
import type { Arch } from '../scenario';
import { arm64Path } from './fault/arm64';
import type { FaultInput } from './fault/input';
import { x86Path } from './fault/x86';
import { faultGraph } from './graph';

export { faultGraph };
export { GPA_BASE, type FaultInput } from './fault/input';

/** Walk the fault graph for this scenario: the taken path, each decision's value, and the final entry or error. */
export function faultPath(input: FaultInput): FaultTrace {
  const arch: Arch = input.platform.arch;
  const graph = faultGraph(arch, input.platform.kernel);
  if (!input.deviceBound) {
    return {
      arch,
      graph,
      steps: [],
      result: {
        kind: 'error',
        error: input.setupError?.error ?? 'no mapping',
        seenBy: input.unboundReason ?? 'the design did not set the memory up',
        at: input.setupError?.at ?? 'setup',
      },
    };
  }
  const r = arch === 'x86_64' ? x86Path(input, graph) : arm64Path(input, graph);
  return { arch, graph, steps: r.steps, result: r.result };
}
