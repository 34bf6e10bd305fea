import { describe, expect, it } from 'vitest';
import { Network } from 'networkanalysis-ts';
import { UserError } from '../../src/errors.js';
import { buildCooccurrenceEdges, buildKnowledgeGraph } from '../../src/graph/index.js';
import { conceptNodeKey, paperNodeKey, type CoOccursEdgeAttributes } from '../../src/model.js';
import { makeCorpus } from './fixtures.js';

// Three papers: P1 {a, b, c}, P2 {a, b}, P3 {b, c}.
// c(a,b) = 2, c(a,c) = 1, c(b,c) = 2; k(a) = 3, k(b) = 4, k(c) = 3; m = 5; n(a) = 2, n(b) = 3, n(c) = 2.
const SETS = [
  ['a', 'b', 'c'],
  ['b', 'a'],
  ['c', 'b'],
];

describe('buildCooccurrenceEdges', () => {
  it.each([
    // weighting, [w(a,b), w(a,c), w(b,c)] worked out by hand from the counts above
    ['count', [2, 1, 2]],
    ['association', [(2 * 5 * 2) / (3 * 4), (2 * 5 * 1) / (3 * 3), (2 * 5 * 2) / (4 * 3)]],
    ['jaccard', [2 / (2 + 3 - 2), 1 / (2 + 2 - 1), 2 / (3 + 2 - 2)]],
  ] as const)('weights pairs by %s', (weighting, expected) => {
    const edges = buildCooccurrenceEdges(SETS, { weighting });
    expect(edges.map((e) => [e.a, e.b, e.papers])).toEqual([
      ['a', 'b', 2],
      ['a', 'c', 1],
      ['b', 'c', 2],
    ]);
    edges.forEach((e, i) => expect(e.weight).toBeCloseTo(expected[i]!, 6));
  });

  it('agrees with the CWTS association-strength normalization', () => {
    const edges = buildCooccurrenceEdges(SETS, { weighting: 'association' });
    const counts = buildCooccurrenceEdges(SETS, { weighting: 'count' });
    const id = { a: 0, b: 1, c: 2 } as Record<string, number>;
    const network = new Network({
      nNodes: 3,
      setNodeWeightsToTotalEdgeWeights: true,
      edges: [counts.map((e) => id[e.a]!), counts.map((e) => id[e.b]!)],
      edgeWeights: counts.map((e) => e.papers),
    }).createNormalizedNetworkUsingAssociationStrength();
    // Node 0 (a): neighbours b, c in order.
    expect(network.getEdgeWeights(0)[0]).toBeCloseTo(edges[0]!.weight, 6);
    expect(network.getEdgeWeights(0)[1]).toBeCloseTo(edges[1]!.weight, 6);
  });

  // A direct implementation over all pairs, to check the row-wise one on a random corpus.
  function naive(sets: string[][], weighting: 'count' | 'association' | 'jaccard', minEdgeWeight: number, top: number) {
    const uniq = sets.map((s) => [...new Set(s)]);
    const pair = new Map<string, number>();
    const n = new Map<string, number>();
    for (const s of uniq) {
      for (const a of s) n.set(a, (n.get(a) ?? 0) + 1);
      for (const a of s) for (const b of s) if (a < b) pair.set(`${a}|${b}`, (pair.get(`${a}|${b}`) ?? 0) + 1);
    }
    const k = new Map<string, number>();
    let m = 0;
    for (const [ab, c] of pair) {
      const [a, b] = ab.split('|') as [string, string];
      k.set(a, (k.get(a) ?? 0) + c);
      k.set(b, (k.get(b) ?? 0) + c);
      m += c;
    }
    let edges = [...pair].map(([ab, c]) => {
      const [a, b] = ab.split('|') as [string, string];
      const raw = weighting === 'count' ? c : weighting === 'association' ? (2 * m * c) / (k.get(a)! * k.get(b)!) : c / (n.get(a)! + n.get(b)! - c);
      return { a, b, papers: c, weight: raw };
    });
    edges = edges.filter((e) => e.weight >= minEdgeWeight).sort((x, y) => (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : 1));
    if (top > 0) {
      const kept = new Set<number>();
      for (const node of n.keys()) {
        const mine = edges.map((e, i) => ({ e, i })).filter(({ e }) => e.a === node || e.b === node);
        mine.sort((x, y) => y.e.weight - x.e.weight || x.i - y.i);
        for (const { i } of mine.slice(0, top)) kept.add(i);
      }
      edges = edges.filter((_, i) => kept.has(i));
    }
    // Files carry 8 significant digits.
    return edges.map((e) => ({ ...e, weight: Number(e.weight.toPrecision(8)) }));
  }

  it.each([
    ['count', 0, 0],
    ['count', 2, 0],
    ['count', 0, 3],
    ['association', 0, 0],
    ['association', 1, 2],
    ['jaccard', 0, 1],
    ['jaccard', 0.2, 4],
  ] as const)('matches a direct all-pairs count (%s, min %d, top %d)', (weighting, minEdgeWeight, top) => {
    let state = 7;
    const rand = () => (state = (state * 48271) % 2147483647) / 2147483647;
    const sets = Array.from({ length: 80 }, () =>
      Array.from({ length: 1 + Math.floor(rand() * 7) }, () => `k${Math.floor(rand() * rand() * 40)}`),
    );
    const expected = naive(sets, weighting, minEdgeWeight, top);
    expect(expected.length).toBeGreaterThan(10);
    expect(buildCooccurrenceEdges(sets, { weighting, minEdgeWeight, topEdgesPerNode: top })).toEqual(expected);
  });

  it('ignores a concept repeated within one paper', () => {
    expect(buildCooccurrenceEdges([['a', 'b', 'a']], { weighting: 'count' })).toEqual([
      { a: 'a', b: 'b', papers: 1, weight: 1 },
    ]);
  });

  it('drops edges under minEdgeWeight', () => {
    const edges = buildCooccurrenceEdges(SETS, { weighting: 'association', minEdgeWeight: 1.5 });
    expect(edges.map((e) => `${e.a}-${e.b}`)).toEqual(['a-b', 'b-c']);
  });

  it("keeps each node's top-N edges (an edge stays if either end keeps it)", () => {
    // a keeps a-b (1.67 > 1.11), c keeps b-c, b ties a-b/b-c and keeps the first: a-c goes.
    const edges = buildCooccurrenceEdges(SETS, { weighting: 'association', topEdgesPerNode: 1 });
    expect(edges.map((e) => `${e.a}-${e.b}`)).toEqual(['a-b', 'b-c']);
  });

  it('has no edges for papers with fewer than two concepts', () => {
    expect(buildCooccurrenceEdges([['a'], [], ['b']])).toEqual([]);
    expect(buildCooccurrenceEdges([])).toEqual([]);
  });

  it.each([
    [{ minDf: 0 }],
    [{ minDf: 1.5 }],
    [{ weighting: 'pmi' as never }],
    [{ minEdgeWeight: -1 }],
    [{ topEdgesPerNode: -2 }],
  ])('rejects bad option %o with a UserError', (options) => {
    expect(() => buildCooccurrenceEdges(SETS, options)).toThrow(UserError);
  });
});

