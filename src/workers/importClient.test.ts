import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WorkerReply, WorkerRequest } from './importProtocol';
import { MAIN_THREAD_LIMIT, parseAhead, resetImportWorker, startImport, type ImportProgress } from './importClient';
import { runSliced } from './sliced';
import * as parsing from '../model/import/parseImport';
import { importSteps } from '../model/import/parseImport';

const big = '  2)   0.122 us    |    hva_to_pfn [kvm]();\n'.repeat(Math.ceil((MAIN_THREAD_LIMIT * 2) / 44));

/** A stand-in for the browser's Worker, scripted per test. */
class FakeWorker {
  static script: (w: FakeWorker, req: WorkerRequest) => void = () => {};
  static last: FakeWorker | null = null;
  onmessage: ((e: MessageEvent<WorkerReply>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  terminated = false;
  constructor() {
    FakeWorker.last = this;
  }
  postMessage(req: WorkerRequest) {
    setTimeout(() => FakeWorker.script(this, req), 0);
  }
  reply(m: WorkerReply) {
    if (!this.terminated) this.onmessage?.({ data: m } as MessageEvent<WorkerReply>);
  }
  fail(message = '') {
    if (!this.terminated) this.onerror?.({ message, preventDefault: () => {} } as ErrorEvent);
  }
  terminate() {
    this.terminated = true;
  }
}

beforeEach(() => {
  resetImportWorker();
  FakeWorker.last = null;
  FakeWorker.script = () => {};
});
afterEach(() => vi.unstubAllGlobals());

function track() {
  const seen: ImportProgress[] = [];
  return { seen, onProgress: (p: ImportProgress) => seen.push(p) };
}

describe('startImport', () => {
  it('parses a small paste on the page without a worker', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const r = await startImport('0-fff : Reserved\n', () => {}).promise;
    expect(r.result.kind).toBe('iomem');
    expect(r.onPage).toBeUndefined();
    expect(FakeWorker.last).toBeNull();
  });

  it('uses the worker for a large text', async () => {
    FakeWorker.script = (w, req) => {
      w.reply({ id: req.id, type: 'progress', phase: 'parsing', fraction: 0.5 });
      w.reply({ id: req.id, type: 'done', result: { kind: 'rejected', message: 'stub' } });
    };
    vi.stubGlobal('Worker', FakeWorker);
    const r = await startImport(big, () => {}).promise;
    expect(r.result).toEqual({ kind: 'rejected', message: 'stub' });
    expect(FakeWorker.last?.terminated).toBe(true);
  });

  it('a throwing Worker constructor: parses on the page in slices, with progress, and says why; later imports do not try again', async () => {
    let constructed = 0;
    vi.stubGlobal(
      'Worker',
      class {
        constructor() {
          constructed++;
          throw new DOMException('Worker creation is blocked', 'SecurityError');
        }
      },
    );
    const t = track();
    const r = await startImport(big, t.onProgress).promise;
    expect(r.result.kind).toBe('trace');
    expect(r.onPage).toBe('the import worker could not start (SecurityError: Worker creation is blocked)');
    expect(t.seen.filter((p) => p.phase === 'parsing').length).toBeGreaterThan(2);
    expect(t.seen.every((p) => p.onPage === r.onPage)).toBe(true);
    await startImport(big, () => {}).promise;
    expect(constructed).toBe(1);
  });

  it('a worker whose script does not load (error before any message): parsed on the page', async () => {
    FakeWorker.script = (w) => w.fail();
    vi.stubGlobal('Worker', FakeWorker);
    const r = await startImport(big, () => {}).promise;
    expect(r.onPage).toBe("the import worker's script could not be loaded");
    expect(r.result.kind).toBe('trace');
  });

  it('a worker that never answers: after startMs the page parses', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const r = await startImport(big, () => {}, { startMs: 20 }).promise;
    expect(r.onPage).toBe('the import worker did not answer within 0.02 s');
  });

  it('a worker that dies mid-parse fails the job with what happened', async () => {
    FakeWorker.script = (w, req) => {
      w.reply({ id: req.id, type: 'progress', phase: 'parsing', fraction: 0.1 });
      w.fail('Uncaught RangeError: Array buffer allocation failed');
    };
    vi.stubGlobal('Worker', FakeWorker);
    await expect(startImport(big, () => {}).promise).rejects.toThrow('the import worker failed mid-parse (Uncaught RangeError: Array buffer allocation failed)');
    expect(FakeWorker.last?.terminated).toBe(true);
  });

  it('a worker that goes silent mid-parse is stopped by the watchdog', async () => {
    FakeWorker.script = (w, req) => w.reply({ id: req.id, type: 'progress', phase: 'parsing', fraction: 0.1 });
    vi.stubGlobal('Worker', FakeWorker);
    await expect(startImport(big, () => {}, { watchdogMs: 30 }).promise).rejects.toThrow('the import worker stopped answering (no progress for 0.03 s) and was stopped');
    expect(FakeWorker.last?.terminated).toBe(true);
  });

  it('a message that cannot be read fails the job', async () => {
    FakeWorker.script = (w) => w.onmessageerror?.();
    vi.stubGlobal('Worker', FakeWorker);
    await expect(startImport(big, () => {}).promise).rejects.toThrow('a message from the import worker could not be read');
  });

  it('cancel ends the job at once, in the worker and on the page', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const j = startImport(big, () => {});
    j.cancel();
    await expect(j.promise).rejects.toThrow('cancelled');
    expect(FakeWorker.last?.terminated).toBe(true);
    vi.stubGlobal('Worker', undefined);
    const t = track();
    const k = startImport(big.repeat(20), t.onProgress);
    await new Promise((r) => setTimeout(r, 5));
    k.cancel();
    await expect(k.promise).rejects.toThrow('cancelled');
    const n = t.seen.length;
    await new Promise((r) => setTimeout(r, 50));
    expect(t.seen.length).toBe(n); // no slice runs after cancel
  });
});

