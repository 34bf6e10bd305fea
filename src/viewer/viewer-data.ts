/**
 * Compact viewer data
 * ===================
 *
 * Turns the built graph (papers, concepts, MENTIONS, CO_OCCURS) and its communities into the
 * compact `ViewerData` the browser loads once. Pure: no I/O here (see `write-viewer-data.ts`).
 *
 * Level of detail happens here, before the browser sees anything: each concept keeps only its
 * strongest co-occurrence links (an edge survives when it is among the top links of either end),
 * only the best-scored mentions of a concept carry an evidence sentence, and numbers are rounded.
 */
import { compareStrings } from '../compare-strings.js';
import { resolveDefaults } from '../defaults.js';
import type {
  CommunitiesFile,
  ConceptNodeAttributes,
  CoOccursEdgeAttributes,
  Evidence,
  PaperNodeAttributes,
} from '../model.js';
import {
  VIEWER_DATA_VERSION,
  type ViewerCommunity,
  type ViewerData,
  type ViewerField,
} from './format.js';

/**
 * What this module reads from a graph: a structural subset of graphology's `Graph` (nodes and
 * CO_OCCURS edges), and the mentions, wherever they are kept (graph.json's MENTIONS edges, or a
 * built graph's mention store; see serialized-graph.ts).
 */
export interface ReadableGraph {
  forEachNode(callback: (node: string, attributes: any) => void): void;
  forEachEdge(
    callback: (edge: string, attributes: any, source: string, target: string) => void,
  ): void;
  /** Every mention: paper and concept node, count, score, and a number {@link mentionEvidence} takes. */
  forEachMention(callback: (source: string, target: string, count: number, score: number, ref: number) => void): void;
  /** The evidence (sentences included) of the mention `ref` names. */
  mentionEvidence(ref: number): readonly Evidence[] | undefined;
  getAttributes(): any;
}

/** Options of `createViewerData`. */
export interface ViewerDataOptions {
  /** Each concept keeps at most this many strongest co-occurrence links for display (0 = all). */
  maxEdgesPerNode: number;
  /** Only the best-scored mentions of a concept keep an evidence sentence (the panel's list). */
  maxEvidencePerConcept: number;
  /**
   * Evidence sentences in the whole file, about: a graph of many concepts keeps fewer per
   * concept (never below {@link MIN_EVIDENCE_PER_CONCEPT}), so the browser's one download
   * stays small (25k concepts × 40 sentences would be a quarter of a gigabyte).
   */
  maxEvidenceSentences: number;
  /** Evidence sentences longer than this are cut around the mention. */
  maxSentenceLength: number;
}

export const DEFAULTS: ViewerDataOptions = {
  maxEdgesPerNode: 6,
  maxEvidencePerConcept: 40,
  maxEvidenceSentences: 100_000,
  maxSentenceLength: 400,
};

/** Evidence sentences every concept keeps, however many concepts there are. */
export const MIN_EVIDENCE_PER_CONCEPT = 5;

/** Sentences per concept for `concepts` concepts under `options`' per-concept and total limits. */
export function evidencePerConcept(concepts: number, options: Pick<ViewerDataOptions, 'maxEvidencePerConcept' | 'maxEvidenceSentences'>): number {
  const share = Math.floor(options.maxEvidenceSentences / Math.max(1, concepts));
  return Math.min(options.maxEvidencePerConcept, Math.max(MIN_EVIDENCE_PER_CONCEPT, share));
}

/**
 * The graph's mentions as columns (typed arrays sized once from the mention count): a large
 * corpus has millions, and one object per mention would double the stage's memory.
 */
class MentionColumns {
  length = 0;
  readonly paper: Int32Array;
  readonly concept: Int32Array;
  readonly count: Float64Array;
  readonly score: Float64Array;
  /** What the graph's `mentionEvidence` takes for each mention. */
  readonly ref: Float64Array;

