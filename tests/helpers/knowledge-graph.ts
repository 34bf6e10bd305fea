/**
 * Knowledge graphs for tests, written as one graphology graph with MENTIONS edges (as fixtures
 * read best) and turned into the graph the stages take: the MENTIONS go into its mention store,
 * in edge order, and everything else stays in graphology.
 */
import type { DirectedGraph } from 'graphology';
import type { EdgeAttributes, GraphAttributes, KnowledgeGraph, NodeAttributes, PaperNodeAttributes } from '../../src/model.js';
import { MentionStoreBuilder, createKnowledgeGraph } from '../../src/mention-store.js';

/** A graphology graph of Paper and Concept nodes with MENTIONS and CO_OCCURS edges. */
export type FullGraph = DirectedGraph<NodeAttributes, EdgeAttributes, GraphAttributes>;

/** `full` as a knowledge graph: its MENTIONS edges in the mention store, keyed by edge order. */
export function knowledgeGraphOf(full: FullGraph): KnowledgeGraph {
  const builder = new MentionStoreBuilder();
  full.forEachNode((_node, a) => {
    if (a.kind === 'paper') builder.addPaper(a.id, a);
  });
  full.forEachEdge((_edge, a, _source, _target, source, target) => {
    if (a.type !== 'MENTIONS' || source.kind !== 'paper' || target.kind !== 'concept') return;
    builder.add(builder.addPaper(source.id, source as PaperNodeAttributes), builder.addConcept(target.key), a);
  });
  const graph = createKnowledgeGraph(builder.finish());
  graph.replaceAttributes({ ...full.getAttributes() });
  full.forEachNode((node, a) => graph.addNode(node, a));
  full.forEachEdge((edge, a, source, target) => {
    if (a.type === 'CO_OCCURS') graph.addDirectedEdgeWithKey(edge, source, target, a);
  });
  return graph;
}
