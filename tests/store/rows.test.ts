import { describe, expect, it } from 'vitest';
import { DirectedGraph } from 'graphology';
import {
  countRelationships,
  EVIDENCE_STRIDE,
  evidenceSentence,
  graphToRows,
  groupCoOccursBySource,
  groupMentionsByPaper,
  normalizeName,
  packGroups,
  type MentionRow,
} from '../../src/store/rows.js';
import type { KnowledgeGraph } from '../../src/model.js';
import { createSmallCommunities, createSmallGraph } from './fixtures/small-graph.js';
import { createKnowledgeGraph, toKnowledgeGraph, type FullKnowledgeGraph } from '../../src/mention-store.js';

describe('graphToRows', () => {
  it('gives no rows for an empty graph', () => {
    const rows = graphToRows(createKnowledgeGraph());
    expect(Object.values(rows).every((list) => list.length === 0)).toBe(true);
  });

  it('has one row per paper, concept, MENTIONS and CO_OCCURS edge', () => {
    const rows = graphToRows(createSmallGraph(), createSmallCommunities());
    expect(rows.papers.map((p) => p.id).sort()).toEqual(['arxiv:1806.07572', 'doi:10.1000/wide', 'title:0123456789abcdef']);
    expect(rows.concepts).toHaveLength(4);
    expect(rows.mentions).toHaveLength(6);
    expect(rows.cooccurs).toHaveLength(3);
    expect(rows.communities.map((c) => [c.level, c.id, c.size, c.papers])).toEqual([
      ['topic', 0, 3, 2],
      ['topic', 1, 1, 1],
      ['field', 0, 4, 3],
    ]);
    // Every member in its topic and in its topic's field.
    expect(rows.conceptMembers).toHaveLength(2 * 4);
    expect(rows.paperMembers).toHaveLength(2 * 3);
    expect(rows.partOf).toHaveLength(2);
    expect(countRelationships(rows)).toBe(6 + 3 + 2 * 4 + 2 * 3 + 2);
  });

  it('gives both levels: each topic PART_OF its field, each member in its topic and in that field', () => {
    const communities = createSmallCommunities();
    // Two fields, so that a topic's field is not merely the only one.
    communities.communities[1]!.field = 1;
    communities.fields = [
      { ...communities.fields![0]!, topics: [0], concepts: 3, papers: 2 },
      { id: 1, label: 'evolutionary computation', topics: [1], topConcepts: ['genetic programming'], concepts: 1, papers: 1 },
    ];
    const rows = graphToRows(createSmallGraph(), communities);
    expect(rows.partOf).toEqual([
      { topic: 0, field: 0 },
      { topic: 1, field: 1 },
    ]);
    expect(rows.communities.filter((c) => c.level === 'field').map((c) => [c.id, c.label, c.size, c.papers, c.topConcepts])).toEqual([
      [0, 'kernel methods', 3, 2, ['neural tangent kernel', 'genetic programming']],
      [1, 'evolutionary computation', 1, 1, ['genetic programming']],
    ]);
    const of = (list: typeof rows.conceptMembers, member: string) =>
      list.filter((m) => m.member === member).map((m) => `${m.level} ${m.community}`).sort();
    expect(of(rows.conceptMembers, 'genetic programming')).toEqual(['field 1', 'topic 1']);
    expect(of(rows.conceptMembers, 'gaussian process')).toEqual(['field 0', 'topic 0']);
    expect(of(rows.paperMembers, 'title:0123456789abcdef')).toEqual(['field 1', 'topic 1']);
    expect(of(rows.paperMembers, 'doi:10.1000/wide')).toEqual(['field 0', 'topic 0']);
    // Nodes carry their topic and field.
    expect(rows.concepts.find((c) => c.key === 'genetic programming')).toMatchObject({ community: 1, field: 0 });
  });

  it('gives a topic whose field is not in the file no PART_OF and no field memberships', () => {
    const communities = createSmallCommunities();
    communities.communities[1]!.field = 7;
    const rows = graphToRows(createSmallGraph(), communities);
    expect(rows.partOf).toEqual([{ topic: 0, field: 0 }]);
    expect(rows.conceptMembers.filter((m) => m.member === 'genetic programming').map((m) => m.level)).toEqual(['topic']);
  });

  it('turns missing optional fields into null, never undefined (the driver rejects undefined)', () => {
    const rows = graphToRows(createSmallGraph());
    const gp = rows.papers.find((p) => p.id === 'title:0123456789abcdef')!;
    expect(gp).toMatchObject({ year: null, date: null, url: null, authorsCount: null, upvotes: null });
    const json = JSON.stringify(rows);
    expect(Object.values(gp).includes(undefined as never)).toBe(false);
    expect(json).not.toContain('undefined');
  });

  it('stores evidence as integer offsets: field, sentence start and end, mention start and end', () => {
    const rows = graphToRows(createSmallGraph());
    const m = rows.mentions.find((r) => r.paper === 'arxiv:1806.07572' && r.concept === 'infinite width limit')!;
    // "Networks are equivalent to Gaussian processes (GPs) in the infinite-width limit. The ..."
    expect(m.evidence).toEqual([1, 0, 132, 59, 79]);
    expect(m.evidence.every(Number.isInteger)).toBe(true);
    expect(JSON.stringify(rows.mentions)).not.toContain('Networks are equivalent');
  });

  it('codes the title 0 and the abstract 1, one group of five per occurrence', () => {
    const rows = graphToRows(createSmallGraph());
    const m = rows.mentions.find((r) => r.paper === 'doi:10.1000/wide' && r.concept === 'gaussian process')!;
    expect(m.evidence).toHaveLength(2 * EVIDENCE_STRIDE);
    expect([m.evidence[0], m.evidence[EVIDENCE_STRIDE]]).toEqual([0, 1]);
    // "Wide networks as Gaussian processes": the whole title is the sentence.
    expect(m.evidence.slice(0, EVIDENCE_STRIDE)).toEqual([0, 0, 35, 17, 35]);
  });

  it('counts offsets in code points, as Cypher substring() does, past an astral character', () => {
    const rows = graphToRows(createSmallGraph());
    const paper = rows.papers.find((p) => p.id === 'doi:10.1000/wide')!;
    const m = rows.mentions.find((r) => r.paper === 'doi:10.1000/wide' && r.concept === 'neural tangent kernel')!;
    const points = [...paper.abstract];
    // 'NTK' sits one UTF-16 unit further than its code point offset (𝑛 is two units).
    expect(paper.abstract.indexOf('NTK') - m.evidence[3]!).toBe(1);
    expect(points.slice(m.evidence[3], m.evidence[4]).join('')).toBe('NTK');
    expect(m.evidence[2]).toBe(points.length);
    expect(evidenceSentence(m.evidence, 0, paper)).toBe(paper.abstract);
  });

  it('gives one BROADER row per concept, naming the broader concept only when it is in the graph', () => {
    const graph = createKnowledgeGraph();
    const concept = (key: string, broader?: string) =>
      graph.addNode(`concept:${key}`, { kind: 'concept', key, label: key, aliases: [], df: 2, termhood: 1, ...(broader ? { broader } : {}) });
    concept('modern hopfield network', 'hopfield network');
    concept('hopfield network', 'network');
    concept('dense associative memory');
    expect(graphToRows(graph).broader).toEqual([
      { concept: 'modern hopfield network', broader: 'hopfield network' },
      { concept: 'hopfield network', broader: null },
      { concept: 'dense associative memory', broader: null },
    ]);
  });

  it('reads the sentence end of evidence stored without its text (graph.json by offsets)', () => {
    const graph: FullKnowledgeGraph = new DirectedGraph();
    graph.addNode('paper:p', { kind: 'paper', id: 'p', title: 't', abstract: 'First one. Second 𝑛 here.', sources: [] });
    graph.addNode('concept:c', { kind: 'concept', key: 'c', label: 'c', aliases: [], df: 1, termhood: 1 });
    graph.addDirectedEdge('paper:p', 'concept:c', {
      type: 'MENTIONS', count: 1, score: 1,
      evidence: [{ field: 'abstract', sentenceStart: 11, sentenceEnd: 26, start: 18, end: 20 } as never],
    });
    const rows = graphToRows(toKnowledgeGraph(graph));
    // Code points: the sentence ends at 25 (𝑛 is one), the mention '𝑛' is 18..19.
    expect(rows.mentions[0]!.evidence).toEqual([1, 11, 25, 18, 19]);
    expect(evidenceSentence(rows.mentions[0]!.evidence, 0, rows.papers[0]!)).toBe('Second 𝑛 here.');
  });

  it.each([
    ['no astral characters', 'plain text here', 6, 10, 'text'],
    ['an astral character before', '𝑛 plain text', 9, 13, 'text'],
    ['two astral characters before', '𝑛𝑚 text', 5, 9, 'text'],
    ['an astral character inside', 'a 𝒪(n) bound', 2, 7, '𝒪(n)'],
  ])('evidenceSentence reads the right text with %s', (_name, text, start, end, expected) => {
    const graph: FullKnowledgeGraph = new DirectedGraph();
    graph.addNode('paper:p', { kind: 'paper', id: 'p', title: 't', abstract: text, sources: [] });
    graph.addNode('concept:c', { kind: 'concept', key: 'c', label: 'c', aliases: [], df: 1, termhood: 1 });
    graph.addDirectedEdge('paper:p', 'concept:c', {
      type: 'MENTIONS', count: 1, score: 1,
      evidence: [{ field: 'abstract', sentence: text.slice(start, end), sentenceStart: start, start, end }],
    });
    const rows = graphToRows(toKnowledgeGraph(graph));
    expect(evidenceSentence(rows.mentions[0]!.evidence, 0, rows.papers[0]!)).toBe(expected);
  });

  it('stores CO_OCCURS lower key first whatever the edge direction', () => {
    const graph = createSmallGraph();
    const rows = graphToRows(graph);
    for (const r of rows.cooccurs) expect(r.source < r.target).toBe(true);
    expect(rows.cooccurs).toContainEqual({ source: 'infinite width limit', target: 'neural tangent kernel', papers: 1, weight: 1 });
  });

  it('makes a lower-cased alias row for key, label and every alias, and lets one name point at two concepts', () => {
    const rows = graphToRows(createSmallGraph());
    const names = (concept: string) => rows.aliases.filter((a) => a.concept === concept).map((a) => a.name).sort();
    expect(names('neural tangent kernel')).toEqual(['neural tangent kernel', 'neural tangent kernels', 'ntk']);
    const gp = rows.aliases.filter((a) => a.name === 'gp').map((a) => a.concept).sort();
    expect(gp).toEqual(['gaussian process', 'genetic programming']);
    expect(rows.aliases.find((a) => a.name === 'ntk')!.forms).toEqual(['NTK']);
  });

  it('adds the senses of ambiguous acronyms with their long forms and defining papers', () => {
    const rows = graphToRows(createSmallGraph(), undefined, [
      {
        short: 'GP',
        senses: [
          { key: 'gaussian process', long: 'Gaussian process', papers: ['doi:10.1000/wide'] },
          { key: 'genetic programming', long: 'Genetic programming', papers: ['title:0123456789abcdef'] },
          { key: 'not in the graph', long: 'growth percentile', papers: ['x'] },
        ],
      },
    ]);
    const senses = rows.aliases.filter((a) => a.name === 'gp');
    expect(senses.map((s) => [s.concept, s.long, s.papers])).toEqual([
      ['gaussian process', 'Gaussian process', ['doi:10.1000/wide']],
      ['genetic programming', 'Genetic programming', ['title:0123456789abcdef']],
    ]);
  });

  it('skips community members that are not in the graph', () => {
    const communities = createSmallCommunities();
    communities.communities[1]!.concepts.push('no such concept');
    communities.communities[1]!.papers.push('no:such-paper');
    const rows = graphToRows(createSmallGraph(), communities);
    expect(rows.conceptMembers.some((m) => m.member === 'no such concept')).toBe(false);
    expect(rows.paperMembers.some((m) => m.member === 'no:such-paper')).toBe(false);
  });
});

