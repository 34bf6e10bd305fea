import { describe, expect, it } from 'vitest';
import { broaderConcepts, ownNestedSpans, refineResult, variantForm, variantTargets } from '../../../src/extract/corpus/refine.js';
import { extractConcepts } from '../../../src/extract/index.js';
import type { ConceptInfo, ConceptMention, Evidence, PaperConcepts } from '../../../src/model.js';

/** Evidence of `surface` at its first place in `sentence` (an abstract of one sentence). */
function span(sentence: string, surface: string, from = 0): Evidence {
  const start = sentence.indexOf(surface, from);
  if (start < 0) throw new Error(`"${surface}" is not in "${sentence}"`);
  return { field: 'abstract', sentence, sentenceStart: 0, start, end: start + surface.length };
}

function mention(key: string, score: number, evidence: Evidence[]): ConceptMention {
  return { key, label: key, forms: evidence.map((e) => e.sentence.slice(e.start, e.end)), count: evidence.length, score, evidence };
}

function info(key: string, df: number, extra: Partial<ConceptInfo> = {}): ConceptInfo {
  return { key, label: key, aliases: [key], df, termhood: 1, ...extra };
}

describe('variantForm and variantTargets', () => {
  it.each([
    ['co occurrence', 'cooccurrence'],
    ['BLEU', 'bleu'],
    ['FBK’s', 'FBK'],
    ['multi word expression', 'multiword expression'],
    ['data base', 'database'],
    ['n gram', 'ngram'],
    ['IWSLT 2013', 'IWSLT2013'],
  ])('%s and %s are one term', (a, b) => expect(variantForm(a)).toBe(variantForm(b)));

  it.each([
    ['CA', 'cas'],
    ['parse', 'par ses'],
    ['gas', 'GA'],
    ['evaluation metric', 'metric evaluation'],
  ])('%s and %s stay apart', (a, b) => expect(variantForm(a)).not.toBe(variantForm(b)));

  it('merges each group into the key of most papers, then the spaced spelling', () => {
    const targets = variantTargets([info('cooccurrence', 23), info('co occurrence', 18), info('data base', 2), info('database', 2), info('kernel', 9)]);
    expect([...targets]).toEqual([
      ['co occurrence', 'cooccurrence'],
      ['database', 'data base'],
    ]);
  });
});

describe('ownNestedSpans', () => {
  const s = 'A large language model beats a language model on language tasks.';
  it('gives a span inside a longer concept\'s span to the longer concept only', () => {
    const llm = mention('large language model', 2, [span(s, 'large language model')]);
    const lm = mention('language model', 1, [span(s, 'language model'), span(s, 'language model', 25)]);
    const language = mention('language', 0.5, [span(s, 'language')]);
    const owned = ownNestedSpans([llm, lm, language]);
    expect(owned.map((m) => m.key)).toEqual(['large language model', 'language model']);
    const ownLm = owned[1]!;
    expect(ownLm.count).toBe(1);
    expect(ownLm.evidence[0]!.start).toBe(s.indexOf('language model', 25));
  });

  it('takes no span for a concept that does not own spans', () => {
    const llm = mention('large language model', 2, [span(s, 'large language model')]);
    const lm = mention('language model', 1, [span(s, 'language model')]);
    expect(ownNestedSpans([llm, lm], (key) => key !== 'large language model')).toHaveLength(2);
  });

  it('keeps spans of equal length and spans that only overlap', () => {
    const t = 'neural tangent kernel regime';
    const a = mention('neural tangent kernel', 1, [span(t, 'neural tangent kernel')]);
    const b = mention('kernel regime', 1, [span(t, 'kernel regime')]);
    expect(ownNestedSpans([a, b]).map((m) => m.count)).toEqual([1, 1]);
  });
});

describe('broaderConcepts', () => {
  it('names the longest other key a key ends in, word for word', () => {
    const broader = broaderConcepts(['modern hopfield network', 'hopfield network', 'network', 'large language model', 'language model', 'bayes']);
    expect(broader.get('modern hopfield network')).toBe('hopfield network');
    expect(broader.get('hopfield network')).toBe('network');
    expect(broader.get('large language model')).toBe('language model');
    expect(broader.has('network')).toBe(false);
    expect(broader.has('language model')).toBe(false);
  });
});

describe('refineResult', () => {
  it('merges variant mentions in a paper, recounts document frequency and drops nested-only concepts', () => {
    const s1 = 'Co-occurrence counts of a large language model.';
    const s2 = 'Cooccurrence statistics and a language model.';
    const s3 = 'A large language model.';
    const papers: PaperConcepts[] = [
      {
        paperId: 'p1',
        acronyms: [],
        concepts: [
          mention('co occurrence', 1, [span(s1, 'Co-occurrence')]),
          mention('large language model', 2, [span(s1, 'large language model')]),
          mention('language model', 0.5, [span(s1, 'language model')]),
        ],
      },
      { paperId: 'p2', acronyms: [], concepts: [mention('cooccurrence', 1, [span(s2, 'Cooccurrence')]), mention('language model', 1, [span(s2, 'language model')])] },
      { paperId: 'p3', acronyms: [], concepts: [mention('large language model', 1, [span(s3, 'large language model')])] },
    ];
    const concepts = [info('co occurrence', 1), info('cooccurrence', 1, { aliases: ['cooccurrence'] }), info('language model', 2), info('large language model', 2)];
    const labels = new Map([
      ['co occurrence', 'co-occurrence'],
      ['cooccurrence', 'cooccurrence'],
      ['language model', 'language model'],
      ['large language model', 'large language model'],
    ]);
    const result = refineResult(papers, concepts, [], labels);
    const byKey = new Map(result.concepts.map((c) => [c.key, c]));
    expect([...byKey.keys()]).toEqual(['co occurrence', 'language model', 'large language model']);
    expect(byKey.get('co occurrence')).toMatchObject({ df: 2, aliases: ['co occurrence', 'cooccurrence'] });
    // p1 writes "language model" only inside "large language model".
    expect(byKey.get('language model')!.df).toBe(1);
    expect(byKey.get('large language model')!.broader).toBe('language model');
    expect(result.papers[1]!.concepts.map((m) => [m.key, m.label])).toEqual([
      ['co occurrence', 'co-occurrence'],
      ['language model', 'language model'],
    ]);
  });

  it('leaves no nested mention and no variant pair in a real extraction', () => {
    const result = extractConcepts([
      { id: 'a', title: 'Modern Hopfield networks', abstract: 'Modern Hopfield networks store many patterns. We study co-occurrence of words.' },
      { id: 'b', title: 'Hopfield networks revisited', abstract: 'Hopfield networks and modern Hopfield networks are associative memories. Cooccurrence helps.' },
      { id: 'c', title: 'Associative memory', abstract: 'Modern Hopfield networks retrieve patterns; co-occurrence statistics matter.' },
    ]);
    const keys = result.concepts.map((c) => c.key);
    const forms = keys.map(variantForm);
    expect(new Set(forms).size).toBe(forms.length);
    const owners = new Set(result.concepts.filter((c) => c.df >= 2).map((c) => c.key));
    for (const pc of result.papers) expect(ownNestedSpans(pc.concepts, (key) => owners.has(key))).toEqual(pc.concepts);
    const modern = result.concepts.find((c) => c.key === 'modern hopfield network');
    expect(modern?.broader).toBe('hopfield network');
    // Paper a writes "Hopfield networks" only inside "Modern Hopfield networks".
    expect(result.papers[0]!.concepts.map((m) => m.key)).not.toContain('hopfield network');
  });
});
