import type { ReportModel } from './types.js';

/**
 * Properties of one `(:Community)` node: primitives and arrays of primitives only, as Neo4j
 * property values must be.
 */
export interface CommunityRow {
  id: number;
  label: string;
  /** Size in concepts. */
  size: number;
  /** Size in papers. */
  papers: number;
  cohesion: number;
  /** Top concept keys, most central first. */
  topConcepts: string[];
  /** Keys of the most distinctive terms (log-likelihood), best first. */
  distinctiveTerms: string[];
  /** Keys of the bridge concepts, highest participation first. */
  bridges: string[];
  /** Ids of the representative papers, most central first. */
  representativePapers: string[];
}

/** One row per community of the report, for `UNWIND $rows AS row MERGE (c:Community {id: row.id}) …`. */
export function communityRows(model: ReportModel): CommunityRow[] {
  return model.communities.map((c) => ({
    id: c.id,
    label: c.label,
    size: c.concepts,
    papers: c.papers,
    cohesion: c.cohesion,
    topConcepts: c.topConcepts.map((t) => t.key),
    distinctiveTerms: c.distinctiveTerms.map((t) => t.key),
    bridges: c.bridges.map((b) => b.key),
    representativePapers: c.representativePapers.map((p) => p.id),
  }));
}
