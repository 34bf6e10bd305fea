/**
 * Synthetic graphs
 * ================
 *
 * Generates a graph that follows the data model exactly (Paper and Concept nodes, MENTIONS with
 * evidence, CO_OCCURS with papers/weight, communities, a clustered layout) at any size, from a
 * seed. The viewer's tests and benchmark use it to exercise the viewer at 1k–50k concepts.
 */
import { resolveDefaults } from '../defaults.js';
import { createRng } from '../rng.js';
import type {
  CommunitiesFile,
  Community,
  Field,
  ConceptNodeAttributes,
  CoOccursEdgeAttributes,
  GraphAttributes,
  MentionsEdgeAttributes,
  PaperNodeAttributes,
} from '../model.js';
import { conceptNodeKey, paperNodeKey } from '../model.js';
import type { SerializedGraph } from '../model.js';

/** Options of `createSyntheticGraph`. */
export interface SyntheticGraphOptions {
  concepts: number;
  /** Co-occurrence edges created per concept (so about `concepts × edgesPerNode` in all). */
  edgesPerNode: number;
  papers: number;
  mentionsPerPaper: number;
  communities: number;
  /** Share of a concept's edges that stay inside its community. */
  cohesion: number;
  seed: number;
}

export const DEFAULTS: SyntheticGraphOptions = {
  concepts: 1000,
  edgesPerNode: 5,
  papers: 200,
  mentionsPerPaper: 6,
  communities: 12,
  cohesion: 0.85,
  seed: 42,
};

export { createRng } from '../rng.js';

const SYLLABLES = ['ka', 'lo', 'ver', 'tan', 'mi', 'sor', 'el', 'qua', 'di', 'nen', 'ro', 'pha', 'ti', 'gel', 'mu', 'zar'];
const HEADS = ['model', 'network', 'kernel', 'estimator', 'transform', 'embedding', 'process', 'policy', 'loss', 'graph'];

function word(rng: () => number, n: number): string {
  let w = '';
  for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(rng() * SYLLABLES.length)];
  return w;
}

/** The graph, in graphology's `export()` format, and its communities file. */
export interface SyntheticGraph {
  graph: SerializedGraph & { options: { type: 'directed'; multi: false; allowSelfLoops: false } };
  communities: CommunitiesFile;
}

type Rng = () => number;

/** A CO_OCCURS edge between concepts `s` and `t` (by index). */
type SyntheticPair = CoOccursEdgeAttributes & { s: number; t: number };

interface SyntheticMention {
  paper: number;
  concept: number;
  attrs: MentionsEdgeAttributes;
}

/** Concepts: clustered around community centres on a circle; Zipf-like sizes. */
function syntheticConcepts(
  rng: Rng,
  opts: SyntheticGraphOptions,
  k: number,
): { concepts: ConceptNodeAttributes[]; byCommunity: number[][] } {
  const concepts: ConceptNodeAttributes[] = [];
  const byCommunity: number[][] = Array.from({ length: k }, () => []);
  const usedKeys = new Set<string>();
  for (let i = 0; i < opts.concepts; i++) {
    const community = Math.min(k - 1, Math.floor(k * rng() ** 1.6));
    const angle = (2 * Math.PI * community) / k;
    const spread = 0.6 + rng() * 0.4;
    const r = Math.sqrt(-2 * Math.log(1 - rng() * 0.999)) * 0.9;
    const theta = rng() * 2 * Math.PI;
    const head = HEADS[Math.floor(rng() * HEADS.length)]!;
    let label = `${word(rng, 2 + Math.floor(rng() * 2))} ${head}`;
    while (usedKeys.has(label)) label = `${word(rng, 2)} ${label}`;
    usedKeys.add(label);
    const acronym = label
      .split(' ')
      .map((w) => w[0]!.toUpperCase())
      .join('');
    concepts.push({
      kind: 'concept',
      key: label,
      label,
      aliases: [label, acronym],
      df: 0,
      termhood: Number((1 + rng() * 4).toFixed(3)),
      community,
      pagerank: 0,
      weightedDegree: 0,
      bridge: 0,
      x: Number((Math.cos(angle) * 10 * spread + r * Math.cos(theta)).toFixed(4)),
      y: Number((Math.sin(angle) * 10 * spread + r * Math.sin(theta)).toFixed(4)),
    });
    byCommunity[community]!.push(i);
  }
  return { concepts, byCommunity };
}

