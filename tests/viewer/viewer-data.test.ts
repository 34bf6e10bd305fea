import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import {
  createSyntheticGraph,
  createViewerData,
  EDGE_STRIDE,
  evidencePerConcept,
  MIN_EVIDENCE_PER_CONCEPT,
  MENTION_STRIDE,
  readSerializedGraph,
  trimSentence,
  viewerDataJson,
} from '../../src/viewer/index.js';
import { saveViewerData, viewerDataSource } from '../../src/build-dir/index.js';
import type { CommunitiesFile, SerializedGraph } from '../../src/model.js';

/** A hand-made graph: 4 concepts in a star around "a", 2 papers, 1 community file. */
function tinyGraph(): SerializedGraph {
  const concept = (key: string, wd: number, community: number) => ({
    key: `concept:${key}`,
    attributes: {
      kind: 'concept', key, label: key.toUpperCase(), aliases: [key.toUpperCase(), `${key}-alias`], df: 2,
      termhood: 1, community, pagerank: 0.1, weightedDegree: wd, bridge: 0, x: wd, y: -wd,
    },
  });
  const sentence = 'We use the A method here.';
  return {
    attributes: { weighting: 'association', modularity: 0.41234567 },
    nodes: [
      { key: 'paper:p2', attributes: { kind: 'paper', id: 'p2', title: 'Second', abstract: `${sentence} More.`, year: 2021, date: '2021-03', sources: [] } },
      { key: 'paper:p1', attributes: { kind: 'paper', id: 'p1', title: 'First', abstract: `Intro. ${sentence}`, sources: [], community: 0 } },
      concept('b', 3, 0),
      concept('a', 9, 0),
      concept('c', 2, 1),
      concept('d', 1, 1),
    ],
    edges: [
      { source: 'concept:a', target: 'concept:b', attributes: { type: 'CO_OCCURS', papers: 3, weight: 3 } },
      { source: 'concept:a', target: 'concept:c', attributes: { type: 'CO_OCCURS', papers: 2, weight: 2 } },
      { source: 'concept:a', target: 'concept:d', attributes: { type: 'CO_OCCURS', papers: 1, weight: 1 } },
      { source: 'concept:c', target: 'concept:d', attributes: { type: 'CO_OCCURS', papers: 1, weight: 0.5 } },
      {
        source: 'paper:p1', target: 'concept:a',
        attributes: { type: 'MENTIONS', count: 2, score: 0.5, evidence: [{ field: 'abstract', sentence, sentenceStart: 7, start: 18, end: 19 }] },
      },
      {
        source: 'paper:p2', target: 'concept:a',
        attributes: { type: 'MENTIONS', count: 1, score: 0.9, evidence: [{ field: 'abstract', sentence, sentenceStart: 0, start: 11, end: 12 }] },
      },
      { source: 'paper:p2', target: 'concept:b', attributes: { type: 'MENTIONS', count: 1, score: 0.2, evidence: [] } },
    ],
  };
}

/** A communities file as written before communities had fields (one level). */
const communities = {
  algorithm: 'louvain', resolution: 1, seed: 1, modularity: 0.4,
  communities: [
    { id: 0, label: 'A · B', concepts: ['a', 'b'], papers: ['p1'], topConcepts: ['a'] },
    { id: 1, label: 'C · D', concepts: ['c', 'd'], papers: [], topConcepts: ['c'] },
  ],
} as unknown as CommunitiesFile;

