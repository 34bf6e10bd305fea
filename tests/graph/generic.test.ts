import { describe, expect, it } from 'vitest';
import { buildKnowledgeGraph, dropConcepts, droppedConceptsFile, findGeneralScienceWords, findGenericConcepts, scienceWords } from '../../src/graph/index.js';
import type { ConceptNodeAttributes, KnowledgeGraph } from '../../src/model.js';
import { makeCorpus, type FixturePaper } from './fixtures.js';

/**
 * Two fields of 60 papers each, placed by hand (`field` on the paper nodes): "method" is in every
 * paper of both, "graph kernel" in every paper of field 0 only, "protein" in 50 of field 1 and 10
 * of field 0 (concentrated, not generic), "rare" in 10 papers of one field (below minDf).
 */
function twoFields(): KnowledgeGraph {
  const spec: FixturePaper[] = [];
  for (let i = 0; i < 60; i++) spec.push({ id: `a${i}`, concepts: ['graph kernel', 'method', ...(i < 10 ? ['protein'] : []), ...(i < 10 ? ['rare'] : [])] });
  for (let i = 0; i < 60; i++) spec.push({ id: `b${i}`, concepts: ['folding', 'method', ...(i < 50 ? ['protein'] : [])] });
  const corpus = makeCorpus(spec);
  const graph = buildKnowledgeGraph(corpus.papers, corpus.extraction);
  graph.forEachNode((node, a) => {
    if (a.kind === 'paper') graph.setNodeAttribute(node, 'field', a.id.startsWith('a') ? 0 : 1);
    // Labels as authors write common nouns (the fixtures upper-case them).
    else (a as ConceptNodeAttributes).label = a.key;
  });
  return graph;
}

describe('findGenericConcepts', () => {
  it('names the concept whose papers spread over the fields like all papers, and no concentrated one', () => {
    const generic = findGenericConcepts(twoFields());
    expect(generic.map((c) => c.key)).toEqual(['method']);
    expect(generic[0]).toMatchObject({ df: 120, fields: 2 });
    expect(generic[0]!.divergence).toBeLessThan(0);
  });

  it('judges no concept below minDf, keeps the thesaurus targets, and needs two fields', () => {
    expect(findGenericConcepts(twoFields(), { minDf: 121 })).toEqual([]);
    expect(findGenericConcepts(twoFields(), { keep: new Set(['method']) })).toEqual([]);
    const one = twoFields();
    one.forEachNode((node, a) => {
      if (a.kind === 'paper') one.setNodeAttribute(node, 'field', 0);
    });
    expect(findGenericConcepts(one)).toEqual([]);
  });

  it('never names a concept written as a name (a language, a data source, an acronym)', () => {
    const graph = twoFields();
    (graph.getNodeAttributes('concept:method') as ConceptNodeAttributes).label = 'Wikipedia';
    expect(findGenericConcepts(graph)).toEqual([]);
    (graph.getNodeAttributes('concept:method') as ConceptNodeAttributes).label = '«method»';
    expect(findGenericConcepts(graph).map((c) => c.key)).toEqual(['method']);
  });

  it('with a higher cut, also names a concept only mildly concentrated', () => {
    // "protein": 10 of its 60 papers in field 0, 50 in field 1: KL = 0.243 nats, less 1/120.
    expect(findGenericConcepts(twoFields(), { maxDivergence: 0.25 }).map((c) => c.key)).toEqual(['method', 'protein']);
    expect(findGenericConcepts(twoFields(), { maxDivergence: 0.23 }).map((c) => c.key)).toEqual(['method']);
  });
});

/** A corpus of a few papers whose concepts are single words, phrases of common words, and a name. */
function smallCorpus(): KnowledgeGraph {
  const corpus = makeCorpus([
    { id: 'p1', concepts: ['sample', 'stability', 'time series', 'transformer'] },
    { id: 'p2', concepts: ['sample', 'stability', 'world model', 'treebank'] },
    { id: 'p3', concepts: ['coefficient', 'random forest', 'wikipedia'] },
  ]);
  const graph = buildKnowledgeGraph(corpus.papers, corpus.extraction, { minDf: 1 });
  graph.forEachNode((node, a) => {
    if (a.kind === 'concept') (a as ConceptNodeAttributes).label = a.key === 'wikipedia' ? 'Wikipedia' : a.key;
  });
  return graph;
}

