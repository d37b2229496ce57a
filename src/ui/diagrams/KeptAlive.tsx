/**
 * The wrappers of a kept-alive drawing (see hooks/useKeptAlive): the live one carries data-testid=`name`, and page
 * queries for boxes look inside it; the others are `.kept`, which app.css hides with `content-visibility: hidden`.
 */
import type { ReactNode } from 'react';
import type { Arch } from '../../model/scenario';

export function KeptAlive<P>({ name, arch, drawings, draw }: { name: string; arch: Arch; drawings: [Arch, P][]; draw: (p: P) => ReactNode }) {
  return drawings.map(([a, p]) => (
    <div key={a} className={a === arch ? name : `${name} kept`} data-testid={a === arch ? name : undefined}>
      {draw(p)}
    </div>
  ));
}
