import { describe, expect, it } from 'vitest';
import { bracketsBalance, keyOfText, singularize, americanize } from '../../src/extract/normalize.js';
import { extractConcepts } from '../../src/extract/index.js';
import { isBoilerplate } from '../../src/extract/stoplist.js';

describe('keyOfText: tricky normalizations', () => {
  it.each([
    ['Physics-Informed Neural Networks', 'physics informed neural network'],
    ['physics informed neural network', 'physics informed neural network'],
    ['state-space models', 'state space model'],
    ['State Space Model', 'state space model'],
    ['normalising flows', 'normalizing flow'],
    ['normalizing flow', 'normalizing flow'],
    ['Hopfield Networks', 'hopfield network'],
    ['the Gaussian processes', 'gaussian process'],
    ['a novel diffusion model', 'diffusion model'],
    ['our proposed neural operators', 'neural operator'],
    ['efficient transformers', 'transformer'],
    ['PINNs', 'PINN'],
    ['SSMs', 'SSM'],
    ['partial differential equations', 'partial differential equation'],
    ['covariance matrices', 'covariance matrix'],
    ['dynamical systems analyses', 'dynamical systems analysis'],
    ['graph neural networks', 'graph neural network'],
    ['neighbourhood aggregation', 'neighborhood aggregation'],
    ['modelling choices', 'modeling choice'],
    ['large language models', 'large language model'],
    ['physics', 'physics'],
    ['data', 'data'],
    ['Navier-Stokes equations', 'navier stokes equation'],
    ['the Stokes flow', 'stokes flow'],
    // Possessives are the noun they are attached to.
    ["Alzheimer's disease", 'alzheimer disease'],
    ['Alzheimer’s disease', 'alzheimer disease'],
    ["Mamba's", 'mamba'],
    ["agents'", 'agent'],
    ['FBK’s', 'FBK'],
    // Acronym plurals in mixed case.
    ['ReLUs', 'ReLU'],
    ['LoRAs', 'LoRA'],
    ['GPUs', 'GPU'],
    // Headings set in capitals are words, not acronyms.
    ['PATIENTS', 'patient'],
    ['CONCLUSIONS', 'conclusion'],
    ['PARTICIPANTS', 'participant'],
    ['BLEU', 'BLEU'],
    ['LIMSI', 'LIMSI'],
  ])('%s → %s', (text, key) => {
    expect(keyOfText(text)).toBe(key);
  });

  it.each([
    ['networks', 'network'],
    ['processes', 'process'],
    ['properties', 'property'],
    ['dynamics', 'dynamics'],
    ['bias', 'bias'],
    ['series', 'series'],
    ['criteria', 'criterion'],
    ['stokes', 'stokes'],
    ['navier–stokes', 'navier–stokes'],
    ['bayes', 'bayes'],
    ['gauss', 'gauss'],
    ['adams', 'adams'],
    ['physics', 'physics'],
    ['species', 'species'],
    ['lens', 'lens'],
    ['strokes', 'stroke'],
    ['layers', 'layer'],
    ['setups', 'setup'],
    ['maps', 'map'],
    ['steps', 'step'],
    ['limits', 'limit'],
    ['units', 'unit'],
    ['circuits', 'circuit'],
    ['eyes', 'eye'],
    ['its', 'its'],
    ['this', 'this'],
    // "-ics": a field stays, a plural does not.
    ['metrics', 'metric'],
    ['topics', 'topic'],
    ['heuristics', 'heuristic'],
    ['characteristics', 'characteristic'],
    ['linguistics', 'linguistics'],
    ['mathematics', 'mathematics'],
    ['robotics', 'robotics'],
    ['semantics', 'semantics'],
    ['statistics', 'statistics'],
    ['thermodynamics', 'thermodynamics'],
    // Nouns ending in s take -es; other -es plurals keep their e.
    ['biases', 'bias'],
    ['lenses', 'lens'],
    ['viruses', 'virus'],
    ['aliases', 'alias'],
    ['causes', 'cause'],
    ['databases', 'database'],
    ['responses', 'response'],
    // Diseases named in the plural are singular.
    ['diabetes', 'diabetes'],
    ['herpes', 'herpes'],
    ['measles', 'measles'],
  ])('singularize %s → %s', (w, s) => expect(singularize(w)).toBe(s));

  it.each([
    ['regularisation', 'regularization'],
    ['optimising', 'optimizing'],
    ['behaviour', 'behavior'],
    ['supervised', 'supervised'],
    ['noise', 'noise'],
  ])('americanize %s → %s', (w, a) => expect(americanize(w)).toBe(a));
});

