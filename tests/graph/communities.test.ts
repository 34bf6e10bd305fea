import { UndirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import {
  buildKnowledgeGraph,
  communitiesFromPartition,
  composeLabel,
  createRng,
  detectCommunities,
  partitionGraph,
  standardModularity,
  toConceptGraph,
  type CommunityAlgorithm,
} from '../../src/graph/index.js';
import { cliqueCorpus, cliqueKeys, makeCorpus } from './fixtures.js';

/** `count` cliques K_size, clique i's node 0 linked to clique j's node 0 for each link. */
function cliques(count: number, size: number, links: [number, number][]): UndirectedGraph {
  const g = new UndirectedGraph();
  for (let c = 0; c < count; c++) {
    const keys = cliqueKeys(c, size);
    keys.forEach((k) => g.addNode(k));
    for (let i = 0; i < size; i++) for (let j = i + 1; j < size; j++) g.addEdge(keys[i], keys[j], { weight: 1 });
  }
  for (const [i, j] of links) g.addEdge(`c${i}n0`, `c${j}n0`, { weight: 1 });
  return g;
}

/** The partition as a set of sorted member lists, independent of community ids. */
function blocks(membership: Map<string, number>): string[][] {
  const groups = new Map<number, string[]>();
  for (const [node, c] of membership) groups.set(c, [...(groups.get(c) ?? []), node]);
  return [...groups.values()].map((g) => g.sort()).sort((x, y) => (x[0]! < y[0]! ? -1 : 1));
}

const ALGORITHMS: CommunityAlgorithm[] = ['louvain', 'leiden'];

describe.each(ALGORITHMS)('partitionGraph (%s)', (algorithm) => {
  const run = (g: UndirectedGraph, seed = 1, resolution = 1) =>
    partitionGraph(g, { algorithm, resolution, rng: createRng(seed), iterations: 10 });

  it('splits two cliques joined by one edge into the two cliques', () => {
    const result = run(cliques(2, 5, [[0, 1]]));
    expect(blocks(result.membership)).toEqual([cliqueKeys(0, 5), cliqueKeys(1, 5)]);
    // m = 21; each side has 10 internal edges and degree sum 21: Q = 2 (10/21 − (21/42)²).
    expect(result.modularity).toBeCloseTo(2 * (10 / 21 - 0.25), 10);
  });

  it('finds every clique of a ring of cliques', () => {
    const n = 8;
    const ring = Array.from({ length: n }, (_, i) => [i, (i + 1) % n] as [number, number]);
    const result = run(cliques(n, 5, ring));
    expect(blocks(result.membership)).toEqual(Array.from({ length: n }, (_, c) => cliqueKeys(c, 5)));
  });

  it('gives the same partition for the same seed', () => {
    const g = cliques(6, 4, [[0, 1], [1, 2], [2, 3], [3, 4], [4, 5], [5, 0], [0, 3]]);
    expect([...run(g, 7).membership]).toEqual([...run(g, 7).membership]);
  });

  it('merges everything at a tiny resolution and splits more at a large one', () => {
    const g = cliques(2, 5, [[0, 1]]);
    expect(new Set(run(g, 1, 0.01).membership.values()).size).toBe(1);
    expect(new Set(run(g, 1, 10).membership.values()).size).toBeGreaterThan(2);
  });

  it('improves a given partition: a node placed in the wrong clique moves back', () => {
    const g = cliques(2, 5, [[0, 1]]);
    const initial = new Map(g.nodes().map((n) => [n, n.startsWith('c0') || n === 'c1n3' ? 7 : 3]));
    const result = partitionGraph(g, { algorithm, resolution: 1, rng: createRng(1), iterations: 2, initial });
    expect(blocks(result.membership)).toEqual([cliqueKeys(0, 5), cliqueKeys(1, 5)]);
    expect(result.modularity).toBeGreaterThan(standardModularity(g, initial));
  });

  it('keeps a given optimal partition, nodes missing from it joining their clique', () => {
    const g = cliques(3, 5, [[0, 1], [1, 2]]);
    const initial = new Map<string, number>();
    for (let c = 0; c < 3; c++) for (const k of cliqueKeys(c, 5).slice(1)) initial.set(k, 10 * c);
    const result = partitionGraph(g, { algorithm, resolution: 1, rng: createRng(2), iterations: 2, initial });
    expect(blocks(result.membership)).toEqual([cliqueKeys(0, 5), cliqueKeys(1, 5), cliqueKeys(2, 5)]);
  });

  it('improves a given partition by splitting a block only with Leiden (its refinement step)', () => {
    const g = cliques(2, 5, [[0, 1]]);
    const initial = new Map(g.nodes().map((n) => [n, 7]));
    const result = partitionGraph(g, { algorithm, resolution: 1, rng: createRng(1), iterations: 2, initial });
    const expected = algorithm === 'leiden' ? [cliqueKeys(0, 5), cliqueKeys(1, 5)] : [[...cliqueKeys(0, 5), ...cliqueKeys(1, 5)]];
    expect(blocks(result.membership)).toEqual(expected);
  });

  it('handles the empty graph and a graph without edges', () => {
    expect(run(new UndirectedGraph()).membership.size).toBe(0);
    const g = new UndirectedGraph();
    g.addNode('x');
    g.addNode('y');
    const result = run(g);
    expect(new Set(result.membership.values()).size).toBe(2);
    expect(result.modularity).toBe(0);
  });
});

describe('detectCommunities', () => {
  // Three cliques of sizes 6 (a*), 5 (b*), 4 (d*), two papers each, chained by two papers.
  const clique = (prefix: string, size: number) => Array.from({ length: size }, (_, i) => `${prefix}${i}`);
  const papers = [
    { id: 'a1', concepts: clique('a', 6) },
    { id: 'a2', concepts: clique('a', 6) },
    { id: 'b1', concepts: clique('b', 5) },
    { id: 'b2', concepts: clique('b', 5) },
    { id: 'd1', concepts: clique('d', 4) },
    { id: 'd2', concepts: clique('d', 4) },
    { id: 'mixed', concepts: ['a0', 'a1', 'b0'] },
    { id: 'link', concepts: ['b1', 'd0'] },
  ];

  it.each(ALGORITHMS)('numbers communities by size, labels them, and places papers (%s)', (algorithm) => {
    const corpus = makeCorpus(papers);
    const graph = buildKnowledgeGraph(corpus.papers, corpus.extraction);
    const file = detectCommunities(graph, { algorithm, seed: 3, resolution: 1 });
    expect(file).toMatchObject({ algorithm, resolution: 1, seed: 3 });
    expect(file.communities.map((c) => c.concepts.length)).toEqual([6, 5, 4]);
    expect(file.communities.map((c) => c.id)).toEqual([0, 1, 2]);
    expect(file.communities.map((c) => [...c.concepts].sort())).toEqual([clique('a', 6), clique('b', 5), clique('d', 4)]);
    // The most central concepts of community 0 are those the 'mixed' paper adds co-occurrences to.
    expect(['a0', 'a1']).toContain(file.communities[0]!.concepts[0]);
    expect(file.communities[0]!.label.split(' · ')).toHaveLength(3);
    expect(file.communities[0]!.label.split(' · ')[0]).toBe(file.communities[0]!.concepts[0]!.toUpperCase());
    expect(file.communities[0]!.topConcepts).toEqual(file.communities[0]!.concepts.slice(0, 6));
    // 'mixed' has most concept weight in community 0 (scores 1 + 1/2 vs 1/3).
    expect(file.communities[0]!.papers).toContain('mixed');
    expect(file.communities.map((c) => c.papers.filter((p) => p !== 'mixed' && p !== 'link').sort())).toEqual([
      ['a1', 'a2'],
      ['b1', 'b2'],
      ['d1', 'd2'],
    ]);
    expect(graph.getNodeAttribute('paper:mixed', 'community')).toBe(0);
    expect(graph.getNodeAttribute('concept:d3', 'community')).toBe(2);
    expect(file.modularity).toBeGreaterThan(0.4);
    expect(graph.getAttribute('modularity')).toBe(file.modularity);
    expect(graph.getAttribute('algorithm')).toBe(algorithm);
    for (const c of file.communities) expect(c.papers.length).toBeGreaterThan(0);
  });

  it('leaves papers without graph concepts out of every community', () => {
    const corpus = makeCorpus([...cliqueCorpus(2, 3, [[0, 1]]), { id: 'lonely', concepts: ['unique'] }]);
    const graph = buildKnowledgeGraph(corpus.papers, corpus.extraction);
    const file = detectCommunities(graph);
    expect(file.communities.flatMap((c) => c.papers)).not.toContain('lonely');
    expect(graph.getNodeAttribute('paper:lonely', 'community')).toBeUndefined();
  });

  it('returns no communities for an empty graph', () => {
    const graph = buildKnowledgeGraph([], { papers: [], concepts: [], ambiguousAcronyms: [] });
    expect(detectCommunities(graph)).toEqual({
      algorithm: 'louvain',
      resolution: 2,
      fieldResolution: 1,
      seed: 42,
      modularity: 0,
      communities: [],
      fields: [],
    });
  });

  it.each([
    [{ algorithm: 'walktrap' as never }],
    [{ resolution: 0 }],
    [{ resolution: Number.NaN }],
    [{ seed: 1.5 }],
    [{ iterations: 0 }],
  ])('rejects bad option %o with a UserError', (options) => {
    const corpus = makeCorpus(cliqueCorpus(2, 3, [[0, 1]]));
    const graph = buildKnowledgeGraph(corpus.papers, corpus.extraction);
    expect(() => detectCommunities(graph, options)).toThrow(UserError);
  });
});

describe('community labels', () => {
  // 'gen' is the most central concept of the a-papers' community (it co-occurs with all of it)
  // but two of its nine papers are in the other community; 'alpha', 'x', 'p', 'q' only occur
  // in the community's own papers.
  const papers = [
    ...['a1', 'a2', 'a3'].map((id) => ({ id, concepts: ['gen', 'alpha', 'x'] })),
    ...['a4', 'a5'].map((id) => ({ id, concepts: ['gen', 'p'] })),
    ...['a6', 'a7'].map((id) => ({ id, concepts: ['gen', 'q'] })),
    ...['b1', 'b2'].map((id) => ({ id, concepts: ['beta', 'y', 'z'] })),
    { id: 'b3', concepts: ['beta', 'y', 'z', 'gen'] },
    { id: 'b4', concepts: ['beta', 'y', 'gen'] },
  ];

  it('name the concepts concentrated in the community, not the most central one shared with others', () => {
    const corpus = makeCorpus(papers);
    const graph = buildKnowledgeGraph(corpus.papers, corpus.extraction, { weighting: 'count' });
    const file = detectCommunities(graph, { seed: 1 });
    const a = file.communities.find((c) => c.concepts.includes('alpha'))!;
    // The first concept is the distinctive one; 'gen' may follow it (it reaches the papers
    // 'alpha' does not), but never leads.
    expect(a.concepts[0]).toBe('alpha');
    expect(a.topConcepts).toEqual(a.concepts.slice(0, 10));
    expect(a.papers).toHaveLength(7);
    const label = a.label.split(' · ');
    expect(label).toHaveLength(3);
    expect(label).not.toContain('GEN');
    expect(label[0]).toBe('ALPHA');
  });
});

describe('communitiesFromPartition', () => {
  // Three cliques of sizes 6, 5 and 4 (two papers each) chained by one paper each.
  const spec = [
    ...[0, 1].map((i) => ({ id: `a${i}`, concepts: cliqueKeys(0, 6) })),
    ...[0, 1].map((i) => ({ id: `b${i}`, concepts: cliqueKeys(1, 5) })),
    ...[0, 1].map((i) => ({ id: `d${i}`, concepts: cliqueKeys(2, 4) })),
    { id: 'ab', concepts: ['c0n0', 'c1n0'] },
    { id: 'bd', concepts: ['c1n1', 'c2n0'] },
  ];
  const graphOf = () => {
    const corpus = makeCorpus(spec);
    return buildKnowledgeGraph(corpus.papers, corpus.extraction);
  };

  it.each(ALGORITHMS)('gives what detectCommunities gives for its own partition (%s)', (algorithm) => {
    const graph = graphOf();
    const detected = detectCommunities(graph, { algorithm, seed: 5 });
    const communityOf = new Map(detected.communities.flatMap((c) => c.concepts.map((k) => [k, 100 - c.id] as [string, number])));
    expect(communitiesFromPartition(graphOf(), communityOf, { algorithm, seed: 5 })).toEqual(detected);
  });

  it('describes a partition found elsewhere: numbered by size, its own modularity, the source recorded', () => {
    const graph = graphOf();
    // Cliques 0 and 1 together (not what modularity would choose), clique 2 apart.
    const communityOf = new Map<string, number>([
      ...[...cliqueKeys(0, 6), ...cliqueKeys(1, 5)].map((k) => [k, 3] as [string, number]),
      ...cliqueKeys(2, 4).map((k) => [k, 9] as [string, number]),
      ['not-in-graph', 4],
    ]);
    const file = communitiesFromPartition(graph, communityOf, { algorithm: 'neo4j-gds', seed: 8 });
    expect(file).toMatchObject({ algorithm: 'neo4j-gds', resolution: 2, seed: 8 });
    expect(file.communities.map((c) => c.id)).toEqual([0, 1]);
    expect(file.communities.map((c) => [...c.concepts].sort())).toEqual([
      [...cliqueKeys(0, 6), ...cliqueKeys(1, 5)].sort(),
      cliqueKeys(2, 4),
    ]);
    expect(file.communities[1]!.papers.sort()).toEqual(['d0', 'd1']);
    const membership = new Map([...communityOf].map(([k, c]) => [`concept:${k}`, c]));
    const expected = standardModularity(toConceptGraph(graph), membership);
    expect(file.modularity).toBeCloseTo(expected, 7);
    expect(file.modularity).toBeLessThan(detectCommunities(graphOf()).modularity);
    expect(graph.getAttribute('algorithm')).toBe('neo4j-gds');
    expect(graph.getNodeAttribute('concept:c2n3', 'community')).toBe(1);
  });

  it('puts concepts the partition does not name in communities of their own', () => {
    const graph = graphOf();
    const communityOf = new Map(cliqueKeys(0, 6).map((k) => [k, 0]));
    const file = communitiesFromPartition(graph, communityOf);
    expect(file.communities.map((c) => c.concepts.length)).toEqual([6, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
  });

  it('rejects an unknown source with a UserError', () => {
    expect(() => communitiesFromPartition(graphOf(), new Map(), { algorithm: 'walktrap' as never })).toThrow(UserError);
  });
});

describe('composeLabel', () => {
  const c = (key: string) => ({ key, label: key.toUpperCase() });
  it.each([
    [['gradient descent', 'descent', 'gradient', 'loss landscape'], 'GRADIENT DESCENT · LOSS LANDSCAPE'],
    [['long range', 'long range arena benchmark', 'arena benchmark', 'state space model'], 'LONG RANGE · STATE SPACE MODEL'],
    [['density', 'probability density function', 'score matching', 'sampling'], 'DENSITY · SCORE MATCHING · SAMPLING'],
    [['state-space model', 'state space model', 'hippo'], 'STATE-SPACE MODEL · HIPPO'],
    [['kernel', 'kernel regression'], 'KERNEL'],
    [['net', 'network', 'networks'], 'NET · NETWORK · NETWORKS'],
    // Nested words in another order: a variant of a chosen term, not a second term.
    [['pre-trained language model', 'pre-trained model', 'bert'], 'PRE-TRAINED LANGUAGE MODEL · BERT'],
    [['diffusion model', 'denoising', 'diffusion probabilistic model', 'score'], 'DIFFUSION MODEL · DENOISING · SCORE'],
    [[], ''],
  ])('%j → %s', (keys, expected) => {
    expect(composeLabel(keys.map(c), 3)).toBe(expected);
  });

  it('skips an acronym label nested in another part, though its key is not ("text to SQL · Spider · SQL")', () => {
    const ranked = [
      { key: 'text to sql', label: 'text to SQL' },
      { key: 'spider', label: 'Spider' },
      { key: 'structured query language', label: 'SQL' },
      { key: 'semantic parsing', label: 'semantic parsing' },
    ];
    expect(composeLabel(ranked, 3)).toBe('text to SQL · Spider · semantic parsing');
  });
});
