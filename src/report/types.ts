import type { Burst, CommunitiesChanges, ShareTrend, TimeProfile, TrendSettings } from '../model.js';

/**
 * Report model
 * ============
 *
 * The plain data every report format renders. `buildReportModel` computes it once from the
 * graph and `communities.json`; the renderers only format it, so Markdown, JSON, CSV and HTML
 * always agree. Every list is sorted with explicit tie-breaks (same input → same bytes).
 */

/** Knobs of `buildReportModel`; pass a `Partial` and the rest comes from `REPORT_DEFAULTS`. */
export interface ReportOptions {
  /** Top concepts listed per community. */
  topConcepts: number;
  /** Representative papers listed per community. */
  topPapers: number;
  /** Distinctive terms (log-likelihood) listed per community. */
  topDistinctive: number;
  /** Bridge concepts listed per community. */
  topBridges: number;
  /** Links to other communities listed per community. */
  topLinks: number;
  /** Paper references listed behind each concept (traceability). */
  papersPerConcept: number;
  /**
   * Edge measure behind within-community centrality: `papers` (papers in which two concepts
   * co-occur; the ranking `communities.json` uses) or `weight` (the graph's edge weighting).
   */
  centralityWeight: 'papers' | 'weight';
  /**
   * Order of top concepts: `communities` keeps the order of `communities.json` (its own
   * most-central-first ranking, so report, labels and Neo4j agree); `centrality` sorts by
   * `centrality` here (then df, then key).
   */
  conceptOrder: 'communities' | 'centrality';
  /** Only this community (the corpus summary still covers everything). */
  community?: number;
  /** Bursts listed for the corpus (by weight). */
  topBursts: number;
  /** Emerging and fading concepts listed for the corpus, each. */
  topTrends: number;
  /** Bursts, emerging and fading concepts listed per topic and field, each. */
  topCommunityTrends: number;
  /** Each concept's bursts and trend, by key (the trends stage's); none: no Bursts and Emerging sections. */
  conceptTimes?: ReadonlyMap<string, TimeProfile>;
  /**
   * Folder that input paths are shown relative to (the working directory, as the user typed the
   * paths); absent: paths as stored. Paths elsewhere stay absolute when no shorter relative form
   * exists.
   */
  inputBase?: string;
}

/** Defaults of `ReportOptions`. */
export const REPORT_DEFAULTS: ReportOptions = {
  topConcepts: 10,
  topPapers: 5,
  topDistinctive: 10,
  topBridges: 5,
  topLinks: 5,
  papersPerConcept: 3,
  centralityWeight: 'papers',
  conceptOrder: 'communities',
  topBursts: 20,
  topTrends: 10,
  topCommunityTrends: 5,
};

/** A paper named in a report, enough to find it again. */
export interface PaperRef {
  id: string;
  title: string;
  date?: string;
  /** Its URL, or the DOI or arXiv resolver for its id. */
  url?: string;
}

/** One input file and how many papers came (at least partly) from it. */
export interface InputSummary {
  file: string;
  papers: number;
}

/** Papers of one year. */
export interface YearCount {
  year: number;
  papers: number;
}

/** The whole corpus, first section of every report. */
export interface CorpusSummary {
  /** PaperGraph version that built the graph. */
  version: string;
  inputs: InputSummary[];
  papers: number;
  concepts: number;
  communities: number;
  /** `MENTIONS` edges. */
  mentions: number;
  /** `CO_OCCURS` edges. */
  coOccurrences: number;
  modularity: number;
  algorithm: string;
  resolution: number;
  seed: number;
  /** How `CO_OCCURS.weight` was computed (count, association strength or Jaccard). */
  weighting: string;
  minDf: number;
  /** Edge measure behind the within-community centrality of this report. */
  centralityWeight: 'papers' | 'weight';
  /** How top concepts are ordered. */
  conceptOrder: 'communities' | 'centrality';
  /** Papers per year over the corpus (dated papers only). */
  papersPerYear: YearCount[];
  /** Papers with no year. */
  undatedPapers: number;
}

/** A concept ranked by its centrality inside its community. */
export interface TopConcept {
  key: string;
  label: string;
  /** Document frequency (papers mentioning it in the whole corpus). */
  df: number;
  /** Degree inside the community, summing `centralityWeight` over its co-occurrence edges there. */
  centrality: number;
  /** Share of its co-occurrence (same measure) that stays inside the community (0–1). */
  inside: number;
  /** Participation coefficient (0 = all its links stay inside the community). */
  bridge: number;
  /** Papers mentioning it, best mention score first (at most `papersPerConcept`). */
  papers: PaperRef[];
}

/** A paper central to a community. */
export interface RepresentativePaper extends PaperRef {
  year?: number;
  /** Σ mention score × relative centrality over the community's concepts the paper mentions. */
  weight: number;
  /** Labels of the community's concepts it mentions, most weight first (at most 5). */
  concepts: string[];
}

