/**
 * Research clusters
 * =================
 *
 * Two levels of communities of the concept graph: fields, and topics inside each field (see
 * hierarchy.ts for how they are found). Topics and fields are numbered by size. Concepts are
 * ranked in their community by its papers that mention them, weighed by how much of the
 * concept's papers these are, and a community is labelled by the first of them that are
 * distinctive: their papers gather in the community's papers (Dunning's G²), so a label names
 * the area rather than terms every area uses. A topic's label leaves out its field's words.
 * The label's concepts lead the community's key concepts, a small set that most of its papers
 * mention and whose members occur together (key-concepts.ts). Each paper joins the topic (and
 * that topic's field) holding most of its concept weight among the topics' key concepts, or
 * among all concepts if it mentions no key concept.
 */
import { resolveDefaults } from '../defaults.js';
import { UserError } from '../errors.js';
import { isOverused, logLikelihood } from '../log-likelihood.js';
import { conceptNodeKey, paperNodeKey, type CommunitiesFile, type Community, type ConceptNodeAttributes, type Field, type PaperNodeAttributes } from '../model.js';
import type { KnowledgeGraph } from './build.js';
import { clusteringGraph, HIERARCHY_DEFAULTS, partitionFields, partitionHierarchy } from './hierarchy.js';
import { chooseKeyConcepts, KEY_CONCEPT_DEFAULTS } from './key-concepts.js';
import { standardModularity, type CommunityAlgorithm } from './partition.js';

export type { CommunityAlgorithm } from './partition.js';
import { compareStrings, roundFloat, toConceptGraph } from './util.js';

/** Options of {@link detectCommunities} (merged with {@link COMMUNITY_DEFAULTS}). */
export interface CommunityOptions {
  algorithm: CommunityAlgorithm;
  /** Topic resolution γ: higher gives more, smaller topics. */
  resolution: number;
  /** Seed of the random generator (node orders, Leiden's refinement). */
  seed: number;
  /** Leiden iterations (each can only improve the partition; 2 as in `leidenalg`). */
  iterations: number;
  /** How many concept keys `topConcepts` holds. */
  topConcepts: number;
  /** How many top concept labels make the community label. */
  labelConcepts: number;
  /** Resolution of the field level (the start, when `maxFieldShare` < 1). */
  fieldResolution: number;
  /** The field resolution rises while a field holds more than this share of the papers (1 = never). */
  maxFieldShare: number;
  /** Papers a concept needs to take part in clustering (0 = by corpus size; the others join later). */
  coreMinDf: number;
  /** Topics with fewer core concepts join the topic they link to most. */
  minTopicConcepts: number;
}

export const COMMUNITY_DEFAULTS: CommunityOptions = {
  algorithm: 'louvain',
  // Topics: twice the usual modularity resolution, since fields are the coarser level.
  resolution: 2,
  seed: 42,
  iterations: 2,
  topConcepts: 10,
  labelConcepts: 3,
  ...HIERARCHY_DEFAULTS,
};

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
 * Finds the research clusters of a knowledge graph.
 *
 * Sets `community` (the topic) and `field` on every concept node and on every paper that
 * mentions a concept, records algorithm, resolution, seed and modularity in the graph's
 * attributes, and returns the content of `communities.json`. Topics are numbered by size
 * (concepts), largest first; fields by papers.
 */
