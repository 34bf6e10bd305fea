import { describe, expect, it } from 'vitest';
import { MentionStoreBuilder, createKnowledgeGraph, emptyMentionStore, withMentionEdges, type MentionRow, type MentionStore } from '../src/mention-store.js';
import type { Evidence } from '../src/model.js';

const TEXTS: Record<string, { title: string; abstract: string }> = {
  p1: { title: 'Kernels for graphs', abstract: 'We study graph kernels. Kernels compare graphs.' },
  p2: { title: 'Attention', abstract: 'Attention is all. Transformers use attention.' },
  p3: { title: 'Nothing here', abstract: 'No mentions.' },
};

/** An evidence entry of `paper` for the `nth` sentence of its abstract and the word `word` in it. */
function evidenceOf(paper: string, sentenceIndex: number, word: string): Evidence {
  const abstract = TEXTS[paper]!.abstract;
  const sentences = abstract.match(/[^.]+\./g)!.map((s) => s.trim());
  const sentence = sentences[sentenceIndex]!;
  const sentenceStart = abstract.indexOf(sentence);
  const start = abstract.indexOf(word, sentenceStart);
  return { field: 'abstract', sentence, sentenceStart, start, end: start + word.length };
}

/** Rows as the graph stage adds them: by paper, then concept key. */
const ROWS: MentionRow[] = [
  { paper: 'p1', concept: 'graph kernel', count: 2, score: 0.75, evidence: [evidenceOf('p1', 0, 'graph kernels'), evidenceOf('p1', 1, 'Kernels')] },
  { paper: 'p1', concept: 'kernel', count: 1, score: 0.5, evidence: [{ field: 'title', sentence: 'Kernels for graphs', sentenceStart: 0, start: 0, end: 7 }] },
  { paper: 'p2', concept: 'attention', count: 3, score: 1.25, evidence: [evidenceOf('p2', 0, 'Attention'), evidenceOf('p2', 1, 'attention')] },
  { paper: 'p2', concept: 'kernel', count: 1, score: 0, evidence: [] },
  { paper: 'p2', concept: 'transformer', count: 1, score: 0.125, evidence: [evidenceOf('p2', 1, 'Transformers')] },
];

function storeOf(rows: readonly MentionRow[], chunkBits?: number): MentionStore {
  const builder = new MentionStoreBuilder(chunkBits === undefined ? {} : { chunkBits });
  for (const id of Object.keys(TEXTS)) builder.addPaper(id, TEXTS[id]);
  for (const row of rows) builder.add(builder.addPaper(row.paper), builder.addConcept(row.concept), row);
  return builder.finish();
}

const allRows = (store: MentionStore): MentionRow[] => [...store.rows()].map((r) => store.mention(r));