describe('createViewerData', () => {
  it('returns empty arrays for an empty graph', () => {
    const data = createViewerData(readSerializedGraph({ nodes: [], edges: [] }), null);
    expect(data.concepts.key).toEqual([]);
    expect(data.edges).toEqual([]);
    expect(data.mentions).toEqual([]);
    expect(data.meta).toMatchObject({ papers: 0, concepts: 0, edges: 0 });
  });

  it('orders concepts by weighted degree and papers by id, and keeps the model fields', () => {
    const data = createViewerData(readSerializedGraph(tinyGraph()), communities);
    expect(data.concepts.key).toEqual(['a', 'b', 'c', 'd']);
    expect(data.concepts.label[0]).toBe('A');
    // The label itself is not repeated among the aliases.
    expect(data.concepts.aliases[0]).toEqual(['a-alias']);
    expect(data.concepts.x[0]).toBe(9);
    expect(data.concepts.community).toEqual([0, 0, 1, 1]);
    expect(data.papers.id).toEqual(['p1', 'p2']);
    expect(data.papers.year).toEqual([null, 2021]);
    expect(data.papers.date).toEqual([null, '2021-03']);
    expect(data.papers.community).toEqual([0, -1]);
    expect(data.meta).toMatchObject({ papers: 2, concepts: 4, edges: 4, weighting: 'association', algorithm: 'louvain', modularity: 0.4 });
    expect(data.communities).toEqual([
      { id: 0, label: 'A · B', size: 2, papers: 1 },
      { id: 1, label: 'C · D', size: 2, papers: 0 },
    ]);
  });

  it('carries the fields and each topic\'s field from a two-level communities file', () => {
    const twoLevels: CommunitiesFile = {
      ...communities,
      fieldResolution: 0.5,
      communities: [
        { id: 0, field: 0, label: 'A · B', concepts: ['a', 'b'], papers: ['p1'], topConcepts: ['a'] },
        { id: 1, field: 1, label: 'C · D', concepts: ['c', 'd'], papers: [], topConcepts: ['c'] },
      ],
      fields: [
        { id: 0, label: 'Field of A', topics: [0], topConcepts: ['a'], concepts: 2, papers: 1 },
        { id: 1, label: 'Field of C', topics: [1], topConcepts: ['c'], concepts: 2, papers: 0 },
      ],
    };
    const data = createViewerData(readSerializedGraph(tinyGraph()), twoLevels);
    expect(data.communities.map((c) => [c.id, c.field])).toEqual([[0, 0], [1, 1]]);
    expect(data.fields).toEqual([
      { id: 0, label: 'Field of A', topics: [0], concepts: 2, papers: 1 },
      { id: 1, label: 'Field of C', topics: [1], concepts: 2, papers: 0 },
    ]);
    // A file of one level still loads, without fields.
    const old = createViewerData(readSerializedGraph(tinyGraph()), communities);
    expect(old.fields).toBeUndefined();
    expect(old.communities[0]!.field).toBeUndefined();
  });

  it('counts links and shared papers over the full graph, and drops case-only alias variants', () => {
    const g = tinyGraph();
    (g.nodes[3]!.attributes as { aliases: string[] }).aliases = ['A', 'a', 'A-ALIAS', 'a-alias', '', 'AA'];
    const data = createViewerData(readSerializedGraph(g), communities, { maxEdgesPerNode: 1 });
    // a links to b, c, d (3 + 2 + 1 shared papers); c to a and d (2 + 1).
    expect(data.concepts.degree).toEqual([3, 1, 2, 2]);
    expect(data.concepts.strength).toEqual([6, 3, 3, 2]);
    expect(data.concepts.aliases[0]).toEqual(['A-ALIAS', 'AA']);
  });

  it('keeps an edge only when it is among the strongest links of one of its ends', () => {
    const data = createViewerData(readSerializedGraph(tinyGraph()), communities, { maxEdgesPerNode: 1 });
    const pairs: string[] = [];
    for (let i = 0; i < data.edges.length; i += EDGE_STRIDE) pairs.push(`${data.edges[i]}-${data.edges[i + 1]}`);
    // a's strongest is b (0-1); c's strongest is a (0-2); d's strongest is a (0-3); c–d is nobody's top.
    expect(pairs.sort()).toEqual(['0-1', '0-2', '0-3']);
    expect(data.meta.edges).toBe(4);
    const all = createViewerData(readSerializedGraph(tinyGraph()), communities, { maxEdgesPerNode: 0 });
    expect(all.edges.length / EDGE_STRIDE).toBe(4);
  });

  it('groups mentions by concept, best score first, with offsets relative to the sentence', () => {
    const data = createViewerData(readSerializedGraph(tinyGraph()), communities);
    const rows: number[][] = [];
    for (let i = 0; i < data.mentions.length; i += MENTION_STRIDE) rows.push(data.mentions.slice(i, i + MENTION_STRIDE));
    // concept a (0): p2 (score .9) before p1 (.5); both point at the one stored sentence.
    expect(rows[0]!.slice(0, 3)).toEqual([1, 0, 1]);
    expect(rows[1]!.slice(0, 3)).toEqual([0, 0, 2]);
    expect(data.sentences).toEqual(['We use the A method here.']);
    for (const row of rows.slice(0, 2)) {
      const [, , , s, start, end] = row as [number, number, number, number, number, number];
      expect(data.sentences[s]!.slice(start, end)).toBe('A');
    }
    // concept b (1) has no evidence: sentence index -1.
    expect(rows[2]).toEqual([1, 1, 1, -1, 0, 0]);
  });

  it('keeps evidence only for the best mentions of a concept', () => {
    const data = createViewerData(readSerializedGraph(tinyGraph()), communities, { maxEvidencePerConcept: 1 });
    expect(data.mentions[3]).toBe(0);
    expect(data.mentions[MENTION_STRIDE + 3]).toBe(-1);
  });

  it.each([
    [914, 40],
    [2_500, 40],
    [11_000, 9],
    [25_000, 5],
    [1_000_000, 5],
  ])('keeps fewer sentences per concept in a large graph: %i concepts → %i each', (concepts, expected) => {
    expect(evidencePerConcept(concepts, { maxEvidencePerConcept: 40, maxEvidenceSentences: 100_000 })).toBe(expected);
  });

  it('holds the total evidence sentences to the budget in a graph of many concepts', () => {
    const { graph, communities: synthetic } = createSyntheticGraph({ concepts: 400, papers: 2000, mentionsPerPaper: 8 });
    const data = createViewerData(readSerializedGraph(graph), synthetic, { maxEvidenceSentences: 2_000 });
    const withSentence = new Map<number, number>();
    for (let i = 0; i < data.mentions.length; i += MENTION_STRIDE) {
      if (data.mentions[i + 3]! >= 0) withSentence.set(data.mentions[i + 1]!, (withSentence.get(data.mentions[i + 1]!) ?? 0) + 1);
    }
    expect(Math.max(...withSentence.values())).toBe(MIN_EVIDENCE_PER_CONCEPT);
    const all = createViewerData(readSerializedGraph(graph), synthetic);
    expect(data.sentences.length).toBeLessThan(all.sentences.length);
  });

  it('skips edges whose ends are not concepts or papers of the graph', () => {
    const g = tinyGraph();
    g.edges.push({ source: 'concept:a', target: 'concept:zz', attributes: { type: 'CO_OCCURS', papers: 9, weight: 9 } });
    g.edges.push({ source: 'paper:nope', target: 'concept:a', attributes: { type: 'MENTIONS', count: 1, score: 1, evidence: [] } });
    const data = createViewerData(readSerializedGraph(g), communities);
    expect(data.meta.edges).toBe(4);
    expect(data.mentions.length / MENTION_STRIDE).toBe(3);
  });

  it('is deterministic and smaller than the graph export', () => {
    const { graph, communities: cf } = createSyntheticGraph({ concepts: 600, papers: 150, seed: 7 });
    const a = JSON.stringify(createViewerData(readSerializedGraph(graph), cf));
    const b = JSON.stringify(createViewerData(readSerializedGraph(createSyntheticGraph({ concepts: 600, papers: 150, seed: 7 }).graph), cf));
    expect(a).toBe(b);
    expect(a.length).toBeLessThan(JSON.stringify(graph).length / 2);
  });
});