describe('findGeneralScienceWords', () => {
  const background = {
    source: 'test',
    fields: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'],
    minArticles: 2,
    fieldsUsing: new Map([
      ['sample', 10],
      ['stability', 7],
      ['coefficient', 6],
      ['transformer', 2],
      ['time', 10],
      ['series', 8],
      ['world', 9],
      ['model', 10],
      ['random', 9],
      ['forest', 6],
      ['wikipedia', 10],
    ]),
  };

  it('names the single words most sciences use, at any corpus size, and no term made of such words', () => {
    const generic = findGeneralScienceWords(smallCorpus(), { background });
    expect(generic.map((c) => c.key)).toEqual(['coefficient', 'sample', 'stability']);
    expect(generic.find((c) => c.key === 'sample')).toMatchObject({ df: 2, sciences: 10 });
  });

  it('follows the cut, keeps the thesaurus targets and names, and judges nothing at 0', () => {
    expect(findGeneralScienceWords(smallCorpus(), { background, minSciences: 7 }).map((c) => c.key)).toEqual(['sample', 'stability']);
    expect(findGeneralScienceWords(smallCorpus(), { background, keep: new Set(['sample']) }).map((c) => c.key)).toEqual(['coefficient', 'stability']);
    expect(findGeneralScienceWords(smallCorpus(), { background, minSciences: 0 })).toEqual([]);
  });

  it('with the shipped background, drops ordinary words of science and keeps field terms', () => {
    const shipped = scienceWords();
    expect(shipped.fields).toHaveLength(10);
    expect(findGeneralScienceWords(smallCorpus()).map((c) => c.key)).toEqual(['coefficient', 'sample', 'stability']);
  });
});

describe('droppedConceptsFile, with words judged by the background', () => {
  it('writes the sciences column and leaves the spread columns empty', () => {
    const file = droppedConceptsFile([{ key: 'sample', label: 'sample', df: 3, sciences: 10 }]);
    expect(file.content.split('\n')[0]).toBe('key\tlabel\tpapers\tdivergence\tfields\tsciences');
    expect(file.content.split('\n')[1]).toBe('sample\tsample\t3\t\t\t10');
  });
});

describe('dropConcepts', () => {
  it('removes the concepts with their edges, and the broader links to them', () => {
    const graph = twoFields();
    const kernel = graph.getNodeAttributes('concept:graph kernel') as ConceptNodeAttributes;
    kernel.broader = 'method';
    const mentions = graph.mentions.size;
    const ofMethod = graph.mentions.rowsOfConcept('method').length;
    expect(ofMethod).toBeGreaterThan(0);
    dropConcepts(graph, ['method']);
    expect(graph.hasNode('concept:method')).toBe(false);
    expect(kernel.broader).toBeUndefined();
    graph.forEachEdge((_e, _a, s, t) => expect([s, t]).not.toContain('concept:method'));
    // Its mentions leave every reader of the mention store.
    expect(graph.mentions.size).toBe(mentions - ofMethod);
    expect(graph.mentions.rowsOfConcept('method')).toEqual([]);
    graph.mentions.forEachRow((r) => expect(graph.mentions.conceptKey(r)).not.toBe('method'));
  });
});

describe('droppedConceptsFile', () => {
  it('is a TSV with a header and one line per concept, tabs in labels replaced', () => {
    const file = droppedConceptsFile([{ key: 'method', label: 'me\tthod', df: 120, divergence: -0.0083, fields: 2 }]);
    expect(file.name).toBe('dropped-concepts.tsv');
    expect(file.content).toBe('key\tlabel\tpapers\tdivergence\tfields\tsciences\nmethod\tme thod\t120\t-0.0083\t2\t\n');
  });
});