describe('MentionStore', () => {
  it('holds nothing when empty', () => {
    const store = emptyMentionStore();
    expect(store.size).toBe(0);
    expect([...store.rows()]).toEqual([]);
    expect(store.rowsOfPaper('p1')).toEqual([]);
    expect(store.rowsOfConcept('kernel')).toEqual([]);
  });

  it('gives back the rows put in, in order, with their evidence offsets and sentences', () => {
    const store = storeOf(ROWS);
    expect(store.size).toBe(ROWS.length);
    expect(allRows(store)).toEqual(ROWS);
    expect([...store.rows()].map((r) => store.edgeKey(r))).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    expect(store.storedEvidence(0)).toEqual([
      { field: 'abstract', sentenceStart: 0, sentenceEnd: 23, start: 9, end: 22 },
      { field: 'abstract', sentenceStart: 24, sentenceEnd: 47, start: 24, end: 31 },
    ]);
    // Each string once: two papers with rows and one without, four concepts.
    expect(store.papers).toEqual(['p1', 'p2', 'p3']);
    expect(store.concepts).toEqual(['graph kernel', 'kernel', 'attention', 'transformer']);
  });

  it('reads a paper its rows and a concept its papers, in row order', () => {
    const store = storeOf(ROWS);
    expect(store.rowsOfPaper('p2').map((r) => store.conceptKey(r))).toEqual(['attention', 'kernel', 'transformer']);
    expect(store.rowsOfPaper('p3')).toEqual([]);
    expect(store.rowsOfPaper('nope')).toEqual([]);
    expect(store.rowsOfConcept('kernel').map((r) => store.paperId(r))).toEqual(['p1', 'p2']);
    expect(store.rowsOfConcept('nope')).toEqual([]);
  });

  it('reads by paper when the rows of a paper do not come together', () => {
    const shuffled = [ROWS[2]!, ROWS[0]!, ROWS[3]!, ROWS[1]!];
    const store = storeOf(shuffled);
    expect(allRows(store)).toEqual(shuffled);
    expect(store.rowsOfPaper('p1').map((r) => store.conceptKey(r))).toEqual(['graph kernel', 'kernel']);
    expect(store.rowsOfPaper('p2').map((r) => store.conceptKey(r))).toEqual(['attention', 'kernel']);
    expect(store.rowsOfConcept('kernel').map((r) => store.paperId(r))).toEqual(['p2', 'p1']);
  });

  it('grows past its chunk boundaries without losing a value', () => {
    // Chunks of 4 entries: 40 rows and their 60 evidence entries cross many boundaries.
    const many: MentionRow[] = [];
    for (let i = 0; i < 40; i++) {
      const evidence = Array.from({ length: i % 3 }, (_, k) => ({ ...evidenceOf('p1', k % 2, k % 2 ? 'Kernels' : 'graph kernels') }));
      many.push({ paper: i < 20 ? 'p1' : 'p2', concept: `c${i}`, count: i + 1, score: i / 8, evidence: i < 20 ? evidence : [] });
    }
    const store = storeOf(many, 2);
    expect(allRows(store)).toEqual(many);
    expect(store.rowsOfPaper('p2')).toHaveLength(20);
    expect(store.rowsOfConcept('c37').map((r) => store.count(r))).toEqual([38]);
  });

  it('takes evidence as graph.json stores it (the sentence end, no text) and keeps given edge keys', () => {
    const builder = new MentionStoreBuilder();
    const paper = builder.addPaper('p1', TEXTS.p1);
    builder.add(paper, builder.addConcept('graph kernel'), { count: 2, score: 0.75, evidence: [{ field: 'abstract', sentenceStart: 0, sentenceEnd: 23, start: 9, end: 22 }] }, 7);
    builder.add(paper, builder.addConcept('kernel'), { count: 1, score: 0.5, evidence: [] }, 9);
    const store = builder.finish();
    expect(store.evidence(0)).toEqual([evidenceOf('p1', 0, 'graph kernels')]);
    expect([...store.rows()].map((r) => store.edgeKey(r))).toEqual(['m7', 'm9']);
  });

  it('leaves the rows of dropped concepts out of every reader, the others keeping their keys', () => {
    const store = storeOf(ROWS);
    store.dropConcepts(['kernel', 'not a concept']);
    store.dropConcepts(['kernel']);
    expect(store.size).toBe(3);
    expect(allRows(store)).toEqual(ROWS.filter((r) => r.concept !== 'kernel'));
    expect([...store.rows()].map((r) => store.edgeKey(r))).toEqual(['m0', 'm2', 'm4']);
    expect(store.rowsOfPaper('p2').map((r) => store.conceptKey(r))).toEqual(['attention', 'transformer']);
    expect(store.rowsOfConcept('kernel')).toEqual([]);
    const visited: number[] = [];
    store.forEachRow((r) => visited.push(r));
    expect(visited).toEqual([0, 2, 4]);
  });
});

describe('withMentionEdges', () => {
  it('gives one graphology graph with the mentions as MENTIONS edges before the graph’s own', () => {
    const graph = createKnowledgeGraph(storeOf(ROWS.slice(0, 2)));
    graph.addNode('concept:graph kernel', { kind: 'concept', key: 'graph kernel', label: 'graph kernel', aliases: [], df: 1, termhood: 1 });
    graph.addNode('concept:kernel', { kind: 'concept', key: 'kernel', label: 'kernel', aliases: [], df: 2, termhood: 1 });
    graph.addNode('paper:p1', { kind: 'paper', id: 'p1', ...TEXTS.p1!, sources: [] });
    graph.addDirectedEdgeWithKey('co', 'concept:graph kernel', 'concept:kernel', { type: 'CO_OCCURS', papers: 1, weight: 1 });
    const full = withMentionEdges(graph);
    expect(full.edges()).toEqual(['m0', 'm1', 'co']);
    expect(full.getEdgeAttributes('m1')).toEqual({ type: 'MENTIONS', count: 1, score: 0.5, evidence: ROWS[1]!.evidence });
    expect(full.source('m0')).toBe('paper:p1');
    expect(full.target('m0')).toBe('concept:graph kernel');
  });
});
