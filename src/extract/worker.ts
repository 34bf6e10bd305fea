/**
 * Worker thread entry: runs pass 1 (`analyzePaper`) on the batches the main thread sends.
 * Message in: `{ batch: number, papers: PaperText[] }`; out: `{ batch, analyses }`.
 */
import { parentPort } from 'node:worker_threads';
import { analyzePaper } from './candidates.js';
import type { PaperText } from '../model.js';

parentPort?.on('message', (msg: { batch: number; papers: PaperText[] } | 'close') => {
  if (msg === 'close') {
    parentPort!.close();
    return;
  }
  const analyses = msg.papers.map(analyzePaper);
  parentPort!.postMessage({ batch: msg.batch, analyses });
});
