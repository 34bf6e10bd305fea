/**
 * Concept layout
 * ==============
 *
 * Precomputes concept positions so the viewer opens on a settled picture: seeded random
 * starting positions, a fixed number of ForceAtlas2 iterations (Jacomy, Venturini, Heymann &
 * Bastian 2014, https://doi.org/10.1371/journal.pone.0098679) with settings inferred from the
 * graph's size, then `noverlap` to pull overlapping nodes apart. Every step is deterministic,
 * so the same graph and seed give the same coordinates.
 */
import forceAtlas2Module from 'graphology-layout-forceatlas2';
import noverlapModule from 'graphology-layout-noverlap';
import type { KnowledgeGraph } from './build.js';
import { createRng } from './rng.js';
import { interopDefault, roundFloat, toConceptGraph } from './util.js';

const forceAtlas2 = interopDefault(forceAtlas2Module);
const noverlap = interopDefault(noverlapModule);

/** Options of {@link layoutConcepts} (merged with {@link LAYOUT_DEFAULTS}). */
export interface LayoutOptions {
  /** Seed of the starting positions. */
  seed: number;
  /** ForceAtlas2 iterations; 0 picks by size (more for small graphs, fewer for large ones). */
  iterations: number;
  /** Maximum noverlap iterations. */
  noverlapIterations: number;
}

export const LAYOUT_DEFAULTS: LayoutOptions = { seed: 42, iterations: 0, noverlapIterations: 50 };

/** Iterations by size: a few hundred settle a small graph; big graphs get fewer, costlier ones. */
export function defaultIterations(order: number): number {
  if (order <= 1000) return 500;
  if (order <= 10000) return 200;
  return 100;
}

/**
 * Lays out the concept nodes and stores `x`, `y` on them (paper nodes keep no position; the
 * viewer places them by their concepts). Node size for `noverlap` grows with weighted degree,
 * as the viewer draws it.
 */
export function layoutConcepts(graph: KnowledgeGraph, options: Partial<LayoutOptions> = {}): void {
  const o: LayoutOptions = { ...LAYOUT_DEFAULTS };
  for (const [k, v] of Object.entries(options)) if (v !== undefined) (o as unknown as Record<string, unknown>)[k] = v;
  const concepts = toConceptGraph(graph);
  if (concepts.order === 0) return;

  // A separate positions graph, so the layouts never write into shared attribute objects.
  const rng = createRng(o.seed);
  const spread = Math.sqrt(concepts.order) * 10;
  const positions = concepts.copy() as unknown as import('graphology').UndirectedGraph;
  positions.forEachNode((node) =>
    positions.replaceNodeAttributes(node, { x: (rng() - 0.5) * spread, y: (rng() - 0.5) * spread }),
  );
  let maxDegree = 0;
  positions.forEachNode((node) => {
    let degree = 0;
    positions.forEachEdge(node, (_e, a) => (degree += Number(a.weight)));
    positions.setNodeAttribute(node, 'degree', degree);
    maxDegree = Math.max(maxDegree, degree);
  });

  if (positions.size > 0) {
    forceAtlas2.assign(positions, {
      iterations: o.iterations > 0 ? o.iterations : defaultIterations(positions.order),
      settings: forceAtlas2.inferSettings(positions),
      getEdgeWeight: 'weight',
    });
  }
  noverlap.assign(positions, {
    maxIterations: o.noverlapIterations,
    inputReducer: (key: string, attributes: { x: number; y: number }) => ({
      x: attributes.x,
      y: attributes.y,
      size: 2 + 8 * Math.sqrt(maxDegree > 0 ? Number(positions.getNodeAttribute(key, 'degree')) / maxDegree : 0),
    }),
  });

  positions.forEachNode((node, attributes) => {
    graph.mergeNodeAttributes(node, { x: roundFloat(Number(attributes.x), 6), y: roundFloat(Number(attributes.y), 6) });
  });
}