describe('normalizeName', () => {
  it.each([
    ['NTK', 'ntk'],
    ['  Gaussian   Process ', 'gaussian process'],
    ['ＮＴＫ', 'ntk'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizeName(input)).toBe(expected);
  });
});

/** A MENTIONS row with placeholder properties. */
const mention = (paper: string, concept: string): MentionRow => ({
  paper,
  concept,
  count: 1,
  score: 0.5,
  evidence: [1, 0, 10, 2, 5],
});

describe('groupMentionsByPaper', () => {
  it('puts every row of a paper in one group, papers in first-seen order, rows in input order', () => {
    const groups = groupMentionsByPaper([mention('p2', 'b'), mention('p1', 'a'), mention('p2', 'a'), mention('p1', 'c')]);
    expect(groups.map((g) => [g.paper, g.mentions.map((m) => m.concept)])).toEqual([
      ['p2', ['b', 'a']],
      ['p1', ['a', 'c']],
    ]);
  });

  it('groups the rows themselves, every property kept (no copies)', () => {
    const row = mention('p1', 'a');
    const [group] = groupMentionsByPaper([row]);
    expect(group!.mentions[0]).toBe(row);
    expect(group!.mentions[0]).toEqual({ paper: 'p1', concept: 'a', count: 1, score: 0.5, evidence: [1, 0, 10, 2, 5] });
  });

  it('gives no groups for no rows', () => {
    expect(groupMentionsByPaper([])).toEqual([]);
  });

  it('loses no row on the small graph', () => {
    const rows = graphToRows(createSmallGraph());
    const groups = groupMentionsByPaper(rows.mentions);
    expect(groups).toHaveLength(rows.papers.length);
    expect(groups.reduce((n, g) => n + g.mentions.length, 0)).toBe(rows.mentions.length);
  });
});

