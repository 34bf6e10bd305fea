/**
 * Concept extraction
 * ==================
 *
 * Key concepts of research abstracts, acronym-aware and traceable to sentences. Two passes:
 * 1. per paper (`analyzePapers`, parallel in worker threads for large inputs): tag, chunk noun
 *    phrases, find acronym definitions. The result is plain JSON data, so it can be stored and
 *    reused when papers are added later;
 * 2. over the corpus (`resolveAnalyses` on the calling thread, or split across the worker
 *    threads by `extractConceptsParallel`): alias registry, normalization merges, document
 *    frequency, C-value termhood, boilerplate stop list, thesaurus, scoring, ranking.
 * Output is deterministic and the same with or without workers.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { analyzePaper, type PaperAnalysis } from './candidates.js';

export type { PaperAnalysis } from './candidates.js';
import { DEFAULT_WEIGHTS, resolveCorpus, streamCorpus, type AnalyzedPaper, type ScoreWeights } from './corpus/index.js';
import { DEFAULT_RANKER, type RankerModel } from './ranker.js';
import { analyzeInWorkers, extractInWorkers } from './parallel.js';
import type { Thesaurus } from './thesaurus.js';
import { clearMemos } from './memo.js';
import type { ExtractionResult, PaperText, ProgressReporter } from '../model.js';
import { resolveDefaults } from '../defaults.js';

export { parseThesaurus, type Thesaurus } from './thesaurus.js';
export { findAcronyms, type AcronymDefinition } from './acronyms.js';
export { keyOfText } from './normalize.js';
export { isBoilerplate } from './stoplist.js';
export { DEFAULT_WEIGHTS, type AnalyzedPaper, type ScoreWeights } from './corpus/index.js';
export { DEFAULT_RANKER, type RankerModel } from './ranker.js';

/** Options of `extractConcepts` / `extractConceptsParallel`. */
export interface ExtractOptions {
  /** Concepts kept per paper in the output (0 = all). */
  top: number;
  /**
   * Drop a paper's concepts scoring below this fraction of its best concept (0 = keep all).
   * Weak candidates are mostly sub-phrases and generic words; 0.2 was chosen on Inspec train.
   */
  minRelativeScore: number;
  /** Also keep every concept shared by ≥ 2 papers, whatever `top` and `minRelativeScore` say (the graph needs them). */
  keepShared: boolean;
  /** Parsed VOSviewer thesaurus (merges or drops terms). */
  thesaurus?: Thesaurus;
  /**
   * Threads for extraction; `'auto'` uses all cores above `parallelThreshold` papers. Pass 1
   * runs in that many worker threads; `extractConceptsParallel` runs the corpus pass in them
   * too, and counts the calling thread as one of them.
   */
  workers: number | 'auto';
  /** Papers from which `'auto'` starts workers. */
  parallelThreshold: number;
  /** Score weights (defaults fitted on Inspec train). */
  weights: ScoreWeights;
  /**
   * Learned ranking of each paper's candidates (logistic regression fitted on Inspec train by
   * `bench/extract-train.mjs`); `null` ranks by the `weights` score alone.
   */
  ranker: RankerModel | null;
  /**
   * Keep only concepts mentioned by at least this many papers (1 = as the per-paper lists
   * decide). A build passes the graph's own minimum: the concepts dropped are the ones the
   * graph would leave out, and a large corpus's millions of one-off phrases need no statistics.
   */
  minDf: number;
  onProgress?: ProgressReporter;
}

export const DEFAULTS: ExtractOptions = {
  top: 0,
  minRelativeScore: 0.2,
  keepShared: true,
  workers: 'auto',
  parallelThreshold: 500,
  weights: DEFAULT_WEIGHTS,
  ranker: DEFAULT_RANKER,
  minDf: 1,
};

/**
 * `options` merged with {@link DEFAULTS} (and `weights` with {@link DEFAULT_WEIGHTS}), checked.
 * Each public entry point resolves its options once and hands the result down.
 */
function resolveOptions(options: Partial<ExtractOptions> = {}): ExtractOptions {
  const merged = resolveDefaults(DEFAULTS, options);
  merged.weights = resolveDefaults(DEFAULT_WEIGHTS, options.weights);
  if (!(merged.minRelativeScore >= 0 && merged.minRelativeScore <= 1)) {
    throw new RangeError('extract: invalid `minRelativeScore`. Expecting a number in [0, 1].');
  }
  if (!Number.isInteger(merged.top) || merged.top < 0) {
    throw new RangeError('extract: invalid `top`. Expecting an integer ≥ 0.');
  }
  if (!Number.isInteger(merged.minDf) || merged.minDf < 1) {
    throw new RangeError('extract: invalid `minDf`. Expecting an integer ≥ 1.');
  }
  return merged;
}

/**
 * Empties the per-word memos the extractor keeps on this thread between calls (tagging,
 * normalization, word facts). They are bounded and never change a result; a benchmark empties
 * them to time a first run, and a long-running process may, to release the memory.
 */
export function clearExtractionMemos(): void {
  clearMemos();
}

/** Extracts concepts on the calling thread. Pure and deterministic. */
export function extractConcepts(papers: PaperText[], options?: Partial<ExtractOptions>): ExtractionResult {
  const opts = resolveOptions(options);
  const analyses: PaperAnalysis[] = [];
  analyzeSerial(papers, opts, (a) => analyses.push(a));
  return resolveCorpus(papers, analyses, opts);
}

/** Receives each paper's analysis, in input order. */
export type AnalysisSink = (analysis: PaperAnalysis, index: number) => void;