export function detectCommunities(graph: KnowledgeGraph, options: Partial<CommunityOptions> = {}): CommunitiesFile {
  const o = resolveCommunityOptions(options);
  const hierarchy = partitionHierarchy(graph, o);
  return describeCommunities(graph, hierarchy.topicOf, o, o.algorithm, hierarchy);
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
  const membership = membershipOfConcepts(graph, communityOf);
  return describeCommunities(graph, membership, o, algorithm, partitionFields(clusteringGraph(graph, o.coreMinDf), membership, o));
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

/** The upper level of a partition: each topic's field, and the field resolution that gave it. */
export interface FieldLevel {
  /** Partition number of a topic → any field number. */
  fieldOfTopic: ReadonlyMap<number, number>;
  fieldResolution: number;
  /** Field number → field id, when ids are kept from an earlier build (else ids by papers). */
  idOf?: ReadonlyMap<number, number>;
}

/**
 * Turns a partition of the concept nodes (node key → any topic number) and its fields into the
 * communities file: topics numbered by size, papers placed, concepts ranked, labels, fields,
 * modularity. Topic ids are by size (0 = largest) unless `idOf` gives the id of each partition
 * number (ids must be distinct); the file then lists communities by id. Sets `community` and
 * `field` on the graph's nodes. Internal to the graph stage (warm-started runs give their own ids).
 */
export function describeCommunities(
  graph: KnowledgeGraph,
  membership: ReadonlyMap<string, number>,
  o: CommunityOptions,
  algorithm: PartitionSource,
  levels: FieldLevel,
  idOf?: ReadonlyMap<number, number>,
): CommunitiesFile {
  const concepts = toConceptGraph(graph);
  const attrs = (node: string) => graph.getNodeAttributes(node) as ConceptNodeAttributes;
  const groups = new Map<number, string[]>();
  for (const node of concepts.nodes()) {
    const c = membership.get(node)!;
    let list = groups.get(c);
    if (!list) groups.set(c, (list = []));
    list.push(node);
  }
  const totalDf = (members: string[]) => members.reduce((s, n) => s + attrs(n).df, 0);
  const ranked = [...groups].map(([raw, members]) => ({ raw, members: members.sort(compareStrings) }));
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
  const rawOf = new Map(ranked.map(({ raw }, index) => [ids[index]!, raw]));

  const communities: Community[] = ranked.map(({ members }, index) => {
    const id = ids[index]!;
    for (const node of members) graph.setNodeAttribute(node, 'community', id);
    return { id, field: -1, label: '', concepts: members, papers: [], topConcepts: [] };
  });
  communities.sort((x, y) => x.id - y.id);
  assignPapers(graph, communities);
  const paperCount = graph.filterNodes((_node, attributes) => attributes.kind === 'paper').length;
  // Then each paper goes where the concepts that describe a topic are: a reader who sees a
  // topic's key concepts should find them in its papers.
  const keyConcepts = new Set<string>();
  const placed = groupsOfPapers(graph, 'community');
  for (const community of communities) {
    const inside = community.papers.length;
    const { order } = describeGroup(graph, community.concepts, (paper) => placed[paper] === community.id, { inside, paperCount, o });
    for (const node of order.slice(0, o.topConcepts)) keyConcepts.add(attrs(node).key);
  }
  assignPapers(graph, communities, keyConcepts);

  const fields = describeFields(graph, communities, (id) => levels.fieldOfTopic.get(rawOf.get(id)!)!, o, levels.idOf, paperCount);
  const fieldLabelKeys = new Map(fields.map((f) => [f.id, f.labelKeys]));
  const fieldSizes = new Map(fields.map((f) => [f.id, f.topics.length]));
  const topicOfPaper = groupsOfPapers(graph, 'community');
  for (const community of communities) {
    const inside = community.papers.length;
    // A topic's label leaves out its field's label and words nested in it, unless the topic is
    // the whole field.
    const field = community.field!;
    const exclude = fieldSizes.get(field) === 1 ? undefined : fieldLabelKeys.get(field);
    const { parts, order } = describeGroup(graph, community.concepts, (paper) => topicOfPaper[paper] === community.id, { inside, paperCount, o, exclude });
    community.label = parts.map((c) => c.label).join(' · ');
    community.concepts = order.map((node) => attrs(node).key);
    community.topConcepts = community.concepts.slice(0, o.topConcepts);
  }

  const modularityValue = roundFloat(standardModularity(concepts, membership));
  graph.mergeAttributes({ algorithm, resolution: o.resolution, seed: o.seed, modularity: modularityValue });
  return {
    algorithm,
    resolution: o.resolution,
    fieldResolution: levels.fieldResolution,
    seed: o.seed,
    modularity: modularityValue,
    communities,
    fields: fields.map(({ labelKeys: _labelKeys, ...field }) => field),
  };
}

/**
 * The fields of `communities` (whose `concepts` are still node keys and whose papers are
 * placed): numbered by papers, largest first, unless `idOf` gives ids; sets `field` on the
 * communities and on their concept and paper nodes; ranks and labels each field.
 */
function describeFields(
  graph: KnowledgeGraph,
  communities: Community[],
  rawFieldOf: (topic: number) => number,
  o: CommunityOptions,
  idOf: ReadonlyMap<number, number> | undefined,
  paperCount: number,
): (Field & { labelKeys: string[] })[] {
  const byRaw = new Map<number, Community[]>();
  for (const c of communities) {
    const raw = rawFieldOf(c.id);
    let list = byRaw.get(raw);
    if (!list) byRaw.set(raw, (list = []));
    list.push(c);
  }
  const paperTotal = (topics: Community[]) => topics.reduce((n, t) => n + t.papers.length, 0);
  const conceptTotal = (topics: Community[]) => topics.reduce((n, t) => n + t.concepts.length, 0);
  const groups = [...byRaw].sort(
    (x, y) => paperTotal(y[1]) - paperTotal(x[1]) || conceptTotal(y[1]) - conceptTotal(x[1]) || x[1][0]!.id - y[1][0]!.id,
  );
  const fieldOfTopic = new Map<number, number>();
  groups.forEach(([raw, topics], index) => {
    for (const topic of topics) fieldOfTopic.set(topic.id, idOf?.get(raw) ?? index);
  });
  graph.forEachNode((node, attributes) => {
    if (attributes.kind !== 'paper') return;
    if (attributes.community === undefined) {
      if (attributes.field !== undefined) graph.removeNodeAttribute(node, 'field');
    } else graph.setNodeAttribute(node, 'field', fieldOfTopic.get(attributes.community)!);
  });
  const fieldOfPaper = groupsOfPapers(graph, 'field');
  const fields = groups.map(([raw, topics], index) => {
    const id = idOf?.get(raw) ?? index;
    topics.sort((x, y) => y.papers.length - x.papers.length || y.concepts.length - x.concepts.length || x.id - y.id);
    const members: string[] = [];
    for (const topic of topics) {
      topic.field = id;
      for (const node of topic.concepts) {
        graph.setNodeAttribute(node, 'field', id);
        members.push(node);
      }
    }
    const inside = paperTotal(topics);
    const { parts, order } = describeGroup(graph, members.sort(compareStrings), (paper) => fieldOfPaper[paper] === id, { inside, paperCount, o, cohesion: FIELD_COHESION });
    const ranked = order.map((node) => graph.getNodeAttributes(node) as ConceptNodeAttributes);
    return {
      id,
      label: parts.map((c) => c.label).join(' · '),
      labelKeys: parts.map((c) => c.key),
      topics: topics.map((t) => t.id),
      topConcepts: ranked.slice(0, o.topConcepts).map((c) => c.key),
      concepts: members.length,
      papers: inside,
    };
  });
  if (new Set(fields.map((f) => f.id)).size !== fields.length) throw new RangeError('communities: field ids must be distinct.');
  return fields.sort((x, y) => x.id - y.id);
}

/** A concept describes a group only if this share of the group's papers mention it (and at least 2). */
const MIN_GROUP_SUPPORT = 0.1;

/**
 * A field's key concepts ask less of each other than a topic's: a field's papers span topics
 * whose terms seldom meet, and ten concepts that all co-occur leave most of its papers out.
 */
const FIELD_COHESION = 1.25;

/** Concepts weighed as a group's key concepts: those with most of the group's papers. */
const KEY_CONCEPT_CANDIDATES = 200;

/** A group's concepts as {@link rankInGroup} orders them, with the papers of each. */
interface GroupRanking {
  /** Node keys, most distinctive first. */
  order: string[];
  /** Node key → the group's papers mentioning it (paper numbers), and all its papers. */
  papersOf: ReadonlyMap<string, { inside: number[]; all: number[] }>;
}

/**
 * Concepts of a group (topic or field) in the order that describes it: first those that are
 * distinctive — over-represented in the group's papers, by Dunning's G² against the other
 * papers — and mentioned by at least a tenth of the group's papers, most distinctive first;
 * then the other over-represented ones by G²; then the rest by the group's papers that mention
 * them. A term that every group uses ("model", "gen" in the tests) is central everywhere but
 * distinctive nowhere; a one-off phrase is distinctive but covers two papers of hundreds.
 */
function rankInGroup(
  graph: KnowledgeGraph,
  members: readonly string[],
  inGroup: (paper: number) => boolean,
  inside: number,
  outside: number,
): GroupRanking {
  const tier = new Map<string, number>();
  const score = new Map<string, number>();
  const papersOf = new Map<string, { inside: number[]; all: number[] }>();
  const floor = Math.max(2, Math.ceil(MIN_GROUP_SUPPORT * inside));
  const mentions = graph.mentions;
  for (const node of members) {
    const insidePapers: number[] = [];
    const papers: number[] = [];
    for (const row of mentions.rowsOfConcept((graph.getNodeAttributes(node) as ConceptNodeAttributes).key)) {
      const paper = mentions.paperOf(row);
      papers.push(paper);
      if (inGroup(paper)) insidePapers.push(paper);
    }
    const a = insidePapers.length;
    // One mention row per paper and concept: rows are papers.
    const b = papers.length - a;
    const g2 = a > 0 && isOverused(a, b, inside, outside) ? logLikelihood(a, b, inside, outside) : 0;
    papersOf.set(node, { inside: insidePapers, all: papers });
    score.set(node, g2);
    tier.set(node, g2 > 0 ? (a >= floor ? 0 : 1) : 2);
  }
  const support = (node: string) => papersOf.get(node)!.inside.length;
  const order = [...members].sort(
    (x, y) =>
      tier.get(x)! - tier.get(y)! ||
      (tier.get(x)! < 2 ? score.get(y)! - score.get(x)! : 0) ||
      support(y) - support(x) ||
      compareStrings(x, y),
  );
  return { order, papersOf };
}

/** How {@link describeGroup} sees a group: its size, the corpus's, the options. */
interface GroupContext {
  inside: number;
  paperCount: number;
  o: CommunityOptions;
  /** Keys a label part may not nest in (a topic's field label); ignored if nothing else is left. */
  exclude?: readonly string[];
  /** Exponent of co-occurrence among the key concepts (see {@link chooseKeyConcepts}). */
  cohesion?: number;
}

/** A group's label (its concepts) and its concepts, node keys, key concepts first. */
function describeGroup(
  graph: KnowledgeGraph,
  members: readonly string[],
  /** Whether a paper (by its number in the mention store) is in the group. */
  inGroup: (paper: number) => boolean,
  { inside, paperCount, o, exclude, cohesion }: GroupContext,
): { parts: (ConceptNodeAttributes & { node: string })[]; order: string[] } {
  const ranking = rankInGroup(graph, members, inGroup, inside, paperCount - inside);
  const candidates = ranking.order.map((node) => ({ node, ...(graph.getNodeAttributes(node) as ConceptNodeAttributes) }));
  const withoutExcluded = exclude ? labelParts(candidates, o.labelConcepts, exclude) : [];
  const parts = withoutExcluded.length ? withoutExcluded : labelParts(candidates, o.labelConcepts);
  const order = describingOrder(ranking, inside, paperCount, o.topConcepts, parts.map((c) => c.node), cohesion);
  return { parts, order };
}

/**
 * A group's concepts with its key concepts first: the label's concepts (`label`, node keys),
 * then those {@link chooseKeyConcepts} adds to them, picked among the concepts with most of the
 * group's papers (ties by the ranking); then the others in the ranking's order.
 */
function describingOrder(ranking: GroupRanking, inside: number, totalPapers: number, count: number, label: readonly string[], cohesion = KEY_CONCEPT_DEFAULTS.cohesion): string[] {
  const support = (node: string) => ranking.papersOf.get(node)!.inside.length;
  const pool = ranking.order.filter((node) => support(node) >= Math.min(2, inside) || label.includes(node));
  const widest = new Set(
    [...pool].sort((x, y) => support(y) - support(x) || compareStrings(x, y)).slice(0, KEY_CONCEPT_CANDIDATES),
  );
  const candidates = [...label, ...pool.filter((node) => widest.has(node) && !label.includes(node))];
  const picked = chooseKeyConcepts(
    candidates.map((node) => {
      const { inside: papersInside, all } = ranking.papersOf.get(node)!;
      return { inside: papersInside, papers: new Set(all) };
    }),
    { ...KEY_CONCEPT_DEFAULTS, count, groupSize: inside, totalPapers, chosen: label.map((_node, index) => index), cohesion },
  ).map((index) => candidates[index]!);
  const first = new Set(picked);
  return [...picked, ...ranking.order.filter((node) => !first.has(node))];
}

/**
 * A community label: the first `count` concepts (most distinctive first), skipping any whose
 * words are all words of one already chosen, or that holds all of its words ("descent" after "gradient descent", "long range
 * arena benchmark" after "long range") or in a higher-ranked term skipped that way, so the
 * label names distinct things.
 */
export function composeLabel(
  ranked: readonly { key: string; label: string }[],
  count: number,
  exclude: readonly string[] = [],
): string {
  return labelParts(ranked, count, exclude).map((c) => c.label).join(' · ');
}

/** The concepts {@link composeLabel} joins; none nested in a key of `exclude` or holding one. */
export function labelParts<T extends { key: string; label: string }>(
  ranked: readonly T[],
  count: number,
  exclude: readonly string[] = [],
): T[] {
  const words = (key: string) => key.toLowerCase().split(/[\s\-_]+/).filter(Boolean);
  // Nested: every word of one is a word of the other, in any order ("pre-trained model" in
  // "pre-trained language model"), so a label never shows a term beside its own variant.
  const within = (a: readonly string[], b: readonly string[]) => a.length <= b.length && a.every((w) => b.includes(w));
  const chosen: T[] = [];
  // Skipped concepts count too: a fragment of a skipped longer term is a fragment all the same.
  const seen: string[][] = exclude.map(words);
  for (const concept of ranked) {
    if (chosen.length >= count) break;
    // By key and by label: an acronym label ("SQL") can sit inside another part ("text to SQL").
    const forms = [words(concept.key), words(concept.label)];
    const nested = forms.some((w) => seen.some((s) => within(w, s) || within(s, w)));
    seen.push(...forms);
    if (!nested) chosen.push(concept);
  }
  return chosen;
}

/**
 * Each paper's `community` or `field`, by its number in the mention store (−1: none), so that
 * ranking a group's concepts reads one array per mention instead of the paper's node.
 */
function groupsOfPapers(graph: KnowledgeGraph, attribute: 'community' | 'field'): Int32Array {
  const papers = graph.mentions.papers;
  const groups = new Int32Array(papers.length).fill(-1);
  papers.forEach((id, index) => {
    const node = paperNodeKey(id);
    const value = graph.hasNode(node) ? (graph.getNodeAttributes(node) as PaperNodeAttributes)[attribute] : undefined;
    if (value !== undefined) groups[index] = value;
  });
  return groups;
}

/**
 * Each paper joins the community holding most of its MENTIONS score (ties: the lower id); with
 * `keyConcepts`, counting only the mentions of those concepts when the paper has any. A
 * community's papers are listed by that score, strongest first.
 */
function assignPapers(graph: KnowledgeGraph, communities: Community[], keyConcepts?: ReadonlySet<string>): void {
  const members = new Map<number, { id: string; weight: number }[]>(communities.map((c) => [c.id, []]));
  const mentions = graph.mentions;
  graph.forEachNode((node, attributes) => {
    if (attributes.kind !== 'paper') return;
    const rows = mentions.rowsOfPaper(attributes.id);
    const keyRows = keyConcepts ? rows.filter((row) => keyConcepts.has(mentions.conceptKey(row))) : [];
    const weight = new Map<number, number>();
    for (const row of keyRows.length ? keyRows : rows) {
      const c = (graph.getNodeAttributes(conceptNodeKey(mentions.conceptKey(row))) as ConceptNodeAttributes).community;
      if (c === undefined) continue;
      // A zero score still counts a little: a paper mentioning concepts has a home.
      weight.set(c, (weight.get(c) ?? 0) + Math.max(mentions.score(row), 0) + 1e-9);
    }
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

