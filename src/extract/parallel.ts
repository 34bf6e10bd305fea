/**
 * Extraction across worker threads
 * ================================
 *
 * Pass 1 is per paper, so batches of papers go to whichever worker is free. Pass 2 (the corpus
 * pass, `corpus.ts`) splits too, because every worker keeps the batches it analyzed:
 * - define (acronym registry): main thread, from the definitions each batch reports — tiny;
 * - count + settle: each worker counts one hash share of the candidate keys over the whole
 *   corpus (its own batches from memory, the others' from the JSON they were reported in),
 *   gathers the share's surface forms, and settles it. Shares are disjoint, so the eligible
 *   keys are their union: no statistics are merged, and each worker holds its share's only;
 * - rank (resolve): each worker ranks the papers of its own batches from the settled facts of
 *   every eligible key (sent once, as columns), and counts the papers keeping each key;
 * - finish (labels, aliases): each worker for the kept concepts of its share (name votes are
 *   summed over all shares first); the main thread sorts the concepts and labels the papers.
 * The main thread is one of the workers (an `ExtractionWorker` run between its messages), so it
 * works instead of waiting and one thread fewer starts cold. Every merge follows corpus order or
 * adds integers, so the result is byte for byte the serial one.
 */
import { Worker } from 'node:worker_threads';
import { CorpusPass, refineResult, resolveCorpus, type CorpusOptions } from './corpus/index.js';
import {
  addCounted,
  decodeConcepts,
  decodeEligible,
  decodeRanked,
  encodeCounted,
  encodeEligible,
  type CountedKeys,
  type FromWorker,
  type ToWorker,
  type WorkerCorpusOptions,
} from './transfer.js';
import type { PaperAnalysis } from './candidates.js';
import { ExtractionWorker } from './worker-core.js';
import type { ConceptInfo, ExtractionResult, PaperConcepts, PaperText, ProgressReporter } from '../model.js';

/** Papers per batch for `workers` threads: about eight batches per worker, 20–250 papers each. */
export function batchSizeFor(papers: number, workers: number): number {
  return Math.max(20, Math.min(250, Math.ceil(papers / (Math.max(1, workers) * 8))));
}

/** The texts of batch `b` (only what pass 1 reads, so messages stay small). */
function batchTexts(papers: readonly PaperText[], b: number, batchSize: number): PaperText[] {
  return papers.slice(b * batchSize, (b + 1) * batchSize).map((p) => ({ id: p.id, title: p.title, abstract: p.abstract }));
}

/** A thread doing the work: a worker thread, or this thread. */
interface Endpoint {
  send(msg: ToWorker): void;
  /** Whether it is this thread (its replies come while it cannot receive any). */
  local: boolean;
  close(): Promise<unknown>;
}

/**
 * Threads answering in rounds; any one's error or early exit fails the round. With `local`, this
 * thread is the first of them: it handles its messages on later turns of the event loop, so the
 * worker threads' replies are received between its batches.
 */
class Pool {
  private readonly endpoints: Endpoint[];
  private handler: (msg: FromWorker, worker: number) => void = () => {};
  private fail: (error: unknown) => void = () => {};
  private readonly failed: Promise<never>;
  private closing = false;

  constructor(script: string, size: number, local: boolean) {
    this.failed = new Promise<never>((_, reject) => (this.fail = reject));
    this.failed.catch(() => {}); // awaited through `round`; an error between rounds waits for the next
    this.endpoints = Array.from({ length: size }, (_, w) => (local && w === 0 ? this.localEndpoint(w) : this.workerEndpoint(script, w)));
  }

  private receive(msg: FromWorker, w: number): void {
    try {
      this.handler(msg, w);
    } catch (error) {
      this.fail(error);
    }
  }

