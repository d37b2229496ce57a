/**
 * Keep-alive bookkeeping for the fault diagram: which graph each architecture shows. The current architecture shows
 * its live props; every other architecture shows the props it last had on screen, unchanged, or, until it has been
 * shown, a prebuilt graph when one is offered. A kept entry is the very object last committed, so a memoised graph
 * drawn from it is not rendered again when it is hidden, nor while it stays hidden. Pure: no React, no DOM.
 */
import { ARCHES, type Arch } from '../../model/scenario';

export class GraphKeeper<P> {
  private readonly kept = new Map<Arch, P>();
  private readonly everShown = new Set<Arch>();
  private shown: { arch: Arch; props: P } | null = null;

  /** The graphs to draw, in architecture order: the live one for `arch` and the kept or prebuilt others. */
  render(arch: Arch, live: P, prebuilt: (a: Arch) => P | undefined): [Arch, P][] {
    const last = this.shown;
    if (last && last.arch !== arch && !this.kept.has(last.arch)) this.kept.set(last.arch, last.props);
    this.kept.delete(arch);
    return ARCHES.flatMap((a): [Arch, P][] => {
      if (a === arch) return [[a, live]];
      let p = this.kept.get(a);
      if (!p) {
        p = prebuilt(a);
        if (p) this.kept.set(a, p);
      }
      return p ? [[a, p]] : [];
    });
  }

  /** Record what React committed for `arch` (call from an effect, so a discarded render records nothing). */
  commit(arch: Arch, live: P): void {
    this.shown = { arch, props: live };
    this.everShown.add(arch);
  }

  /** True while `arch` shows a prebuilt drawing that has never been on screen (and so never laid out). */
  isPrebuilt(arch: Arch): boolean {
    return this.kept.has(arch) && !this.everShown.has(arch);
  }
}