/** Pass 1 on the calling thread, with progress. */
function analyzeSerial(papers: readonly PaperText[], opts: ExtractOptions, sink: AnalysisSink): void {
  const every = Math.max(1, Math.floor(papers.length / 100));
  papers.forEach((p, i) => {
    sink(analyzePaper(p), i);
    if (opts.onProgress && ((i + 1) % every === 0 || i + 1 === papers.length)) opts.onProgress(i + 1, papers.length);
  });
}

/** The compiled worker script, from `dist/` even when this module runs from TS sources. */
function workerScript(): string | undefined {
  const beside = fileURLToPath(new URL('./worker.js', import.meta.url));
  if (existsSync(beside)) return beside;
  const compiled = fileURLToPath(new URL('../../dist/extract/worker.js', import.meta.url));
  return existsSync(compiled) ? compiled : undefined;
}

/** How many workers `options` asks for, for `n` papers (0 = run in this thread). */
export function workerCount(n: number, options?: Partial<ExtractOptions>): number {
  return countWorkers(n, resolveOptions(options));
}

function countWorkers(n: number, opts: ExtractOptions): number {
  if (opts.workers === 'auto') return n >= opts.parallelThreshold ? availableParallelism() : 0;
  return Math.max(0, Math.min(opts.workers, n));
}

/**
 * Pass 1 over papers: one `PaperAnalysis` per paper, in input order. Runs in worker threads as
 * `workers` / `parallelThreshold` ask (batches streamed to all workers), else on this thread.
 * The analyses are plain JSON data: they may be stored and fed to `resolveAnalyses` later.
 */
export async function analyzePapers(papers: PaperText[], options?: Partial<ExtractOptions>): Promise<PaperAnalysis[]> {
  return analyzeAll(papers, resolveOptions(options));
}

async function analyzeAll(papers: readonly PaperText[], opts: ExtractOptions): Promise<PaperAnalysis[]> {
  const analyses: PaperAnalysis[] = new Array(papers.length);
  await analyzeInOrder(papers, (a, i) => (analyses[i] = a), opts);
  return analyses;
}

/**
 * Pass 1 as a stream: hands each paper's analysis to `sink` in input order as soon as it and
 * all before it are done, and keeps none of them (so a caller can store them as they come).
 */
export async function analyzePapersInOrder(
  papers: readonly PaperText[],
  sink: AnalysisSink,
  options?: Partial<ExtractOptions>,
): Promise<void> {
  return analyzeInOrder(papers, sink, resolveOptions(options));
}

async function analyzeInOrder(papers: readonly PaperText[], sink: AnalysisSink, opts: ExtractOptions): Promise<void> {
  const count = countWorkers(papers.length, opts);
  const script = count > 0 ? workerScript() : undefined;
  if (!script) return analyzeSerial(papers, opts, sink);

  await analyzeInWorkers(papers, sink, { script, workers: count, onProgress: opts.onProgress });
}

/**
 * Pass 2: the corpus-level resolution of pass-1 results (aliases, statistics, scoring, labels).
 * `analyses[i]` must be `papers[i]`'s analysis (from `analyzePapers`, possibly stored as JSON).
 * Pure and deterministic.
 */
export function resolveAnalyses(
  papers: PaperText[],
  analyses: PaperAnalysis[],
  options?: Partial<ExtractOptions>,
): ExtractionResult {
  return resolveAll(papers, analyses, resolveOptions(options));
}

function resolveAll(papers: readonly PaperText[], analyses: readonly PaperAnalysis[], opts: ExtractOptions): ExtractionResult {
  if (analyses.length !== papers.length) {
    throw new RangeError(`extract: ${analyses.length} analyses for ${papers.length} papers. Expecting one analysis per paper.`);
  }
  analyses.forEach((a, i) => {
    if (a.id !== papers[i]!.id) throw new RangeError(`extract: analysis ${i} is of paper "${a.id}", not "${papers[i]!.id}".`);
  });
  return resolveCorpus(papers, analyses, opts);
}

/**
 * Pass 2 over a corpus too big to hold: `define` each paper's analysis as pass 1 stores it,
 * then `resolve(read)` reads the stored corpus back (two or three times) and returns the same
 * result `resolveAnalyses` would. Use with `minDf` > 1 so that one-off phrases are not counted.
 */
export function resolveAnalysesStreamed(options?: Partial<ExtractOptions>): {
  define(analysis: PaperAnalysis): void;
  resolve(read: () => AsyncIterable<AnalyzedPaper>): Promise<ExtractionResult>;
} {
  return streamCorpus(resolveOptions(options));
}

/**
 * Like `extractConcepts`, in worker threads (see `parallel.ts`): the same result as
 * `resolveAnalyses(papers, await analyzePapers(papers, options), options)` and as
 * `extractConcepts`, byte for byte. On two threads pass 1 runs in both and pass 2 on this one;
 * on more, pass 2 is shared out too.
 */
export async function extractConceptsParallel(
  papers: PaperText[],
  options?: Partial<ExtractOptions>,
): Promise<ExtractionResult> {
  const opts = resolveOptions(options);
  const count = countWorkers(papers.length, opts);
  const script = count > 0 ? workerScript() : undefined;
  // Sharing pass 2 makes every thread count every paper's occurrences: on two threads that costs
  // more than it saves (about 25% more CPU than pass 2 kept on this thread, and slower at 3,000
  // and at 10,000 ACL abstracts).
  if (!script || count <= 2) return resolveAll(papers, await analyzeAll(papers, opts), opts);
  return extractInWorkers(papers, opts, { script, workers: count, onProgress: opts.onProgress });
}
