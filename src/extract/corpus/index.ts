/**
 * Pass 2: the corpus
 * ==================
 *
 * The corpus pass's public names (see `resolve-corpus.ts` for what it does, `pass.ts` for its
 * phases).
 */
export { resolveCorpus, streamCorpus, type StreamedCorpus } from './resolve-corpus.js';
export { CorpusPass, hashKey } from './pass.js';
export { refineResult } from './refine.js';
export { applyLabels, createFormsSink, type FormsSink } from './labels.js';
export { DEFAULT_WEIGHTS, type ScoreWeights } from './score.js';
export type { Occurrence } from './occurrences.js';
export type {
  AnalyzedPaper,
  CorpusFacts,
  CorpusOptions,
  CorpusSenses,
  DefinedCorpus,
  EligibleKey,
  KeyShare,
} from './types.js';
