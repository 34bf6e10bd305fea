import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restoreEvidenceSentences } from '../src/evidence-json.js';
import { extractConcepts } from '../src/extract/index.js';
import { formatGraphJson, parseGraphJson, viewerDataSource } from '../src/build-dir/index.js';
import { buildKnowledgeGraph, type KnowledgeGraph } from '../src/graph/index.js';
import { ingest } from '../src/ingest/index.js';
import type { Evidence, ExtractionResult, PaperRecord } from '../src/model.js';
import { BUNDLED_DATA_DIR } from '../src/paths.js';
import { createViewerData } from '../src/viewer/viewer-data.js';
import { readKnowledgeGraph, viewerDataJson } from '../src/viewer/index.js';

let papers: PaperRecord[];
let extraction: ExtractionResult;
let graph: KnowledgeGraph;
let dir: string;

beforeAll(async () => {
  papers = (await ingest([BUNDLED_DATA_DIR])).papers.slice(0, 60);
  extraction = extractConcepts(papers);
  graph = buildKnowledgeGraph(papers, extraction, { minDf: 2 });
  dir = await mkdtemp(join(tmpdir(), 'papergraph-evidence-'));
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const mentionEvidence = (g: KnowledgeGraph): Evidence[][] => {
  const evidence: Evidence[][] = [];
  g.mentions.forEachRow((row) => evidence.push(g.mentions.evidence(row)));
  return evidence;
};

describe('evidence in the mention store', () => {
  it('is the extraction\'s, each sentence cut from the paper text as extraction found it', () => {
    const store = graph.mentions;
    let compared = 0;
    for (const pc of extraction.papers) {
      const rows = new Map(store.rowsOfPaper(pc.paperId).map((r) => [store.conceptKey(r), r]));
      for (const c of pc.concepts) {
        const row = rows.get(c.key);
        if (row === undefined) continue; // below minDf
        expect(store.evidence(row)).toEqual(c.evidence);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(100);
  });
});

describe('evidence in graph.json', () => {
  it('is stored by offsets: no sentence text, and the sentence end instead', () => {
    const data = JSON.parse(formatGraphJson(graph)) as { edges: { attributes: { type: string; evidence?: object[] } }[] };
    const stored = data.edges.filter((e) => e.attributes.type === 'MENTIONS').flatMap((e) => e.attributes.evidence!);
    expect(stored.length).toBeGreaterThan(100);
    for (const e of stored) {
      expect(e).not.toHaveProperty('sentence');
      expect(Object.keys(e).sort()).toEqual(['end', 'field', 'sentenceEnd', 'sentenceStart', 'start']);
    }
  });

  it('reads back into the same evidence, sentence text included', () => {
    const back = parseGraphJson(formatGraphJson(graph));
    const original = mentionEvidence(graph);
    expect(original.flat().every((e) => e.sentence.length > 0)).toBe(true);
    expect(mentionEvidence(back)).toEqual(original);
    expect(formatGraphJson(back)).toBe(formatGraphJson(graph));
  });

  it('sentences come from the field the evidence names (title or abstract)', () => {
    const data = {
      nodes: [{ key: 'paper:p', attributes: { kind: 'paper', title: 'Neural tangent kernels', abstract: 'One. We study NTK here.' } }],
      edges: [
        {
          source: 'paper:p',
          attributes: {
            type: 'MENTIONS',
            evidence: [
              { field: 'title', sentenceStart: 0, sentenceEnd: 22, start: 0, end: 22 },
              { field: 'abstract', sentenceStart: 5, sentenceEnd: 23, start: 14, end: 17 },
            ],
          },
        },
      ],
    };
    restoreEvidenceSentences(data);
    expect(data.edges[0]!.attributes.evidence).toEqual([
      { field: 'title', sentence: 'Neural tangent kernels', sentenceStart: 0, start: 0, end: 22 },
      { field: 'abstract', sentence: 'We study NTK here.', sentenceStart: 5, start: 14, end: 17 },
    ]);
  });

  it('leaves evidence that still carries its sentence as it is', () => {
    const entry = { field: 'abstract', sentence: 'Kept as written.', sentenceStart: 0, start: 0, end: 4 };
    const data = { nodes: [], edges: [{ source: 'paper:x', attributes: { type: 'MENTIONS', evidence: [entry] } }] };
    restoreEvidenceSentences(data);
    expect(data.edges[0]!.attributes.evidence[0]).toBe(entry);
  });

  it('gives the viewer the same data from graph.json alone as from the built graph', async () => {
    await writeFile(join(dir, 'graph.json'), formatGraphJson(graph));
    expect(await viewerDataSource(dir, viewerDataJson).text()).toBe(JSON.stringify(createViewerData(readKnowledgeGraph(graph), null)));
  });
});