/**
 * Co-occurrence edges: mostly inside the community, once per pair (lower key first). Sets the
 * concepts' weighted degree and pagerank (its share of all weighted degree).
 */
function syntheticCoOccurrences(
  rng: Rng,
  opts: SyntheticGraphOptions,
  concepts: ConceptNodeAttributes[],
  byCommunity: number[][],
): Map<string, SyntheticPair> {
  const pairs = new Map<string, SyntheticPair>();
  for (let i = 0; i < concepts.length && concepts.length > 1; i++) {
    const own = byCommunity[concepts[i]!.community!]!;
    for (let e = 0; e < opts.edgesPerNode; e++) {
      let j = i;
      for (let tries = 0; j === i && tries < 8; tries++) {
        j = rng() < opts.cohesion && own.length > 1
          ? own[Math.floor(rng() * own.length)]!
          : Math.floor(rng() * concepts.length);
      }
      if (j === i) continue;
      const [s, t] = concepts[i]!.key < concepts[j]!.key ? [i, j] : [j, i];
      const id = `${s}-${t}`;
      const papers = 1 + Math.floor(rng() ** 3 * 8);
      const prev = pairs.get(id);
      if (prev) prev.papers += papers;
      else pairs.set(id, { type: 'CO_OCCURS', papers, weight: 0, s, t });
    }
  }
  for (const p of pairs.values()) {
    p.weight = Number((p.papers / (1 + rng())).toFixed(4));
    concepts[p.s]!.weightedDegree! += p.weight;
    concepts[p.t]!.weightedDegree! += p.weight;
  }
  let totalDegree = 0;
  for (const c of concepts) totalDegree += c.weightedDegree!;
  for (const c of concepts) {
    c.weightedDegree = Number(c.weightedDegree!.toFixed(4));
    c.pagerank = Number((totalDegree ? c.weightedDegree / totalDegree : 0).toFixed(6));
  }
  return pairs;
}

/**
 * Papers: each mentions a few concepts of one community, with an evidence sentence each.
 * Counts each concept's `df`.
 */
function syntheticPapers(
  rng: Rng,
  opts: SyntheticGraphOptions,
  k: number,
  concepts: ConceptNodeAttributes[],
  byCommunity: number[][],
): { papers: PaperNodeAttributes[]; mentions: SyntheticMention[] } {
  const papers: PaperNodeAttributes[] = [];
  const mentions: SyntheticMention[] = [];
  for (let p = 0; p < opts.papers && concepts.length > 0; p++) {
    const community = Math.min(k - 1, Math.floor(k * rng() ** 1.6));
    const pool = byCommunity[community]!.length ? byCommunity[community]! : [Math.floor(rng() * concepts.length)];
    const chosen = new Set<number>();
    for (let m = 0; m < opts.mentionsPerPaper; m++) chosen.add(pool[Math.floor(rng() * pool.length)]!);
    const first = concepts[[...chosen][0]!]!.label;
    const title = `On ${first} for ${word(rng, 3)} learning`;
    const year = 2015 + Math.floor(rng() * 10);
    const month = 1 + Math.floor(rng() * 12);
    const abstractParts: string[] = [];
    let rank = 0;
    for (const c of chosen) {
      const label = concepts[c]!.label;
      const sentence = `We study the ${label} and show that it improves ${word(rng, 2)} results.`;
      const sentenceStart = abstractParts.join(' ').length + (abstractParts.length ? 1 : 0);
      abstractParts.push(sentence);
      const start = sentenceStart + sentence.indexOf(label);
      mentions.push({
        paper: p,
        concept: c,
        attrs: {
          type: 'MENTIONS',
          count: 1 + Math.floor(rng() * 3),
          score: Number((1 / (1 + rank++) + rng() * 0.1).toFixed(4)),
          evidence: [{ field: 'abstract', sentence, sentenceStart, start, end: start + label.length }],
        },
      });
      concepts[c]!.df++;
    }
    papers.push({
      kind: 'paper',
      id: `title:${(p + 1).toString(16).padStart(8, '0')}`,
      title,
      abstract: abstractParts.join(' '),
      date: `${year}-${String(month).padStart(2, '0')}`,
      year,
      url: `https://example.org/paper/${p + 1}`,
      sources: ['synthetic'],
      community,
    });
  }
  return { papers, mentions };
}

