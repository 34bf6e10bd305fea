/**
 * The viewer's data from a serialized graph
 * =========================================
 *
 * `papergraph serve` on a build folder without a (fresh) `viewer-data.json` derives the data
 * from `graph.json` as parsed JSON, without building a graphology instance (a large graph
 * derives faster). Reading the folder is src/build-dir/'s part; this takes the parsed data.
 */
import { conceptNodeKey, paperNodeKey, type CommunitiesFile, type Evidence, type KnowledgeGraph, type SerializedGraph } from '../model.js';
import { createViewerData, type ReadableGraph, type ViewerDataOptions } from './viewer-data.js';

/** Reads a serialized graph (graph.json) without building a graphology instance. */
export function readSerializedGraph(data: SerializedGraph): ReadableGraph {
  return {
    forEachNode(callback) {
      for (const n of data.nodes) callback(n.key, n.attributes ?? {});
    },
    forEachEdge(callback) {
      data.edges.forEach((e, i) => {
        if (e.attributes?.type !== 'MENTIONS') callback(e.key ?? String(i), e.attributes ?? {}, e.source, e.target);
      });
    },
    forEachMention(callback) {
      data.edges.forEach((e, i) => {
        const a = e.attributes;
        if (a?.type === 'MENTIONS') callback(e.source, e.target, typeof a.count === 'number' ? a.count : 1, typeof a.score === 'number' ? a.score : 0, i);
      });
    },
    mentionEvidence(ref) {
      const evidence = data.edges[ref]?.attributes?.evidence;
      return Array.isArray(evidence) ? (evidence as Evidence[]) : undefined;
    },
    getAttributes() {
      return data.attributes ?? {};
    },
  };
}

/** Reads a built knowledge graph: its nodes and edges, and the mentions from its mention store. */
export function readKnowledgeGraph(graph: KnowledgeGraph): ReadableGraph {
  const store = graph.mentions;
  return {
    forEachNode: (callback) => graph.forEachNode(callback),
    forEachEdge: (callback) => graph.forEachEdge(callback),
    forEachMention(callback) {
      const concepts = store.concepts.map(conceptNodeKey);
      const papers = store.papers.map(paperNodeKey);
      store.forEachRow((row) => callback(papers[store.paperOf(row)]!, concepts[store.conceptOf(row)]!, store.count(row), store.score(row), row));
    },
    mentionEvidence: (row) => store.evidence(row),
    getAttributes: () => graph.getAttributes(),
  };
}

/** The viewer data of a serialized graph (evidence sentences restored) as JSON text. */
export function viewerDataJson(
  graph: SerializedGraph,
  communities: CommunitiesFile | null,
  options: Partial<ViewerDataOptions> = {},
): string {
  return JSON.stringify(createViewerData(readSerializedGraph(graph), communities, options));
}
