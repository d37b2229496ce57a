/**
 * Keep-alive of a drawing per architecture (the fault graph and the resource tree): the drawings to show for `arch`,
 * as [architecture, props] in architecture order — the live one, and each other architecture's last committed (or
 * prebuilt) props. GraphKeeper does the bookkeeping; this records what React committed.
 */
import { useEffect, useState } from 'react';
import type { Arch } from '../../model/scenario';
import { GraphKeeper } from '../diagrams/graphKeeper';

const NONE = (): undefined => undefined;

/** One drawing: its architecture, its props, and whether it is prebuilt and has never been on screen. */
export type KeptDrawing<P> = [Arch, P, boolean];

export function useKeptAlive<P>(arch: Arch, live: P, prebuilt: (a: Arch) => P | undefined = NONE): KeptDrawing<P>[] {
  const [keeper] = useState(() => new GraphKeeper<P>());
  const drawings = keeper.render(arch, live, prebuilt).map(([a, p]): KeptDrawing<P> => [a, p, a !== arch && keeper.isPrebuilt(a)]);
  useEffect(() => keeper.commit(arch, live));
  return drawings;
}
