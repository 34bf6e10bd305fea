/**
 * Knowledge graph construction
 * ============================
 *
 * Turns deduplicated papers and extracted mentions into one directed graphology graph of
 * `Paper` and `Concept` nodes and weighted `CO_OCCURS` edges (concept → concept, lower key →
 * higher key, once per pair), with the `MENTIONS` (paper → concept) in the mention store the
 * graph carries (src/mention-store.ts).
 *
 * Co-occurrence weights follow VOSviewer's association strength (van Eck & Waltman 2009,
 * "How to normalize cooccurrence data?", https://doi.org/10.1002/asi.21075):
 *
 *   association(i, j) = 2m · c(i, j) / (k(i) · k(j))
 *
 * where c(i, j) counts the papers mentioning both concepts, k(i) = Σ_j c(i, j) is a concept's
 * total co-occurrence and m = Σ_{i<j} c(i, j). It is the observed co-occurrence divided by the
 * one expected if concepts co-occurred at random, so frequent generic terms do not dominate.
 * `count` keeps c(i, j); `jaccard` is c(i, j) / (n(i) + n(j) − c(i, j)) with n(i) the papers
 * mentioning i.
 *
 * Nodes, edges and mentions are inserted in sorted order with explicit keys, so graph.json is
 * the same bytes for the same input.
 */
import { resolveDefaults } from '../defaults.js';
import { UserError } from '../errors.js';
import {
  conceptNodeKey,
  paperNodeKey,
  type ConceptInfo,
  type ConceptNodeAttributes,
  type ExtractionResult,
  type GraphAttributes,
  type KnowledgeGraph,
  type PaperNodeAttributes,
  type PaperRecord,
} from '../model.js';
import { MentionStoreBuilder, createKnowledgeGraph, mentionsEdgeKey } from '../mention-store.js';
import { PACKAGE_VERSION } from '../version.js';
import { compareStrings, roundFloat } from './util.js';

/** The knowledge graph (see src/model.ts); this stage builds it as a directed graph. */
export type { KnowledgeGraph };

/** How co-occurrence counts become edge weights. */
export type Weighting = GraphAttributes['weighting'];

/** Options of the graph build (all optional, merged with {@link GRAPH_DEFAULTS}). */
export interface GraphBuildOptions {
  /** Concepts mentioned by fewer papers are left out of the graph. */
  minDf: number;
  /** Edge weight formula. */
  weighting: Weighting;
  /** CO_OCCURS edges lighter than this are dropped (after weighting). */
  minEdgeWeight: number;
  /** Keep only each concept's N strongest CO_OCCURS edges (an edge survives if either end keeps it); 0 = all. */
  topEdgesPerNode: number;
}

export const GRAPH_DEFAULTS: GraphBuildOptions = {
  minDf: 2,
  weighting: 'association',
  minEdgeWeight: 0,
  topEdgesPerNode: 0,
};

const WEIGHTINGS: readonly Weighting[] = ['count', 'association', 'jaccard'];

/** One weighted concept pair (a < b). */
export interface CooccurrenceEdge {
  a: string;
  b: string;
  /** Papers mentioning both. */
  papers: number;
  weight: number;
}

/** Checks options and fills defaults; a bad value is the user's mistake. */
export function resolveGraphOptions(options: Partial<GraphBuildOptions> = {}): GraphBuildOptions {
  const resolved = resolveDefaults(GRAPH_DEFAULTS, options);
  if (!Number.isInteger(resolved.minDf) || resolved.minDf < 1) {
    throw new UserError(`graph: invalid \`minDf\` ${resolved.minDf}. Expecting an integer ≥ 1.`);
  }
  if (!WEIGHTINGS.includes(resolved.weighting)) {
    throw new UserError(
      `graph: invalid \`weighting\` "${resolved.weighting}". Expecting one of ${WEIGHTINGS.join(', ')}.`,
    );
  }
  if (!Number.isFinite(resolved.minEdgeWeight) || resolved.minEdgeWeight < 0) {
    throw new UserError(`graph: invalid \`minEdgeWeight\` ${resolved.minEdgeWeight}. Expecting a number ≥ 0.`);
  }
  if (!Number.isInteger(resolved.topEdgesPerNode) || resolved.topEdgesPerNode < 0) {
    throw new UserError(
      `graph: invalid \`topEdgesPerNode\` ${resolved.topEdgesPerNode}. Expecting an integer ≥ 0.`,
    );
  }
  return resolved;
}

