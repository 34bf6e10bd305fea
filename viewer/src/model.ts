/**
 * The loaded data with the indexes the UI needs (neighbours, mentions per concept and per paper,
 * papers per concept). Built once from the compact file; never mutated afterwards.
 */
import { EDGE_STRIDE, MENTION_STRIDE, type ViewerData, type ViewerField } from '../../src/viewer/format';
import { communityColor, fieldTopicColors, OTHER_COLOR } from './palette';

export interface Link {
  index: number;
  /** Position of the link in the data's edge list (`data.edges[edge * EDGE_STRIDE]`). */
  edge: number;
  weight: number;
  papers: number;
}

export interface Mention {
  paper: number;
  concept: number;
  count: number;
  /** Evidence sentence, or null when none was kept. */
  sentence: string | null;
  start: number;
  end: number;
}

export interface Model {
  data: ViewerData;
  conceptCount: number;
  paperCount: number;
  /** Displayed co-occurrence links per concept, most shared papers first (then weight). */
  links: Link[][];
  /** Number of displayed links per concept. */
  degree: Uint32Array;
  /** Mentions per concept, best first; per paper, in concept order. */
  conceptMentions: Mention[][];
  paperMentions: Mention[][];
  /** Distinct papers mentioning each concept, ascending (for counting shared papers fast). */
  conceptPapers: Int32Array[];
  yearExtent: [number, number] | null;
  maxDf: number;
  maxDegree: number;
  communityLabel: Map<number, string>;
  /** Fields, largest first; empty for data written before communities had fields. */
  fields: ViewerField[];
  /** The field of each topic (community) id. */
  fieldOfCommunity: Map<number, number>;
  /** Colour of a topic (community) id; -1 and unknown ids get the grey of "other". */
  communityColor(id: number): string;
  /** Within-topic rank of each concept by co-occurrence strength (0 = the topic's first). */
  topicRank: Uint32Array;
  conceptByKey: Map<string, number>;
}

/**
 * Each concept's rank inside its topic. Concepts arrive ordered by importance, so counting in
 * index order is the rank; concepts without a topic rank among themselves.
 */
function rankWithinTopics(community: readonly number[]): Uint32Array {
  const seen = new Map<number, number>();
  const rank = new Uint32Array(community.length);
  community.forEach((c, i) => {
    const r = seen.get(c) ?? 0;
    rank[i] = r;
    seen.set(c, r + 1);
  });
  return rank;
}

/** Topic colours: field families when the data has fields, the flat palette otherwise. */
function createCommunityColor(fields: readonly ViewerField[]): (id: number) => string {
  if (fields.length === 0) return communityColor;
  const colors = fieldTopicColors(fields);
  return (id) => colors.get(id) ?? OTHER_COLOR;
}

/** The distinct papers of a concept's mentions, ascending. */
function distinctPapers(mentions: readonly Mention[]): Int32Array {
  const sorted = Int32Array.from(mentions, (m) => m.paper).sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[n++] = sorted[i]!;
  return sorted.slice(0, n);
}

/** Checks the file's shape enough to fail with a clear message instead of a stack trace. */
export function validateData(json: unknown): ViewerData {
  const d = json as Partial<ViewerData> | null;
  if (!d || d.format !== 'papergraph-viewer' || !d.concepts || !d.papers || !Array.isArray(d.edges)) {
    throw new Error('this file is not PaperGraph viewer data');
  }
  return d as ViewerData;
}

export function createModel(data: ViewerData): Model {
  const conceptCount = data.concepts.key.length;
  const paperCount = data.papers.id.length;
  const links: Link[][] = Array.from({ length: conceptCount }, () => []);
  for (let i = 0; i + EDGE_STRIDE <= data.edges.length; i += EDGE_STRIDE) {
    const s = data.edges[i]!;
    const t = data.edges[i + 1]!;
    const weight = data.edges[i + 2]!;
    const papers = data.edges[i + 3]!;
    const edge = i / EDGE_STRIDE;
    links[s]!.push({ index: t, edge, weight, papers });
    links[t]!.push({ index: s, edge, weight, papers });
  }
  const degree = new Uint32Array(conceptCount);
  let maxDegree = 0;
  links.forEach((list, i) => {
    // Shared papers first, association strength among equals: a one-paper pair never leads.
    list.sort((a, b) => b.papers - a.papers || b.weight - a.weight || a.index - b.index);
    degree[i] = list.length;
    if (list.length > maxDegree) maxDegree = list.length;
  });

  const conceptMentions: Mention[][] = Array.from({ length: conceptCount }, () => []);
  const paperMentions: Mention[][] = Array.from({ length: paperCount }, () => []);
  let minYear = Infinity;
  let maxYear = -Infinity;
  for (const y of data.papers.year) {
    if (typeof y === 'number') {
      if (y < minYear) minYear = y;
      if (y > maxYear) maxYear = y;
    }
  }
  const m = data.mentions;
  for (let i = 0; i + MENTION_STRIDE <= m.length; i += MENTION_STRIDE) {
    const sIdx = m[i + 3]!;
    const mention: Mention = {
      paper: m[i]!,
      concept: m[i + 1]!,
      count: m[i + 2]!,
      sentence: sIdx >= 0 ? (data.sentences[sIdx] ?? null) : null,
      start: m[i + 4]!,
      end: m[i + 5]!,
    };
    if (mention.concept >= conceptCount || mention.paper >= paperCount) continue;
    conceptMentions[mention.concept]!.push(mention);
    paperMentions[mention.paper]!.push(mention);
  }

  let maxDf = 0;
  for (const df of data.concepts.df) if (df > maxDf) maxDf = df;
  const fields = Array.isArray(data.fields) ? data.fields : [];
  const fieldOfCommunity = new Map<number, number>();
  for (const f of fields) for (const t of f.topics) fieldOfCommunity.set(t, f.id);
  return {
    data,
    conceptCount,
    paperCount,
    links,
    degree,
    conceptMentions,
    paperMentions,
    conceptPapers: conceptMentions.map((list) => distinctPapers(list)),
    yearExtent: Number.isFinite(minYear) ? [minYear, maxYear] : null,
    maxDf,
    maxDegree,
    communityLabel: new Map(data.communities.map((c) => [c.id, c.label])),
    fields,
    fieldOfCommunity,
    communityColor: createCommunityColor(fields),
    topicRank: rankWithinTopics(data.concepts.community),
    conceptByKey: new Map(data.concepts.key.map((k, i) => [k, i])),
  };
}
