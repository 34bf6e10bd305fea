/**
 * Worker thread entry: an `ExtractionWorker` (see `worker-core.ts`) answering the main thread.
 * Message in: `ToWorker`; out: `FromWorker` (both in `transfer.ts`).
 */
import { parentPort } from 'node:worker_threads';
import { ExtractionWorker } from './worker-core.js';
import type { FromWorker, ToWorker } from './transfer.js';

const worker = new ExtractionWorker((msg: FromWorker) => parentPort!.postMessage(msg));

parentPort?.on('message', (msg: ToWorker | 'close') => {
  if (msg === 'close') parentPort!.close();
  else worker.handle(msg);
});