/**
 * Counts and weights concept co-occurrences.
 *
 * Row by row (concept i, its papers, their concepts), with one dense counter reused across
 * rows, so memory stays linear in the concepts plus the edges kept: a large corpus never
 * holds a table of every co-occurring pair. With `topEdgesPerNode`, a first pass finds each
 * concept's N-th strongest edge and the second keeps an edge if it reaches either end's cut.
 *
 * @param conceptSets  for each paper, the concept keys it mentions (duplicates ignored)
 * @param options      weighting and pruning
 * @returns one edge per co-occurring pair (a < b), sorted by (a, b)
 */
export function buildCooccurrenceEdges(
  conceptSets: Iterable<Iterable<string>>,
  options: Partial<GraphBuildOptions> = {},
): CooccurrenceEdge[] {
  const { weighting, minEdgeWeight, topEdgesPerNode } = resolveGraphOptions(options);

  // Integer ids in sorted key order, so rows and columns come out sorted like (a, b).
  const keySet = new Set<string>();
  const raw: string[][] = [];
  for (const set of conceptSets) {
    const keys = [...new Set(set)];
    for (const key of keys) keySet.add(key);
    raw.push(keys);
  }
  const keys = [...keySet].sort(compareStrings);
  const n = keys.length;
  const rank = new Map(keys.map((key, i) => [key, i]));
  const papers = raw.map((set) => Int32Array.from(set.map((key) => rank.get(key)!)).sort());

  // Postings (concept → papers), occurrences n(i), strengths k(i) = Σ (|paper| − 1), and m.
  const occurrences = new Float64Array(n);
  const strength = new Float64Array(n);
  let total = 0;
  for (const paper of papers) {
    total += (paper.length * (paper.length - 1)) / 2;
    for (const i of paper) {
      occurrences[i]! += 1;
      strength[i]! += paper.length - 1;
    }
  }
  const postingStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) postingStart[i + 1] = postingStart[i]! + occurrences[i]!;
  const postings = new Int32Array(postingStart[n]!);
  const fill = postingStart.slice(0, n);
  papers.forEach((paper, p) => {
    for (const i of paper) postings[fill[i]!++] = p;
  });

  // Unrounded weights decide pruning (cheap); kept edges are rounded once, for the files.
  const weigh = (i: number, j: number, c: number): number => {
    if (weighting === 'count') return c;
    if (weighting === 'association') return (2 * total * c) / (strength[i]! * strength[j]!);
    return c / (occurrences[i]! + occurrences[j]! - c);
  };

  // One row: co-occurrence counts of concept i with every concept (j > i only if `upper`).
  const counts = new Float64Array(n);
  const touched: number[] = [];
  const row = (i: number, upper: boolean): number[] => {
    touched.length = 0;
    for (let q = postingStart[i]!; q < postingStart[i + 1]!; q++) {
      const paper = papers[postings[q]!]!;
      for (let r = 0; r < paper.length; r++) {
        const j = paper[r]!;
        if (j === i || (upper && j < i)) continue;
        if (counts[j] === 0) touched.push(j);
        counts[j]! += 1;
      }
    }
    return touched;
  };

  // The cut of each concept's top-N: the N-th strongest edge (weight, then the lower other end).
  const cutWeight = new Float64Array(n).fill(-Infinity);
  const cutOther = new Int32Array(n).fill(n);
  if (topEdgesPerNode > 0) {
    const others: number[] = [];
    const weights: number[] = [];
    for (let i = 0; i < n; i++) {
      others.length = 0;
      weights.length = 0;
      for (const j of row(i, false)) {
        const w = weigh(i, j, counts[j]!);
        counts[j] = 0;
        if (w >= minEdgeWeight) {
          others.push(j);
          weights.push(w);
        }
      }
      if (others.length <= topEdgesPerNode) continue;
      const order = others.map((_, k) => k).sort((x, y) => weights[y]! - weights[x]! || others[x]! - others[y]!);
      cutWeight[i] = weights[order[topEdgesPerNode - 1]!]!;
      cutOther[i] = others[order[topEdgesPerNode - 1]!]!;
    }
  }
  const withinTop = (i: number, j: number, w: number) => w > cutWeight[i]! || (w === cutWeight[i]! && j <= cutOther[i]!);

  const edges: CooccurrenceEdge[] = [];
  for (let i = 0; i < n; i++) {
    const columns = row(i, true).sort((x, y) => x - y);
    for (const j of columns) {
      const c = counts[j]!;
      counts[j] = 0;
      const weight = weigh(i, j, c);
      if (weight < minEdgeWeight) continue;
      if (topEdgesPerNode > 0 && !withinTop(i, j, weight) && !withinTop(j, i, weight)) continue;
      edges.push({ a: keys[i]!, b: keys[j]!, papers: c, weight: roundFloat(weight) });
    }
  }
  return edges;
}

