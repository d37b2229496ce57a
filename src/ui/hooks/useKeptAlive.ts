/**
 * Keep-alive of a drawing per architecture (the fault graph, the resource tree and the VMA): the drawings to show for
 * `arch`, as [architecture, props, prebuilt, refreshed] in architecture order — the live one, and each other
 * architecture's last committed or prebuilt props. Once the page is idle after `scenario` changed, the other
 * architectures' drawings are rebuilt for it (`prebuilt`), so an architecture switch after other changes finds them up
 * to date. GraphKeeper does the bookkeeping; this records what React committed.
 */
import { useEffect, useState } from 'react';
import type { Arch } from '../../model/scenario';
import { GraphKeeper } from '../diagrams/graphKeeper';
import { useIdleFollow } from './useIdleFollow';

const NONE = (): undefined => undefined;

/**
 * One drawing: its architecture, its props, whether it is prebuilt and has never been on screen, and whether this
 * render rebuilt it for a new scenario (KeptAlive lays it out again while it stays hidden).
 */
export type KeptDrawing<P> = [Arch, P, boolean, boolean];

export function useKeptAlive<P>(arch: Arch, live: P, prebuilt: (a: Arch) => P | undefined = NONE, scenario?: object): KeptDrawing<P>[] {
  const [keeper] = useState(() => new GraphKeeper<P>());
  // Nothing is built in advance before the page has been idle (not at load, not in the frame of a change).
  const token = useIdleFollow(scenario);
  const drawings = keeper
    .render(arch, live, token === undefined ? NONE : prebuilt, token)
    .map(([a, p]): KeptDrawing<P> => [a, p, a !== arch && keeper.isPrebuilt(a), keeper.wasRefreshed(a)]);
  useEffect(() => keeper.commit(arch, live));
  return drawings;
}
