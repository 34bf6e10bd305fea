/**
 * The display graph sigma draws: concepts (and, on demand, papers) with position, size, colour
 * and label; co-occurrence edges (and MENTIONS once papers are shown). Styling that depends on
 * the UI state (hover, selection, filters) is left to the reducers.
 */
import Graph from 'graphology';
import { conceptsDrawnWhileMoving, STILL_ONLY_TYPE } from './lod';
import { EDGE_COLOR, lighten } from './palette';
import type { Model } from './model';

export const conceptNode = (i: number): string => `c${i}`;
export const paperNode = (i: number): string => `p${i}`;

/** Parses a display node key back into its kind and index. */
export function parseNode(key: string): { kind: 'concept' | 'paper'; index: number } {
  return { kind: key[0] === 'p' ? 'paper' : 'concept', index: Number(key.slice(1)) };
}

export interface NodeAttrs {
  x: number;
  y: number;
  size: number;
  color: string;
  /**
   * The label sigma may draw unprompted, or null: only each topic's most important concepts
   * qualify (see {@link labelQuota}), so the map is not labelled with generic hubs alone.
   */
  label: string | null;
  /** The full label, shown for the hovered or selected node and its neighbours. */
  name: string;
  kind: 'concept' | 'paper';
  index: number;
  community: number;
  /** sigma node program; the small nodes of big graphs are drawn only when the camera is still. */
  type?: string;
}

export interface EdgeAttrs {
  size: number;
  color: string;
  weight: number;
  kind: 'co' | 'mention';
  /** Position of a co-occurrence edge in the data's edge list; -1 for MENTIONS. */
  index: number;
  /** Display keys of the two ends, kept here so reducers need no graph lookups. */
  source: string;
  target: string;
}

export type DisplayGraph = Graph<NodeAttrs, EdgeAttrs>;

/** Node size range in pixels: smaller nodes on big graphs keep the picture readable. */
export function sizeRange(order: number): [number, number] {
  return order > 5000 ? [1, 8] : order > 1000 ? [1.5, 11] : order > 300 ? [2, 13] : [3, 16];
}

/**
 * How many of a topic's concepts (most important first) may carry a map label: a few for
 * every topic, more for big ones. The label grid then keeps the largest per screen cell.
 */
export function labelQuota(topicSize: number): number {
  return Math.max(3, Math.round(Math.sqrt(Math.max(0, topicSize))));
}

/** Concepts without a layout (all at one point) are spread around their community instead. */
function fallbackPositions(model: Model): { x: number[]; y: number[] } {
  const { x, y, community } = model.data.concepts;
  const flat = x.every((v) => v === x[0]) && y.every((v) => v === y[0]);
  if (!flat) return { x, y };
  const k = Math.max(1, model.data.communities.length);
  const counts = new Map<number, number>();
  const nx: number[] = [];
  const ny: number[] = [];
  for (let i = 0; i < model.conceptCount; i++) {
    const c = community[i]!;
    const n = counts.get(c) ?? 0;
    counts.set(c, n + 1);
    const angle = (2 * Math.PI * Math.max(0, c)) / k;
    const r = Math.sqrt(n) * 0.6;
    const t = n * 2.39996;
    nx.push(Math.cos(angle) * 12 + r * Math.cos(t));
    ny.push(Math.sin(angle) * 12 + r * Math.sin(t));
  }
  return { x: nx, y: ny };
}

/**
 * Node size of each concept: by co-occurrence strength (weighted degree, counts as weights; older
 * files lack it) on a log scale, since a few hubs would otherwise leave everything else at the
 * minimum. `share` scales each concept's strength (the share of its papers within a year range),
 * against the same maximum, so concepts shrink as the range leaves out their papers.
 */
export function conceptSizes(model: Model, share?: ArrayLike<number>): Float32Array {
  const c = model.data.concepts;
  const weight = c.strength ?? c.weightedDegree;
  let max = 0;
  for (const w of weight) if (w > max) max = w;
  const [lo, hi] = sizeRange(model.conceptCount);
  const scale = max > 0 ? 1 / Math.log1p(max) : 0;
  const sizes = new Float32Array(model.conceptCount);
  for (let i = 0; i < model.conceptCount; i++) {
    const w = Math.max(0, weight[i]!) * (share ? share[i]! : 1);
    sizes[i] = lo + (hi - lo) * Math.log1p(w) * scale;
  }
  return sizes;
}