/**
 * Builds the knowledge graph.
 *
 * Concepts enter when their document frequency is at least `minDf` and some paper's kept
 * mentions name them; papers enter whether or not they mention any. Mentions of a paper that
 * is not in `papers` are ignored.
 *
 * With `release`, each paper's mention list in `extraction` is emptied once its rows are in
 * the mention store: a caller that no longer needs the extraction
 * then never holds a large corpus's mentions twice.
 */
export function buildKnowledgeGraph(
  papers: readonly PaperRecord[],
  extraction: ExtractionResult,
  options: Partial<GraphBuildOptions> = {},
  { release = false }: { release?: boolean } = {},
): KnowledgeGraph {
  const resolved = resolveGraphOptions(options);
  const paperIds = new Set(papers.map((p) => p.id));

  // Papers holding each concept among the kept mentions (the co-occurrence universe).
  const mentionDf = new Map<string, number>();
  const firstMention = new Map<string, { label: string; forms: string[] }>();
  for (const pc of extraction.papers) {
    if (!paperIds.has(pc.paperId)) continue;
    for (const key of new Set(pc.concepts.map((c) => c.key))) mentionDf.set(key, (mentionDf.get(key) ?? 0) + 1);
    for (const c of pc.concepts) if (!firstMention.has(c.key)) firstMention.set(c.key, { label: c.label, forms: c.forms });
  }
  const infoByKey = new Map<string, ConceptInfo>(extraction.concepts.map((c) => [c.key, c]));
  const conceptKeys = [...mentionDf.keys()]
    .filter((key) => (infoByKey.get(key)?.df ?? mentionDf.get(key)!) >= resolved.minDf)
    .sort(compareStrings);
  const keptKeys = new Set(conceptKeys);

  // A paper about a narrower concept is about its broader one too ("modern hopfield network" →
  // "hopfield network"), for co-occurrence: without it the two never meet, as a span counts for
  // the longer concept only. A one-word broader concept ("network") is too general to imply.
  const impliedBroader = new Map<string, string>();
  const conceptNodes: [string, ConceptNodeAttributes][] = [];
  for (const key of conceptKeys) {
    const info = infoByKey.get(key);
    const fallback = firstMention.get(key)!;
    const attributes: ConceptNodeAttributes = {
      kind: 'concept',
      key,
      label: info?.label ?? fallback.label,
      aliases: [...(info?.aliases ?? fallback.forms)],
      df: info?.df ?? mentionDf.get(key)!,
      termhood: roundFloat(info?.termhood ?? 0),
    };
    const broader = broaderNode(key, infoByKey, keptKeys);
    if (broader !== undefined) {
      attributes.broader = broader;
      if (broader.includes(' ')) impliedBroader.set(key, broader);
    }
    conceptNodes.push([conceptNodeKey(key), attributes]);
  }

  // Mentions go to the column store (by paper id, then concept key: graph.json's order); papers
  // are nodes whether or not they mention a kept concept.
  const mentions = new MentionStoreBuilder();
  const sortedPapers = [...papers].sort((x, y) => compareStrings(x.id, y.id));
  const paperNodes: [string, PaperNodeAttributes][] = [];
  const seen = new Set<string>();
  for (const paper of sortedPapers) {
    if (seen.has(paper.id)) continue; // ingest deduplicates; stay safe anyway
    seen.add(paper.id);
    paperNodes.push([paperNodeKey(paper.id), toPaperAttributes(paper)]);
    mentions.addPaper(paper.id, paper);
  }
  for (const key of conceptKeys) mentions.addConcept(key);

  const mentionsByPaper = [...extraction.papers]
    .filter((pc) => paperIds.has(pc.paperId))
    .sort((x, y) => compareStrings(x.paperId, y.paperId));
  const conceptSets: string[][] = [];
  // The concepts a paper has a row for (across entries of one paper, should extraction repeat it).
  let added: { paper: number; keys: Set<string> } | undefined;
  for (const pc of mentionsByPaper) {
    const paper = mentions.addPaper(pc.paperId);
    const kept = pc.concepts.filter((c) => keptKeys.has(c.key)).sort((x, y) => compareStrings(x.key, y.key));
    const keys = pc.concepts.map((c) => c.key).filter((k) => keptKeys.has(k));
    const implied = keys.map((k) => impliedBroader.get(k)).filter((k): k is string => k !== undefined && !keys.includes(k));
    conceptSets.push(implied.length ? [...keys, ...new Set(implied)] : keys);
    if (release) pc.concepts = [];
    if (added?.paper !== paper) added = { paper, keys: new Set() };
    for (const m of kept) {
      if (added.keys.has(m.key)) continue; // one mention per (paper, concept), as one edge was
      added.keys.add(m.key);
      mentions.add(paper, mentions.addConcept(m.key), { count: m.count, score: roundFloat(m.score), evidence: m.evidence });
    }
  }

  const graph = createKnowledgeGraph(mentions.finish());
  graph.replaceAttributes({
    version: PACKAGE_VERSION,
    weighting: resolved.weighting,
    minDf: resolved.minDf,
    minEdgeWeight: resolved.minEdgeWeight,
    topEdgesPerNode: resolved.topEdgesPerNode,
  });
  for (const [key, attributes] of conceptNodes) graph.addNode(key, attributes);
  for (const [key, attributes] of paperNodes) graph.addNode(key, attributes);

  for (const e of buildCooccurrenceEdges(conceptSets, resolved)) {
    graph.addDirectedEdgeWithKey(cooccursEdgeKey(e.a, e.b), conceptNodeKey(e.a), conceptNodeKey(e.b), {
      type: 'CO_OCCURS',
      papers: e.papers,
      weight: e.weight,
    });
  }
  return graph;
}

