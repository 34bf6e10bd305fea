import { UndirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { mergeSmallTopics } from '../../src/graph/hierarchy.js';
import type { ConceptGraph } from '../../src/graph/util.js';

/**
 * A core of three topics: A = a1..a4 and B = b1..b4 (cliques, weight 5), C = c1..c3 (a clique,
 * weight 5) linked to A by one edge of weight 1 and to B by one of weight 3; D = d1, d2, a pair
 * linked to nothing else.
 */
function core(): ConceptGraph {
  const graph = new UndirectedGraph() as unknown as ConceptGraph;
  const groups = { A: ['a1', 'a2', 'a3', 'a4'], B: ['b1', 'b2', 'b3', 'b4'], C: ['c1', 'c2', 'c3'], D: ['d1', 'd2'] };
  for (const members of Object.values(groups)) {
    for (const n of members) graph.addNode(n, { key: n } as never);
    for (let i = 0; i < members.length; i++)
      for (let j = i + 1; j < members.length; j++) graph.addEdge(members[i]!, members[j]!, { weight: 5, papers: 5 } as never);
  }
  graph.addEdge('c1', 'a1', { weight: 1, papers: 2 } as never);
  graph.addEdge('c2', 'b1', { weight: 3, papers: 2 } as never);
  return graph;
}
const topics = () =>
  new Map<string, number>([
    ...['a1', 'a2', 'a3', 'a4'].map((n) => [n, 0] as [string, number]),
    ...['b1', 'b2', 'b3', 'b4'].map((n) => [n, 1] as [string, number]),
    ...['c1', 'c2', 'c3'].map((n) => [n, 2] as [string, number]),
    ...['d1', 'd2'].map((n) => [n, 3] as [string, number]),
  ]);

describe('mergeSmallTopics', () => {
  it('merges a topic of too few concepts into the topic it links to most, and drops one linked to none', () => {
    const graph = core();
    const topicOf = topics();
    mergeSmallTopics(graph, topicOf, 4);
    expect(['c1', 'c2', 'c3'].map((n) => topicOf.get(n))).toEqual([1, 1, 1]);
    // The lone pair leaves the partition, to be placed later by its papers.
    expect(topicOf.has('d1')).toBe(false);
    expect(topicOf.get('a1')).toBe(0);
  });
});
