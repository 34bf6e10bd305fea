/**
 * PaperGraph data model
 * =====================
 *
 * The plain data that flows between pipeline stages (ingest → extract → graph → store →
 * report / viewer). Stages never import each other; they agree on these shapes only.
 * Neo4j and `graph.json` hold the same properties (see DESIGN.md, "Data model").
 */
import type { AbstractGraph } from 'graphology-types';
import type { MentionStore } from './mention-store.js';

/** Called by library code as long work advances (the CLI draws it as a progress bar). */
export type ProgressReporter = (done: number, total: number) => void;

/** Input formats `ingest` understands; `auto` detects by extension and content. */
export type InputFormat = 'listing' | 'arxiv' | 'bibtex' | 'ris' | 'csv' | 'jsonl';

/** Where one record came from: file path (as given), 1-based line, and the parser used. */
export interface SourceRef {
  file: string;
  line: number;
  format: InputFormat;
}

/** One deduplicated paper, as `ingest` produces and `papers.jsonl` stores it. */
export interface PaperRecord {
  /** `doi:<lower-case doi>` > `arxiv:<id without version>` > `title:<hash of normalized title>`. */
  id: string;
  title: string;
  abstract: string;
  /** ISO date, as precise as known: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`. */
  date?: string;
  year?: number;
  /** Month of publication (1–12), when the source gives one; `year` alone otherwise. */
  month?: number;
  url?: string;
  doi?: string;
  arxivId?: string;
  authors?: string[];
  authorsCount?: number;
  upvotes?: number;
  venue?: string;
  /**
   * The publisher's copyright or licence statement ("© 2018 Elsevier Inc. All rights
   * reserved."), cut off the abstract at ingest so that it does not become concepts.
   */
  rights?: string;
  /** Every input record merged into this paper. */
  sources: SourceRef[];
}

/** The minimum `extract` needs of a paper. */
export interface PaperText {
  id: string;
  title: string;
  abstract: string;
}

/** Where a concept is mentioned: the sentence, and character offsets into the field text. */
export interface Evidence {
  field: 'title' | 'abstract';
  /** The whole sentence holding the mention. */
  sentence: string;
  /** Offset of `sentence` in the field text. */
  sentenceStart: number;
  /** Offsets of the mention in the field text (end exclusive). */
  start: number;
  end: number;
}

/** One concept as mentioned by one paper, ranked by `score` within the paper. */
export interface ConceptMention {
  /** Canonical normalized key (the Concept's identity). */
  key: string;
  /** Readable label of the concept (corpus-wide most frequent readable form). */
  label: string;
  /** Surface forms seen in this paper. */
  forms: string[];
  /** Number of mentions in title + abstract. */
  count: number;
  score: number;
  evidence: Evidence[];
}

/** A short form and its long form, as defined in a text ("long form (SF)"). */
export type AcronymPair = [short: string, long: string];

/** What `extract` finds in one paper. */
export interface PaperConcepts {
  paperId: string;
  /** Ranked by score, best first. */
  concepts: ConceptMention[];
  /** Acronym definitions found in this paper's own text. */
  acronyms: AcronymPair[];
}

/** Corpus-level facts about one concept. */
export interface ConceptInfo {
  key: string;
  label: string;
  /** Every merged surface form and acronym. */
  aliases: string[];
  /** Document frequency: papers mentioning the concept. */
  df: number;
  /** Termhood (higher = more a domain term, less boilerplate). */
  termhood: number;
  /** The acronym of the concept, when one is defined in the corpus. */
  acronym?: string;
  /** The broader concept: the longest other concept this one's key ends in ("hopfield network" for "modern hopfield network"). */
  broader?: string;
}

/** A short form defined with more than one long form in the corpus. */
export interface AmbiguousAcronym {
  short: string;
  /** Each long form's concept key, with the papers that define it that way. */
  senses: { key: string; long: string; papers: string[] }[];
}

/** The whole of `extract`'s output for a corpus. */
export interface ExtractionResult {
  papers: PaperConcepts[];
  concepts: ConceptInfo[];
  ambiguousAcronyms: AmbiguousAcronym[];
}

/** Graph node attributes (graphology, `graph.json` and Neo4j agree on these names). */
export interface PaperNodeAttributes {
  kind: 'paper';
  id: string;
  title: string;
  abstract: string;
  date?: string;
  year?: number;
  url?: string;
  authorsCount?: number;
  upvotes?: number;
  sources: string[];
  community?: number;
  /** The field of its community. */
  field?: number;
}

export interface ConceptNodeAttributes {
  kind: 'concept';
  key: string;
  label: string;
  aliases: string[];
  df: number;
  termhood: number;
  community?: number;
  /** The field of its community. */
  field?: number;
  pagerank?: number;
  weightedDegree?: number;
  /** Participation coefficient across communities (0 = inside one community). */
  bridge?: number;
  /** Key of the broader concept node, when there is one (see `ConceptInfo.broader`). */
  broader?: string;
  x?: number;
  y?: number;
}

export type NodeAttributes = PaperNodeAttributes | ConceptNodeAttributes;