describe('extractConcepts merges variants', () => {
  it('merges hyphen/space, British/American and plural forms into one concept', () => {
    const result = extractConcepts([
      { id: 'a', title: 'State-space models', abstract: 'We study normalising flows and state-space models.' },
      { id: 'b', title: 'State space models', abstract: 'Normalizing flows meet state space models.' },
    ]);
    const ssm = result.concepts.find((c) => c.key === 'state space model');
    expect(ssm?.df).toBe(2);
    expect(result.concepts.find((c) => c.key === 'normalizing flow')?.df).toBe(2);
    expect(result.concepts.some((c) => c.key === 'state-space model' || c.key === 'normalising flow')).toBe(false);
  });

  it('resolves an acronym used alone elsewhere through the alias registry', () => {
    const result = extractConcepts([
      { id: 'a', title: 'Kernels', abstract: 'The neural tangent kernel (NTK) describes training.' },
      { id: 'b', title: 'Wide nets', abstract: 'We compute the NTK of deep networks.' },
    ]);
    const ntk = result.concepts.find((c) => c.key === 'neural tangent kernel');
    expect(ntk?.df).toBe(2);
    expect(ntk?.acronym).toBe('NTK');
    expect(ntk?.aliases).toContain('NTK');
    const b = result.papers.find((p) => p.paperId === 'b')!;
    const mention = b.concepts.find((c) => c.key === 'neural tangent kernel')!;
    const ev = mention.evidence[0]!;
    expect('We compute the NTK of deep networks.'.slice(ev.start, ev.end)).toBe('NTK');
  });

  it('reports an ambiguous short form and resolves it per paper by its own definition', () => {
    const result = extractConcepts([
      { id: 'a', title: 'One', abstract: 'A policy gradient (PG) method for control.' },
      { id: 'b', title: 'Two', abstract: 'A proximal gradient (PG) method for sparsity. PG converges.' },
    ]);
    expect(result.ambiguousAcronyms.map((a) => a.short)).toEqual(['PG']);
    const b = result.papers.find((p) => p.paperId === 'b')!;
    expect(b.concepts.find((c) => c.key === 'proximal gradient')?.count).toBe(3);
    expect(b.concepts.some((c) => c.key === 'policy gradient')).toBe(false);
  });

  it('applies a thesaurus: merge and drop', async () => {
    const { parseThesaurus } = await import('../../src/extract/index.js');
    const thesaurus = parseThesaurus('label\treplace by\nneural nets\tneural networks\ndeep learning\t\n');
    const result = extractConcepts(
      [
        { id: 'a', title: 'Nets', abstract: 'Neural nets and deep learning for vision.' },
        { id: 'b', title: 'Nets', abstract: 'Neural networks and deep learning for audio.' },
      ],
      { thesaurus },
    );
    expect(result.concepts.find((c) => c.key === 'neural network')?.df).toBe(2);
    expect(result.concepts.some((c) => c.key === 'deep learning')).toBe(false);
  });

  it('rejects a thesaurus line without a tab, naming the line', async () => {
    const { parseThesaurus } = await import('../../src/extract/index.js');
    expect(() => parseThesaurus('label\treplace by\nno tab here\n', 't.txt')).toThrow(/t\.txt:2/);
  });

  it.each(['experimental result', 'this paper', 'state of the art', 'extensive experiment', 'wide range', 'method'])(
    'boilerplate: %s',
    (key) => expect(isBoilerplate(key)).toBe(true),
  );
  it.each(['neural tangent kernel', 'transformer', 'PINN', 'diffusion model'])('not boilerplate: %s', (key) =>
    expect(isBoilerplate(key)).toBe(false),
  );
});

describe('closed-class words and bare adjectives are never concepts', () => {
  const texts = [
    'We show how the model behaves when the data is noisy, which is not linear.',
    'We ask where and why standard training fails, and whether it is complex.',
    'The underlying dynamics are non-linear; the forward pass is linear.',
    'The method encompasses linear regression, however it is not robust.',
  ];
  const result = extractConcepts(texts.map((abstract, i) => ({ id: `p${i}`, title: `Paper ${i}`, abstract })));
  const keys = new Set([...result.concepts.map((c) => c.key), ...result.papers.flatMap((p) => p.concepts.map((c) => c.key))]);
  it.each(['when', 'how', 'where', 'why', 'which', 'whether', 'not', 'however', 'it', 'is', 'encompass', 'linear', 'non linear', 'standard', 'underlying', 'forward', 'complex'])(
    '%s is not a concept',
    (word) => expect(keys.has(word)).toBe(false),
  );
  it('a phrase the adjective modifies still is one', () => {
    expect(keys.has('linear regression')).toBe(true);
  });
});

describe('sub-phrases of one longer term are not concepts of their own', () => {
  const abstracts = [
    'The neural tangent kernel governs training. We compute the neural tangent kernel exactly.',
    'Infinite width networks have a neural tangent kernel; the neural tangent kernel is fixed.',
    'We study kernels and neural tangent kernels of deep networks.',
  ];
  const result = extractConcepts(abstracts.map((abstract, i) => ({ id: `p${i}`, title: '', abstract })));
  const keys = new Set(result.concepts.map((c) => c.key));
  it.each([
    ['neural tangent', false],
    ['tangent kernel', false],
    ['tangent', false],
    ['neural tangent kernel', true],
  ])('%s → concept: %s', (key, expected) => expect(keys.has(key)).toBe(expected));
});

describe('bracketsBalance', () => {
  it.each([
    ['f(x', false],
    ['tnf) alpha', false],
    ['CO(2', false],
    ['gene(', false],
    ['i.p.).', false],
    ['a [b) c', false],
    ['neural tangent kernel', true],
    ['adenosine 5\' o (3 thiotriphosphate)', true],
    ['p(x) [y]', true],
  ])('%s → %s', (key, balanced) => expect(bracketsBalance(key)).toBe(balanced));
});

describe('extractConcepts leaves out cuts through brackets', () => {
  it('makes no concept of "TNF)-alpha" or "f(x" cut from a formula', () => {
    const text = 'Serum levels of tumour necrosis factor (TNF)-alpha rose, and the loss f(x) was convex in our model.';
    const result = extractConcepts(['a', 'b', 'c'].map((id) => ({ id, title: 'Cytokines and convex losses', abstract: text })));
    expect(result.concepts.length).toBeGreaterThan(0);
    expect(result.concepts.filter((c) => !bracketsBalance(c.key)).map((c) => c.key)).toEqual([]);
  });
});