/**
 * Edge key of the `index`-th MENTIONS edge (insertion order: by paper id, then concept key).
 * Short on purpose: a large graph has millions of them in graph.json, and the edge's source and
 * target already name the paper and the concept.
 */
export { mentionsEdgeKey };
/** Edge key of a CO_OCCURS edge, lower key first. */
export const cooccursEdgeKey = (a: string, b: string): string => `CO_OCCURS:${a}--${b}`;

function toPaperAttributes(paper: PaperRecord): PaperNodeAttributes {
  const attributes: PaperNodeAttributes = {
    kind: 'paper',
    id: paper.id,
    title: paper.title,
    abstract: paper.abstract,
    sources: paper.sources.map((s) => `${s.file}:${s.line}`),
  };
  // Only defined optional fields, so graph.json carries no `null` placeholders.
  if (paper.date !== undefined) attributes.date = paper.date;
  if (paper.year !== undefined) attributes.year = paper.year;
  if (paper.url !== undefined) attributes.url = paper.url;
  const authorsCount = paper.authorsCount ?? paper.authors?.length;
  if (authorsCount !== undefined) attributes.authorsCount = authorsCount;
  if (paper.upvotes !== undefined) attributes.upvotes = paper.upvotes;
  return attributes;
}

/** The nearest broader concept of `key` that is a node (a broader one below `minDf` is skipped for its own). */
function broaderNode(key: string, infoByKey: ReadonlyMap<string, ConceptInfo>, nodes: ReadonlySet<string>): string | undefined {
  const seen = new Set<string>([key]);
  for (let b = infoByKey.get(key)?.broader; b !== undefined && !seen.has(b); b = infoByKey.get(b)?.broader) {
    if (nodes.has(b)) return b;
    seen.add(b);
  }
  return undefined;
}
