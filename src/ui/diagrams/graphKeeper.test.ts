import { describe, expect, it } from 'vitest';
import { GraphKeeper } from './graphKeeper';

interface P {
  design: string;
  step: number;
}
const props = (design: string, step = 2): P => ({ design, step });

describe('GraphKeeper', () => {
  it('draws only the live graph until another architecture has been shown or prebuilt', () => {
    const k = new GraphKeeper<P>();
    const live = props('hotplug');
    expect(k.render('x86_64', live, () => undefined)).toEqual([['x86_64', live]]);
  });

  it('keeps the very props last committed for an architecture, so its memoised graph is skipped', () => {
    const k = new GraphKeeper<P>();
    const x = props('memremap');
    k.render('x86_64', x, () => undefined);
    k.commit('x86_64', x);
    const a = props('memremap', 0);
    const first = k.render('arm64', a, () => undefined);
    expect(first).toEqual([
      ['x86_64', x],
      ['arm64', a],
    ]);
    expect(first[0]![1]).toBe(x);
    k.commit('arm64', a);
    // Later renders for arm64 hand back the very same kept object (so a memoised graph is skipped).
    const second = k.render('arm64', props('vfio-owned'), () => undefined);
    expect(second[0]![1]).toBe(first[0]![1]);
    // Going back to x86 makes it live again and keeps arm64 as last committed.
    const x2 = props('vfio-owned');
    const back = k.render('x86_64', x2, () => undefined);
    expect(back).toEqual([
      ['x86_64', x2],
      ['arm64', a],
    ]);
    expect(back[1]![1]).toBe(a);
  });

  it('uses a prebuilt graph for an architecture not yet shown, once', () => {
    const k = new GraphKeeper<P>();
    let built = 0;
    const pre = (): P => {
      built++;
      return { design: 'none', step: -1 };
    };
    const x = props('hotplug');
    const r1 = k.render('x86_64', x, pre);
    const r2 = k.render('x86_64', x, pre);
    expect(built).toBe(1);
    expect(r1[1]![1]).toBe(r2[1]![1]);
    expect(r1.map(([a]) => a)).toEqual(['x86_64', 'arm64']);
  });

  it('records nothing from a render that was not committed', () => {
    const k = new GraphKeeper<P>();
    const x = props('hotplug');
    k.render('x86_64', x, () => undefined);
    k.commit('x86_64', x);
    // A render for arm64 that React throws away (no commit), then x86 again: nothing of arm64 is kept.
    k.render('arm64', props('memremap'), () => undefined);
    expect(k.render('x86_64', x, () => undefined).map(([a]) => a)).toEqual(['x86_64']);
  });
});

describe('GraphKeeper.isPrebuilt', () => {
  it('is true for a prebuilt drawing until that architecture has been on screen', () => {
    const k = new GraphKeeper<P>();
    const x = props('hotplug');
    k.render('x86_64', x, (a) => (a === 'arm64' ? props('none', -1) : undefined));
    k.commit('x86_64', x);
    expect(k.isPrebuilt('arm64')).toBe(true);
    expect(k.isPrebuilt('x86_64')).toBe(false);
    const a = props('hotplug', 0);
    k.render('arm64', a, () => undefined);
    k.commit('arm64', a);
    k.render('x86_64', x, () => undefined);
    expect(k.isPrebuilt('arm64')).toBe(false);
  });
});

describe('GraphKeeper refresh tokens', () => {
  it('rebuilds every kept drawing once per new token, and says which it rebuilt', () => {
    const k = new GraphKeeper<P>();
    let built = 0;
    const pre = (a: string): P => {
      built++;
      return { design: `pre-${a}`, step: -1 };
    };
    const x = props('hotplug');
    const r1 = k.render('x86_64', x, pre, 'scenario 1');
    k.commit('x86_64', x);
    expect(built).toBe(1);
    // A first build is not a rebuild: it is laid out by the prelayout path.
    expect(k.wasRefreshed('arm64')).toBe(false);
    // The same token again (a hover, a step): nothing is rebuilt, the kept object stays.
    const r2 = k.render('x86_64', props('hotplug', 3), pre, 'scenario 1');
    expect(built).toBe(1);
    expect(r2[1]![1]).toBe(r1[1]![1]);
    expect(k.wasRefreshed('arm64')).toBe(false);
    // No token (the page has not been idle since the last change): nothing is rebuilt either.
    k.render('x86_64', props('memremap'), pre, undefined);
    expect(built).toBe(1);
    // A new token rebuilds the kept drawing, once.
    const r3 = k.render('x86_64', props('memremap'), pre, 'scenario 2');
    expect(built).toBe(2);
    expect(r3[1]![1]).not.toBe(r1[1]![1]);
    expect(k.wasRefreshed('arm64')).toBe(true);
    expect(k.wasRefreshed('x86_64')).toBe(false);
    k.render('x86_64', props('memremap'), pre, 'scenario 2');
    expect(built).toBe(2);
    expect(k.wasRefreshed('arm64')).toBe(false);
  });

  it('never rebuilds the live drawing, and keeps the one last shown until a token comes', () => {
    const k = new GraphKeeper<P>();
    const pre = (a: string): P => ({ design: `pre-${a}`, step: -1 });
    const x = props('hotplug');
    k.render('x86_64', x, () => undefined);
    k.commit('x86_64', x);
    const a = props('hotplug', 0);
    const r = k.render('arm64', a, pre, undefined);
    expect(r).toEqual([
      ['x86_64', x],
      ['arm64', a],
    ]);
    k.commit('arm64', a);
    const r2 = k.render('arm64', a, pre, 'after the switch');
    expect(r2[0]![1]).toEqual({ design: 'pre-x86_64', step: -1 });
    expect(r2[1]![1]).toBe(a);
    expect(k.wasRefreshed('x86_64')).toBe(true);
  });
});
