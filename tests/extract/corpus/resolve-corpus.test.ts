import { beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../../src/ingest/index.js';
import { BUNDLED_DATA_DIR } from '../../../src/paths.js';
import { extractConcepts } from '../../../src/extract/index.js';
import type { ExtractionResult, PaperText } from '../../../src/model.js';

let papers: PaperText[] = [];
let result: ExtractionResult;

beforeAll(async () => {
  const ingested = await ingest([BUNDLED_DATA_DIR]);
  papers = ingested.papers.map((p) => ({ id: p.id, title: p.title, abstract: p.abstract }));
  result = extractConcepts(papers);
}, 120_000);

/** Papers whose title or abstract match `re`: found independently of the extractor. */
function papersMatching(re: RegExp): string[] {
  return papers.filter((p) => re.test(`${p.title}\n${p.abstract}`)).map((p) => p.id).sort();
}

/** Papers with concept `key`, or with a narrower concept of it (rolled up through `broader`). */
function linkedPapers(key: string): string[] {
  const broader = new Map(result.concepts.filter((c) => c.broader).map((c) => [c.key, c.broader!]));
  const reaches = (k: string | undefined): boolean => {
    for (let i = 0; k !== undefined && i < 20; k = broader.get(k), i++) if (k === key) return true;
    return false;
  };
  return result.papers.filter((p) => p.concepts.some((c) => reaches(c.key))).map((p) => p.paperId).sort();
}

describe('bundled corpus: key concepts are one concept each, linked to every paper', () => {
  // A paper that writes a term only as the modifier of a longer one ("PDE-constrained
  // optimization") mentions the longer one: `share` is the part of the papers writing the term
  // that must reach it (directly or through a narrower concept); 1 for the terms that are not
  // written that way in this corpus.
  it.each([
    // [concept key, regex over the corpus text (all forms), forms that must be aliases, share]
    ['neural tangent kernel', /neural[ -]tangent[ -]kernels?|\bNTKs?\b/i, ['NTK'], 1],
    ['physics informed neural network', /physics[ -]informed neural networks?|\bPINNs?\b/i, ['PINN'], 1],
    ['state space model', /state[ -]space models?|\bSSMs?\b/i, ['SSM'], 1],
    ['hopfield network', /hopfield networks?/i, [], 1],
    ['diffusion model', /diffusion models?\b/i, [], 1],
    ['partial differential equation', /partial differential equations?|\bPDEs?\b/i, ['PDE'], 0.8],
    ['gaussian process', /gaussian process(?:es)?\b(?! dynamic)|\bGPs?\b/i, ['GP'], 1],
    ['neural operator', /neural operators?\b/i, [], 1],
    ['transformer', /\btransformers?\b/i, [], 0.9],
  ])('%s', (key, re, aliases, share) => {
    const expected = papersMatching(re);
    expect(expected.length).toBeGreaterThan(1);
    const info = result.concepts.filter((c) => c.key === key);
    expect(info).toHaveLength(1);
    for (const a of aliases) expect(info[0]!.aliases).toContain(a);
    // No second concept whose label is just another spelling of this one.
    const spellings = result.concepts.filter((c) => c.label.toLowerCase().replace(/[-\s]+/g, ' ').replace(/s$/, '') === info[0]!.label.toLowerCase().replace(/[-\s]+/g, ' ').replace(/s$/, ''));
    expect(spellings).toHaveLength(1);
    const linked = linkedPapers(key);
    const missing = expected.filter((id) => !linked.includes(id));
    if (share === 1) expect(missing).toEqual([]);
    else expect(missing.length).toBeLessThanOrEqual(Math.floor(expected.length * (1 - share)));
  });

  it('top 30 concepts by document frequency contain no boilerplate', () => {
    const boilerplate = [
      'paper', 'work', 'method', 'approach', 'result', 'model', 'problem', 'task', 'performance',
      'experiment', 'experimental result', 'this paper', 'our method', 'state of the art',
      'wide range', 'extensive experiment', 'proposed method', 'novel approach', 'new method',
      'significant improvement', 'large number', 'recent year', 'first time', 'real world',
      'framework', 'data', 'analysis', 'study', 'application', 'way', 'number', 'case',
    ];
    const top = [...result.concepts].sort((a, b) => b.df - a.df || (a.key < b.key ? -1 : 1)).slice(0, 30);
    expect(top).toHaveLength(30);
    expect(top.filter((c) => boilerplate.includes(c.key) || boilerplate.includes(c.label.toLowerCase()))).toEqual([]);
  });

  it('top 50 concepts by document frequency contain no generic single word, wh-word or bare adjective', () => {
    // What counts as generic: words any abstract of any field uses, and closed-class words.
    const generic = [
      'network', 'machine', 'space', 'equation', 'error', 'layer', 'ability', 'nature', 'choice',
      'understanding', 'phenomenon', 'behavior', 'potential', 'capability', 'description',
      'existence', 'individual', 'object', 'gap', 'use', 'need', 'version', 'effort',
      'when', 'how', 'where', 'which', 'what', 'why', 'whether', 'not', 'also', 'thus',
      'linear', 'non linear', 'nonlinear', 'complex', 'standard', 'underlying', 'forward', 'general',
      'encompass', 'employ',
    ];
    const top = [...result.concepts].sort((a, b) => b.df - a.df || (a.key < b.key ? -1 : 1)).slice(0, 50);
    expect(top).toHaveLength(50);
    expect(top.filter((c) => generic.includes(c.key) || generic.includes(c.label.toLowerCase())).map((c) => c.key)).toEqual([]);
  });

  it('no concept anywhere is a wh-word, pronoun, auxiliary, adverb or conjunction', () => {
    const closed = new Set(['when', 'how', 'where', 'which', 'what', 'why', 'whether', 'not', 'also', 'thus', 'however', 'it', 'they', 'is', 'are', 'can', 'and', 'or', 'encompass']);
    expect(result.concepts.filter((c) => closed.has(c.key)).map((c) => c.key)).toEqual([]);
  });

  it.each([
    // [sub-phrase, the longer concept it is (almost) always part of]
    ['neural tangent', 'neural tangent kernel'],
    ['tangent kernel', 'neural tangent kernel'],
    ['tangent', 'neural tangent kernel'],
  ])('"%s" is not a concept beside "%s"', (sub, whole) => {
    expect(result.concepts.some((c) => c.key === whole)).toBe(true);
    expect(result.concepts.some((c) => c.key === sub)).toBe(false);
  });

  it('Stokes is one concept, never "Stoke"', () => {
    expect(result.concepts.some((c) => c.key === 'stoke' || /\bstoke\b/i.test(c.label))).toBe(false);
  });

  it('a hyphenated concept keeps every word in its label ("multi-physics", "co-occurrence", not "physics", "occurrence")', () => {
    // Labels with capitals may show an acronym for some of the key's words ("DL-based DA framework").
    const words = (text: string) => text.toLowerCase().split(/[\s/-]+/).filter(Boolean);
    const dropped = result.concepts
      .filter((c) => !/\p{Lu}/u.test(c.label) && c.aliases.some((a) => /\p{L}-\p{L}/u.test(a)))
      .filter((c) => words(c.label).length < words(c.key).length)
      .map((c) => `${c.key} → ${c.label}`);
    expect(dropped).toEqual([]);
  });

  it('decoded LaTeX accents reach the concepts (Schrödinger, not Schr\\"odinger)', () => {
    expect(papersMatching(/Schrödinger/).length).toBeGreaterThan(0);
    expect(result.concepts.filter((c) => c.aliases.some((a) => a.includes('\\'))).map((c) => c.key)).toEqual([]);
  });

  it('evidence offsets point at the mention in the title or abstract', () => {
    let checked = 0;
    for (const pc of result.papers) {
      const paper = papers.find((p) => p.id === pc.paperId)!;
      for (const c of pc.concepts.slice(0, 5)) {
        for (const ev of c.evidence) {
          const text = ev.field === 'title' ? paper.title : paper.abstract;
          expect(text.slice(ev.sentenceStart, ev.sentenceStart + ev.sentence.length)).toBe(ev.sentence);
          expect(ev.start).toBeGreaterThanOrEqual(ev.sentenceStart);
          expect(ev.end).toBeLessThanOrEqual(ev.sentenceStart + ev.sentence.length);
          expect(c.forms).toContain(text.slice(ev.start, ev.end));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('is deterministic', () => {
    expect(JSON.stringify(extractConcepts(papers))).toBe(JSON.stringify(result));
  });
});