  constructor(graph: ReadableGraph) {
    let mentions = 0;
    graph.forEachMention(() => mentions++);
    this.paper = new Int32Array(mentions);
    this.concept = new Int32Array(mentions);
    this.count = new Float64Array(mentions);
    this.score = new Float64Array(mentions);
    this.ref = new Float64Array(mentions);
  }

  add(paper: number, concept: number, count: number, score: number, ref: number): void {
    const i = this.length++;
    this.paper[i] = paper;
    this.concept[i] = concept;
    this.count[i] = count;
    this.score[i] = score;
    this.ref[i] = ref;
  }
}

/** Rounds to a fixed number of decimals, so the file is small and byte-for-byte stable. */
function round(value: number, decimals: number): number {
  if (!Number.isFinite(value)) return 0;
  const f = 10 ** decimals;
  const r = Math.round(value * f) / f;
  return Object.is(r, -0) ? 0 : r;
}

/** Rounds to a few significant digits (weights span many magnitudes). */
function roundSignificant(value: number, digits = 4): number {
  if (!Number.isFinite(value) || value === 0) return 0;
  return Number(value.toPrecision(digits));
}

/** Aliases other than the label, without case-only variants of the label or of each other. */
function distinctAliases(label: string, aliases: readonly unknown[]): string[] {
  const seen = new Set([label.toLowerCase()]);
  const out: string[] = [];
  for (const alias of aliases) {
    if (typeof alias !== 'string' || alias.trim() === '') continue;
    const folded = alias.toLowerCase();
    if (seen.has(folded)) continue;
    seen.add(folded);
    out.push(alias);
  }
  return out;
}


/**
 * Cuts a long sentence to at most `max` characters around the mention, keeping offsets right.
 * Returns the (maybe shortened) sentence and the mention's offsets inside it.
 */
export function trimSentence(
  sentence: string,
  start: number,
  end: number,
  max: number,
): { text: string; start: number; end: number } {
  const s = Math.max(0, Math.min(start, sentence.length));
  const e = Math.max(s, Math.min(end, sentence.length));
  if (sentence.length <= max) return { text: sentence, start: s, end: e };
  const room = Math.max(0, max - (e - s));
  let from = Math.max(0, s - Math.floor(room / 2));
  const to = Math.min(sentence.length, from + Math.max(max, e - s));
  from = Math.max(0, Math.min(from, to - max));
  const prefix = from > 0 ? '… ' : '';
  const suffix = to < sentence.length ? ' …' : '';
  return {
    text: prefix + sentence.slice(from, to) + suffix,
    start: s - from + prefix.length,
    end: e - from + prefix.length,
  };
}

/** A concept node with its co-occurrence degree and strength (papers summed over its edges). */
interface ConceptEntry {
  node: string;
  a: ConceptNodeAttributes;
  degree: number;
  strength: number;
}

interface PaperEntry {
  node: string;
  a: PaperNodeAttributes;
}

/** A co-occurrence edge by concept index, lower index first. */
interface CoEdge {
  s: number;
  t: number;
  weight: number;
  papers: number;
}

/**
 * The graph's concepts in importance order (co-occurrence strength, then weighted degree, then
 * key; also the search's order) and its papers by id.
 */
function orderedNodes(graph: ReadableGraph): { conceptNodes: ConceptEntry[]; paperNodes: PaperEntry[] } {
  const conceptNodes: ConceptEntry[] = [];
  const paperNodes: PaperEntry[] = [];
  graph.forEachNode((node, attributes) => {
    const a = attributes as ConceptNodeAttributes | PaperNodeAttributes;
    if (a?.kind === 'concept') conceptNodes.push({ node, a, degree: 0, strength: 0 });
    else if (a?.kind === 'paper') paperNodes.push({ node, a });
  });

  // Co-occurrence strength first: it orders the concepts (importance order, also for search).
  const byNode = new Map(conceptNodes.map((c) => [c.node, c]));
  graph.forEachEdge((_edge, attributes, source, target) => {
    if ((attributes as CoOccursEdgeAttributes)?.type !== 'CO_OCCURS' || source === target) return;
    const s = byNode.get(source);
    const t = byNode.get(target);
    if (!s || !t) return;
    const papers = (attributes as CoOccursEdgeAttributes).papers ?? 0;
    s.degree++;
    t.degree++;
    s.strength += papers;
    t.strength += papers;
  });
  conceptNodes.sort(
    (p, q) =>
      q.strength - p.strength ||
      (q.a.weightedDegree ?? 0) - (p.a.weightedDegree ?? 0) ||
      compareStrings(p.a.key, q.a.key),
  );
  paperNodes.sort((p, q) => compareStrings(p.a.id, q.a.id));
  return { conceptNodes, paperNodes };
}

