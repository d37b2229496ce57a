/** Messages between the page and the import worker. */
import type { ImportKind, ImportResult } from '../model/import/parseImport';

export interface WorkerRequest {
  id: number;
  text?: string;
  file?: Blob;
  kind?: ImportKind;
}

export type WorkerReply =
  | { id: number; type: 'progress'; phase: 'reading' | 'parsing'; fraction: number }
  | { id: number; type: 'done'; result: ImportResult; /** The file's text, when a file was sent. */ text?: string }
  | { id: number; type: 'failed'; message: string };
