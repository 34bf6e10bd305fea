/**
 * Topics and fields
 * =================
 *
 * Two levels of research clusters. Topics are the communities of the core concept graph (see
 * core-graph.ts); fields are communities of topics: the topics as nodes, linked by the summed
 * weights between their concepts, partitioned again. So every topic lies in exactly one field,
 * and a warm-started build only has to keep its topics stable. When the field resolution is left
 * to the build, it rises until no field holds more than `maxFieldShare` of the papers: one field
 * of half the corpus names nothing. Topics of fewer than `minTopicConcepts` core concepts join the
 * topic they link to most; one linked to no other leaves the core. Concepts outside the core join
 * the topic holding most of their papers (each paper placed by its core concepts' scores), else
 * that of their strongest placed neighbour.
 */
import { UndirectedGraph } from 'graphology';
import { paperNodeKey, type ConceptNodeAttributes } from '../model.js';
import type { KnowledgeGraph } from './build.js';
import { autoCoreMinDf, buildCoreGraph, corePapers, type CorePapers } from './core-graph.js';
import { partitionGraph, type CommunityAlgorithm } from './partition.js';
import { createRng } from './rng.js';
import { toConceptGraph, type ConceptGraph } from './util.js';

/** Options of {@link partitionHierarchy}. */
export interface HierarchyOptions {
  algorithm: CommunityAlgorithm;
  /** Resolution of the topic level. */
  resolution: number;
  /** Resolution of the field level (the start, when `maxFieldShare` < 1). */
  fieldResolution: number;
  /** The field resolution rises (×1.5, a few times) while a field holds more of the papers. 1 = never. */
  maxFieldShare: number;
  seed: number;
  iterations: number;
  /** Papers a concept needs to take part in clustering (0 = by corpus size). */
  coreMinDf: number;
  /** Topics with fewer core concepts join the topic they link to most. */
  minTopicConcepts: number;
}

export const HIERARCHY_DEFAULTS: Pick<HierarchyOptions, 'fieldResolution' | 'maxFieldShare' | 'coreMinDf' | 'minTopicConcepts'> = {
  fieldResolution: 1,
  maxFieldShare: 0.25,
  coreMinDf: 0,
  minTopicConcepts: 3,
};

/** A two-level partition of the concept nodes. */
export interface ConceptHierarchy {
  /** Concept node key → topic (any number). */
  topicOf: Map<string, number>;
  /** Topic → field (any numbers). */
  fieldOfTopic: Map<number, number>;
  /** The field resolution used. */
  fieldResolution: number;
}

/** The graph clusters are found on, and each paper's concepts in it. */
export interface ClusteringGraph {
  core: ConceptGraph;
  papers: CorePapers;
}

/** Below this many linked core concepts the whole concept graph is clustered instead. */
const MIN_CORE_CONCEPTS = 20;

/** The core graph and each paper's core concepts; the whole concept graph when the core is too small (tiny graphs). */
export function clusteringGraph(graph: KnowledgeGraph, coreMinDf = 0): ClusteringGraph {
  const paperCount = graph.filterNodes((_n, a) => a.kind === 'paper').length;
  const papers = corePapers(graph, coreMinDf > 0 ? coreMinDf : autoCoreMinDf(paperCount));
  const core = buildCoreGraph(graph, papers, 2);
  // A concept of enough papers that never shares two with another has nothing to cluster by:
  // it is placed by its papers afterwards, as rarer concepts are.
  for (const node of core.filterNodes((n) => core.degree(n) === 0)) core.dropNode(node);
  // A core of a handful of concepts cannot carry the clusters of a small graph.
  if (core.order >= MIN_CORE_CONCEPTS) return { core, papers };
  return { core: toConceptGraph(graph), papers: corePapers(graph, 1) };
}

/** Topics of the core, every concept placed in one, and fields of the topics. Deterministic for a seed. */
export function partitionHierarchy(graph: KnowledgeGraph, o: HierarchyOptions): ConceptHierarchy {
  const clustering = clusteringGraph(graph, o.coreMinDf);
  const { membership } = partitionGraph(clustering.core, {
    algorithm: o.algorithm,
    resolution: o.resolution,
    rng: createRng(o.seed),
    iterations: o.iterations,
  });
  mergeSmallTopics(clustering.core, membership, o.minTopicConcepts);
  const topicOf = placeAllConcepts(graph, clustering, membership);
  const fields = partitionFields(clustering, topicOf, o);
  return { topicOf, ...fields };
}