/** Co-occurrence edges (once per pair) and mentions, by concept and paper index. */
function indexedEdges(
  graph: ReadableGraph,
  conceptIndex: Map<string, number>,
  paperIndex: Map<string, number>,
): { coEdges: CoEdge[]; mentions: MentionColumns } {
  const coEdges: CoEdge[] = [];
  const mentions = new MentionColumns(graph);
  graph.forEachEdge((_edge, attributes, source, target) => {
    const a = attributes as CoOccursEdgeAttributes;
    if (a?.type !== 'CO_OCCURS') return;
    const s = conceptIndex.get(source);
    const t = conceptIndex.get(target);
    if (s === undefined || t === undefined || s === t) return;
    coEdges.push({ s: Math.min(s, t), t: Math.max(s, t), weight: a.weight ?? 0, papers: a.papers ?? 0 });
  });
  graph.forEachMention((source, target, count, score, ref) => {
    const paper = paperIndex.get(source);
    const concept = conceptIndex.get(target);
    if (paper === undefined || concept === undefined) return;
    mentions.add(paper, concept, count, score, ref);
  });
  return { coEdges, mentions };
}

/**
 * The displayed edges, flat `[s, t, weight, papers, …]` by source then target: an edge is kept
 * when it is among the `maxEdgesPerNode` strongest links of either end (0 keeps all).
 * Sorts `coEdges` in place.
 */
function prunedEdges(coEdges: CoEdge[], conceptCount: number, maxEdgesPerNode: number): number[] {
  const byStrength = (e: CoEdge, f: CoEdge): number =>
    f.weight - e.weight || f.papers - e.papers || e.s - f.s || e.t - f.t;
  coEdges.sort(byStrength);
  let kept = coEdges;
  if (maxEdgesPerNode > 0) {
    const taken = new Uint32Array(conceptCount);
    const keep = new Uint8Array(coEdges.length);
    coEdges.forEach((e, i) => {
      if (taken[e.s]! < maxEdgesPerNode || taken[e.t]! < maxEdgesPerNode) keep[i] = 1;
      // Counting every edge seen, kept or not, makes "top K of either end" exact.
      taken[e.s]!++;
      taken[e.t]!++;
    });
    kept = coEdges.filter((_, i) => keep[i] === 1);
  }
  kept.sort((e, f) => e.s - f.s || e.t - f.t);
  const edges: number[] = [];
  for (const e of kept) edges.push(e.s, e.t, roundSignificant(e.weight), e.papers);
  return edges;
}

/**
 * Mentions grouped by concept, best score first, flat `[paper, concept, count, sentence,
 * start, end, …]`; only the first `evidencePerConcept` of a concept carry an evidence
 * sentence (-1 for none), each distinct sentence stored once.
 */