  private workerEndpoint(script: string, w: number): Endpoint {
    const worker = new Worker(script);
    worker.on('message', (msg: FromWorker) => this.receive(msg, w));
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => {
      if (!this.closing) this.fail(new Error(`extract worker exited with code ${code}`));
    });
    return { send: (msg) => worker.postMessage(msg), local: false, close: () => worker.terminate() };
  }

  private localEndpoint(w: number): Endpoint {
    const core = new ExtractionWorker((msg) => this.receive(msg, w), true);
    const send = (msg: ToWorker) =>
      setImmediate(() => {
        if (this.closing) return;
        try {
          core.handle(msg);
        } catch (error) {
          this.fail(error);
        }
      });
    return { send, local: true, close: async () => undefined };
  }

  /** Threads in the pool. */
  get size(): number {
    return this.endpoints.length;
  }

  isLocal(worker: number): boolean {
    return this.endpoints[worker]!.local;
  }

  send(worker: number, msg: ToWorker): void {
    this.endpoints[worker]!.send(msg);
  }

  /** Sends every thread the message `msgFor` makes for it. */
  broadcast(msgFor: (worker: number) => ToWorker): void {
    for (let w = 0; w < this.endpoints.length; w++) this.send(w, msgFor(w));
  }

  /** One round: `start` sends; `onMessage` sees every reply and says when the round is complete. */
  round(start: () => void, onMessage: (msg: FromWorker, worker: number) => boolean): Promise<void> {
    const done = new Promise<void>((resolve) => {
      this.handler = (msg, w) => {
        if (onMessage(msg, w)) resolve();
      };
      start();
    });
    return Promise.race([this.failed, done]);
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.endpoints.map((e) => e.close()));
  }
}

type Analyzed = Extract<FromWorker, { type: 'analyzed' }>;

function expect<T extends FromWorker['type']>(msg: FromWorker, type: T): Extract<FromWorker, { type: T }> {
  if (msg.type !== type) throw new Error(`extract worker: got '${msg.type}', expecting '${type}'`);
  return msg as Extract<FromWorker, { type: T }>;
}

/**
 * Pass 1 over `papers` in batches of `batchSize`, sent to whichever worker is free;
 * `onBatch` sees the batches in input order. Returns which worker analyzed each batch.
 */
async function analyzeRound(
  pool: Pool,
  papers: readonly PaperText[],
  batchSize: number,
  keep: boolean,
  onBatch: (batch: number, msg: Analyzed) => void,
  onProgress?: ProgressReporter,
): Promise<number[]> {
  const batches = Math.ceil(papers.length / batchSize);
  const owner: number[] = new Array(batches);
  // Finished batches wait here until every batch before them is delivered.
  const waiting = new Map<number, Analyzed>();
  let next = 0;
  let delivered = 0;
  let done = 0;
  const send = (w: number) => {
    if (next >= batches) return;
    const b = next++;
    owner[b] = w;
    pool.send(w, { type: 'analyze', batch: b, papers: batchTexts(papers, b, batchSize), ...(keep ? { keep: { first: b * batchSize } } : {}) });
  };
  if (batches === 0) return owner;
  await pool.round(
    () => {
      // Two batches in flight per worker thread, so none waits while this thread works.
      for (let w = 0; w < pool.size; w++) send(w);
      for (let w = 0; w < pool.size; w++) if (!pool.isLocal(w)) send(w);
    },
    (reply, w) => {
      const msg = expect(reply, 'analyzed');
      waiting.set(msg.batch, msg);
      done += Math.min(batchSize, papers.length - msg.batch * batchSize);
      send(w);
      for (let ready = waiting.get(delivered); ready; ready = waiting.get(delivered)) {
        waiting.delete(delivered);
        onBatch(delivered, ready);
        delivered++;
      }
      onProgress?.(done, papers.length);
      return delivered === batches;
    },
  );
  return owner;
}

/** Options of the parallel paths. */
export interface ParallelOptions {
  /** The compiled worker script. */
  script: string;
  /** Worker threads to start (fewer when there are fewer batches). */
  workers: number;
  onProgress?: ProgressReporter;
}

/** Pass 1 in worker threads; `sink` gets each analysis in input order. */
export async function analyzeInWorkers(
  papers: readonly PaperText[],
  sink: (analysis: PaperAnalysis, index: number) => void,
  { script, workers, onProgress }: ParallelOptions,
): Promise<void> {
  const batchSize = batchSizeFor(papers.length, workers);
  // As in `extractInWorkers`, this thread is one of the workers: one thread fewer starts cold.
  const threads = Math.min(workers, Math.ceil(papers.length / batchSize));
  const pool = new Pool(script, threads, threads > 1);
  try {
    await analyzeRound(
      pool,
      papers,
      batchSize,
      false,
      (b, msg) => (msg.analyses ?? (JSON.parse(msg.json!) as PaperAnalysis[])).forEach((a, k) => sink(a, b * batchSize + k)),
      onProgress,
    );
  } finally {
    await pool.close();
  }
}

