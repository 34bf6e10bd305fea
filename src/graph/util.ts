/**
 * Graph stage helpers: stable ordering, float rounding, the concept-only projection.
 */
import { UndirectedGraph } from 'graphology';
import type { ConceptNodeAttributes, EdgeAttributes, GraphAttributes, NodeAttributes } from '../model.js';
import type { DirectedGraph } from 'graphology';

/** Code-unit order: unlike `localeCompare`, the same on every machine and locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Rounds to 8 significant digits so float noise never reaches the files. */
export function roundFloat(x: number, digits = 8): number {
  if (!Number.isFinite(x) || x === 0) return Number.isFinite(x) ? 0 : x;
  return Number(x.toPrecision(digits));
}

/** Attributes of the concept co-occurrence projection. */
export interface ConceptGraphEdge {
  weight: number;
  papers: number;
}

/** The undirected weighted concept graph (node keys as in the knowledge graph). */
export type ConceptGraph = UndirectedGraph<ConceptNodeAttributes, ConceptGraphEdge>;

/**
 * Projects the knowledge graph onto its concepts: every concept node, every CO_OCCURS edge as
 * an undirected weighted edge. Communities, metrics and the layout all run on this view.
 * Attributes are shared by reference with the knowledge graph's nodes (read them, don't write).
 */
export function toConceptGraph(graph: DirectedGraph<NodeAttributes, EdgeAttributes, GraphAttributes>): ConceptGraph {
  const concepts: ConceptGraph = new UndirectedGraph();
  graph.forEachNode((node, attributes) => {
    if (attributes.kind === 'concept') concepts.addNode(node, attributes);
  });
  graph.forEachEdge((edge, attributes, source, target) => {
    if (attributes.type === 'CO_OCCURS') {
      concepts.addUndirectedEdgeWithKey(edge, source, target, { weight: attributes.weight, papers: attributes.papers });
    }
  });
  return concepts;
}

/**
 * The callable of a CommonJS package whose typings say `export default`: under NodeNext the
 * default import is `module.exports` itself, which the typings describe as `{ default }`.
 */
export function interopDefault<T>(module: { default: T }): T {
  return ((module as { default?: T }).default ?? module) as T;
}
