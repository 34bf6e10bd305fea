import { describe, expect, it } from 'vitest';
import { buildKnowledgeGraph, layoutConcepts } from '../../src/graph/index.js';
import type { ConceptNodeAttributes } from '../../src/model.js';
import { cliqueCorpus, makeCorpus } from './fixtures.js';

const positions = (seed: number) => {
  const corpus = makeCorpus(cliqueCorpus(3, 5, [[0, 1], [1, 2]]));
  const graph = buildKnowledgeGraph(corpus.papers, corpus.extraction);
  layoutConcepts(graph, { seed });
  return graph;
};

describe('layoutConcepts', () => {
  it('places every concept at a distinct finite position, papers nowhere', () => {
    const graph = positions(1);
    const seen = new Set<string>();
    graph.forEachNode((_node, a) => {
      if (a.kind === 'paper') {
        expect('x' in a).toBe(false);
        return;
      }
      expect(Number.isFinite(a.x)).toBe(true);
      expect(Number.isFinite(a.y)).toBe(true);
      seen.add(`${a.x},${a.y}`);
    });
    expect(seen.size).toBe(15);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const xy = (seed: number) => {
      const graph = positions(seed);
      return graph.filterNodes((_n, a) => a.kind === 'concept').map((n) => {
        const a = graph.getNodeAttributes(n) as ConceptNodeAttributes;
        return [a.x, a.y];
      });
    };
    expect(xy(5)).toEqual(xy(5));
    expect(xy(5)).not.toEqual(xy(6));
  });

  it('keeps a clique closer together than to the other cliques', () => {
    const graph = positions(2);
    const at = (k: string) => graph.getNodeAttributes(`concept:${k}`) as ConceptNodeAttributes;
    const dist = (a: string, b: string) => Math.hypot(at(a).x! - at(b).x!, at(a).y! - at(b).y!);
    expect(dist('c0n1', 'c0n2')).toBeLessThan(dist('c0n1', 'c2n2'));
  });

  it('does nothing on an empty graph', () => {
    const graph = buildKnowledgeGraph([], { papers: [], concepts: [], ambiguousAcronyms: [] });
    layoutConcepts(graph);
    expect(graph.order).toBe(0);
  });
});
