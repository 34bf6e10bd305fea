/**
 * What an extraction worker does with each message (see `parallel.ts`), apart from the thread
 * it runs on: the worker script wraps it around `parentPort`, and the main thread runs one
 * itself so that it works too instead of waiting. Messages are typed in `transfer.ts`.
 */
import { analyzePaper, type PaperAnalysis } from './candidates.js';
import { CorpusPass, type CorpusSenses, type Occurrence } from './corpus/index.js';
import {
  addCounted,
  decodeEligible,
  encodeConcepts,
  encodeCounted,
  encodeEligible,
  encodeRanked,
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

/** One worker's state across the rounds of an extraction. */
export class ExtractionWorker {
  private readonly held = new Map<number, Held>();
  /** The pass over this worker's share of the keys, and what phase 4 needs. */
  private share?: { pass: CorpusPass; options: WorkerCorpusOptions; senses: CorpusSenses };

  /** `local`: runs on the thread that reads the results, so unkept analyses go as objects. */
  constructor(
    private readonly post: (msg: FromWorker) => void,
    private readonly local = false,
  ) {}

  handle(msg: ToWorker): void {
    switch (msg.type) {
      case 'analyze':
        return this.analyze(msg);
      case 'count':
        return this.count(msg);
      case 'rank':
        return this.rank(msg);
      case 'vote':
        for (const kept of msg.kept) this.share!.pass.addKept(kept.keys, kept.counts);
        return this.post({ type: 'votes', votes: encodeCounted(this.share!.pass.voteNames()) });
      case 'describe': {
        const votes = new Map<string, number>();
        addCounted(votes, msg.votes);
        const concepts = this.share!.pass.describeConcepts(votes);
        this.share = undefined;
        return this.post({ type: 'concepts', concepts: encodeConcepts(concepts) });
      }
    }
  }

  private analyze(msg: Extract<ToWorker, { type: 'analyze' }>): void {
    const analyses = msg.papers.map(analyzePaper);
    if (!msg.keep && this.local) return this.post({ type: 'analyzed', batch: msg.batch, analyses });
    // JSON is parsed faster than structured clone rebuilds these many small objects; kept
    // batches are also sent on to the other workers as this JSON.
    const json = JSON.stringify(analyses);
    if (!msg.keep) return this.post({ type: 'analyzed', batch: msg.batch, json });
    this.held.set(msg.batch, { first: msg.keep.first, papers: msg.papers, analyses, occurrences: [] });
    this.post({ type: 'analyzed', batch: msg.batch, json, acronyms: analyses.map((a) => a.acronyms) });
  }

  private count(msg: Extract<ToWorker, { type: 'count' }>): void {
    const pass = CorpusPass.forShare(msg.options, msg.corpus, msg.share);
    // Every paper of the corpus in order: held batches from memory, the others from their JSON.
    for (let b = 0; b < msg.foreign.length; b++) {
      const own = this.held.get(b);
      const papers = own ? own.papers : msg.foreignPapers[b]!;
      const analyses = own ? own.analyses : (JSON.parse(msg.foreign[b]!) as PaperAnalysis[]);
      analyses.forEach((a, k) => {
        const occ = pass.count(a, papers[k], own !== undefined);
        if (own) own.occurrences.push(occ);
      });
    }
    this.share = { pass, options: msg.options, senses: new Map(msg.corpus.senses) };
    this.post({ type: 'settled', eligible: encodeEligible(pass.settle()) });
  }

  private rank(msg: Extract<ToWorker, { type: 'rank' }>): void {
    const eligible = decodeEligible(msg.eligible);
    const pass = CorpusPass.forRanking(this.share!.options, this.share!.senses, eligible, 0);
    for (const batch of [...this.held.keys()].sort((x, y) => x - y)) {
      const h = this.held.get(batch)!;
      this.held.delete(batch);
      const papers = h.analyses.map((analysis, k) => pass.resolve({ paper: h.papers[k]!, analysis }, h.occurrences[k]));
      this.post({ type: 'ranked', batch, papers: encodeRanked(papers) });
    }
    this.post({ type: 'kept', kept: encodeCounted(pass.sink.dfs) });
  }
}
