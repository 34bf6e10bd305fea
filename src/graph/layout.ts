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
  if (order <= 1000) return 300;
  if (order <= 10000) return 150;
  if (order <= 50000) return 80;
  return 40;
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

  // Seeded start; the layouts read positions from the projection's node attributes.
  const rng = createRng(o.seed);
  const spread = Math.sqrt(concepts.order) * 10;
  const degree = new Map<string, number>();
  let maxDegree = 0;
  concepts.forEachNode((node) => {
    concepts.mergeNodeAttributes(node, { x: (rng() - 0.5) * spread, y: (rng() - 0.5) * spread });
    let d = 0;
    concepts.forEachEdge(node, (_e, a) => (d += a.weight));
    degree.set(node, d);
    maxDegree = Math.max(maxDegree, d);
  });
  const place = (mapping: Record<string, { x: number; y: number }>) =>
    concepts.forEachNode((node) => concepts.mergeNodeAttributes(node, mapping[node]!));

  if (concepts.size > 0) {
    place(
      forceAtlas2(concepts, {
        iterations: o.iterations > 0 ? o.iterations : defaultIterations(concepts.order),
        settings: forceAtlas2.inferSettings(concepts),
        getEdgeWeight: 'weight',
      }),
    );
  }
  place(
    noverlap(concepts, {
      maxIterations: o.noverlapIterations,
      inputReducer: (key: string, attributes: { x: number; y: number }) => ({
        x: attributes.x,
        y: attributes.y,
        size: 2 + 8 * Math.sqrt(maxDegree > 0 ? degree.get(key)! / maxDegree : 0),
      }),
    }),
  );

  concepts.forEachNode((node, attributes) => {
    graph.mergeNodeAttributes(node, { x: roundFloat(Number(attributes.x), 6), y: roundFloat(Number(attributes.y), 6) });
  });
}
