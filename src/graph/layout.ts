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
import { resolveDefaults } from '../defaults.js';
import type { KnowledgeGraph } from './build.js';
import { createRng } from './rng.js';
import { UndirectedGraph } from 'graphology';
import { interopDefault, roundFloat, toConceptGraph, type ConceptGraph } from './util.js';

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
  /**
   * Concepts laid out by ForceAtlas2 (the strongest by weighted degree; 0 = all). The others
   * are placed beside their already placed neighbours: ForceAtlas2 on tens of thousands of
   * concepts takes minutes, and the viewer shows the strongest ones first anyway.
   */
  maxForceNodes: number;
}

export const LAYOUT_DEFAULTS: LayoutOptions = { seed: 42, iterations: 0, noverlapIterations: 50, maxForceNodes: 3000 };

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
  const o = resolveDefaults(LAYOUT_DEFAULTS, options);
  const all = toConceptGraph(graph);
  if (all.order === 0) return;

  // Seeded start; the layouts read positions from the projection's node attributes.
  const rng = createRng(o.seed);
  const degree = new Map<string, number>();
  all.forEachNode((node) => {
    let d = 0;
    all.forEachEdge(node, (_e, a) => (d += a.weight));
    degree.set(node, d);
  });
  const byStrength = (a: string, b: string) => degree.get(b)! - degree.get(a)! || (a < b ? -1 : a > b ? 1 : 0);
  const forced = o.maxForceNodes > 0 && all.order > o.maxForceNodes ? new Set([...all.nodes()].sort(byStrength).slice(0, o.maxForceNodes)) : undefined;
  const concepts = forced ? subgraph(all, forced) : all;

  const spread = Math.sqrt(concepts.order) * 10;
  let maxDegree = 0;
  concepts.forEachNode((node) => {
    concepts.mergeNodeAttributes(node, { x: (rng() - 0.5) * spread, y: (rng() - 0.5) * spread });
    maxDegree = Math.max(maxDegree, degree.get(node)!);
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

  const positions = new Map<string, { x: number; y: number }>();
  concepts.forEachNode((node, attributes) => positions.set(node, { x: Number(attributes.x), y: Number(attributes.y) }));
  if (forced) placeBesideNeighbours(all, positions, [...all.nodes()].filter((n) => !forced.has(n)).sort(byStrength), rng, spread);

  all.forEachNode((node) => {
    const p = positions.get(node)!;
    graph.mergeNodeAttributes(node, { x: roundFloat(p.x, 6), y: roundFloat(p.y, 6) });
  });
}

/** The projection restricted to `keep` (positions are written on copies, not the graph's nodes). */
function subgraph(all: ConceptGraph, keep: Set<string>): ConceptGraph {
  const sub: ConceptGraph = new UndirectedGraph();
  for (const node of keep) sub.addNode(node, { ...all.getNodeAttributes(node) });
  all.forEachEdge((edge, attributes, source, target) => {
    if (keep.has(source) && keep.has(target)) sub.addUndirectedEdgeWithKey(edge, source, target, attributes);
  });
  return sub;
}

/**
 * Places each of `rest` (strongest first) at the weight-averaged position of its placed
 * neighbours plus a small seeded offset, or at random in the picture when it has none.
 */
function placeBesideNeighbours(
  all: ConceptGraph,
  positions: Map<string, { x: number; y: number }>,
  rest: string[],
  rng: () => number,
  spread: number,
): void {
  const jitter = spread / Math.sqrt(Math.max(1, positions.size)) / 2;
  for (const node of rest) {
    let x = 0;
    let y = 0;
    let w = 0;
    all.forEachNeighbor(node, (neighbour) => {
      const p = positions.get(neighbour);
      if (!p) return;
      const weight = all.getEdgeAttribute(all.edge(node, neighbour)!, 'weight');
      x += p.x * weight;
      y += p.y * weight;
      w += weight;
    });
    const angle = rng() * 2 * Math.PI;
    const radius = jitter * (0.5 + rng());
    positions.set(
      node,
      w > 0
        ? { x: x / w + radius * Math.cos(angle), y: y / w + radius * Math.sin(angle) }
        : { x: (rng() - 0.5) * spread, y: (rng() - 0.5) * spread },
    );
  }
}
