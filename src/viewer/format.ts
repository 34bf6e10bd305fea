/**
 * Viewer data format
 * ==================
 *
 * The compact file the browser viewer loads once (`viewer-data.json`). Columnar arrays instead of
 * one object per node, indices instead of repeated keys, one evidence sentence per mention with
 * offsets relative to that sentence, and co-occurrence edges pruned to each concept's strongest
 * links. This file holds types only, so the browser code (`viewer/`) can share it.
 */

/** Bumped whenever the layout below changes in a way an older viewer cannot read. */
export const VIEWER_DATA_VERSION = 1;

/** One research cluster (a topic) as the legend shows it. */
export interface ViewerCommunity {
  id: number;
  label: string;
  /** Id of the field this topic lies in. Absent in files written before communities had fields. */
  field?: number;
  /** Number of concepts in the community (legend size). */
  size: number;
  /** Number of papers that joined the community. */
  papers: number;
}

/** A field: the upper level of research clusters, a group of topics. */
export interface ViewerField {
  id: number;
  label: string;
  /** Ids of its topics (`ViewerCommunity.id`), largest first. */
  topics: number[];
  /** Concepts in its topics. */
  concepts: number;
  /** Papers in its topics. */
  papers: number;
}

/** Concepts, one entry per array index (the concept's index everywhere else in the file). */
export interface ViewerConcepts {
  key: string[];
  label: string[];
  aliases: string[][];
  df: number[];
  /** Community id, or -1 when the concept belongs to none. */
  community: number[];
  weightedDegree: number[];
  /** Co-occurrence links in the full graph (before pruning for display). */
  degree: number[];
  /**
   * Shared papers summed over all co-occurrence links: the weighted degree with counts as
   * weights. Drives node size and label priority, because association-weighted degree favours
   * rare concepts.
   */
  strength: number[];
  pagerank: number[];
  x: number[];
  y: number[];
  /**
   * Index of each concept's broader concept ("hopfield network" for "modern hopfield network"),
   * or -1. Absent in files written before concepts had one.
   */
  broader?: number[];
}

/** Papers, one entry per array index. Abstracts are left out: the panel shows evidence only. */
export interface ViewerPapers {
  id: string[];
  title: string[];
  /** ISO date (`YYYY[-MM[-DD]]`) or null. */
  date: (string | null)[];
  year: (number | null)[];
  url: (string | null)[];
  community: number[];
}

/** The whole viewer data file. */
export interface ViewerData {
  format: 'papergraph-viewer';
  version: number;
  meta: {
    papers: number;
    concepts: number;
    /** Co-occurrence edges in the full graph, before pruning for display. */
    edges: number;
    weighting?: string;
    algorithm?: string;
    modularity?: number;
  };
  /** The topics. */
  communities: ViewerCommunity[];
  /**
   * The fields the topics nest in, largest first. Absent in files written before communities had
   * two levels; the viewer then shows topics only.
   */
  fields?: ViewerField[];
  concepts: ViewerConcepts;
  /**
   * Co-occurrence edges kept for display, flattened in groups of four:
   * `[sourceIndex, targetIndex, weight, papers, ...]`.
   */
  edges: number[];
  papers: ViewerPapers;
  /**
   * MENTIONS, flattened in groups of six:
   * `[paperIndex, conceptIndex, count, sentenceIndex, start, end, ...]`, grouped by concept and
   * ordered by score (best first) within a concept. `sentenceIndex` is -1 when no evidence was kept;
   * `start`/`end` are the mention's offsets inside that sentence (end exclusive).
   */
  mentions: number[];
  /** Evidence sentences, each stored once. */
  sentences: string[];
}

/** Group sizes of the flat arrays above. */
export const EDGE_STRIDE = 4;
export const MENTION_STRIDE = 6;