/**
 * Fields: the topics as nodes, linked by the summed core weights between them, partitioned;
 * the resolution rises while one field holds more than `maxFieldShare` of the papers.
 */
export function partitionFields(
  { core, papers }: ClusteringGraph,
  topicOf: ReadonlyMap<string, number>,
  o: Pick<HierarchyOptions, 'algorithm' | 'fieldResolution' | 'maxFieldShare' | 'seed' | 'iterations'>,
): { fieldOfTopic: Map<number, number>; fieldResolution: number } {
  const topics = [...new Set(topicOf.values())].sort((a, b) => a - b);
  const aggregated = new UndirectedGraph<Record<string, never>, { weight: number; papers: number }>();
  for (const t of topics) aggregated.addNode(String(t));
  core.forEachEdge((_e, a, source, target) => {
    const s = topicOf.get(source)!;
    const t = topicOf.get(target)!;
    if (s === t) return;
    const [x, y] = s < t ? [String(s), String(t)] : [String(t), String(s)];
    const edge = aggregated.edge(x, y);
    if (edge === undefined) aggregated.addUndirectedEdge(x, y, { weight: a.weight, papers: a.papers });
    else aggregated.updateEdgeAttribute(edge, 'weight', (w) => (w ?? 0) + a.weight);
  });
  const paperTopics = placePapers(papers, topicOf);
  let resolution = o.fieldResolution;
  for (let attempt = 0; ; attempt++) {
    const { membership } = partitionGraph(aggregated, {
      algorithm: o.algorithm,
      resolution,
      rng: createRng(o.seed),
      iterations: o.iterations,
    });
    const fieldOfTopic = new Map(topics.map((t) => [t, membership.get(String(t))!]));
    const share = largestShare(paperTopics, fieldOfTopic, papers.papers.size);
    if (o.maxFieldShare >= 1 || attempt >= 8 || share <= o.maxFieldShare) return { fieldOfTopic, fieldResolution: resolution };
    resolution = Number((resolution * 1.5).toPrecision(6));
  }
}

/** The largest share of the papers in one field. */
function largestShare(paperTopics: ReadonlyMap<string, number>, fieldOfTopic: ReadonlyMap<number, number>, papers: number): number {
  const counts = new Map<number, number>();
  for (const t of paperTopics.values()) {
    const f = fieldOfTopic.get(t)!;
    counts.set(f, (counts.get(f) ?? 0) + 1);
  }
  let largest = 0;
  for (const c of counts.values()) largest = Math.max(largest, c);
  return papers > 0 ? largest / papers : 0;
}

/** Paper node key → the group holding most of its core concepts' MENTIONS score (ties: lower group). */
export function placePapers(papers: CorePapers, groupOf: ReadonlyMap<string, number>): Map<string, number> {
  const placed = new Map<string, number>();
  for (const [paper, list] of papers.papers) {
    const weight = new Map<number, number>();
    for (const { concept, score } of list) {
      const g = groupOf.get(papers.nodes[concept]!);
      if (g !== undefined) weight.set(g, (weight.get(g) ?? 0) + score + 1e-9);
    }
    let best: number | undefined;
    let bestWeight = -1;
    for (const [g, w] of weight) {
      if (w > bestWeight || (w === bestWeight && g < best!)) {
        best = g;
        bestWeight = w;
      }
    }
    if (best !== undefined) placed.set(paper, best);
  }
  return placed;
}

/**
 * Merges topics of fewer than `min` core concepts, smallest first, into the topic they link to
 * most (summed edge weight; ties: the lower topic). At a topic resolution above 1 a lone clique
 * of a small graph splits into single concepts, and a topic of one or two concepts names
 * nothing. A small topic linked to no other leaves the core partition: its concepts are placed
 * with the concepts outside the core, by their papers (else they make a topic of their own).
 */
