/**
 * Research clusters
 * =================
 *
 * Partitions the weighted concept co-occurrence graph into communities, then numbers them by
 * size, lets each paper join the community holding most of its concept weight, and labels each
 * community by its most distinctive concepts: those whose papers gather in the community's papers
 * (Dunning's G²), so a label names the field rather than terms every field uses.
 *
 * Two algorithms, both seeded:
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
import { resolveDefaults } from '../defaults.js';
import { UserError } from '../errors.js';
import { isOverused, logLikelihood } from '../log-likelihood.js';
import type { CommunitiesFile, Community, ConceptNodeAttributes, PaperNodeAttributes } from '../model.js';
import type { KnowledgeGraph } from './build.js';
import { createJavaRandomAdapter, createRng, type Rng } from './rng.js';
import { compareStrings, interopDefault, roundFloat, toConceptGraph, type ConceptGraph } from './util.js';

const louvain = interopDefault(louvainModule);
const modularity = interopDefault(modularityModule);

/** Community detection algorithms. */
export type CommunityAlgorithm = 'louvain' | 'leiden';

/** Options of {@link detectCommunities} (merged with {@link COMMUNITY_DEFAULTS}). */
export interface CommunityOptions {
  algorithm: CommunityAlgorithm;
  /** Resolution γ: higher gives more, smaller communities. */
  resolution: number;
  /** Seed of the random generator (node orders, Leiden's refinement). */
  seed: number;
  /** Leiden iterations (each can only improve the partition; 2 as in `leidenalg`). */
  iterations: number;
  /** How many concept keys `topConcepts` holds. */
  topConcepts: number;
  /** How many top concept labels make the community label. */
  labelConcepts: number;
}

export const COMMUNITY_DEFAULTS: CommunityOptions = {
  algorithm: 'louvain',
  resolution: 1,
  seed: 42,
  iterations: 2,
  topConcepts: 10,
  labelConcepts: 3,
};

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

/** What produced a partition: one of the algorithms, or Louvain run inside Neo4j (GDS). */
export type PartitionSource = CommunitiesFile['algorithm'];

