import { describe, expect, it } from 'vitest';
import { buildKnowledgeGraph, layoutConcepts } from '../../src/graph/index.js';
import type { ConceptNodeAttributes } from '../../src/model.js';
import { cliqueCorpus, makeCorpus } from './fixtures.js';

/** Mean silhouette of points grouped by `groupOf` (Euclidean distances). */
function silhouette(points: { x: number; y: number; group: number }[]): number {
  let total = 0;
  for (const p of points) {
    const sum = new Map<number, number>();
    const count = new Map<number, number>();
    for (const q of points) {
      if (q === p) continue;
      sum.set(q.group, (sum.get(q.group) ?? 0) + Math.hypot(p.x - q.x, p.y - q.y));
      count.set(q.group, (count.get(q.group) ?? 0) + 1);
    }
    const a = sum.get(p.group)! / count.get(p.group)!;
    let b = Infinity;
    for (const [g, s] of sum) if (g !== p.group) b = Math.min(b, s / count.get(g)!);
    total += (b - a) / Math.max(a, b);
  }
  return total / points.length;
}

describe('layoutConcepts with topics and fields', () => {
  it('gives each topic and each field a region of its own on a planted partition', () => {
    // Six planted groups of eight concepts; each paper holds four of its group's and two of
    // other groups': on the forces alone the groups overlap.
    const spec = [];
    for (let g = 0; g < 6; g++) {
      for (let i = 0; i < 8; i++) {
        const own = [0, 1, 2, 3].map((k) => `c${g}n${(i + k) % 8}`);
        const other = [1, 2].map((k) => `c${(g + k + i) % 6}n${(i * 3 + k) % 8}`).filter((c) => !c.startsWith(`c${g}n`));
        spec.push({ id: `p${g}-${i}`, concepts: [...own, ...other] });
      }
    }
    const corpus = makeCorpus(spec);
    const graph = buildKnowledgeGraph(corpus.papers, corpus.extraction);
    graph.forEachNode((node, a) => {
      if (a.kind !== 'concept') return;
      const clique = Number(/^c(\d+)n/.exec(a.key)![1]);
      graph.mergeNodeAttributes(node, { community: clique, field: Math.floor(clique / 3) });
    });
    layoutConcepts(graph, { seed: 7 });
    const concepts = graph.filterNodes((_n, a) => a.kind === 'concept').map((n) => graph.getNodeAttributes(n) as ConceptNodeAttributes);
    expect(silhouette(concepts.map((c) => ({ x: c.x!, y: c.y!, group: c.community! })))).toBeGreaterThan(0.3);
    expect(silhouette(concepts.map((c) => ({ x: c.x!, y: c.y!, group: c.field! })))).toBeGreaterThan(0.3);
  });

  it('is the same for the same graph and seed', () => {
    const run = () => {
      const corpus = makeCorpus(cliqueCorpus(4, 5, [[0, 1], [2, 3]]));
      const graph = buildKnowledgeGraph(corpus.papers, corpus.extraction);
      graph.forEachNode((node, a) => {
        if (a.kind === 'concept') graph.mergeNodeAttributes(node, { community: Number(a.key[1]), field: Number(a.key[1]) >> 1 });
      });
      layoutConcepts(graph, { seed: 3 });
      return graph.filterNodes((_n, a) => a.kind === 'concept').map((n) => {
        const c = graph.getNodeAttributes(n) as ConceptNodeAttributes;
        return [c.x, c.y];
      });
    };
    expect(run()).toEqual(run());
  });
});