export function mergeSmallTopics(core: ConceptGraph, topicOf: Map<string, number>, min: number): void {
  const members = new Map<number, string[]>();
  for (const [node, t] of topicOf) {
    let list = members.get(t);
    if (!list) members.set(t, (list = []));
    list.push(node);
  }
  for (;;) {
    let small: number | undefined;
    for (const [t, list] of members) {
      if (list.length >= min) continue;
      if (small === undefined || list.length < members.get(small)!.length || (list.length === members.get(small)!.length && t < small)) small = t;
    }
    if (small === undefined) return;
    const link = new Map<number, number>();
    for (const node of members.get(small)!) {
      if (!core.hasNode(node)) continue;
      core.forEachEdge(node, (_e, a, source, target) => {
        const other = topicOf.get(source === node ? target : source);
        if (other !== undefined && other !== small) link.set(other, (link.get(other) ?? 0) + a.weight);
      });
    }
    const into = argmax(link);
    if (into === undefined) {
      for (const node of members.get(small)!) topicOf.delete(node);
      members.delete(small);
      continue;
    }
    for (const node of members.get(small)!) topicOf.set(node, into);
    members.get(into)!.push(...members.get(small)!);
    members.delete(small);
  }
}

/**
 * Every concept node's topic: the core's as partitioned; each other concept in its
 * `preferred` topic if one of its papers is placed there, else in the topic holding most of its
 * papers, else that of its strongest placed CO_OCCURS neighbour (repeated while that places
 * more), else in a topic with the concepts it is connected to.
 */
export function placeAllConcepts(
  graph: KnowledgeGraph,
  { papers }: ClusteringGraph,
  coreTopicOf: ReadonlyMap<string, number>,
  preferred?: (node: string) => number | undefined,
): Map<string, number> {
  const topicOf = new Map(coreTopicOf);
  const topicOfPaper = placePapers(papers, coreTopicOf);
  const concepts = toConceptGraph(graph);
  const unplaced: string[] = [];
  for (const node of concepts.filterNodes((n) => !coreTopicOf.has(n)).sort()) {
    const count = new Map<number, number>();
    for (const row of graph.mentions.rowsOfConcept((graph.getNodeAttributes(node) as ConceptNodeAttributes).key)) {
      const t = topicOfPaper.get(paperNodeKey(graph.mentions.paperId(row)));
      if (t !== undefined) count.set(t, (count.get(t) ?? 0) + 1);
    }
    // A warm-started build keeps a concept in its earlier topic while one of its papers is there.
    const earlier = preferred?.(node);
    const best = earlier !== undefined && count.has(earlier) ? earlier : argmax(count);
    if (best === undefined) unplaced.push(node);
    else topicOf.set(node, best);
  }
  // The rest by their strongest placed neighbour, round by round as placements spread.
  let left = unplaced;
  for (let round = 0; left.length > 0 && round < 5; round++) {
    const still: string[] = [];
    const placed: [string, number][] = [];
    for (const node of left) {
      const weight = new Map<number, number>();
      concepts.forEachEdge(node, (_e, a, source, target) => {
        const t = topicOf.get(source === node ? target : source);
        if (t !== undefined) weight.set(t, (weight.get(t) ?? 0) + a.weight);
      });
      const best = argmax(weight);
      if (best === undefined) still.push(node);
      else placed.push([node, best]);
    }
    if (placed.length === 0) break;
    for (const [node, t] of placed) topicOf.set(node, t);
    left = still;
  }
  // Concepts linked to nothing placed (papers of their own): one topic per connected group.
  let next = Math.max(-1, ...topicOf.values()) + 1;
  for (const start of left) {
    if (topicOf.has(start)) continue;
    const id = next++;
    const stack = [start];
    topicOf.set(start, id);
    while (stack.length) {
      concepts.forEachNeighbor(stack.pop()!, (other) => {
        if (!topicOf.has(other)) {
          topicOf.set(other, id);
          stack.push(other);
        }
      });
    }
  }
  return topicOf;
}

/** The key with the largest value (ties: the lowest key); undefined for an empty map. */
function argmax(values: ReadonlyMap<number, number>): number | undefined {
  let best: number | undefined;
  let bestValue = -Infinity;
  for (const [k, v] of values) {
    if (v > bestValue || (v === bestValue && k < best!)) {
      best = k;
      bestValue = v;
    }
  }
  return best;
}
