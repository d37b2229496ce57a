/**
 * Keep-alive bookkeeping for the fault diagram: which graph each architecture shows. The current architecture shows
 * its live props; every other architecture shows the props it last had on screen, unchanged, or, until it has been
 * shown, a prebuilt graph when one is offered. A kept entry is the very object last committed, so a memoised graph
 * drawn from it is not rendered again when it is hidden, nor while it stays hidden.
 *
 * A refresh token (the scenario on screen, handed over once the page is idle after it changed) replaces every kept
 * entry by a prebuilt one, once per token: the hidden drawings are brought up to date in idle time rather than by the
 * next architecture switch. Pure: no React, no DOM.
 */
import { ARCHES, type Arch } from '../../model/scenario';

export class GraphKeeper<P> {
  private readonly kept = new Map<Arch, P>();
  private readonly everShown = new Set<Arch>();
  private shown: { arch: Arch; props: P } | null = null;
  private token: unknown = undefined;
  private readonly refreshed = new Set<Arch>();

  /**
   * The graphs to draw, in architecture order: the live one for `arch` and the kept or prebuilt others. With a
   * `token` not seen before, every other architecture's entry is rebuilt from `prebuilt` (see wasRefreshed).
   */
  render(arch: Arch, live: P, prebuilt: (a: Arch) => P | undefined, token?: unknown): [Arch, P][] {
    const last = this.shown;
    if (last && last.arch !== arch && !this.kept.has(last.arch)) this.kept.set(last.arch, last.props);
    this.kept.delete(arch);
    this.refreshed.clear();
    const refresh = token !== undefined && token !== this.token;
    if (refresh) this.token = token;
    return ARCHES.flatMap((a): [Arch, P][] => {
      if (a === arch) return [[a, live]];
      let p = this.kept.get(a);
      if (!p || refresh) {
        const q = prebuilt(a);
        if (q) {
          if (p) this.refreshed.add(a);
          this.kept.set(a, (p = q));
        }
      }
      return p ? [[a, p]] : [];
    });
  }

  /** True when the last render replaced `arch`'s kept drawing by a rebuilt one (it needs laying out again). */
  wasRefreshed(arch: Arch): boolean {
    return this.refreshed.has(arch);
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