function encodedMentions(
  graph: ReadableGraph,
  mentions: MentionColumns,
  conceptCount: number,
  opts: ViewerDataOptions,
): { flatMentions: number[]; sentences: string[] } {
  const { paper: mPaper, concept: mConcept, count: mCount, score: mScore, ref: mRef } = mentions;
  const order = Uint32Array.from({ length: mentions.length }, (_, i) => i).sort(
    (m, n) =>
      mConcept[m]! - mConcept[n]! || mScore[n]! - mScore[m]! || mCount[n]! - mCount[m]! || mPaper[m]! - mPaper[n]!,
  );
  const perConcept = evidencePerConcept(conceptCount, opts);
  const sentences: string[] = [];
  const sentenceIndex = new Map<string, number>();
  const flatMentions: number[] = new Array(order.length * 6);
  let currentConcept = -1;
  let rank = 0;
  let at = 0;
  for (const i of order) {
    const concept = mConcept[i]!;
    if (concept !== currentConcept) {
      currentConcept = concept;
      rank = 0;
    }
    let sIdx = -1;
    let start = 0;
    let end = 0;
    const ev = rank >= perConcept ? undefined : (graph.mentionEvidence(mRef[i]!) ?? []).find((e) => typeof e?.sentence === 'string' && e.sentence.length > 0);
    if (ev && rank < perConcept) {
      const trimmed = trimSentence(
        ev.sentence,
        ev.start - ev.sentenceStart,
        ev.end - ev.sentenceStart,
        opts.maxSentenceLength,
      );
      sIdx = sentenceIndex.get(trimmed.text) ?? -1;
      if (sIdx < 0) {
        sIdx = sentences.length;
        sentences.push(trimmed.text);
        sentenceIndex.set(trimmed.text, sIdx);
      }
      start = trimmed.start;
      end = trimmed.end;
    }
    flatMentions[at++] = mPaper[i]!;
    flatMentions[at++] = concept;
    flatMentions[at++] = mCount[i]!;
    flatMentions[at++] = sIdx;
    flatMentions[at++] = start;
    flatMentions[at++] = end;
    rank++;
  }
  return { flatMentions, sentences };
}

/** Communities: sizes from the concepts actually present, labels from the communities file. */
function viewerCommunities(
  conceptNodes: readonly ConceptEntry[],
  paperNodes: readonly PaperEntry[],
  communities: CommunitiesFile | null,
): ViewerCommunity[] {
  const communityList: ViewerCommunity[] = [];
  const sizes = new Map<number, number>();
  for (const c of conceptNodes) {
    const id = c.a.community;
    if (typeof id === 'number') sizes.set(id, (sizes.get(id) ?? 0) + 1);
  }
  const paperCounts = new Map<number, number>();
  for (const p of paperNodes) {
    const id = p.a.community;
    if (typeof id === 'number') paperCounts.set(id, (paperCounts.get(id) ?? 0) + 1);
  }
  const described = new Map((communities?.communities ?? []).map((c) => [c.id, c]));
  const ids = [...new Set([...sizes.keys(), ...described.keys()])].sort((a, b) => a - b);
  for (const id of ids) {
    const c = described.get(id);
    const community: ViewerCommunity = {
      id,
      label: c?.label ?? `community ${id}`,
      size: sizes.get(id) ?? c?.concepts.length ?? 0,
      papers: paperCounts.get(id) ?? c?.papers.length ?? 0,
    };
    if (typeof c?.field === 'number') community.field = c.field;
    communityList.push(community);
  }
  return communityList;
}

/**
 * Fields from the communities file, with counts summed over their topics as the file's
 * concepts and papers hold them; undefined for a file written before communities had fields.
 */
function viewerFields(communities: CommunitiesFile | null, topics: readonly ViewerCommunity[]): ViewerField[] | undefined {
  if (!Array.isArray(communities?.fields)) return undefined;
  const topicById = new Map(topics.map((t) => [t.id, t]));
  return communities.fields.map((f) => {
    const own = f.topics.filter((id) => topicById.get(id)?.field === f.id);
    let concepts = 0;
    let papers = 0;
    for (const id of own) {
      concepts += topicById.get(id)!.size;
      papers += topicById.get(id)!.papers;
    }
    return { id: f.id, label: f.label, topics: own, concepts, papers };
  });
}