describe('trimSentence', () => {
  it.each([
    // [sentence, start, end, max, expected text, expected mention]
    ['short one', 0, 5, 100, 'short one', 'short'],
    ['aaaa bbbb MENTION cccc dddd', 10, 17, 17, '… bbbb MENTION cccc …', 'MENTION'],
    ['MENTION at the very start of a long sentence', 0, 7, 12, 'MENTION at t …', 'MENTION'],
    ['a long sentence that ends with MENTION', 31, 38, 12, '… with MENTION', 'MENTION'],
  ])('%s', (sentence, start, end, max, text, mention) => {
    const out = trimSentence(sentence, start, end, max);
    expect(out.text).toBe(text);
    expect(out.text.slice(out.start, out.end)).toBe(mention);
  });

  it('clamps offsets outside the sentence', () => {
    const out = trimSentence('abc', 5, 9, 10);
    expect(out).toEqual({ text: 'abc', start: 3, end: 3 });
  });
});

// The build folder's side of the viewer data (src/build-dir/), on the viewer's own fixtures.
describe('saveViewerData and viewerDataSource', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pg-viewer-data-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('derives the data from graph.json and communities.json when viewer-data.json is missing', async () => {
    writeFileSync(join(dir, 'graph.json'), JSON.stringify(tinyGraph()));
    writeFileSync(join(dir, 'communities.json'), JSON.stringify(communities));
    const text = await viewerDataSource(dir, viewerDataJson).text();
    expect(JSON.parse(text)).toEqual(createViewerData(readSerializedGraph(tinyGraph()), communities));
  });

  it('serves the written file, unless graph.json is newer', async () => {
    writeFileSync(join(dir, 'graph.json'), JSON.stringify(tinyGraph()));
    const path = await saveViewerData(dir, createViewerData(readSerializedGraph(tinyGraph()), communities, { maxEdgesPerNode: 1 }));
    expect(path).toBe(join(dir, 'viewer-data.json'));
    const written = JSON.parse(await viewerDataSource(dir, viewerDataJson).text());
    expect(written.edges.length / EDGE_STRIDE).toBe(3);
    // A rebuilt graph.json makes the old viewer data stale: it is derived again (default options).
    const later = new Date(Date.now() + 5000);
    utimesSync(join(dir, 'graph.json'), later, later);
    const derived = JSON.parse(await viewerDataSource(dir, viewerDataJson).text());
    expect(derived.edges.length / EDGE_STRIDE).toBe(4);
    expect(derived.communities[0].label).toBe('community 0');
  });

  it('fails with a UserError naming the directory when there is no graph', async () => {
    await expect(viewerDataSource(dir, viewerDataJson).text()).rejects.toSatisfy(
      (e: unknown) => e instanceof UserError && e.code === 'E_NOT_FOUND' && e.message.includes(dir),
    );
  });

  it('fails with a UserError naming the file when graph.json is not JSON or not a graph', async () => {
    writeFileSync(join(dir, 'graph.json'), '{"nodes": [');
    await expect(viewerDataSource(dir, viewerDataJson).text()).rejects.toSatisfy(
      (e: unknown) => e instanceof UserError && e.code === 'E_INPUT' && e.message.includes('graph.json'),
    );
    writeFileSync(join(dir, 'graph.json'), '{"nodes": {}}');
    await expect(viewerDataSource(dir, viewerDataJson).text()).rejects.toSatisfy(
      (e: unknown) => e instanceof UserError && e.code === 'E_INPUT',
    );
  });
});