/** Synthetic topics are grouped into fields in runs of this many. */
const TOPICS_PER_FIELD = 3;

/** Fields of synthetic topics: consecutive runs, labelled by their first topic's first concept. */
function syntheticFields(communities: Community[]): Field[] {
  const fields: Field[] = [];
  for (const c of communities) {
    const id = c.field ?? 0;
    let field = fields[id];
    if (!field) fields[id] = field = { id, label: c.topConcepts[0] ?? `field ${id}`, topics: [], topConcepts: [], concepts: 0, papers: 0 };
    field.topics.push(c.id);
    field.topConcepts.push(...c.topConcepts.slice(0, 2));
    field.concepts += c.concepts.length;
    field.papers += c.papers.length;
  }
  return fields;
}

/** The communities file's entries: members by weighted degree, the top three as the label. */
function syntheticCommunities(
  byCommunity: number[][],
  concepts: ConceptNodeAttributes[],
  papers: PaperNodeAttributes[],
): Community[] {
  return byCommunity.map((members, id) => {
    const sorted = [...members].sort((a, b) => concepts[b]!.weightedDegree! - concepts[a]!.weightedDegree!);
    const keys = sorted.map((i) => concepts[i]!.key);
    return {
      id,
      field: Math.floor(id / TOPICS_PER_FIELD),
      label: keys.slice(0, 3).join(' · ') || `community ${id}`,
      concepts: keys,
      papers: papers.filter((p) => p.community === id).map((p) => p.id),
      topConcepts: keys.slice(0, 5),
    };
  });
}

/** Generates a synthetic build (see the file comment). */
export function createSyntheticGraph(options: Partial<SyntheticGraphOptions> = {}): SyntheticGraph {
  const opts = resolveDefaults(DEFAULTS, options);
  const rng = createRng(opts.seed);
  const k = Math.max(1, opts.communities);
  // The steps draw from one rng in this order: concepts, co-occurrences, papers.
  const { concepts, byCommunity } = syntheticConcepts(rng, opts, k);
  const pairs = syntheticCoOccurrences(rng, opts, concepts, byCommunity);
  const { papers, mentions } = syntheticPapers(rng, opts, k, concepts, byCommunity);
  const topics = syntheticCommunities(byCommunity, concepts, papers);

  const attributes: GraphAttributes = {
    version: 'synthetic',
    weighting: 'association',
    minDf: 1,
    minEdgeWeight: 0,
    topEdgesPerNode: 0,
    algorithm: 'louvain',
    resolution: 1,
    seed: opts.seed,
    modularity: 0.5,
  };
  return {
    graph: {
      attributes: attributes as unknown as Record<string, unknown>,
      options: { type: 'directed', multi: false, allowSelfLoops: false },
      nodes: [
        ...papers.map((a) => ({ key: paperNodeKey(a.id), attributes: a as unknown as Record<string, unknown> })),
        ...concepts.map((a) => ({ key: conceptNodeKey(a.key), attributes: a as unknown as Record<string, unknown> })),
      ],
      edges: [
        ...mentions.map((m) => ({
          source: paperNodeKey(papers[m.paper]!.id),
          target: conceptNodeKey(concepts[m.concept]!.key),
          attributes: m.attrs as unknown as Record<string, unknown>,
        })),
        ...[...pairs.values()].map(({ s, t, ...attrs }) => ({
          source: conceptNodeKey(concepts[s]!.key),
          target: conceptNodeKey(concepts[t]!.key),
          attributes: attrs as unknown as Record<string, unknown>,
        })),
      ],
    },
    communities: {
      algorithm: 'louvain',
      resolution: 1,
      seed: opts.seed,
      fieldResolution: 1,
      modularity: 0.5,
      communities: topics,
      fields: syntheticFields(topics),
    },
  };
}
