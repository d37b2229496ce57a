/** Messages between the page and the what-it-takes worker (searchWorker.ts, searchClient.ts). */
import type { ExplainOptions } from '../model/explain';
import type { Scenario } from '../model/scenario';
import type { WireResult } from '../model/search/wire';

export interface SearchRequest {
  id: number;
  scenario: Scenario;
  /** explain()'s options of the view (an imported tree and range), structured-cloned. */
  opts: ExplainOptions;
}

/**
 * `progress` comes first, at fraction 0, as soon as the request arrives (the client's proof that the worker's script
 * loaded), then at least every PROGRESS_MS while the search runs, then `done` or `failed`.
 */
export type SearchReply =
  | { id: number; type: 'progress'; fraction: number }
  | { id: number; type: 'done'; result: WireResult }
  | { id: number; type: 'failed'; message: string };

/** How often a running search reports (ms): well inside the client's watchdog. */
export const PROGRESS_MS = 100;
