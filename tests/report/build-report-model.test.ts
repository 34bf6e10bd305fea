import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { acronymPairs, buildReportModel, communityRows, isAcronym } from '../../src/report/index.js';
import { displayPath } from '../../src/report/build-report-model.js';
import { makeFixture } from './fixture.js';
import { createKnowledgeGraph } from '../../src/mention-store.js';

describe('buildReportModel on an empty graph', () => {
  it('reports zero counts and no communities', () => {
    const graph = createKnowledgeGraph();
    const model = buildReportModel(graph, {
      algorithm: 'louvain',
      resolution: 1,
      seed: 7,
      modularity: 0,
      communities: [],
    });
    expect(model.summary).toMatchObject({ papers: 0, concepts: 0, communities: 0, seed: 7, inputs: [] });
    expect(model.communities).toEqual([]);
    expect(model.linkMatrix.weights).toEqual([]);
  });
});

describe('buildReportModel on the hand-made graph', () => {
  const { graph, communities } = makeFixture();
  const model = buildReportModel(graph, communities);
  const [c0, c1] = model.communities;

  it('summarises the corpus from the graph and communities.json', () => {
    expect(model.summary).toMatchObject({
      version: '0.1.0',
      papers: 6,
      concepts: 6,
      communities: 2,
      mentions: 14,
      coOccurrences: 7,
      modularity: 0.3,
      algorithm: 'louvain',
      resolution: 1,
      seed: 42,
      weighting: 'count',
      minDf: 2,
      undatedPapers: 1,
    });
    expect(model.summary.inputs).toEqual([
      { file: 'data/a.txt', papers: 3 },
      { file: 'data/b.jsonl', papers: 3 },
    ]);
    // p5 has only a date, no year: its year comes from the date.
    expect(model.summary.papersPerYear).toEqual([
      { year: 2020, papers: 1 },
      { year: 2021, papers: 1 },
      { year: 2022, papers: 3 },
    ]);
  });

  it('sizes and cohesion per community', () => {
    expect(c0).toMatchObject({ id: 0, concepts: 3, papers: 3, internalWeight: 6, externalWeight: 2, cohesion: 0.75 });
    expect(c1).toMatchObject({ id: 1, concepts: 3, papers: 3, internalWeight: 5, externalWeight: 2 });
    expect(c1!.cohesion).toBeCloseTo(5 / 7, 6);
  });

  it('ranks top concepts by co-occurring papers inside the community, df then key breaking ties', () => {
    const ranked = buildReportModel(graph, communities, { conceptOrder: 'centrality' });
    // Papers inside community 0: NN 1+1, transformer 1+1, attention 1+1 → df 3 first, then by key.
    expect(ranked.communities[0]!.topConcepts.map((t) => [t.key, t.centrality, t.df])).toEqual([
      ['neural network', 2, 3],
      ['attention', 2, 2],
      ['transformer', 2, 2],
    ]);
    // Community 1: GP 2+1, kernel 2+1, BO 1+1; kernel has the higher df.
    expect(ranked.communities[1]!.topConcepts.map((t) => [t.key, t.centrality])).toEqual([
      ['kernel', 3],
      ['gaussian process', 3],
      ['bayesian optimization', 2],
    ]);
    // Share inside: NN has 2 of its 3 co-occurrences in community 0, kernel 3 of 4 in community 1.
    expect(ranked.communities[0]!.topConcepts[0]!.inside).toBeCloseTo(2 / 3, 6);
    expect(ranked.communities[1]!.topConcepts[0]!.inside).toBe(0.75);
    expect(ranked.communities[0]!.topConcepts[1]!.inside).toBe(1);
    // Papers behind a concept: highest mention score first.
    expect(c0!.topConcepts[0]!.papers.map((p) => p.id)).toEqual(['p1', 'p3', 'p6']);
  });

  it('keeps the order of communities.json by default', () => {
    expect(c1!.topConcepts.map((t) => t.key)).toEqual(communities.communities[1]!.concepts);
    const reordered = structuredClone(communities);
    reordered.communities[1]!.concepts = ['bayesian optimization', 'gaussian process', 'kernel'];
    const m = buildReportModel(graph, reordered);
    expect(m.communities[1]!.topConcepts.map((t) => t.key)).toEqual(['bayesian optimization', 'gaussian process', 'kernel']);
    expect(m.summary.conceptOrder).toBe('communities');
  });

  it('ranks by edge weight inside the community when asked', () => {
    const byWeight = buildReportModel(graph, communities, { centralityWeight: 'weight', conceptOrder: 'centrality' });
    // Weight inside community 0: NN 3+2, transformer 3+1, attention 2+1.
    expect(byWeight.communities[0]!.topConcepts.map((t) => [t.key, t.centrality])).toEqual([
      ['neural network', 5],
      ['transformer', 4],
      ['attention', 3],
    ]);
    // Community 1: GP 2+2, then kernel and BO with 3 each, kernel first by df.
    expect(byWeight.communities[1]!.topConcepts.map((t) => t.key)).toEqual([
      'gaussian process',
      'kernel',
      'bayesian optimization',
    ]);
  });

  it('finds the bridge concept and its participation coefficient', () => {
    // kernel: weight 3 inside community 1, 2 towards community 0 → 1 − (0.6² + 0.4²) = 0.48.
    expect(c1!.bridges).toEqual([
      { key: 'kernel', label: 'kernel', bridge: 0.48, externalWeight: 2, links: [{ community: 0, weight: 2 }] },
    ]);
    // neural network: 5 inside, 2 outside → 1 − (25 + 4)/49.
    expect(c0!.bridges.map((b) => b.key)).toEqual(['neural network']);
    expect(c0!.bridges[0]!.bridge).toBeCloseTo(20 / 49, 6);
  });

  it('links communities with the strongest edge between them', () => {
    expect(c0!.links).toEqual([
      {
        community: 1,
        label: 'kernel · Gaussian process · Bayesian optimization',
        weight: 2,
        edges: 1,
        strongest: {
          source: 'kernel',
          sourceLabel: 'kernel',
          target: 'neural network',
          targetLabel: 'neural network',
          weight: 2,
          papers: 1,
          // p3 is the one paper mentioning both kernel and neural network.
          examples: [{ id: 'p3', title: 'Kernels in neural networks', date: '2022-02' }],
        },
      },
    ]);
    expect(model.linkMatrix).toEqual({
      ids: [0, 1],
      labels: [communities.communities[0]!.label, communities.communities[1]!.label],
      weights: [
        [6, 2],
        [2, 5],
      ],
    });
  });

  it('ranks distinctive terms by G² computed by hand', () => {
    // Community 0 mentions: NN 4, transformer 3, attention 3, kernel 1 (c = 11);
    // the rest: GP 3, kernel 2, BO 3, NN 1 (d = 9). Kernel is under-used, so it is left out.
    // G²(3,0,11,9) = 6 ln(3/1.65) = 3.587022; G²(4,1,11,9) = 1.375687.
    expect(c0!.distinctiveTerms.map((t) => [t.key, t.g2, t.inside, t.outside, t.papers])).toEqual([
      ['attention', 3.587022, 3, 0, 2],
      ['transformer', 3.587022, 3, 0, 2],
      ['neural network', 1.375687, 4, 1, 2],
    ]);
    // Community 1: G²(3,0,9,11) = 4.791046 twice (key order), kernel G²(2,1,9,11) = 0.570620.
    expect(c1!.distinctiveTerms.map((t) => [t.key, t.g2])).toEqual([
      ['bayesian optimization', 4.791046],
      ['gaussian process', 4.791046],
      ['kernel', 0.57062],
    ]);
  });

  it('picks representative papers by concept weight', () => {
    // Relative centrality is 1 for all three concepts of community 0, so the weight is the sum
    // of mention scores: p1 = 1.0 + 0.5, p2 = 0.8 + 0.6, p3 = 0.4 + 0.3 (its kernel is outside).
    expect(c0!.representativePapers.map((p) => [p.id, p.weight])).toEqual([
      ['p1', 1.5],
      ['p2', 1.4],
      ['p3', 0.7],
    ]);
    // By weight: NN 1, transformer 0.8, attention 0.6 → p1 = 1.0 + 0.5·0.8 = 1.4,
    // p2 = 0.8·0.8 + 0.6·0.6 = 1.0, p3 = 0.4 + 0.3·0.6 = 0.58.
    const byWeight = buildReportModel(graph, communities, { centralityWeight: 'weight' });
    expect(byWeight.communities[0]!.representativePapers.map((p) => [p.id, p.weight])).toEqual([
      ['p1', 1.4],
      ['p2', 1],
      ['p3', 0.58],
    ]);
    expect(c0!.representativePapers[0]).toMatchObject({
      title: 'Deep neural networks',
      date: '2021-05-01',
      year: 2021,
      url: 'https://example.org/p1',
      concepts: ['neural network', 'transformer'],
    });
  });

  it('lists acronyms with the papers that use them, definitions first', () => {
    expect(c0!.acronyms.map((a) => [a.short, a.long, a.papers.map((p) => p.id)])).toEqual([['NN', 'neural network', []]]);
    expect(c1!.acronyms.map((a) => [a.short, a.long, a.papers.map((p) => p.id)])).toEqual([
      ['BO', 'Bayesian optimization', ['p5']],
      ['GP', 'Gaussian process', ['p4', 'p5']],
    ]);
  });

  it('counts papers per year inside each community', () => {
    expect(c0!.papersPerYear).toEqual([
      { year: 2021, papers: 1 },
      { year: 2022, papers: 2 },
    ]);
    expect(c1!.papersPerYear).toEqual([
      { year: 2020, papers: 1 },
      { year: 2022, papers: 1 },
    ]);
    expect(c1!.undatedPapers).toBe(1);
  });

  it('restricts to one community but keeps the corpus summary and the whole link matrix', () => {
    const one = buildReportModel(graph, communities, { community: 1 });
    expect(one.communities.map((c) => c.id)).toEqual([1]);
    expect(one.summary).toEqual(model.summary);
    expect(one.linkMatrix).toEqual(model.linkMatrix);
    expect(one.communities[0]).toEqual(c1);
  });

  it('honours the list lengths of the options', () => {
    const small = buildReportModel(graph, communities, { topConcepts: 1, topDistinctive: 1, topPapers: 2, papersPerConcept: 1 });
    expect(small.communities[0]!.topConcepts.map((t) => t.key)).toEqual(['neural network']);
    expect(small.communities[0]!.topConcepts[0]!.papers.map((p) => p.id)).toEqual(['p1']);
    expect(small.communities[0]!.distinctiveTerms).toHaveLength(1);
    expect(small.communities[0]!.representativePapers).toHaveLength(2);
  });

  it('rejects an unknown community with a UserError', () => {
    expect(() => buildReportModel(graph, communities, { community: 9 })).toThrow(UserError);
  });

  it('takes membership from communities.json over node attributes', () => {
    const moved = structuredClone(communities);
    moved.communities[0]!.concepts = ['neural network', 'transformer'];
    moved.communities[1]!.concepts = ['gaussian process', 'kernel', 'bayesian optimization', 'attention'];
    const m = buildReportModel(graph, moved);
    expect(m.communities[1]!.concepts).toBe(4);
    expect(m.communities[0]!.topConcepts.map((t) => t.key)).toEqual(['neural network', 'transformer']);
    expect(m.communities[1]!.topConcepts.map((t) => t.key)).not.toContain('transformer');
    expect(m.linkMatrix.weights).toEqual([
      [3, 5],
      [5, 5],
    ]);
  });
});

