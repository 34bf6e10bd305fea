/**
 * Partitions
 * ==========
 *
 * One partition of a weighted undirected graph by either algorithm, both seeded:
 * - Louvain (Blondel, Guillaume, Lambiotte & Lefebvre 2008, "Fast unfolding of communities in
 *   large networks", https://doi.org/10.1088/1742-5468/2008/10/P10008), via
 *   `graphology-communities-louvain`.
 * - Leiden (Traag, Waltman & van Eck 2019, "From Louvain to Leiden: guaranteeing well-connected
 *   communities", https://doi.org/10.1038/s41598-019-41695-z), via `networkanalysis-ts`, the
 *   CWTS code behind VOSviewer. Its quality function is CPM; with node weights equal to the
 *   nodes' strengths and resolution γ / 2m, CPM is modularity at resolution γ (this is what the
 *   CWTS command line tool does for `--quality-function Modularity`).
 *
 * The modularity reported is always the standard one (γ = 1) computed by `graphology-metrics`
 * on the final partition, so the two algorithms are compared on the same scale.
 */
import type { UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import modularityModule from 'graphology-metrics/graph/modularity.js';
import { Clustering, LeidenAlgorithm, LouvainAlgorithm, Network } from 'networkanalysis-ts';
import { createJavaRandomAdapter, type Rng } from './rng.js';
import { interopDefault, type ConceptGraph } from './util.js';

const louvain = interopDefault(louvainModule);
const modularity = interopDefault(modularityModule);

/** Community detection algorithms. */
export type CommunityAlgorithm = 'louvain' | 'leiden';

/** Any undirected graph whose edges carry a numeric `weight` (the concept projection, a benchmark graph). */
export type WeightedGraph = ConceptGraph | UndirectedGraph;

/** A raw partition: community index per node, and its modularity. */
export interface Partition {
  /** Node key → community (arbitrary but deterministic numbering). */
  membership: Map<string, number>;
  /** Standard modularity (γ = 1) of this partition. */
  modularity: number;
}

/** Options of {@link partitionGraph}. */
export interface PartitionOptions {
  algorithm: CommunityAlgorithm;
  resolution: number;
  rng: Rng;
  iterations: number;
  /**
   * A partition to improve instead of starting from singletons (node key → community; nodes
   * missing from it start alone). With it both algorithms run on the CWTS implementation, since
   * `graphology-communities-louvain` always starts from singletons. Louvain can then only move
   * nodes and merge communities; Leiden's refinement step can also split one.
   */
  initial?: ReadonlyMap<string, number>;
}

/**
 * Partitions an undirected graph whose edges carry a numeric `weight` attribute.
 * Isolated nodes end up alone. Pure apart from the injected `rng`.
 */
export function partitionGraph(
  graph: WeightedGraph,
  options: PartitionOptions,
): Partition {
  const membership = new Map<string, number>();
  if (graph.order === 0) return { membership, modularity: 0 };
  if (graph.size === 0) {
    let i = 0;
    graph.forEachNode((node) => membership.set(node, i++));
    return { membership, modularity: 0 };
  }
  if (options.initial) {
    runCwts(graph, options, membership);
  } else if (options.algorithm === 'louvain') {
    const result = louvain.detailed(graph, {
      getEdgeWeight: 'weight',
      resolution: options.resolution,
      rng: options.rng,
    });
    for (const [node, c] of Object.entries(result.communities)) membership.set(node, c);
  } else {
    runCwts(graph, options, membership);
  }
  return { membership, modularity: standardModularity(graph, membership) };
}

/** Leiden, or Louvain from a given partition, on the CWTS implementation. */
function runCwts(
  graph: WeightedGraph,
  options: PartitionOptions,
  membership: Map<string, number>,
): void {
  const { nodes, network } = toCwtsNetwork(graph);
  // CPM on strength-weighted nodes with γ / 2m equals modularity at resolution γ.
  const resolution =
    options.resolution / (2 * network.getTotalEdgeWeight() + network.getTotalEdgeWeightSelfLinks());
  const random = createJavaRandomAdapter(options.rng) as never;
  let algorithm: LeidenAlgorithm | LouvainAlgorithm;
  if (options.algorithm === 'leiden') {
    const leiden = new LeidenAlgorithm();
    leiden.initializeBasedOnResolutionAndNIterationsAndRandomnessAndRandom(
      resolution,
      options.iterations,
      LeidenAlgorithm.DEFAULT_RANDOMNESS,
      random,
    );
    algorithm = leiden;
  } else {
    const louvainCwts = new LouvainAlgorithm();
    louvainCwts.initializeBasedOnResolutionAndNIterationsAndRandom(resolution, options.iterations, random);
    algorithm = louvainCwts;
  }
  const clustering = options.initial
    ? new Clustering({ clusters: initialClusters(nodes, options.initial) })
    : new Clustering({ nNodes: nodes.length });
  algorithm.improveClustering(network, clustering);
  const clusters = clustering.getClusters();
  nodes.forEach((node, i) => membership.set(node, clusters[i]!));
}

/**
 * The starting clusters of `nodes`, numbered 0.. in order of first appearance (the CWTS code
 * wants cluster numbers below the cluster count); nodes not in `initial` start alone.
 */
function initialClusters(nodes: readonly string[], initial: ReadonlyMap<string, number>): number[] {
  const renumber = new Map<number, number>();
  let next = 0;
  return nodes.map((node) => {
    const c = initial.get(node);
    if (c === undefined) return next++;
    let r = renumber.get(c);
    if (r === undefined) renumber.set(c, (r = next++));
    return r;
  });
}

/** The graph as the CWTS code's compressed network, with the node order used. */
function toCwtsNetwork(graph: WeightedGraph): { nodes: string[]; network: Network } {
  const nodes = graph.nodes();
  const index = new Map(nodes.map((n, i) => [n, i]));
  const n = nodes.length;
  // Both directions of every edge, then a two-pass stable counting sort (by neighbour, then
  // by node) into the compressed adjacency the CWTS code uses, with sorted neighbour lists.
  // Its own edge-list constructor sorts with comparisons and is several times slower.
  const m2 = 2 * graph.size;
  const from = new Int32Array(m2);
  const to = new Int32Array(m2);
  const weight = new Float64Array(m2);
  let k = 0;
  graph.forEachEdge((_edge, attributes, source, target) => {
    if (source === target) return;
    const i = index.get(source)!;
    const j = index.get(target)!;
    const w = Number(attributes.weight);
    from[k] = i;
    to[k] = j;
    weight[k++] = w;
    from[k] = j;
    to[k] = i;
    weight[k++] = w;
  });
  const byNeighbor = countingSort(to, k, n);
  const order = countingSort(from, k, n, byNeighbor);
  const firstNeighborIndices = new Array<number>(n + 1).fill(0);
  for (let e = 0; e < k; e++) firstNeighborIndices[from[e]! + 1]! += 1;
  for (let i = 0; i < n; i++) firstNeighborIndices[i + 1]! += firstNeighborIndices[i]!;
  const neighbors = new Array<number>(k);
  const edgeWeights = new Array<number>(k);
  for (let e = 0; e < k; e++) {
    neighbors[e] = to[order[e]!]!;
    edgeWeights[e] = weight[order[e]!]!;
  }
  const network = new Network({
    nNodes: nodes.length,
    setNodeWeightsToTotalEdgeWeights: true,
    firstNeighborIndices,
    neighbors,
    edgeWeights,
    checkIntegrity: false,
  });
  return { nodes, network };
}

/**
 * Stable counting sort of positions `0..count-1` (or of `within`, a previous order) by
 * `keys[position]`, keys in `0..range-1`.
 */
function countingSort(keys: Int32Array, count: number, range: number, within?: Int32Array): Int32Array {
  const starts = new Int32Array(range + 1);
  for (let e = 0; e < count; e++) starts[keys[e]! + 1]! += 1;
  for (let i = 0; i < range; i++) starts[i + 1]! += starts[i]!;
  const out = new Int32Array(count);
  for (let e = 0; e < count; e++) {
    const position = within ? within[e]! : e;
    out[starts[keys[position]!]!++] = position;
  }
  return out;
}

/** Weighted modularity of a partition: standard (γ = 1) unless a resolution is given. */
export function standardModularity(
  graph: WeightedGraph,
  membership: ReadonlyMap<string, number>,
  resolution = 1,
): number {
  if (graph.size === 0) return 0;
  return modularity(graph, {
    getNodeCommunity: (node: string) => membership.get(node)!,
    getEdgeWeight: 'weight',
    resolution,
  });
}