/** A term over-represented in a community's papers against the rest of the corpus. */
export interface DistinctiveTerm {
  key: string;
  label: string;
  /** Dunning's log-likelihood G² (higher = more distinctive). */
  g2: number;
  /** Mentions in the community's papers. */
  inside: number;
  /** Mentions in all other papers. */
  outside: number;
  /** Community papers mentioning it. */
  papers: number;
}

/** An acronym a community's concept stands for. */
export interface AcronymEntry {
  short: string;
  long: string;
  key: string;
  /** Papers whose evidence sentence uses the short form (at most `papersPerConcept`). */
  papers: PaperRef[];
}

/** Co-occurrence weight from one concept to another community. */
export interface ExternalShare {
  community: number;
  weight: number;
}

/** A concept whose links spread across communities. */
export interface BridgeConcept {
  key: string;
  label: string;
  /** Participation coefficient 1 − Σ_s (k_s / k)², k_s = weight towards community s. */
  bridge: number;
  /** Weight of its edges leaving the community. */
  externalWeight: number;
  /** Other communities it links to, most weight first (at most `topLinks`). */
  links: ExternalShare[];
}

/** The strongest single edge between two communities (by `centralityWeight`, then the other measure). */
export interface EdgeRef {
  source: string;
  sourceLabel: string;
  target: string;
  targetLabel: string;
  weight: number;
  /** Papers mentioning both. */
  papers: number;
  /** Some of those papers, best combined mention score first (at most `papersPerConcept`). */
  examples?: PaperRef[];
}

/** How one community connects to another. */
export interface CommunityLink {
  community: number;
  label: string;
  /** Total co-occurrence weight between the two. */
  weight: number;
  /** Number of co-occurrence edges between the two. */
  edges: number;
  strongest: EdgeRef;
}

/** A concept's burst, as the report lists it. */
export interface BurstRow extends Burst {
  key: string;
  label: string;
  /** The concept's topic (-1: none). */
  community: number;
}

/** A concept's emerging or fading trend, as the report lists it. */
export interface TrendRow extends ShareTrend {
  key: string;
  label: string;
  /** The concept's topic (-1: none). */
  community: number;
}

/** Bursts and trends of the corpus's concepts. */
export interface CorpusTime {
  unit: 'year' | 'month';
  /** Period labels, with the dated papers of each. */
  periods: string[];
  papers: number[];
  /** Papers outside every period (no year; no month when counting months). */
  undated: number;
  settings: TrendSettings;
  /** The strongest concept bursts, by weight. */
  bursts: BurstRow[];
  /** Concepts whose share rose (fell) most significantly over the recent periods. */
  emerging: TrendRow[];
  fading: TrendRow[];
}

/** A topic's or field's papers per period, own bursts and trend, and its concepts' strongest. */
export interface CommunityTime {
  /** Papers per period of `CorpusTime.periods`. */
  papersPerPeriod: number[];
  /** Bursts and trend of its share of all papers. */
  bursts: Burst[];
  trend?: ShareTrend;
  /** Its concepts' strongest bursts, emerging and fading trends. */
  conceptBursts: BurstRow[];
  emerging: TrendRow[];
  fading: TrendRow[];
}

/** Everything the report says about one community. */
export interface CommunityReport {
  id: number;
  label: string;
  /** The field this topic lies in (-1 when the communities file has no fields). */
  field: number;
  /** Size in concepts. */
  concepts: number;
  /** Size in papers. */
  papers: number;
  /** Internal weight share: w_in / (w_in + w_out) over co-occurrence edges touching it. */
  cohesion: number;
  internalWeight: number;
  externalWeight: number;
  topConcepts: TopConcept[];
  representativePapers: RepresentativePaper[];
  distinctiveTerms: DistinctiveTerm[];
  acronyms: AcronymEntry[];
  bridges: BridgeConcept[];
  links: CommunityLink[];
  papersPerYear: YearCount[];
  undatedPapers: number;
  /** Bursts and trends; absent when the build counted none. */
  time?: CommunityTime;
}

/** A field: a community of topics. */
export interface FieldReport {
  id: number;
  label: string;
  /** Its topics' ids, largest first. */
  topics: number[];
  concepts: number;
  papers: number;
  /** Labels of its first concepts. */
  topConcepts: string[];
  /** Bursts and trends; absent when the build counted none. */
  time?: CommunityTime;
}

/** The report: corpus summary, fields, communities (topics), and the community link matrix. */
export interface ReportModel {
  summary: CorpusSummary;
  /** Fields, by id (empty for a communities file without fields). */
  fields: FieldReport[];
  communities: CommunityReport[];
  /** Bursts and trends of the corpus; absent when the build counted none. */
  time?: CorpusTime;
  /** What a `build --into` changed in the earlier build's topics (communities.json's `changes`); absent otherwise. */
  changes?: CommunitiesChanges;
  /**
   * Co-occurrence weight between communities, `matrix[i][j]` for `ids[i]`, `ids[j]`
   * (diagonal = internal weight). Covers every community even when the report is restricted.
   */
  linkMatrix: { ids: number[]; labels: string[]; weights: number[][] };
}
