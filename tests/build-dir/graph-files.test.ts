import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import {
  formatCommunitiesJson,
  formatConceptsJsonl,
  formatGraphJson,
  formatPapersJsonl,
  parseGraphJson,
  type ConceptRow,
  type PaperRow,
} from '../../src/build-dir/index.js';
import { buildKnowledgeGraph, computeConceptMetrics, detectCommunities, layoutConcepts } from '../../src/graph/index.js';
import { cliqueCorpus, makeCorpus, type FixturePaper } from '../graph/fixtures.js';

function run(spec: FixturePaper[], seed: number, algorithm: 'louvain' | 'leiden' = 'louvain', reverse = false) {
  const corpus = makeCorpus(spec);
  if (reverse) {
    corpus.papers.reverse();
    corpus.extraction.papers.reverse();
    corpus.extraction.concepts.reverse();
  }
  const graph = buildKnowledgeGraph(corpus.papers, corpus.extraction);
  const communities = detectCommunities(graph, { seed, algorithm });
  computeConceptMetrics(graph);
  layoutConcepts(graph, { seed });
  return { graph, communities, papers: corpus.papers };
}

const SPEC = cliqueCorpus(5, 4, [[0, 1], [1, 2], [2, 3], [3, 4], [4, 0], [0, 2]]);

