/**
 * Concept layout
 * ==============
 *
 * Precomputes concept positions so the viewer opens on a settled picture in which each research
 * cluster owns a region. When concepts carry a `community` (topic) and a `field`, the regions
 * come first: each topic gets a circle of area proportional to its concepts, packed inside its
 * field's circle, the fields packed side by side (d3-hierarchy's circle packing, Wang et al.
 * 2006, https://doi.org/10.1145/1124772.1124851). Then each topic's concepts are laid out on
 * their own and fitted into its circle. Without communities the whole graph is one region.
 * Inside a region: seeded random starting positions, a fixed number of ForceAtlas2 iterations
 * (Jacomy, Venturini, Heymann & Bastian 2014, https://doi.org/10.1371/journal.pone.0098679)
 * with settings inferred from the region's size, then `noverlap` to pull overlapping nodes
 * apart. Every step is deterministic, so the same graph and seed give the same coordinates.
 */
import forceAtlas2Module from 'graphology-layout-forceatlas2';
import noverlapModule from 'graphology-layout-noverlap';
import { resolveDefaults } from '../defaults.js';
import type { KnowledgeGraph } from './build.js';
import { createRng } from './rng.js';
import { hierarchy, pack } from 'd3-hierarchy';
import { UndirectedGraph } from 'graphology';
import { compareStrings, interopDefault, roundFloat, toConceptGraph, type ConceptGraph } from './util.js';

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
  const degree = new Map<string, number>();
  all.forEachNode((node) => {
    let d = 0;
    all.forEachEdge(node, (_e, a) => (d += a.weight));
    degree.set(node, d);
  });
  const rng = createRng(o.seed);
  const positions = new Map<string, { x: number; y: number }>();
  const spread = Math.sqrt(all.order) * 10;
  for (const region of packRegions(all, spread)) {
    const members = region.members.length === all.order ? all : subgraph(all, new Set(region.members));
    const local = layoutRegion(members, degree, o, rng);
    fitIntoCircle(local, region);
    for (const [node, p] of local) positions.set(node, p);
  }
  all.forEachNode((node) => {
    const p = positions.get(node)!;
    graph.mergeNodeAttributes(node, { x: roundFloat(p.x, 6), y: roundFloat(p.y, 6) });
  });
}

/** A circle of the picture and the concepts laid out in it. */
interface Region {
  x: number;
  y: number;
  r: number;
  members: string[];
}

/**
 * One circle per topic, area proportional to its concepts, packed inside its field's circle;
 * fields packed in a square of side `2 · spread`. One region for all when no node has a topic.
 */
function packRegions(all: ConceptGraph, spread: number): Region[] {
  const topics = new Map<number, { field: number; members: string[] }>();
  all.forEachNode((node, a) => {
    if (a.community === undefined) return;
    let topic = topics.get(a.community);
    if (!topic) topics.set(a.community, (topic = { field: a.field ?? a.community, members: [] }));
    topic.members.push(node);
  });
  if (topics.size < 2 || [...topics.values()].reduce((n, t) => n + t.members.length, 0) !== all.order) {
    return [{ x: 0, y: 0, r: spread, members: all.nodes() }];
  }
  const fields = new Map<number, number[]>();
  for (const [id, topic] of [...topics].sort((x, y) => x[0] - y[0])) {
    let list = fields.get(topic.field);
    if (!list) fields.set(topic.field, (list = []));
    list.push(id);
  }
  type Datum = { topic?: number; value?: number; children?: Datum[] };
  const tree: Datum = {
    children: [...fields].sort((x, y) => x[0] - y[0]).map(([, ids]) => ({
      children: ids.map((id) => ({ topic: id, value: topics.get(id)!.members.length })),
    })),
  };
  const root = hierarchy<Datum>(tree)
    .sum((d) => d.value ?? 0)
    .sort((x, y) => (y.value ?? 0) - (x.value ?? 0) || (x.data.topic ?? 0) - (y.data.topic ?? 0));
  // Padding grows with depth: fields stand further apart than the topics inside them.
  const packed = pack<Datum>()
    .size([2 * spread, 2 * spread])
    .padding((node) => (node.depth === 0 ? spread / 25 : spread / 60))(root);
  return packed.leaves().map((leaf) => ({
    x: leaf.x - spread,
    y: leaf.y - spread,
    r: leaf.r,
    members: topics.get(leaf.data.topic!)!.members,
  }));
}

/** Moves and scales positions so they fill `circle` (centred on their mean, the farthest on 0.9 r). */
function fitIntoCircle(positions: Map<string, { x: number; y: number }>, circle: Region): void {
  let cx = 0;
  let cy = 0;
  for (const p of positions.values()) {
    cx += p.x;
    cy += p.y;
  }
  cx /= positions.size;
  cy /= positions.size;
  let far = 0;
  for (const p of positions.values()) far = Math.max(far, Math.hypot(p.x - cx, p.y - cy));
  const scale = far > 0 ? (0.9 * circle.r) / far : 0;
  for (const [node, p] of positions) positions.set(node, { x: circle.x + (p.x - cx) * scale, y: circle.y + (p.y - cy) * scale });
}

/**
 * Positions of one region's concepts: ForceAtlas2 on its strongest `maxForceNodes` (all when
 * 0), `noverlap`, the others beside their placed neighbours.
 */
function layoutRegion(
  all: ConceptGraph,
  degree: ReadonlyMap<string, number>,
  o: LayoutOptions,
  rng: () => number,
): Map<string, { x: number; y: number }> {
  const byStrength = (a: string, b: string) => degree.get(b)! - degree.get(a)! || compareStrings(a, b);
  const forced = o.maxForceNodes > 0 && all.order > o.maxForceNodes ? new Set([...all.nodes()].sort(byStrength).slice(0, o.maxForceNodes)) : undefined;
  // A copy: the starting positions must not land on the knowledge graph's own node attributes.
  const concepts = subgraph(all, forced ?? new Set(all.nodes()));

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
  return positions;
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