/** Checks options and fills defaults. */
export function resolveCommunityOptions(options: Partial<CommunityOptions> = {}): CommunityOptions {
  const o = resolveDefaults(COMMUNITY_DEFAULTS, options);
  if (o.algorithm !== 'louvain' && o.algorithm !== 'leiden') {
    throw new UserError(`communities: invalid \`algorithm\` "${String(o.algorithm)}". Expecting louvain or leiden.`);
  }
  if (!Number.isFinite(o.resolution) || o.resolution <= 0) {
    throw new UserError(`communities: invalid \`resolution\` ${o.resolution}. Expecting a number > 0.`);
  }
  if (!Number.isInteger(o.seed)) {
    throw new UserError(`communities: invalid \`seed\` ${o.seed}. Expecting an integer.`);
  }
  if (!Number.isInteger(o.iterations) || o.iterations < 1) {
    throw new UserError(`communities: invalid \`iterations\` ${o.iterations}. Expecting an integer ≥ 1.`);
  }
  return o;
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

/** Standard (γ = 1) weighted modularity of a partition. */
export function standardModularity(
  graph: WeightedGraph,
  membership: ReadonlyMap<string, number>,
): number {
  if (graph.size === 0) return 0;
  return modularity(graph, {
    getNodeCommunity: (node: string) => membership.get(node)!,
    getEdgeWeight: 'weight',
  });
}

/**
 * Finds the research clusters of a knowledge graph.
 *
 * Sets `community` on every concept node and on every paper that mentions a concept, records
 * algorithm, resolution, seed and modularity in the graph's attributes, and returns the
 * content of `communities.json`. Communities are numbered by size (concepts), largest first.
 */
export function detectCommunities(graph: KnowledgeGraph, options: Partial<CommunityOptions> = {}): CommunitiesFile {
  const o = resolveCommunityOptions(options);
  const partition = partitionGraph(toConceptGraph(graph), {
    algorithm: o.algorithm,
    resolution: o.resolution,
    rng: createRng(o.seed),
    iterations: o.iterations,
  });
  return describeCommunities(graph, partition.membership, o, o.algorithm);
}

/** Options of {@link communitiesFromPartition}: those of {@link detectCommunities}, any partition source. */
export type FromPartitionOptions = Partial<Omit<CommunityOptions, 'algorithm'>> & {
  /** What made the partition (recorded in the file; default `louvain`). */
  algorithm?: PartitionSource;
};

const PARTITION_SOURCES: readonly PartitionSource[] = ['louvain', 'leiden', 'neo4j-gds'];

/**
 * A `CommunitiesFile` (numbered by size, labelled, papers assigned, standard modularity) from a
 * partition found elsewhere, e.g. by GDS Louvain inside Neo4j. `communityOf` maps concept keys
 * (not node keys) to any community numbers; concepts it does not name form communities of
 * their own, keys the graph does not hold are ignored. Sets `community` on the graph's nodes
 * and the partition's facts on the graph's attributes, as {@link detectCommunities} does.
 */
export function communitiesFromPartition(
  graph: KnowledgeGraph,
  communityOf: ReadonlyMap<string, number>,
  options: FromPartitionOptions = {},
): CommunitiesFile {
  const algorithm = options.algorithm ?? 'louvain';
  if (!PARTITION_SOURCES.includes(algorithm)) {
    throw new UserError(
      `communities: invalid \`algorithm\` "${String(algorithm)}". Expecting ${PARTITION_SOURCES.join(', ')}.`,
    );
  }
  const o = resolveCommunityOptions({ ...options, algorithm: 'louvain' });
  return describeCommunities(graph, membershipOfConcepts(graph, communityOf), o, algorithm);
}

/**
 * Node key → community of every concept node, from concept key → community. Concepts missing
 * from `communityOf` get numbers above every given one, in node order.
 */
export function membershipOfConcepts(
  graph: KnowledgeGraph,
  communityOf: ReadonlyMap<string, number>,
): Map<string, number> {
  let next = 0;
  for (const c of communityOf.values()) if (c >= next) next = c + 1;
  const membership = new Map<string, number>();
  graph.forEachNode((node, attributes) => {
    if (attributes.kind !== 'concept') return;
    membership.set(node, communityOf.get(attributes.key) ?? next++);
  });
  return membership;
}

/**
 * Turns a partition of the concept nodes (node key → any number) into the communities file:
 * groups ranked by size, concepts ranked by centrality inside, labels, papers, modularity.
 * Ids are by size (0 = largest) unless `idOf` gives the id of each partition number (ids must
 * be distinct); the file then lists communities by id. Sets `community` on the graph's nodes.
 * Internal to the graph stage (warm-started runs give their own ids).
 */
export function describeCommunities(
  graph: KnowledgeGraph,
  membership: ReadonlyMap<string, number>,
  o: CommunityOptions,
  algorithm: PartitionSource,
  idOf?: ReadonlyMap<number, number>,
): CommunitiesFile {
  const concepts = toConceptGraph(graph);

  // Group, then rank concepts inside each group by how much they co-occur within it.
  const groups = new Map<number, string[]>();
  for (const node of concepts.nodes()) {
    const c = membership.get(node)!;
    let list = groups.get(c);
    if (!list) groups.set(c, (list = []));
    list.push(node);
  }
  // Centrality inside a community: co-occurrences that stay inside, times the share that stays
  // inside. Generic terms co-occur everywhere, so their share is small and they rank below the
  // community's own vocabulary; one-paper phrases have few co-occurrences and rank low too.
  const internal = new Map<string, number>();
  const total = new Map<string, number>();
  concepts.forEachEdge((_e, attributes, source, target) => {
    const inside = membership.get(source) === membership.get(target);
    for (const node of [source, target]) {
      total.set(node, (total.get(node) ?? 0) + attributes.papers);
      if (inside) internal.set(node, (internal.get(node) ?? 0) + attributes.papers);
    }
  });
  const centrality = (node: string) => {
    const t = total.get(node) ?? 0;
    return t > 0 ? (internal.get(node) ?? 0) ** 2 / t : 0;
  };
  const attrs = (node: string) => graph.getNodeAttributes(node) as ConceptNodeAttributes;
  const byCentrality = (x: string, y: string) =>
    centrality(y) - centrality(x) || attrs(y).df - attrs(x).df || compareStrings(x, y);
  const ranked = [...groups].map(([raw, members]) => ({ raw, members: members.sort(byCentrality) }));
  const totalDf = (members: string[]) => members.reduce((s, n) => s + attrs(n).df, 0);
  ranked.sort(
    (x, y) =>
      y.members.length - x.members.length ||
      totalDf(y.members) - totalDf(x.members) ||
      compareStrings(x.members[0]!, y.members[0]!),
  );
  const ids = ranked.map(({ raw }, index) => {
    if (!idOf) return index;
    const id = idOf.get(raw);
    if (id === undefined) throw new RangeError(`communities: no id for partition community ${raw}.`);
    return id;
  });
  if (new Set(ids).size !== ids.length) throw new RangeError('communities: community ids must be distinct.');

  const communities: Community[] = ranked.map(({ members }, index) => {
    const id = ids[index]!;
    for (const node of members) graph.setNodeAttribute(node, 'community', id);
    const keys = members.map((node) => attrs(node).key);
    return { id, label: '', concepts: keys, papers: [], topConcepts: keys.slice(0, o.topConcepts) };
  });
  communities.sort((x, y) => x.id - y.id);

  assignPapers(graph, communities);
  const membersById = new Map(ranked.map(({ members }, index) => [ids[index]!, members]));
  const paperCount = graph.filterNodes((_node, attributes) => attributes.kind === 'paper').length;
  for (const community of communities) {
    const sizes = { inside: community.papers.length, outside: paperCount - community.papers.length };
    const ordered = byDistinctiveness(graph, membersById.get(community.id)!, community.id, sizes);
    community.label = composeLabel(ordered.map((node) => attrs(node)), o.labelConcepts);
  }

  const modularityValue = roundFloat(standardModularity(concepts, membership));
  graph.mergeAttributes({ algorithm, resolution: o.resolution, seed: o.seed, modularity: modularityValue });
  return { algorithm, resolution: o.resolution, seed: o.seed, modularity: modularityValue, communities };
}

/**
 * A community's concepts (given most central first) reordered for its label: first those whose
 * papers are over-represented among the community's papers, by Dunning's G² against the other
 * papers; centrality breaks ties and orders the rest. Frequent terms shared by many fields
 * ("gradient", "neural network") are central almost everywhere; a field's own terms
 * ("state space model", "Hopfield network") are concentrated in its papers.
 */
function byDistinctiveness(
  graph: KnowledgeGraph,
  members: readonly string[],
  id: number,
  { inside, outside }: { inside: number; outside: number },
): string[] {
  const score = new Map<string, number>();
  for (const node of members) {
    let a = 0;
    let b = 0;
    graph.forEachInEdge(node, (_edge, edgeAttributes, source) => {
      if (edgeAttributes.type !== 'MENTIONS') return;
      if ((graph.getNodeAttributes(source) as PaperNodeAttributes).community === id) a++;
      else b++;
    });
    score.set(node, isOverused(a, b, inside, outside) ? logLikelihood(a, b, inside, outside) : 0);
  }
  const rank = new Map(members.map((node, index) => [node, index]));
  return [...members].sort((x, y) => score.get(y)! - score.get(x)! || rank.get(x)! - rank.get(y)!);
}

/**
 * A community label: the first `count` concepts (most distinctive first), skipping any whose key
 * is nested in one already chosen or holds it ("descent" after "gradient descent", "long range
 * arena benchmark" after "long range") or in a higher-ranked term skipped that way, so the
 * label names distinct things.
 */
export function composeLabel(ranked: readonly { key: string; label: string }[], count: number): string {
  const words = (key: string) => ` ${key.toLowerCase().replace(/[-_]+/g, ' ').replace(/\s+/g, ' ').trim()} `;
  const chosen: string[] = [];
  // Skipped concepts count too: a fragment of a skipped longer term is a fragment all the same.
  const seen: string[] = [];
  for (const concept of ranked) {
    if (chosen.length >= count) break;
    const w = words(concept.key);
    const nested = seen.some((s) => s.includes(w) || w.includes(s));
    seen.push(w);
    if (!nested) chosen.push(concept.label);
  }
  return chosen.join(' · ');
}

/**
 * Each paper joins the community holding most of its MENTIONS score (ties: the lower id).
 * A community's papers are listed by that score, strongest first.
 */
function assignPapers(graph: KnowledgeGraph, communities: Community[]): void {
  const members = new Map<number, { id: string; weight: number }[]>(communities.map((c) => [c.id, []]));
  graph.forEachNode((node, attributes) => {
    if (attributes.kind !== 'paper') return;
    const weight = new Map<number, number>();
    graph.forEachOutEdge(node, (_edge, edgeAttributes, _source, target) => {
      if (edgeAttributes.type !== 'MENTIONS') return;
      const c = (graph.getNodeAttributes(target) as ConceptNodeAttributes).community;
      if (c === undefined) return;
      // A zero score still counts a little: a paper mentioning concepts has a home.
      weight.set(c, (weight.get(c) ?? 0) + Math.max(edgeAttributes.score, 0) + 1e-9);
    });
    let best: number | undefined;
    let bestWeight = -1;
    for (const [c, w] of [...weight].sort((x, y) => x[0] - y[0])) {
      if (w > bestWeight) {
        best = c;
        bestWeight = w;
      }
    }
    if (best === undefined) {
      // Re-running on the same graph must not leave a stale community behind.
      if ((attributes as PaperNodeAttributes).community !== undefined) graph.removeNodeAttribute(node, 'community');
      return;
    }
    graph.setNodeAttribute(node, 'community', best);
    members.get(best)!.push({ id: attributes.id, weight: bestWeight });
  });
  for (const community of communities) {
    const list = members.get(community.id)!;
    list.sort((x, y) => y.weight - x.weight || compareStrings(x.id, y.id));
    community.papers = list.map((p) => p.id);
  }
}
