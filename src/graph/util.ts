/**
 * Graph stage helpers: stable ordering, float rounding, the concept-only projection.
 */
import { UndirectedGraph } from 'graphology';
import type { ConceptNodeAttributes, EdgeAttributes, GraphAttributes, NodeAttributes } from '../model.js';
import type { DirectedGraph } from 'graphology';
import type { EventEmitter } from 'node:events';

export { compareStrings } from '../compare-strings.js';

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

const projections = new WeakMap<object, ConceptGraph>();

/** Structural events after which a cached projection is stale. */
const STALE_EVENTS = ['nodeAdded', 'nodeDropped', 'edgeAdded', 'edgeDropped', 'cleared', 'edgesCleared', 'edgeAttributesUpdated', 'eachEdgeAttributesUpdated'];

/**
 * Projects the knowledge graph onto its concepts: every concept node, every CO_OCCURS edge as
 * an undirected weighted edge. Communities, metrics and the layout all run on this view.
 * The projection is cached per graph until its nodes, edges or edge attributes change; node
 * attribute objects are the knowledge graph's own (read them, write through the graph).
 */
export function toConceptGraph(graph: DirectedGraph<NodeAttributes, EdgeAttributes, GraphAttributes>): ConceptGraph {
  const cached = projections.get(graph);
  if (cached) return cached;
  const concepts: ConceptGraph = new UndirectedGraph();
  graph.forEachNode((node, attributes) => {
    if (attributes.kind === 'concept') concepts.addNode(node, attributes);
  });
  graph.forEachEdge((edge, attributes, source, target) => {
    if (attributes.type === 'CO_OCCURS') {
      concepts.addUndirectedEdgeWithKey(edge, source, target, { weight: attributes.weight, papers: attributes.papers });
    }
  });
  projections.set(graph, concepts);
  // A graphology graph is an EventEmitter; its typings list events one by one.
  const emitter = graph as unknown as EventEmitter;
  const invalidate = () => {
    projections.delete(graph);
    for (const event of STALE_EVENTS) emitter.removeListener(event, invalidate);
  };
  for (const event of STALE_EVENTS) emitter.on(event, invalidate);
  return concepts;
}

/**
 * The callable of a CommonJS package whose typings say `export default`: under NodeNext the
 * default import is `module.exports` itself, which the typings describe as `{ default }`.
 */
export function interopDefault<T>(module: { default: T }): T {
  return ((module as { default?: T }).default ?? module) as T;
}
