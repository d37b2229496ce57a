/**
 * Module worker: runs the what-it-takes search (src/model/search) off the main thread. It lives for the session, so
 * its JIT and its memoised derivations stay warm; a search nobody wants any more is dropped by terminating the
 * worker (searchClient.ts), since one search cannot be interrupted from outside.
 */
import { whatItTakesSteps } from '../model/search/search';
import { toWire } from '../model/search/wire';
import { PROGRESS_MS, type SearchReply, type SearchRequest } from './searchProtocol';

const post = (m: SearchReply): void => (self as unknown as { postMessage: (m: SearchReply) => void }).postMessage(m);

self.onmessage = (ev: MessageEvent<SearchRequest>) => {
  const { id, scenario, opts } = ev.data;
  try {
    post({ id, type: 'progress', fraction: 0 });
    const steps = whatItTakesSteps(scenario, opts);
    let last = performance.now();
    for (;;) {
      const r = steps.next();
      if (r.done) {
        post({ id, type: 'done', result: toWire(r.value) });
        return;
      }
      const now = performance.now();
      if (now - last >= PROGRESS_MS) {
        last = now;
        post({ id, type: 'progress', fraction: r.value });
      }
    }
  } catch (e) {
    post({ id, type: 'failed', message: e instanceof Error ? e.message : String(e) });
  }
};