/**
 * Both passes in worker threads (see the file comment); the same result as the serial
 * `resolveCorpus(papers, analyses, options)`.
 */
export async function extractInWorkers(
  papers: readonly PaperText[],
  options: CorpusOptions,
  { script, workers, onProgress }: ParallelOptions,
): Promise<ExtractionResult> {
  if (options.onCandidate) throw new RangeError('extract: `onCandidate` needs the serial corpus pass.');
  if (papers.length === 0) return resolveCorpus(papers, [], options);
  const batchSize = batchSizeFor(papers.length, workers);
  const batches = Math.ceil(papers.length / batchSize);
  // This thread is one of the workers (it would only wait otherwise), unless only one is asked for.
  const threads = Math.min(workers, batches);
  const pool = new Pool(script, threads, threads > 1);
  const pass = new CorpusPass(options, false);
  const results: PaperConcepts[] = new Array(papers.length);
  const concepts: ConceptInfo[] = [];
  let described = 0;
  try {
    // Pass 1; the main thread defines the acronym registry as batches come in.
    const json: Array<string | null> = new Array(batches).fill(null);
    const owner = await analyzeRound(
      pool,
      papers,
      batchSize,
      true,
      (b, msg) => {
        json[b] = msg.json!;
        msg.acronyms!.forEach((acronyms, k) => pass.define({ id: papers[b * batchSize + k]!.id, acronyms }));
      },
      onProgress,
    );

    // Count and settle, one share of the keys per worker (with the share's surface forms).
    const corpus = pass.defined();
    const { top, minRelativeScore, keepShared, thesaurus, weights, ranker, minDf } = options;
    const workerOptions: WorkerCorpusOptions = { top, minRelativeScore, keepShared, thesaurus, weights, ranker, minDf };
    const shares = pool.size;
    let settled = 0;
    await pool.round(
      () =>
        pool.broadcast((w) => ({
          type: 'count',
          options: workerOptions,
          corpus,
          share: { index: w, count: shares },
          foreign: json.map((j, b) => (owner[b] === w ? null : j)),
          foreignPapers: json.map((_j, b) => (owner[b] === w ? null : batchTexts(papers, b, batchSize))),
        })),
      (reply) => {
        pass.addEligible(decodeEligible(expect(reply, 'settled').eligible));
        return ++settled === shares;
      },
    );
    json.fill(null);

    // Rank each worker's own papers.
    const eligible = encodeEligible(pass.eligibleKeys());
    const kept: CountedKeys[] = [];
    let ranked = 0;
    await pool.round(
      () => pool.broadcast(() => ({ type: 'rank', eligible })),
      (reply) => {
        if (reply.type === 'kept') {
          kept.push(reply.kept);
        } else {
          const msg = expect(reply, 'ranked');
          const first = msg.batch * batchSize;
          decodeRanked(msg.papers, (i) => papers[first + i]!).forEach((pc, i) => (results[first + i] = pc));
          ranked++;
        }
        return ranked === batches && kept.length === shares;
      },
    );

    // Labels and facts of the kept concepts, each share by its worker.
    const votes = new Map<string, number>();
    let voted = 0;
    await pool.round(
      () => pool.broadcast(() => ({ type: 'vote', kept })),
      (reply) => {
        addCounted(votes, expect(reply, 'votes').votes);
        return ++voted === shares;
      },
    );
    const summed = encodeCounted(votes);
    await pool.round(
      () => pool.broadcast(() => ({ type: 'describe', votes: summed })),
      (reply) => {
        for (const c of decodeConcepts(expect(reply, 'concepts').concepts)) concepts.push(c);
        return ++described === shares;
      },
    );
  } finally {
    await pool.close();
  }
  concepts.sort((x, y) => (x.key < y.key ? -1 : 1));
  const labels = new Map(concepts.map((c) => [c.key, c.label]));
  return refineResult(results, concepts, pass.ambiguousAcronyms(), labels, options.minDf);
}