describe('output files', () => {
  it.each(['louvain', 'leiden'] as const)('are byte-identical for the same input and seed (%s)', (algorithm) => {
    const a = run(SPEC, 42, algorithm);
    // Same papers in another order: the output must not depend on input order either.
    const b = run(SPEC, 42, algorithm, true);
    // Compared as booleans: a failing diff of whole files is unreadable.
    expect(formatGraphJson(b.graph) === formatGraphJson(a.graph)).toBe(true);
    expect(formatCommunitiesJson(b.communities) === formatCommunitiesJson(a.communities)).toBe(true);
    expect(formatConceptsJsonl(b.graph) === formatConceptsJsonl(a.graph)).toBe(true);
    expect(formatPapersJsonl(b.papers, b.graph) === formatPapersJsonl(a.papers, a.graph)).toBe(true);
    expect(a.communities.communities).toHaveLength(5);
  });

  it('change with the seed (the layout at least)', () => {
    expect(formatGraphJson(run(SPEC, 1).graph) === formatGraphJson(run(SPEC, 2).graph)).toBe(false);
  });

  it('graph.json round-trips through parseGraphJson', () => {
    const { graph } = run(SPEC, 42);
    const text = formatGraphJson(graph);
    const back = parseGraphJson(text);
    expect(back.order).toBe(graph.order);
    expect(back.size).toBe(graph.size);
    expect(formatGraphJson(back)).toBe(text);
    expect(back.getAttribute('algorithm')).toBe('louvain');
  });

  it('concepts.jsonl has one row per concept with its community and metrics', () => {
    const { graph, communities } = run(SPEC, 42);
    const rows = formatConceptsJsonl(graph).trimEnd().split('\n').map((l) => JSON.parse(l) as ConceptRow);
    expect(rows).toHaveLength(20);
    expect(Object.keys(rows[0]!)).toEqual(['key', 'label', 'aliases', 'df', 'termhood', 'community', 'field', 'pagerank', 'weightedDegree', 'bridge']);
    const c0 = rows.find((r) => r.key === 'c0n0')!;
    expect(communities.communities[c0.community!]!.concepts).toContain('c0n0');
    expect(c0.bridge).toBeGreaterThan(0);
    expect(rows.find((r) => r.key === 'c0n3')!.bridge).toBe(0);
  });

  it('concepts.jsonl carries the bursts and trend of a concept that has them', () => {
    const { graph } = run(SPEC, 42);
    const times = new Map([
      ['c0n0', { bursts: [{ start: '2019', end: '2021', weight: 4.5 }], trend: { direction: 'emerging' as const, slope: 0.5, firstShare: 0.1, lastShare: 0.3, g2: 20, p: 0.00001, papers: 12 } }],
      ['c0n1', { bursts: [] }],
    ]);
    const rows = formatConceptsJsonl(graph, times).trimEnd().split('\n').map((l) => JSON.parse(l) as ConceptRow);
    expect(rows.find((r) => r.key === 'c0n0')).toMatchObject({ bursts: [{ start: '2019', end: '2021', weight: 4.5 }], trend: { direction: 'emerging', papers: 12 } });
    expect(rows.find((r) => r.key === 'c0n1')!.bursts).toEqual([]);
    expect(rows.find((r) => r.key === 'c0n1')!.trend).toBeUndefined();
    expect(rows.find((r) => r.key === 'c0n2')!.bursts).toBeUndefined();
  });

  it('communities.json keeps per-period counts on one line and reads back the same', () => {
    const { communities } = run(SPEC, 42);
    const timed = {
      ...communities,
      communities: communities.communities.map((c) => ({ ...c, time: { papersPerPeriod: [1, 0, 2], bursts: [] } })),
      timeline: { unit: 'year' as const, periods: ['1990–2019', '2020', '2021'], papers: [3, 4, 5], undated: 0, settings: { stateRatio: 2, gamma: 1, minDuration: 2, minPapers: 10, alpha: 0.01, minChange: 1.5, recentPeriods: 6, minPeriodPapers: 3 } },
    };
    const text = formatCommunitiesJson(timed);
    expect(text).toContain('"papersPerPeriod": [1, 0, 2]');
    expect(text).toContain('"periods": ["1990–2019", "2020", "2021"]');
    expect(text).toContain('"papers": [3, 4, 5]');
    // Paper id lists stay one per line.
    expect(text).toMatch(/"papers": \[\n/);
    expect(JSON.parse(text)).toEqual(timed);
  });

  it('papers.jsonl carries each paper with its community and top concepts', () => {
    const { graph, papers, communities } = run([...SPEC, { id: 'none', concepts: [] }], 42);
    const rows = formatPapersJsonl(papers, graph, 2).trimEnd().split('\n').map((l) => JSON.parse(l) as PaperRow);
    expect(rows).toHaveLength(papers.length);
    const q3 = rows.find((r) => r.id === 'q3a')!;
    expect(q3.title).toBe('Paper q3a');
    expect(q3.topConcepts).toEqual(['c3n0', 'c3n1']); // scores 1, 1/2, 1/3, 1/4
    expect(communities.communities[q3.community!]!.papers).toContain('q3a');
    expect(rows.find((r) => r.id === 'none')).toMatchObject({ community: null, topConcepts: [] });
  });

  it.each([
    ['not json', 'not valid JSON'],
    ['{"nodes": 3}', 'not a graph export'],
    ['{"nodes": [{"key": "a"}], "edges": [{"source": "a", "target": "zz"}]}', 'invalid graph'],
  ])('parseGraphJson rejects %j with a UserError naming the file', (text, reason) => {
    expect(() => parseGraphJson(text, 'out/graph.json')).toThrow(UserError);
    expect(() => parseGraphJson(text, 'out/graph.json')).toThrow(new RegExp(`^out/graph.json: ${reason}`));
  });
});

describe('graph.json MENTIONS, written from the mention store', () => {
  // Papers given out of id order, a concept mentioned twice by one paper, one below minDf, and
  // scores with exact binary fractions (the file rounds others).
  const spec: FixturePaper[] = [
    { id: 'p3', concepts: ['kernel', 'attention'] },
    { id: 'p1', concepts: ['transformer', 'attention', 'rare', 'attention'] },
    { id: 'p2', concepts: ['kernel', 'transformer', 'attention'] },
    { id: 'p0', concepts: [] },
  ];
  const corpus = makeCorpus(spec);
  for (const pc of corpus.extraction.papers) pc.concepts.forEach((c, i) => (c.score = (i + 1) / 8));
  // What went in, independently of the build: by paper id, then concept key; the first mention
  // of a concept a paper names twice; no concept of one paper.
  const expected = [...corpus.extraction.papers]
    .sort((x, y) => (x.paperId < y.paperId ? -1 : 1))
    .flatMap((pc) => {
      const seen = new Set<string>();
      return pc.concepts
        .filter((c) => c.key !== 'rare' && !seen.has(c.key) && seen.add(c.key))
        .sort((x, y) => (x.key < y.key ? -1 : 1))
        .map((c) => ({ paper: pc.paperId, concept: c.key, count: c.count, score: c.score, evidence: c.evidence.map((e) => ({ ...e })) }));
    });
  const graph = buildKnowledgeGraph(corpus.papers, corpus.extraction, { minDf: 2 });

  it('are the mentions put in, in order, keyed m0…, evidence by offsets', () => {
    const data = JSON.parse(formatGraphJson(graph)) as { edges: { key: string; source: string; target: string; attributes: { type: string } }[] };
    const mentions = data.edges.filter((e) => e.attributes.type === 'MENTIONS');
    expect(mentions).toEqual(
      expected.map((m, i) => ({
        key: `m${i}`,
        source: `paper:${m.paper}`,
        target: `concept:${m.concept}`,
        attributes: {
          type: 'MENTIONS',
          count: m.count,
          score: m.score,
          evidence: m.evidence.map((e) => ({ field: e.field, sentenceStart: e.sentenceStart, sentenceEnd: e.sentenceStart + e.sentence.length, start: e.start, end: e.end })),
        },
      })),
    );
    // MENTIONS first, then CO_OCCURS, as graphology's export() listed them when they were edges.
    expect(data.edges.findIndex((e) => e.attributes.type !== 'MENTIONS')).toBe(mentions.length);
  });

  it('read back into a store with the same rows, sentences restored from the paper texts', () => {
    const back = parseGraphJson(formatGraphJson(graph));
    const rows = [...back.mentions.rows()].map((r) => back.mentions.mention(r));
    expect(rows).toEqual(expected);
    expect(back.size).toBe(graph.size);
    expect(formatGraphJson(back)).toBe(formatGraphJson(graph));
  });

  it('refuses a MENTIONS edge that does not go from a paper to a concept', () => {
    const data = JSON.parse(formatGraphJson(graph)) as { edges: { source: string; attributes: { type: string } }[] };
    const mention = data.edges.find((e) => e.attributes.type === 'MENTIONS')!;
    mention.source = 'concept:kernel';
    expect(() => parseGraphJson(JSON.stringify(data), 'g.json')).toThrow(/g\.json: invalid graph \(MENTIONS edge #1 does not start at a paper node/);
  });

  it.each([
    ['a count that is not a number', { count: '2' }],
    ['a count that is not a whole number', { count: 1.5 }],
    ['evidence at a negative offset', { evidence: [{ field: 'abstract', sentenceStart: 0, sentenceEnd: 3, start: -1, end: 1 }] }],
    ['evidence that is not a list', { evidence: 'here' }],
    ['evidence without offsets', { evidence: [{ field: 'abstract' }] }],
    ['evidence of an unknown field', { evidence: [{ field: 'body', sentenceStart: 0, sentenceEnd: 3, start: 0, end: 1 }] }],
  ])('refuses a MENTIONS edge with %s, naming it', (_name, change) => {
    const data = JSON.parse(formatGraphJson(graph)) as { edges: { attributes: Record<string, unknown> }[] };
    Object.assign(data.edges[1]!.attributes, change);
    expect(() => parseGraphJson(JSON.stringify(data), 'g.json')).toThrow(/^g\.json: invalid graph \(MENTIONS edge #2 needs a whole-number "count"/);
    expect(() => parseGraphJson(JSON.stringify(data), 'g.json')).toThrow(UserError);
  });
});
