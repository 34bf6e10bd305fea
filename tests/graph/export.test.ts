import { DirectedGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { describe, expect, it } from 'vitest';
import {
  buildKnowledgeGraph,
  computeConceptMetrics,
  detectCommunities,
  exportGraph,
  layoutConcepts,
} from '../../src/graph/index.js';
import { escapeXml } from '../../src/graph/export.js';
import type { ConceptNodeAttributes } from '../../src/model.js';
import { toKnowledgeGraph, withMentionEdges } from '../../src/mention-store.js';
import { cliqueCorpus, makeCorpus } from './fixtures.js';

function sampleGraph() {
  const spec = cliqueCorpus(2, 4, [[0, 1]]);
  // A title with XML and CSV specials, and a control character XML cannot hold.
  spec[0] = { ...spec[0]!, title: 'Heat <kernels> & "quotes", commas\u0001' };
  const corpus = makeCorpus(spec);
  const graph = buildKnowledgeGraph(corpus.papers, corpus.extraction);
  detectCommunities(graph);
  computeConceptMetrics(graph);
  layoutConcepts(graph);
  return graph;
}

describe('exportGraph', () => {
  const graph = sampleGraph();

  it('writes GEXF that graphology-gexf reads back with the same counts', () => {
    const [file] = exportGraph(graph, 'gexf');
    expect(file!.name).toBe('graph.gexf');
    const back = parseGexf(DirectedGraph, file!.content);
    expect(back.order).toBe(graph.order);
    expect(back.size).toBe(graph.size + graph.mentions.size);
    expect(back.getNodeAttribute('concept:c0n0', 'community')).toBe(graph.getNodeAttribute('concept:c0n0', 'community'));
    expect(back.getNodeAttribute('concept:c0n0', 'x')).toBeCloseTo((graph.getNodeAttributes('concept:c0n0') as ConceptNodeAttributes).x!, 3);
    expect(back.getNodeAttribute('paper:q0a', 'label')).toBe('Heat <kernels> & "quotes", commas');
  });

  it('writes GraphML that graphology-graphml reads back with the same counts', () => {
    const [file] = exportGraph(graph, 'graphml');
    expect(file!.name).toBe('graph.graphml');
    const back = parseGraphml(DirectedGraph, file!.content);
    expect(back.order).toBe(graph.order);
    expect(back.size).toBe(graph.size + graph.mentions.size);
    expect(back.getNodeAttribute('concept:c1n2', 'df')).toBe(2);
    expect(back.getNodeAttribute('concept:c1n2', 'aliases')).toBe('c1n2');
    expect(back.getNodeAttribute('paper:q0a', 'title')).toBe('Heat <kernels> & "quotes", commas');
  });

  it('declares integer attributes as long and fractional ones as double in GraphML', () => {
    const [file] = exportGraph(graph, 'graphml');
    const declared = new Map([...file!.content.matchAll(/<key id="n_\w+" for="node" attr\.name="(\w+)" attr\.type="(\w+)"\/>/g)].map((m) => [m[1], m[2]]));
    expect(declared.get('df')).toBe('long');
    expect(declared.get('community')).toBe('long');
    expect(declared.get('pagerank')).toBe('double');
    expect(declared.get('x')).toBe('double');
    expect(declared.get('title')).toBe('string');
  });

  it('gives each evidence sentence once when a paper mentions a concept twice in it', () => {
    const full = withMentionEdges(sampleGraph());
    const edge = full.edge('paper:q0a', 'concept:c0n0')!;
    full.mergeNodeAttributes('paper:q0a', { abstract: 'Twice c0n0 and c0n0. Once c0n0.' });
    const sentence = { field: 'abstract' as const, sentence: 'Twice c0n0 and c0n0.', sentenceStart: 0, start: 6, end: 10 };
    const once = { field: 'abstract' as const, sentence: 'Once c0n0.', sentenceStart: 21, start: 26, end: 30 };
    full.mergeEdgeAttributes(edge, { evidence: [sentence, { ...sentence, start: 15, end: 19 }, once] });
    const edges = exportGraph(toKnowledgeGraph(full), 'csv')[1]!.content;
    expect(edges).toMatch(/^paper:q0a,concept:c0n0,.*,Twice c0n0 and c0n0\. \| Once c0n0\.$/m);
  });

  it('writes nodes.csv and edges.csv with one row per node and edge', () => {
    const files = exportGraph(graph, 'csv');
    expect(files.map((f) => f.name)).toEqual(['nodes.csv', 'edges.csv']);
    const [nodes, edges] = files.map((f) => f.content);
    expect(nodes!.split('\n')[0]).toBe('Id,Label,kind,community,df,termhood,pagerank,weightedDegree,bridge,x,y,aliases,year,date,url');
    // The quoted title keeps its comma inside one field: count records, not lines.
    expect(nodes!.trimEnd().split('\n')).toHaveLength(graph.order + 1);
    expect(nodes).toContain('"Heat <kernels> & ""quotes"", commas\u0001"');
    expect(edges!.trimEnd().split('\n')).toHaveLength(graph.size + graph.mentions.size + 1);
    expect(edges!.split('\n')[0]).toBe('Source,Target,Type,Weight,relation,papers,count,score,evidence');
    expect(edges).toMatch(/^concept:c0n0,concept:c0n1,Undirected,[\d.]+,CO_OCCURS,2,,,$/m);
    // A mention keeps the sentence it was found in, as `export --help` promises.
    expect(edges).toMatch(/^paper:q0a,concept:c0n0,Directed,1,MENTIONS,,1,1,We study c0n0\.$/m);
  });
});

describe('escaping', () => {
  it.each([
    ['a & b', 'a &amp; b'],
    ['<x y="1">', '&lt;x y=&quot;1&quot;&gt;'],
    ["it's", 'it&apos;s'],
    ['bell\u0007 tab\t', 'bell tab\t'],
  ])('escapeXml(%j)', (input, expected) => expect(escapeXml(input)).toBe(expected));
});
