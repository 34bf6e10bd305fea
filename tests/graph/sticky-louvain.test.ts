import { UndirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { createRng, stickyLouvain } from '../../src/graph/index.js';
import { cliqueKeys } from './fixtures.js';

describe('stickyLouvain', () => {
  /** Two 5-cliques joined by one edge. */
  function twoCliques(): UndirectedGraph {
    const g = new UndirectedGraph();
    for (const c of [0, 1]) {
      const k = cliqueKeys(c, 5);
      k.forEach((x) => g.addNode(x));
      for (let i = 0; i < 5; i++) for (let j = i + 1; j < 5; j++) g.addEdge(k[i], k[j], { weight: 1 });
    }
    g.addEdge('c0n0', 'c1n0', { weight: 1 });
    return g;
  }

  it('without a bonus moves a misplaced node back, keeping the labels it started with', () => {
    const g = twoCliques();
    const initial = new Map(g.nodes().map((n) => [n, n.startsWith('c0') || n === 'c1n4' ? 10 : 20]));
    const result = stickyLouvain(g, initial, { resolution: 1, bonus: 0, rng: createRng(1) });
    expect(cliqueKeys(0, 5).map((k) => result.get(k))).toEqual([10, 10, 10, 10, 10]);
    expect(cliqueKeys(1, 5).map((k) => result.get(k))).toEqual([20, 20, 20, 20, 20]);
  });

  it('with a large bonus keeps the initial partition, even a poor one', () => {
    const g = twoCliques();
    const initial = new Map(g.nodes().map((n) => [n, n.startsWith('c0') || n === 'c1n4' ? 10 : 20]));
    // Staying is worth 3× the node's strength: more than any modularity gain can be.
    const result = stickyLouvain(g, initial, { resolution: 1, bonus: 3, rng: createRng(1) });
    expect(result).toEqual(initial);
  });

  it('from singletons finds the cliques (plain Louvain), nodes missing from `initial` starting alone', () => {
    const g = twoCliques();
    const result = stickyLouvain(g, new Map(), { resolution: 1, bonus: 0.5, rng: createRng(3) });
    expect(new Set(cliqueKeys(0, 5).map((k) => result.get(k))).size).toBe(1);
    expect(new Set(cliqueKeys(1, 5).map((k) => result.get(k))).size).toBe(1);
    expect(result.get('c0n0')).not.toBe(result.get('c1n0'));
  });

  it('gives isolated nodes their own labels and handles the empty graph', () => {
    expect(stickyLouvain(new UndirectedGraph(), new Map(), { resolution: 1, bonus: 0, rng: createRng(1) }).size).toBe(0);
    const g = new UndirectedGraph();
    g.addNode('x');
    g.addNode('y');
    const result = stickyLouvain(g, new Map([['x', 4]]), { resolution: 1, bonus: 0, rng: createRng(1) });
    expect(result).toEqual(new Map([['x', 4], ['y', 5]]));
  });
});
