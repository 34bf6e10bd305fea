import { describe, expect, it } from 'vitest';
import { analyzePaper } from '../../../src/extract/candidates.js';
import { CorpusPass, DEFAULT_WEIGHTS, refineResult, resolveCorpus, type CorpusOptions } from '../../../src/extract/corpus/index.js';
import type { PaperText } from '../../../src/model.js';

const OPTIONS: CorpusOptions = { top: 0, minRelativeScore: 0, keepShared: true, weights: DEFAULT_WEIGHTS };

const PAPERS: PaperText[] = [
  {
    id: 'a',
    title: 'Safe ship control',
    abstract: 'We study safe ship control with a neural tangent kernel (NTK). The NTK of deep networks is computed.',
  },
  { id: 'b', title: 'Kernels', abstract: 'The neural tangent kernel describes wide networks. Safe ship control is hard.' },
];

/** Paper `a`'s occurrences as phase 3 reports them. */
function occurrencesOfA(): Array<[string, string | undefined, string | undefined, number, boolean, string | undefined]> {
  const analyses = PAPERS.map(analyzePaper);
  const pass = new CorpusPass(OPTIONS, false);
  for (const a of analyses) pass.define(a);
  return pass.count(analyses[0]!).map((o) => [o.key, o.parent, o.ext, o.words, o.maximal, o.acronym]);
}

describe('candidate keys of a chunk', () => {
  // [key, parent (the whole chunk), one-word-longer key holding it, words, maximal]
  it.each([
    ['safe ship control', undefined, undefined, 3, true],
    ['ship control', 'safe ship control', 'safe ship control', 2, false],
    ['control', 'safe ship control', 'ship control', 1, false],
    ['safe ship', 'safe ship control', 'safe ship control', 2, false],
    ['ship', 'safe ship control', 'safe ship', 1, false],
  ] as const)('%s', (key, parent, ext, words, maximal) => {
    const found = occurrencesOfA().filter((o) => o[0] === key);
    // Once in the title, once in the abstract.
    expect(found).toHaveLength(2);
    for (const o of found) expect(o.slice(1, 5)).toEqual([parent, ext, words, maximal]);
  });

  it('an acronym resolved to its long form is the same key as the long form written out', () => {
    const keys = occurrencesOfA().filter((o) => o[0] === 'neural tangent kernel');
    expect(keys.map((o) => o[5])).toEqual([undefined, 'NTK', 'NTK']);
    expect(keys.every((o) => o[3] === 3)).toBe(true);
    const result = resolveCorpus(PAPERS, PAPERS.map(analyzePaper), OPTIONS);
    const concept = result.concepts.find((c) => c.key === 'neural tangent kernel');
    expect(concept?.df).toBe(2);
    expect(concept?.aliases).toContain('NTK');
  });

  it('the same keys whether the pass keeps occurrences from counting or finds them again', () => {
    const analyses = PAPERS.map(analyzePaper);
    const pass = new CorpusPass(OPTIONS, false);
    for (const a of analyses) pass.define(a);
    for (const a of analyses) pass.count(a);
    pass.settle();
    const resolved = analyses.map((analysis, i) => pass.resolve({ paper: PAPERS[i]!, analysis }));
    const facts = pass.finish();
    const again = refineResult(resolved, facts.concepts, facts.ambiguousAcronyms, facts.labels, OPTIONS.minDf).papers;
    const held = resolveCorpus(PAPERS, analyses, OPTIONS).papers;
    expect(again.map((p) => p.concepts.map((c) => [c.key, c.score, c.count]))).toEqual(
      held.map((p) => p.concepts.map((c) => [c.key, c.score, c.count])),
    );
    expect(held[1]!.concepts.some((c) => c.key === 'safe ship control')).toBe(true);
  });
});