describe('groupCoOccursBySource', () => {
  it('groups pairs by their lower key, first-seen order', () => {
    const groups = groupCoOccursBySource([
      { source: 'b', target: 'c', papers: 1, weight: 1 },
      { source: 'a', target: 'b', papers: 2, weight: 0.5 },
      { source: 'b', target: 'd', papers: 3, weight: 2 },
    ]);
    expect(groups).toEqual([
      {
        source: 'b',
        targets: [
          { source: 'b', target: 'c', papers: 1, weight: 1 },
          { source: 'b', target: 'd', papers: 3, weight: 2 },
        ],
      },
      { source: 'a', targets: [{ source: 'a', target: 'b', papers: 2, weight: 0.5 }] },
    ]);
  });
});

describe('packGroups', () => {
  const size = (g: number[]) => g.length;
  it.each([
    ['fills batches up to the row limit', [[1, 1], [2], [3, 3, 3], [4]], 3, [[[1, 1], [2]], [[3, 3, 3]], [[4]]]],
    ['gives a group larger than the limit a batch of its own', [[1], [2, 2, 2, 2, 2], [3]], 2, [[[1]], [[2, 2, 2, 2, 2]], [[3]]]],
    ['makes one batch when everything fits', [[1], [2]], 10, [[[1], [2]]]],
    ['makes no batch of nothing', [], 5, []],
  ])('%s', (_name, groups, limit, expected) => {
    expect(packGroups(groups as number[][], size, limit as number)).toEqual(expected);
  });

  it('never splits a group and keeps the order', () => {
    const groups = Array.from({ length: 50 }, (_, i) => Array.from({ length: (i % 7) + 1 }, () => i));
    const batches = packGroups(groups, size, 10);
    expect(batches.flat()).toEqual(groups);
    for (const batch of batches) {
      expect(batch.length === 1 || batch.reduce((n, g) => n + g.length, 0) <= 10).toBe(true);
    }
  });
});
