/**
 * Worker thread entry: pass 1 (`analyzePaper`) on the batches the main thread sends and, for
 * batches it is asked to keep, the corpus pass's phases on one share of the keys and on its
 * own papers (see `parallel.ts`). Messages are typed in `transfer.ts`.
 */
import { parentPort } from 'node:worker_threads';
import { analyzePaper, type PaperAnalysis } from './candidates.js';
import { CorpusPass, type CorpusSenses, type Occurrence } from './corpus.js';
import {
  decodeEligible,
  encodeConcepts,
  encodeCounted,
  encodeEligible,
  encodeRanked,
  addCounted,
  type FromWorker,
  type ToWorker,
  type WorkerCorpusOptions,
} from './transfer.js';
import type { PaperText } from '../model.js';

/** A batch kept for the corpus pass. */
interface Held {
  first: number;
  papers: PaperText[];
  analyses: PaperAnalysis[];
  /** Each paper's occurrences, from phase 3 (phase 4 reuses them). */
  occurrences: Occurrence[][];
}

const held = new Map<number, Held>();
/** The pass over this worker's share of the keys, and what phase 4 needs. */
let share: { pass: CorpusPass; options: WorkerCorpusOptions; senses: CorpusSenses } | undefined;

function post(msg: FromWorker): void {
  parentPort!.postMessage(msg);
}

function handle(msg: ToWorker): void {
  switch (msg.type) {
    case 'analyze': {
      const analyses = msg.papers.map(analyzePaper);
      // JSON is parsed faster than structured clone rebuilds these many small objects.
      const json = JSON.stringify(analyses);
      if (!msg.keep) {
        post({ type: 'analyzed', batch: msg.batch, json });
        return;
      }
      held.set(msg.batch, { first: msg.keep.first, papers: msg.papers, analyses, occurrences: [] });
      post({ type: 'analyzed', batch: msg.batch, json, acronyms: analyses.map((a) => a.acronyms) });
      return;
    }
    case 'count': {
      const pass = CorpusPass.forShare(msg.options, msg.minDf, msg.corpus, msg.share);
      // Every paper of the corpus in order: held batches from memory, the others from their JSON.
      for (let b = 0; b < msg.foreign.length; b++) {
        const own = held.get(b);
        const papers = own ? own.papers : msg.foreignPapers[b]!;
        const analyses = own ? own.analyses : (JSON.parse(msg.foreign[b]!) as PaperAnalysis[]);
        analyses.forEach((a, k) => {
          const occ = pass.count(a, papers[k]);
          if (own) own.occurrences.push(occ);
        });
      }
      share = { pass, options: msg.options, senses: new Map(msg.corpus.senses) };
      post({ type: 'settled', eligible: encodeEligible(pass.settle()) });
      return;
    }
    case 'rank': {
      const eligible = decodeEligible(msg.eligible);
      const batches = [...held.keys()].sort((x, y) => x - y);
      const pass = CorpusPass.forRanking(share!.options, share!.senses, eligible, 0);
      for (const batch of batches) {
        const h = held.get(batch)!;
        held.delete(batch);
        const papers = h.analyses.map((analysis, k) => pass.resolve({ paper: h.papers[k]!, analysis }, h.occurrences[k]));
        post({ type: 'ranked', batch, papers: encodeRanked(papers) });
      }
      post({ type: 'kept', kept: encodeCounted(pass.sink.dfs) });
      return;
    }
    case 'vote': {
      for (const kept of msg.kept) share!.pass.addKept(kept.keys, kept.counts);
      post({ type: 'votes', votes: encodeCounted(share!.pass.voteNames()) });
      return;
    }
    case 'describe': {
      const votes = new Map<string, number>();
      addCounted(votes, msg.votes);
      post({ type: 'concepts', concepts: encodeConcepts(share!.pass.describeConcepts(votes)) });
      share = undefined;
      return;
    }
  }
}

parentPort?.on('message', (msg: ToWorker | 'close') => {
  if (msg === 'close') parentPort!.close();
  else handle(msg);
});