/** The file's `meta`: counts, and the weighting and community algorithm when known. */
function viewerMeta(
  graph: ReadableGraph,
  communities: CommunitiesFile | null,
  counts: Pick<ViewerData['meta'], 'papers' | 'concepts' | 'edges'>,
): ViewerData['meta'] {
  const graphAttributes = (graph.getAttributes() ?? {}) as Record<string, unknown>;
  const meta: ViewerData['meta'] = { papers: counts.papers, concepts: counts.concepts, edges: counts.edges };
  if (typeof graphAttributes.weighting === 'string') meta.weighting = graphAttributes.weighting;
  const algorithm = communities?.algorithm ?? graphAttributes.algorithm;
  if (typeof algorithm === 'string') meta.algorithm = algorithm;
  const modularity = communities?.modularity ?? graphAttributes.modularity;
  if (typeof modularity === 'number') meta.modularity = round(modularity, 4);
  return meta;
}

/**
 * Builds the compact viewer data from a built graph and its communities.
 *
 * Concepts are ordered by co-occurrence strength (then weighted degree, then key), papers by id, so the output is the same
 * byte for byte for the same graph. Paper nodes without mentions are kept (the bipartite view and
 * the year filter use them); co-occurrence edges are pruned per `maxEdgesPerNode`.
 */
export function createViewerData(
  graph: ReadableGraph,
  communities: CommunitiesFile | null,
  options: Partial<ViewerDataOptions> = {},
): ViewerData {
  const opts = resolveDefaults(DEFAULTS, options);
  const { conceptNodes, paperNodes } = orderedNodes(graph);
  const conceptIndex = new Map(conceptNodes.map((c, i) => [c.node, i]));
  const indexOfKey = new Map(conceptNodes.map((c, i) => [c.a.key, i]));
  const paperIndex = new Map(paperNodes.map((p, i) => [p.node, i]));
  const { coEdges, mentions } = indexedEdges(graph, conceptIndex, paperIndex);
  const edgeTotal = coEdges.length;
  const edges = prunedEdges(coEdges, conceptNodes.length, opts.maxEdgesPerNode);
  const { flatMentions, sentences } = encodedMentions(graph, mentions, conceptNodes.length, opts);
  const topics = viewerCommunities(conceptNodes, paperNodes, communities);
  const fields = viewerFields(communities, topics);
  return {
    format: 'papergraph-viewer',
    version: VIEWER_DATA_VERSION,
    meta: viewerMeta(graph, communities, { papers: paperNodes.length, concepts: conceptNodes.length, edges: edgeTotal }),
    communities: topics,
    ...(fields ? { fields } : {}),
    concepts: {
      key: conceptNodes.map((c) => c.a.key),
      label: conceptNodes.map((c) => c.a.label ?? c.a.key),
      aliases: conceptNodes.map((c) => distinctAliases(c.a.label ?? c.a.key, c.a.aliases ?? [])),
      df: conceptNodes.map((c) => c.a.df ?? 0),
      community: conceptNodes.map((c) => (typeof c.a.community === 'number' ? c.a.community : -1)),
      weightedDegree: conceptNodes.map((c) => roundSignificant(c.a.weightedDegree ?? 0)),
      degree: conceptNodes.map((c) => c.degree),
      strength: conceptNodes.map((c) => c.strength),
      pagerank: conceptNodes.map((c) => roundSignificant(c.a.pagerank ?? 0)),
      x: conceptNodes.map((c) => round(c.a.x ?? 0, 3)),
      y: conceptNodes.map((c) => round(c.a.y ?? 0, 3)),
      broader: conceptNodes.map((c) => (c.a.broader === undefined ? -1 : (indexOfKey.get(c.a.broader) ?? -1))),
    },
    edges,
    papers: {
      id: paperNodes.map((p) => p.a.id),
      title: paperNodes.map((p) => p.a.title ?? ''),
      date: paperNodes.map((p) => p.a.date ?? null),
      year: paperNodes.map((p) => (typeof p.a.year === 'number' ? p.a.year : null)),
      url: paperNodes.map((p) => p.a.url ?? null),
      community: paperNodes.map((p) => (typeof p.a.community === 'number' ? p.a.community : -1)),
    },
    mentions: flatMentions,
    sentences,
  };
}