describe('acronyms', () => {
  it.each([
    ['NDE', true],
    ['PINNs', true],
    ['GPT-3', true],
    ['ResNet', false],
    ['Low-Rank', false],
    ['LoRA', true],
    ['NeRF', true],
    ['Transformer', false],
    ['neural network', false],
    ['A', false],
    ['a-b', false],
    ['X1', true],
  ])('isAcronym(%j) = %j', (form, expected) => {
    expect(isAcronym(form)).toBe(expected);
  });

  it.each([
    [{ key: 'neural network', label: 'neural network', aliases: ['NN', 'NNs'] }, [['NN', 'neural network']]],
    [{ key: 'NDE', label: 'NDE', aliases: ['neural differential equation', 'NDEs'] }, [['NDE', 'neural differential equation']]],
    [{ key: 'GAN', label: 'GAN', aliases: ['GANs'] }, []],
    [{ key: 'kernel', label: 'kernel', aliases: ['kernels'] }, []],
    [{ key: 'long range', label: 'long range', aliases: ['Long-Range', 'LONG-RANGE'] }, []],
  ])('acronymPairs(%j)', (concept, expected) => {
    expect(acronymPairs(concept)).toEqual(expected);
  });
});

describe('communityRows', () => {
  it('gives Neo4j-ready properties per community', () => {
    const { graph, communities } = makeFixture();
    const rows = communityRows(buildReportModel(graph, communities));
    expect(rows[1]).toEqual({
      id: 1,
      label: 'kernel · Gaussian process · Bayesian optimization',
      size: 3,
      papers: 3,
      cohesion: 0.714286,
      topConcepts: ['kernel', 'gaussian process', 'bayesian optimization'],
      distinctiveTerms: ['bayesian optimization', 'gaussian process', 'kernel'],
      bridges: ['kernel'],
      // Relative centrality kernel 1, GP 1, BO 2/3: p4 = 0.9 + 0.5 = 1.4,
      // p5 = 0.7 + 0.6·2/3 + 0.3 = 1.4 (tie: lower id first), p6 = 0.5·2/3.
      representativePapers: ['p4', 'p5', 'p6'],
    });
    for (const row of rows) {
      for (const value of Object.values(row)) {
        const ok = (v: unknown): boolean => ['string', 'number'].includes(typeof v);
        expect(Array.isArray(value) ? value.every(ok) : ok(value)).toBe(true);
      }
    }
  });
});

