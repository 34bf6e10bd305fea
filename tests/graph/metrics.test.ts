import { describe, expect, it } from 'vitest';
import { buildKnowledgeGraph, computeConceptMetrics, detectCommunities } from '../../src/graph/index.js';
import { cliqueCorpus, makeCorpus } from './fixtures.js';

describe('computeConceptMetrics', () => {
  // Two K5 cliques (two papers each → weight 2 per edge with `count`), plus one paper linking c0n0–c1n0 (weight 1).
  const build = () => {
    const corpus = makeCorpus(cliqueCorpus(2, 5, [[0, 1]]));
    return buildKnowledgeGraph(corpus.papers, corpus.extraction, { weighting: 'count' });
  };

  it('computes weighted degree and the participation coefficient by hand', () => {
    const graph = build();
    detectCommunities(graph, { seed: 1 });
    const metrics = computeConceptMetrics(graph);
    // c0n0: 4 edges of weight 2 inside, 1 of weight 1 outside → degree 9, bridge 1 − (8/9)² − (1/9)².
    expect(metrics.get('concept:c0n0')!.weightedDegree).toBe(9);
    expect(metrics.get('concept:c0n0')!.bridge).toBeCloseTo(1 - (8 / 9) ** 2 - (1 / 9) ** 2, 6);
    expect(metrics.get('concept:c0n1')).toMatchObject({ weightedDegree: 8, bridge: 0 });
    expect(graph.getNodeAttributes('concept:c1n0')).toMatchObject({ weightedDegree: 9 });
  });

  it('ranks the linking concepts highest by PageRank, ranks summing to 1', () => {
    const graph = build();
    const metrics = computeConceptMetrics(graph);
    const ranks = [...metrics.values()].map((m) => m.pagerank);
    expect(ranks.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(metrics.get('concept:c0n0')!.pagerank).toBeGreaterThan(metrics.get('concept:c0n1')!.pagerank);
    expect(metrics.get('concept:c0n0')!.pagerank).toBeCloseTo(metrics.get('concept:c1n0')!.pagerank, 8);
    // Before communities are known the bridge score is 0.
    expect(metrics.get('concept:c0n0')!.bridge).toBe(0);
  });

  it('handles concepts without edges and an empty graph', () => {
    const corpus = makeCorpus([
      { id: 'x1', concepts: ['solo'] },
      { id: 'x2', concepts: ['solo'] },
    ]);
    const graph = buildKnowledgeGraph(corpus.papers, corpus.extraction);
    expect(computeConceptMetrics(graph).get('concept:solo')).toEqual({ weightedDegree: 0, pagerank: 1, bridge: 0 });
    const empty = buildKnowledgeGraph([], { papers: [], concepts: [], ambiguousAcronyms: [] });
    expect(computeConceptMetrics(empty).size).toBe(0);
  });
});
