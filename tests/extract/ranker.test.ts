import { describe, expect, it } from 'vitest';
import { extractConcepts } from '../../src/extract/index.js';
import { DEFAULT_RANKER, FEATURES, featureVector, rankScore, type CandidateFacts } from '../../src/extract/ranker.js';

const base: CandidateFacts = {
  tf: 2,
  maximal: 2,
  firstPos: 0.1,
  inTitle: false,
  termhood: 4,
  idf: 3,
  df: 2,
  words: 2,
  participle: false,
  adjective: true,
  acronym: false,
  wordTf: 0.7,
  titleOverlap: 0,
  handScore: 2,
};

describe('learned ranker', () => {
  it('the shipped model matches the feature list it is applied to', () => {
    expect(DEFAULT_RANKER.features).toEqual([...FEATURES]);
    for (const v of [DEFAULT_RANKER.mean, DEFAULT_RANKER.std, DEFAULT_RANKER.weights]) expect(v).toHaveLength(FEATURES.length);
    expect(featureVector(base)).toHaveLength(FEATURES.length);
    expect(DEFAULT_RANKER.std.every((s) => s > 0)).toBe(true);
  });

  it.each([
    // [here, changed facts, better than the base candidate?]
    ['in the title', { inTitle: true, titleOverlap: 1 }, true],
    ['mentioned more often', { tf: 5, maximal: 5 }, true],
    ['only nested in longer phrases', { maximal: 0 }, false],
    ['a single word', { words: 1 }, false],
    ['first seen late', { firstPos: 0.9 }, false],
  ] as Array<[string, Partial<CandidateFacts>, boolean]>)('%s', (_here, change, better) => {
    const a = rankScore(DEFAULT_RANKER, base);
    const b = rankScore(DEFAULT_RANKER, { ...base, ...change });
    expect(b > a).toBe(better);
    expect(b).toBeGreaterThan(0);
    expect(b).toBeLessThan(1);
  });

  it('ranker null ranks by the hand-weighted score; both give the same candidates', () => {
    const papers = [
      { id: 'a', title: 'Sparse Gaussian processes', abstract: 'We fit sparse Gaussian processes with inducing points. Inducing points reduce cost. Variational inference scales.' },
      { id: 'b', title: 'Kernels', abstract: 'Gaussian processes and kernel methods with inducing points.' },
    ];
    const learned = extractConcepts(papers, { minRelativeScore: 0 });
    const hand = extractConcepts(papers, { minRelativeScore: 0, ranker: null });
    const keys = (r: typeof learned) => r.papers.map((p) => p.concepts.map((c) => c.key).sort());
    expect(keys(learned)).toEqual(keys(hand));
    for (const p of learned.papers) for (const c of p.concepts) expect(c.score).toBeLessThan(1);
    expect(hand.papers.some((p) => p.concepts.some((c) => c.score > 1))).toBe(true);
  });
});