describe('parseAhead', () => {
  const iomem = '00000000-00000fff : Reserved\n100000000-17fffffff : System RAM\n';

  it('the import of the text parsed ahead uses that result, without parsing again or reporting progress', async () => {
    parseAhead(iomem);
    const spy = vi.spyOn(parsing, 'parseImport');
    const t = track();
    const r = await startImport(iomem, t.onProgress).promise;
    expect(spy).not.toHaveBeenCalled();
    expect(t.seen).toEqual([]);
    expect(r.result.kind).toBe('iomem');
    expect(r.text).toBe(iomem);
    spy.mockRestore();
  });

  it('each result is used once: importing the same text again parses it anew, into objects of its own', async () => {
    parseAhead(iomem);
    const a = await startImport(iomem, () => {}).promise;
    const b = await startImport(iomem, () => {}).promise;
    expect(b.result).toEqual(a.result);
    expect(b.result).not.toBe(a.result);
  });

  it('a different text, or the same text with its kind forced, is parsed as usual and gives what a plain parse gives', async () => {
    parseAhead(iomem);
    const other = iomem.replace('Reserved', 'PCI Bus 0000:00');
    const r = await startImport(other, () => {}).promise;
    expect(r.result).toEqual(parsing.parseImport(other));
    parseAhead(iomem);
    const forced = await startImport(iomem, () => {}, { kind: 'trace' }).promise;
    expect(forced.result).toEqual(parsing.parseImport(iomem, { kind: 'trace' }));
    // The text parsed ahead was not taken by the forced import: it is still there for a plain one.
    const spy = vi.spyOn(parsing, 'parseImport');
    await startImport(iomem, () => {}).promise;
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });

  it('texts the worker would take are not parsed ahead on the page', async () => {
    const spy = vi.spyOn(parsing, 'parseImport');
    parseAhead(big);
    parseAhead('  \n\t');
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });
});

describe('runSliced', () => {
  it('gives the event loop a turn between slices', async () => {
    let ticks = 0;
    const iv = setInterval(() => ticks++, 0);
    const r = await runSliced(importSteps(big.repeat(8)), { sliceMs: 1 });
    clearInterval(iv);
    expect(r.kind).toBe('trace');
    expect(ticks).toBeGreaterThan(0);
  });
});