describe('buildKnowledgeGraph', () => {
  const spec = [
    { id: 'p1', concepts: ['b', 'a', 'c'] },
    { id: 'p2', concepts: ['a', 'b', 'rare'] },
    { id: 'p3', concepts: ['c', 'b'] },
    { id: 'p4', concepts: [] },
  ];
  const corpus = makeCorpus(spec);

  it('holds papers, concepts of df ≥ minDf, MENTIONS and CO_OCCURS', () => {
    const graph = buildKnowledgeGraph(corpus.papers, corpus.extraction, { weighting: 'count' });
    expect(graph.type).toBe('directed');
    expect(graph.multi).toBe(false);
    const concepts = graph.filterNodes((_n, a) => a.kind === 'concept');
    expect(concepts).toEqual(['concept:a', 'concept:b', 'concept:c']);
    expect(graph.filterNodes((_n, a) => a.kind === 'paper')).toEqual(['paper:p1', 'paper:p2', 'paper:p3', 'paper:p4']);
    // p2 mentions `rare` (df 1): not in the graph, so only 2 of its 3 mentions are edges.
    expect(graph.mentions.rowsOfPaper('p2')).toHaveLength(2);
    expect(graph.mentions.rowsOfPaper('p4')).toHaveLength(0);
    expect(graph.mentions.size).toBe(7);
    const row = graph.mentions.rowsOfPaper('p1').find((r) => graph.mentions.conceptKey(r) === 'a')!;
    expect(graph.mentions.mention(row)).toMatchObject({ paper: 'p1', concept: 'a', count: 1, score: 0.5 });
    // Paper nodes and CO_OCCURS edges only: no MENTIONS edge in graphology.
    expect(graph.outDegree(paperNodeKey('p1'))).toBe(0);
    // CO_OCCURS from the lower key to the higher key, once per pair.
    expect(graph.hasDirectedEdge('concept:a', 'concept:b')).toBe(true);
    expect(graph.hasDirectedEdge('concept:b', 'concept:a')).toBe(false);
    expect(graph.getEdgeAttributes(graph.edge('concept:b', 'concept:c')!)).toEqual({ type: 'CO_OCCURS', papers: 2, weight: 2 });
    expect(graph.getAttributes()).toMatchObject({ weighting: 'count', minDf: 2, minEdgeWeight: 0, topEdgesPerNode: 0 });
    expect(graph.getNodeAttributes('concept:b')).toMatchObject({ kind: 'concept', key: 'b', label: 'B', df: 3 });
    expect(graph.getNodeAttributes('paper:p1')).toMatchObject({ kind: 'paper', id: 'p1', sources: ['fixture.txt:1'] });
  });

  it('keeps a df-1 concept when minDf is 1', () => {
    const graph = buildKnowledgeGraph(corpus.papers, corpus.extraction, { minDf: 1 });
    expect(graph.hasNode('concept:rare')).toBe(true);
    expect(graph.getAttribute('minDf')).toBe(1);
  });

  it('ignores mentions of papers it was not given', () => {
    const graph = buildKnowledgeGraph(corpus.papers.slice(0, 2), corpus.extraction, { minDf: 1 });
    expect(graph.hasNode('paper:p3')).toBe(false);
    expect(graph.hasEdge('concept:b', 'concept:c')).toBe(true); // from p1 only
    expect((graph.getEdgeAttributes(graph.edge('concept:b', 'concept:c')!) as CoOccursEdgeAttributes).papers).toBe(1);
  });

  it('keeps one mention per paper and concept, the first, when a paper or a concept comes twice', () => {
    const twice = makeCorpus([...spec, { id: 'p1', concepts: ['c', 'a', 'b'] }]);
    twice.extraction.papers[0]!.concepts.push({ ...twice.extraction.papers[0]!.concepts[0]!, count: 9 });
    const graph = buildKnowledgeGraph(twice.papers.slice(0, 4), twice.extraction, { minDf: 2 });
    const rows = graph.mentions.rowsOfPaper('p1').map((r) => [graph.mentions.conceptKey(r), graph.mentions.count(r)]);
    expect(rows).toEqual([['a', 1], ['b', 1], ['c', 1]]);
    expect(graph.mentions.size).toBe(7);
  });

  it('with release, empties each paper\'s mention list and builds the same graph', () => {
    const copy = makeCorpus(spec);
    const kept = buildKnowledgeGraph(corpus.papers, corpus.extraction, { minDf: 2 });
    const released = buildKnowledgeGraph(copy.papers, copy.extraction, { minDf: 2 }, { release: true });
    expect(JSON.stringify(released.export())).toBe(JSON.stringify(kept.export()));
    expect([...released.mentions.rows()].map((r) => released.mentions.mention(r))).toEqual([...kept.mentions.rows()].map((r) => kept.mentions.mention(r)));
    expect(copy.extraction.papers.map((pc) => pc.concepts.length)).toEqual([0, 0, 0, 0]);
    expect(corpus.extraction.papers.map((pc) => pc.concepts.length)).toEqual([3, 3, 2, 0]);
  });

  it('builds an empty graph from an empty corpus', () => {
    const graph = buildKnowledgeGraph([], { papers: [], concepts: [], ambiguousAcronyms: [] });
    expect(graph.order).toBe(0);
    expect(graph.size).toBe(0);
  });
});
