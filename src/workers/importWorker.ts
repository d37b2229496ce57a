/**
 * Module worker: parses an import (text or File) off the main thread and posts progress, then the result.
 * Cancel by terminating the worker (see importClient.ts).
 */
import { parseImport, type ImportKind } from '../model/import/parseImport';
import type { WorkerReply, WorkerRequest } from './importProtocol';

const post = (m: WorkerReply): void => (self as unknown as { postMessage: (m: WorkerReply) => void }).postMessage(m);

self.onmessage = async (ev: MessageEvent<WorkerRequest>) => {
  const { id, kind } = ev.data;
  try {
    let text: string;
    if (ev.data.file) {
      post({ id, type: 'progress', phase: 'reading', fraction: 0 });
      text = await ev.data.file.text();
    } else {
      text = ev.data.text ?? '';
    }
    post({ id, type: 'progress', phase: 'parsing', fraction: 0 });
    let last = 0;
    const result = parseImport(text, {
      kind: kind as ImportKind | undefined,
      onProgress: (f) => {
        if (f - last >= 0.02 || f === 1) {
          last = f;
          post({ id, type: 'progress', phase: 'parsing', fraction: f });
        }
      },
    });
    post({ id, type: 'done', result, text: ev.data.file ? text : undefined });
  } catch (e) {
    post({ id, type: 'failed', message: e instanceof Error ? e.message : String(e) });
  }
};
