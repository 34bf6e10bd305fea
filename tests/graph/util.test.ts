import { describe, expect, it } from 'vitest';
import { buildKnowledgeGraph, toConceptGraph } from '../../src/graph/index.js';
import { compareStrings, roundFloat } from '../../src/graph/util.js';
import { makeCorpus } from './fixtures.js';

describe('toConceptGraph', () => {
  const build = () => {
    const corpus = makeCorpus([
      { id: 'p1', concepts: ['a', 'b', 'c'] },
      { id: 'p2', concepts: ['a', 'b', 'c'] },
    ]);
    return buildKnowledgeGraph(corpus.papers, corpus.extraction, { weighting: 'count' });
  };

  it('holds concepts and CO_OCCURS edges only, undirected', () => {
    const concepts = toConceptGraph(build());
    expect(concepts.type).toBe('undirected');
    expect(concepts.nodes()).toEqual(['concept:a', 'concept:b', 'concept:c']);
    expect(concepts.size).toBe(3);
    expect(concepts.getEdgeAttributes(concepts.edge('concept:c', 'concept:a')!)).toEqual({ weight: 2, papers: 2 });
  });

  it('is cached until an edge changes', () => {
    const graph = build();
    const first = toConceptGraph(graph);
    graph.setNodeAttribute('concept:a', 'community', 0);
    expect(toConceptGraph(graph)).toBe(first);
    graph.mergeEdgeAttributes(graph.edge('concept:a', 'concept:b')!, { weight: 9 });
    const second = toConceptGraph(graph);
    expect(second).not.toBe(first);
    expect(second.getEdgeAttribute(second.edge('concept:a', 'concept:b')!, 'weight')).toBe(9);
    graph.dropEdge(graph.edge('concept:b', 'concept:c')!);
    expect(toConceptGraph(graph).size).toBe(2);
  });
});

describe('helpers', () => {
  it.each([
    [['b', 'a', 'B', 'é', 'e'], ['B', 'a', 'b', 'e', 'é']],
  ])('compareStrings orders by code unit: %j', (input, expected) => {
    expect([...input].sort(compareStrings)).toEqual(expected);
  });

  it.each([
    [1 / 3, 0.33333333],
    [2 / 3 * 1e-7, 6.6666667e-8],
    [123456789.123, 123456790],
    [0, 0],
    [-0.1 - 0.2, -0.3],
  ])('roundFloat(%d) = %d', (input, expected) => expect(roundFloat(input)).toBe(expected));
});