describe('strongest link between communities', () => {
  const { graph, communities } = makeFixture();
  // Two more cross edges: one heavier than kernel–NN (weight 5, 1 paper), one in more papers (weight 1, 2 papers).
  graph.addEdge('concept:attention', 'concept:gaussian process', { type: 'CO_OCCURS', weight: 5, papers: 1 });
  graph.addEdge('concept:bayesian optimization', 'concept:transformer', { type: 'CO_OCCURS', weight: 1, papers: 2 });

  it.each([
    ['papers', ['bayesian optimization', 'transformer', 1, 2]],
    ['weight', ['attention', 'gaussian process', 5, 1]],
  ] as const)('by %s', (centralityWeight, expected) => {
    const link = buildReportModel(graph, communities, { centralityWeight }).communities[0]!.links[0]!;
    expect([link.strongest.source, link.strongest.target, link.strongest.weight, link.strongest.papers]).toEqual(expected);
    expect([link.weight, link.edges]).toEqual([8, 3]);
  });
});

describe('input paths as the user types them', () => {
  it.each([
    ['/home/u/work/data/a.txt', '/home/u/work', 'data/a.txt'],
    ['/home/u/other/b.bib', '/home/u/work', '../other/b.bib'],
    ['/home/u/work', '/home/u/work', '.'],
    ['data/a.txt', '/home/u/work', 'data/a.txt'],
    ['/home/u/work/data/a.txt', undefined, '/home/u/work/data/a.txt'],
  ])('displayPath(%j, %j) → %j', (file, base, expected) => {
    expect(displayPath(file, base)).toBe(expected);
  });

  it('lists absolute input files relative to inputBase in the summary', () => {
    const { graph, communities } = makeFixture();
    graph.forEachNode((node, attrs) => {
      if (attrs.kind === 'paper') graph.replaceNodeAttributes(node, { ...attrs, sources: attrs.sources.map((s) => `/home/u/work/${s}`) });
    });
    expect(buildReportModel(graph, communities).summary.inputs[0]!.file).toBe('/home/u/work/data/a.txt');
    expect(buildReportModel(graph, communities, { inputBase: '/home/u/work' }).summary.inputs).toEqual([
      { file: 'data/a.txt', papers: 3 },
      { file: 'data/b.jsonl', papers: 3 },
    ]);
  });
});