export interface MentionsEdgeAttributes {
  type: 'MENTIONS';
  count: number;
  score: number;
  evidence: Evidence[];
}

export interface CoOccursEdgeAttributes {
  type: 'CO_OCCURS';
  /** Papers mentioning both concepts. */
  papers: number;
  /** Association strength, count or Jaccard, as the graph's `weighting` says. */
  weight: number;
}

export type EdgeAttributes = MentionsEdgeAttributes | CoOccursEdgeAttributes;

/** How the graph was made; stored as the graph's attributes. */
export interface GraphAttributes {
  version: string;
  weighting: 'count' | 'association' | 'jaccard';
  minDf: number;
  minEdgeWeight: number;
  /** Keep at most this many strongest edges per concept (0 = all). */
  topEdgesPerNode: number;
  algorithm?: 'louvain' | 'leiden' | 'neo4j-gds';
  resolution?: number;
  seed?: number;
  modularity?: number;
}

/**
 * The knowledge graph every stage shares: one graphology graph of Paper and Concept nodes with
 * CO_OCCURS edges, carrying the paper–concept MENTIONS beside it in a column store (see
 * src/mention-store.ts: a graphology graph cannot hold the mentions of a large corpus as edges).
 * The graph stage builds it directed (`createKnowledgeGraph`); `graph.json` stores both.
 */
export type KnowledgeGraph = AbstractGraph<NodeAttributes, CoOccursEdgeAttributes, GraphAttributes> & {
  /** The MENTIONS, by paper id and concept key. */
  mentions: MentionStore;
};

/**
 * A knowledge graph as graphology's `export()` writes it (`graph.json`), parsed but not loaded
 * into a graphology instance: readers of a large graph walk it as plain JSON.
 */
export interface SerializedGraph {
  attributes?: Record<string, unknown>;
  nodes: { key: string; attributes?: Record<string, unknown> }[];
  edges: { key?: string; source: string; target: string; attributes?: Record<string, unknown> }[];
}

/** Node keys: papers and concepts live in one graph with prefixed keys. */
export const paperNodeKey = (paperId: string): string => `paper:${paperId}`;
export const conceptNodeKey = (conceptKey: string): string => `concept:${conceptKey}`;

/**
 * A burst (Kleinberg 2002): periods in which a concept's (or community's) share of the papers
 * was raised. Periods are `YYYY`, or `YYYY-MM` in a build counted by month (see {@link Timeline}).
 */
export interface Burst {
  /** First period of the burst. */
  start: string;
  /** Last period of the burst (inclusive). */
  end: string;
  /** How much better the raised state explains these periods than the base state (cost saved, in nats). */
  weight: number;
}

/** Whether a share of the papers rose or fell over the periods, by a binomial logistic trend. */
export interface ShareTrend {
  /** `emerging` / `fading`: significant and at least the minimum change; `steady` otherwise. */
  direction: 'emerging' | 'fading' | 'steady';
  /** Change of the share's log-odds per period. */
  slope: number;
  /** Fitted share of the papers in the first and the last period. */
  firstShare: number;
  lastShare: number;
  /** Likelihood-ratio statistic against a constant share, divided by the overdispersion. */
  g2: number;
  /** Its p-value (χ², 1 degree of freedom). */
  p: number;
  /** Relevant papers in the periods the trend is fitted over. */
  papers: number;
}

/** Bursts and trend of one concept or community (absent fields: too few dated papers). */
export interface TimeProfile {
  bursts: Burst[];
  trend?: ShareTrend;
}

/** How the bursts and trends were computed: the settings a later reader recomputes them with. */
export interface TrendSettings {
  /** Kleinberg's state ratio s: the burst state's share is s times the base share. */
  stateRatio: number;
  /** Kleinberg's γ: the cost of entering the burst state is γ·ln(periods). */
  gamma: number;
  /** Bursts shorter than this many periods are left out. */
  minDuration: number;
  /** Concepts and communities need this many dated papers for bursts and a trend. */
  minPapers: number;
  /** Significance level of the trend test. */
  alpha: number;
  /** A trend must change the share by at least this factor (first to last period) to count. */
  minChange: number;
  /** The trend is fitted over the last this many periods (0 = all): emerging means rising lately. */
  recentPeriods: number;
  /** Sparse periods merge with the next until each has this many papers. */
  minPeriodPapers: number;
}

/** The periods bursts and trends are counted in, with the dated papers of each. */
export interface Timeline {
  /** `year`, or `month` when the dated papers span under three years. */
  unit: 'year' | 'month';
  /** Period labels in order (`2019`, `2019-03`; a merged sparse stretch is `1965–1988`). */
  periods: string[];
  /** Dated papers per period. */
  papers: number[];
  /** Papers left out: no year, or no month in a build counted by month. */
  undated: number;
  settings: TrendSettings;
}

/** A community's papers per period and its bursts and trend as a share of all papers. */
export interface CommunityTimeline extends TimeProfile {
  /** Papers per period of {@link Timeline.periods}. */
  papersPerPeriod: number[];
}

