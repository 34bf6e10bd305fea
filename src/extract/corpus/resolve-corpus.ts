/**
 * Pass 2: the corpus
 * ==================
 *
 * From every paper's chunks and acronym definitions: the alias registry (short form → long
 * form concept), candidate keys for every n-gram of every chunk, corpus statistics (document
 * frequency, independent occurrences, C-value termhood after Frantzi, Ananiadou & Mima 2000,
 * https://doi.org/10.1007/s007999900023), the boilerplate filter, the thesaurus, and the ranked
 * concepts of each paper with their evidence. Runs on the calling thread (here, the corpus held
 * in memory or streamed from storage), or split across worker threads by key shares and paper
 * slices (`parallel.ts`).
 * Deterministic: every map is iterated in insertion order of a deterministic walk, and ties are
 * broken by key.
 */
import type { PaperAnalysis } from '../candidates.js';
import type { ExtractionResult, PaperConcepts, PaperText } from '../../model.js';
import { CorpusPass } from './pass.js';
import { refineResult } from './refine.js';
import type { AnalyzedPaper, CorpusOptions } from './types.js';

/**
 * Pass 2 over all papers, held in memory. `papers[i]` and `analyses[i]` describe the same paper.
 * With `options.minDf` > 1, only concepts of at least that many papers are kept (as a streamed corpus
 * is resolved, see {@link streamCorpus}).
 */
export function resolveCorpus(
  papers: readonly PaperText[],
  analyses: readonly PaperAnalysis[],
  options: CorpusOptions,
): ExtractionResult {
  const pass = new CorpusPass(options);
  for (const a of analyses) pass.define(a);
  if (pass.sketching) for (const a of analyses) pass.sketch(a);
  // Each paper's occurrences are kept from counting for ranking, in columns (no object per
  // occurrence for the garbage collector to trace).
  for (const a of analyses) pass.countOnly(a, true);
  pass.settle();
  const resultPapers = analyses.map((analysis, p) => pass.resolve({ paper: papers[p]!, analysis }));
  const { concepts, ambiguousAcronyms, labels } = pass.finish();
  return refineResult(resultPapers, concepts, ambiguousAcronyms, labels, options.minDf);
}

/** The corpus pass over a corpus read from storage, paper by paper (see {@link streamCorpus}). */
export interface StreamedCorpus {
  /** Phase 1 for one paper, in corpus order (call it as pass-1 results are stored). */
  define(analysis: PaperAnalysis): void;
  /**
   * The other phases: reads the corpus (`read()`: the papers `define` saw, in the same order)
   * two or three times; only the result is held, not the analyses.
   */
  resolve(read: () => AsyncIterable<AnalyzedPaper>): Promise<ExtractionResult>;
}

/**
 * The corpus pass without holding the corpus: papers are read back from storage once per
 * phase, and only the statistics of keys that may reach `minDf` papers are kept. The result is
 * the same as {@link resolveCorpus} with the same options.
 */
export function streamCorpus(options: CorpusOptions): StreamedCorpus {
  const pass = new CorpusPass(options);
  return {
    define: (analysis) => pass.define(analysis),
    async resolve(read) {
      if (pass.sketching) for await (const { analysis } of read()) pass.sketch(analysis);
      for await (const { analysis } of read()) pass.countOnly(analysis);
      pass.settle();
      const papers: PaperConcepts[] = [];
      for await (const entry of read()) papers.push(pass.resolve(entry));
      const { concepts, ambiguousAcronyms, labels } = pass.finish();
      return refineResult(papers, concepts, ambiguousAcronyms, labels, options.minDf);
    },
  };
}
