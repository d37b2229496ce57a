import { describe, expect, it } from 'vitest';
import { describeError, settler } from './job';

describe('settler', () => {
  it('ends once: the first of ok, fail and cancel wins, and the cleanup runs once, before the promise settles', async () => {
    const order: string[] = [];
    const s = settler<number>();
    s.setCleanup(() => order.push('cleanup'));
    s.promise.then((v) => order.push(`ok ${v}`));
    s.ok(1);
    s.ok(2);
    s.fail(new Error('late'));
    s.cancel();
    await s.promise;
    expect(order).toEqual(['cleanup', 'ok 1']);
    expect(s.settled()).toBe(true);
    expect(s.cancelled()).toBe(true); // asked for, though the job had already ended
  });

  it('cancel fails with Error("cancelled"); a thrown non-Error becomes an Error', async () => {
    const a = settler<number>();
    a.cancel();
    await expect(a.promise).rejects.toThrow('cancelled');
    expect(a.cancelled()).toBe(true);
    const b = settler<number>();
    b.fail('a string');
    await expect(b.promise).rejects.toThrow('a string');
    expect(b.cancelled()).toBe(false);
  });

  it('uses the cleanup set last', async () => {
    const seen: string[] = [];
    const s = settler<void>();
    s.setCleanup(() => seen.push('worker'));
    s.setCleanup(() => seen.push('page'));
    s.ok();
    await s.promise;
    expect(seen).toEqual(['page']);
  });
});

describe('describeError', () => {
  it('names the error when its name says more than "Error"', () => {
    expect(describeError(new DOMException('Worker creation is blocked', 'SecurityError'))).toBe('SecurityError: Worker creation is blocked');
    expect(describeError(new Error('plain'))).toBe('plain');
    expect(describeError(42)).toBe('42');
  });
});