/** The largest weight among the displayed edges. */
export function maxEdgeWeight(model: Model): number {
  let max = 0;
  for (let i = 2; i < model.data.edges.length; i += 4) if (model.data.edges[i]! > max) max = model.data.edges[i]!;
  return max;
}

/** Edge width from its weight: thicker for stronger links, square-root scaled. */
export function edgeSize(weight: number, maxWeight: number): number {
  return 1 + (maxWeight > 0 ? 2 * Math.sqrt(Math.max(0, weight) / maxWeight) : 0);
}

/** Builds the concept graph. */
export function createDisplayGraph(model: Model): DisplayGraph {
  const graph: DisplayGraph = new Graph<NodeAttrs, EdgeAttrs>({ type: 'undirected', multi: false });
  const c = model.data.concepts;
  const { x, y } = fallbackPositions(model);
  const sizes = conceptSizes(model);
  // Concepts come ordered by importance, so the index is the rank.
  const keepWhileMoving = conceptsDrawnWhileMoving(model.conceptCount);
  const topicSize = new Map(model.data.communities.map((t) => [t.id, t.size]));
  for (let i = 0; i < model.conceptCount; i++) {
    const labelled = model.topicRank[i]! < labelQuota(topicSize.get(c.community[i]!) ?? 0);
    graph.addNode(conceptNode(i), {
      x: x[i]!,
      y: y[i]!,
      size: sizes[i]!,
      color: model.communityColor(c.community[i]!),
      label: labelled ? c.label[i]! : null,
      name: c.label[i]!,
      kind: 'concept',
      index: i,
      community: c.community[i]!,
      type: i < keepWhileMoving ? 'circle' : STILL_ONLY_TYPE,
    });
  }
  const maxWeight = maxEdgeWeight(model);
  for (let i = 0; i + 4 <= model.data.edges.length; i += 4) {
    const s = model.data.edges[i]!;
    const t = model.data.edges[i + 1]!;
    const weight = model.data.edges[i + 2]!;
    graph.addUndirectedEdgeWithKey(`e${i / 4}`, conceptNode(s), conceptNode(t), {
      size: edgeSize(weight, maxWeight),
      color: EDGE_COLOR,
      weight,
      kind: 'co',
      index: i / 4,
      source: conceptNode(s),
      target: conceptNode(t),
    });
  }
  return graph;
}

/** Small deterministic jitter, so papers with the same concepts do not sit on one point. */
function jitter(i: number, salt: number): number {
  let h = Math.imul(i ^ salt, 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca77);
  h ^= h >>> 13;
  return ((h >>> 0) / 4294967296) - 0.5;
}

/** Above this many papers, paper nodes too are drawn only when the camera is still. */
export const LOD_MIN_PAPERS = 2000;

/** Adds the paper nodes and MENTIONS edges (the bipartite view), placed among their concepts. */
export function addPapers(graph: DisplayGraph, model: Model): void {
  if (model.paperCount === 0 || graph.hasNode(paperNode(0))) return;
  let minX = Infinity;
  let maxX = -Infinity;
  graph.forEachNode((_, a) => {
    if (a.x < minX) minX = a.x;
    if (a.x > maxX) maxX = a.x;
  });
  const spread = Number.isFinite(minX) ? Math.max(1e-6, (maxX - minX) * 0.015) : 1;
  const p = model.data.papers;
  for (let i = 0; i < model.paperCount; i++) {
    const mentions = model.paperMentions[i]!;
    let sx = 0;
    let sy = 0;
    for (const m of mentions) {
      const a = graph.getNodeAttributes(conceptNode(m.concept));
      sx += a.x;
      sy += a.y;
    }
    const n = Math.max(1, mentions.length);
    const community = p.community[i]!;
    graph.addNode(paperNode(i), {
      x: sx / n + jitter(i, 1) * spread * 4,
      y: sy / n + jitter(i, 2) * spread * 4,
      size: 2.5,
      color: lighten(model.communityColor(community), 0.35),
      label: null,
      name: p.title[i]!,
      kind: 'paper',
      index: i,
      community,
      type: model.paperCount > LOD_MIN_PAPERS ? STILL_ONLY_TYPE : 'circle',
    });
    for (const m of mentions) {
      const key = `m${i}-${m.concept}`;
      if (!graph.hasEdge(key)) {
        graph.addUndirectedEdgeWithKey(key, paperNode(i), conceptNode(m.concept), {
          size: 0.4,
          color: EDGE_COLOR,
          weight: m.count,
          kind: 'mention',
          index: -1,
          source: paperNode(i),
          target: conceptNode(m.concept),
        });
      }
    }
  }
}
