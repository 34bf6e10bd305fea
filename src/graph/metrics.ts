/**
 * Concept metrics
 * ===============
 *
 * Per concept: weighted degree (sum of CO_OCCURS weights), PageRank on the weighted concept
 * graph (`graphology-metrics`), and a bridge score, the participation coefficient of Guimerà &
 * Amaral 2005 ("Functional cartography of complex metabolic networks",
 * https://doi.org/10.1038/nature03288):
 *
 *   bridge(i) = 1 − Σ_c (k_ic / k_i)²
 *
 * with k_i the weighted degree and k_ic the weight of i's edges into community c. It is 0 for a
 * concept whose links all stay in one community and approaches 1 as they spread evenly.
 */
import pagerankModule from 'graphology-metrics/centrality/pagerank.js';
import type { ConceptNodeAttributes } from '../model.js';
import type { KnowledgeGraph } from './build.js';
import { interopDefault, roundFloat, toConceptGraph } from './util.js';

const pagerank = interopDefault(pagerankModule);

/** The metrics of one concept. */
export interface ConceptMetrics {
  weightedDegree: number;
  pagerank: number;
  /** 0 when communities are not known yet or the concept has no edges. */
  bridge: number;
}

/**
 * Computes the metrics of every concept and stores them on the concept nodes
 * (`weightedDegree`, `pagerank`, `bridge`). Run after {@link detectCommunities} so that the
 * bridge score sees the communities.
 */
export function computeConceptMetrics(graph: KnowledgeGraph): Map<string, ConceptMetrics> {
  const concepts = toConceptGraph(graph);
  const result = new Map<string, ConceptMetrics>();
  if (concepts.order === 0) return result;

  const ranks: Record<string, number> =
    concepts.size === 0
      ? Object.fromEntries(concepts.nodes().map((n) => [n, 1 / concepts.order]))
      : pagerank(concepts, { getEdgeWeight: 'weight' });

  concepts.forEachNode((node) => {
    const community = (node: string) => (graph.getNodeAttributes(node) as ConceptNodeAttributes).community;
    let degree = 0;
    const perCommunity = new Map<number, number>();
    concepts.forEachEdge(node, (_edge, attributes, source, target) => {
      const other = source === node ? target : source;
      degree += attributes.weight;
      const c = community(other);
      if (c !== undefined) perCommunity.set(c, (perCommunity.get(c) ?? 0) + attributes.weight);
    });
    let bridge = 0;
    if (degree > 0 && perCommunity.size > 0) {
      let sum = 0;
      for (const w of perCommunity.values()) sum += (w / degree) ** 2;
      bridge = 1 - sum;
    }
    const metrics: ConceptMetrics = {
      weightedDegree: roundFloat(degree),
      pagerank: roundFloat(ranks[node] ?? 0),
      bridge: roundFloat(Math.max(0, bridge)),
    };
    result.set(node, metrics);
    graph.mergeNodeAttributes(node, metrics);
  });
  return result;
}