/** One research cluster, as `communities.json` stores it. */
export interface Community {
  /** 0-based, numbered by size (largest first). */
  id: number;
  /** The field this topic lies in (see {@link Field}); absent in files of builds before fields. */
  field?: number;
  /** Top concept labels joined, e.g. "neural tangent kernel · Gaussian process · infinite width". */
  label: string;
  /** Concept keys, the key concepts first (the label's, then those that most of its papers mention and that occur together), then the most distinctive. */
  concepts: string[];
  /** Paper ids that joined this community (most of their weight on the topics' key concepts is here). */
  papers: string[];
  /** The top concept keys (a prefix of `concepts`). */
  topConcepts: string[];
  /** Papers per period, bursts and trend (see `CommunitiesFile.timeline`). */
  time?: CommunityTimeline;
}

/** A field: a community of topics (the upper level of research clusters). */
export interface Field {
  /** 0-based, numbered by papers (largest first). */
  id: number;
  /** Its most distinctive concepts' labels joined. */
  label: string;
  /** Ids of its topics (communities), largest first. */
  topics: number[];
  /** Its first concept keys, ranked as in a topic. */
  topConcepts: string[];
  /** Concepts in its topics. */
  concepts: number;
  /** Papers in its topics. */
  papers: number;
  /** Papers per period, bursts and trend (see `CommunitiesFile.timeline`). */
  time?: CommunityTimeline;
}

export interface CommunitiesFile {
  algorithm: 'louvain' | 'leiden' | 'neo4j-gds';
  /** Resolution of the topic level. */
  resolution: number;
  /** Resolution of the field level (as chosen to keep fields under a quarter of the papers, unless set); absent before fields. */
  fieldResolution?: number;
  seed: number;
  /** Standard modularity of the topic partition on the concept graph. */
  modularity: number;
  /** Topics: each in one field. */
  communities: Community[];
  /** Absent in files of builds before fields. */
  fields?: Field[];
  /** The periods of every `time` entry; absent when no paper is dated. */
  timeline?: Timeline;
  /** What this build changed in the earlier build's topics; only in a `build --into`. */
  changes?: CommunitiesChanges;
}

/** A community whose id was kept, with its size (concepts) before and after. */
export interface CommunityResize {
  id: number;
  before: number;
  after: number;
  /** Concepts new to the graph that joined it. */
  newConcepts: number;
}

/** What changed between two partitions of a growing concept graph (the graph stage's `matchCommunityIds` finds it). */
export interface CommunityChanges {
  /** Concept keys the previous partition did not hold (sorted). */
  newConcepts: string[];
  /** Concept keys of the previous partition the new one no longer holds (sorted). */
  removedConcepts: string[];
  /** Concepts in both partitions. */
  sharedConcepts: number;
  /** Concepts in both partitions that kept their community id. */
  keptConcepts: number;
  /** Communities that kept their id and have more concepts now (largest growth first). */
  grown: CommunityResize[];
  /** Communities that kept their id and have fewer concepts now (largest loss first). */
  shrunk: CommunityResize[];
  /**
   * A previous community whose concepts now make up large parts of several communities:
   * `from` is its id, `into` the ids now holding them (the one that kept the id first);
   * `joined`, when present, those of `into` that existed before (other than `from`): the part
   * that went there joined a community rather than forming one.
   */
  split: { from: number; into: number[]; joined?: number[] }[];
  /**
   * A community now holding most of several previous communities: `into` is its id, `from`
   * the previous ids (its own previous id first, when it kept one).
   */
  merged: { into: number; from: number[] }[];
  /** Communities with a fresh id not explained by a split: mostly new concepts. */
  created: { id: number; size: number; newConcepts: number }[];
  /** Previous communities whose id is gone, not explained by a merge. */
  dissolved: { id: number; size: number }[];
}

/** A topic as one of the two builds has it (see {@link CommunitiesChanges}). */
export interface TopicSnapshot {
  label: string;
  papers: number;
  concepts: number;
}

/**
 * What a `build --into` changed in the earlier build's topics (communities.json's `changes`):
 * the partition's changes by topic id, and each topic they name as it was and as it is.
 */
export interface CommunitiesChanges {
  /** Papers of the earlier build and of this one. */
  papers: { before: number; after: number };
  /** The topics' changes (grown and shrunk in concepts), with the new and removed concepts counted rather than listed. */
  partition: Omit<CommunityChanges, 'newConcepts' | 'removedConcepts'> & { newConcepts: number; removedConcepts: number };
  /** The new concepts with most papers (then by key; at most 20) and the topic each is in. */
  topNewConcepts: { key: string; label: string; papers: number; community: number }[];
  /** Every topic `partition` or `topNewConcepts` names, by id: in the earlier build (`before`) and in this one (`after`), where it is. */
  topics: { id: number; before?: TopicSnapshot; after?: TopicSnapshot }[];
}

/** A file a stage hands over for writing: its name (inside the folder it goes to) and its text. */
export interface OutputFile {
  name: string;
  content: string;
}
