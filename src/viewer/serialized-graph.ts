/**
 * The viewer's data from a serialized graph
 * =========================================
 *
 * `papergraph serve` on a build folder without a (fresh) `viewer-data.json` derives the data
 * from `graph.json` as parsed JSON, without building a graphology instance (a large graph
 * derives faster). Reading the folder is src/build-dir/'s part; this takes the parsed data.
 */
import type { CommunitiesFile, SerializedGraph } from '../model.js';
import { createViewerData, type ReadableGraph, type ViewerDataOptions } from './viewer-data.js';

/** Reads a serialized graph (graph.json) without building a graphology instance. */
export function readSerializedGraph(data: SerializedGraph): ReadableGraph {
  return {
    forEachNode(callback) {
      for (const n of data.nodes) callback(n.key, n.attributes ?? {});
    },
    forEachEdge(callback) {
      data.edges.forEach((e, i) => callback(e.key ?? String(i), e.attributes ?? {}, e.source, e.target));
    },
    getAttributes() {
      return data.attributes ?? {};
    },
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
