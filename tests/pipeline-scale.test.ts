import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPapersJsonl, graphJsonChunks, papersJsonlLines, writeChunks } from '../src/build-dir/index.js';
import { buildKnowledgeGraph, layoutConcepts, type KnowledgeGraph } from '../src/graph/index.js';
import type { ConceptNodeAttributes } from '../src/model.js';
import { withMentionEdges } from '../src/mention-store.js';
import { autoMinDf, autoTopEdges, runBuild } from '../src/pipeline.js';
import { cliqueCorpus, cliqueKeys, makeCorpus, type FixturePaper } from './graph/fixtures.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'papergraph-scale-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('automatic pruning', () => {
  it.each([
    [1, 2],
    [223, 2],
    [3599, 2],
    [3600, 3],
    [10_000, 5],
    [58_918, 12],
    [100_000, 15],
  ])('minimum document frequency of %i papers is %i', (papers, minDf) => {
    expect(autoMinDf(papers)).toBe(minDf);
  });

  it.each([
    [0, 0],
    [1999, 0],
    [2000, 20],
    [150_000, 20],
  ])('top edges of %i concepts is %i', (concepts, top) => {
    expect(autoTopEdges(concepts)).toBe(top);
  });

  it('records the minimum document frequency and top edges used in the summary and the graph', async () => {
    const summary = await runBuild({ out: join(dir, 'bundled'), workers: 0, minDf: 3, topEdges: 7 });
    expect(summary).toMatchObject({ minDf: 3, topEdges: 7 });
    const graph = JSON.parse(await readFile(join(dir, 'bundled', 'graph.json'), 'utf8')) as { attributes: Record<string, unknown> };
    expect(graph.attributes).toMatchObject({ minDf: 3, topEdgesPerNode: 7 });
    const auto = await runBuild({ out: join(dir, 'bundled-auto'), workers: 0 });
    // The bundled corpus is small: auto keeps every concept of two papers and every edge.
    expect(auto).toMatchObject({ minDf: 2, topEdges: 0 });
    expect(auto.edges).toBeGreaterThan(summary.edges);
  }, 600_000);
});

/** Two linked cliques of six concepts; three leaf concepts hang off each clique's concepts. */
function cliquesWithLeaves(): KnowledgeGraph {
  const spec: FixturePaper[] = cliqueCorpus(2, 6, [[0, 1]]);
  for (const c of [0, 1]) {
    for (let k = 0; k < 3; k++) {
      for (const copy of ['a', 'b']) spec.push({ id: `leaf${c}${k}${copy}`, concepts: [`c${c}n${k + 1}`, `leaf${c}-${k}`] });
    }
  }
  const corpus = makeCorpus(spec);
  return buildKnowledgeGraph(corpus.papers, corpus.extraction);
}

const position = (graph: KnowledgeGraph, key: string) => {
  const a = graph.getNodeAttributes(`concept:${key}`) as ConceptNodeAttributes;
  return { x: a.x!, y: a.y! };
};

describe('layout of a graph larger than maxForceNodes', () => {
  it('places the concepts left out of ForceAtlas2 beside their neighbours, deterministically', () => {
    const layout = (seed: number) => {
      const graph = cliquesWithLeaves();
      layoutConcepts(graph, { seed, maxForceNodes: 12 });
      return graph;
    };
    const graph = layout(3);
    const centroid = (c: number) => {
      const points = cliqueKeys(c, 6).map((k) => position(graph, k));
      return { x: points.reduce((s, p) => s + p.x, 0) / 6, y: points.reduce((s, p) => s + p.y, 0) / 6 };
    };
    const distance = (p: { x: number; y: number }, q: { x: number; y: number }) => Math.hypot(p.x - q.x, p.y - q.y);
    const seen = new Set<string>();
    graph.forEachNode((node, a) => {
      if (a.kind !== 'concept') return;
      expect(Number.isFinite(a.x) && Number.isFinite(a.y)).toBe(true);
      seen.add(`${a.x},${a.y}`);
    });
    expect(seen.size).toBe(18);
    for (const c of [0, 1]) {
      for (let k = 0; k < 3; k++) {
        const leaf = position(graph, `leaf${c}-${k}`);
        expect(distance(leaf, centroid(c))).toBeLessThan(distance(leaf, centroid(1 - c)));
      }
    }
    const xy = (g: KnowledgeGraph) => g.filterNodes((_n, a) => a.kind === 'concept').map((n) => position(g, n.slice('concept:'.length)));
    expect(xy(layout(3))).toEqual(xy(graph));
    // With room for all 18, every concept goes through ForceAtlas2: another picture.
    const full = cliquesWithLeaves();
    layoutConcepts(full, { seed: 3, maxForceNodes: 0 });
    expect(xy(full)).not.toEqual(xy(graph));
  });
});

describe('streamed files', () => {
  it('graph.json pieces are the bytes of JSON.stringify(graph.export()), evidence by offsets', async () => {
    const graph = cliquesWithLeaves();
    graph.addNode('bare'); // a node without attributes is written without "attributes", as export() does
    // The export with each evidence entry's sentence replaced by where it ends.
    const exported = withMentionEdges(graph).export();
    for (const edge of exported.edges) {
      const a = edge.attributes;
      if (a?.type !== 'MENTIONS') continue;
      edge.attributes = {
        ...a,
        evidence: a.evidence.map((e) => ({ field: e.field, sentenceStart: e.sentenceStart, sentenceEnd: e.sentenceStart + e.sentence.length, start: e.start, end: e.end })),
      } as unknown as typeof a;
    }
    const expected = JSON.stringify(exported);
    expect(exported.edges.some((e) => e.attributes?.type === 'MENTIONS')).toBe(true);
    const chunks = [...graphJsonChunks(graph)];
    expect(chunks.length).toBeGreaterThan(graph.order);
    expect(chunks.join('')).toBe(expected);
    const file = join(dir, 'graph.json');
    await writeChunks(file, graphJsonChunks(graph), 64); // tiny blocks: many writes
    expect(await readFile(file, 'utf8')).toBe(expected);
  });

  it('papers.jsonl lines join into formatPapersJsonl, one line per paper', () => {
    const corpus = makeCorpus(cliqueCorpus(2, 4, [[0, 1]]));
    const graph = buildKnowledgeGraph(corpus.papers, corpus.extraction);
    const lines = [...papersJsonlLines(corpus.papers, graph)];
    expect(lines).toHaveLength(corpus.papers.length);
    expect(lines.every((l) => l.endsWith('}\n'))).toBe(true);
    expect(lines.join('')).toBe(formatPapersJsonl(corpus.papers, graph));
  });
});
