/**
 * Write plan
 * ==========
 *
 * Which statements a write runs, over which rows, in which order and batches: worked out from
 * the rows and the keys the database already holds, without a database. `writeRows` (write.ts)
 * looks the stored keys up, plans, and runs the plan's steps over the driver.
 *
 * Relationships are created, not merged, wherever none can exist yet: a paper new to the
 * database is created together with its MENTIONS and IN_COMMUNITY in one statement, a stored
 * paper's MENTIONS are replaced as a whole, CO_OCCURS touching a concept new to the database
 * and IN_COMMUNITY of freshly created communities cannot be there. Only CO_OCCURS between
 * concepts stored before are merged. Relationship statements look each concept (and each
 * community) up once per batch, not once per row. Communities (topics and fields, then each
 * topic PART_OF its field) are written before papers, so that a new paper's IN_COMMUNITY links
 * (to its topic and its field) go with it. Every step but the acronyms, the communities,
 * PART_OF and the stored concepts' CO_OCCURS is `parallel`: its batches touch disjoint papers or
 * sources, and where they share a node (a concept, a community) a lock wait costs less than an
 * idle core, while a deadlock is retried by `executeWrite` like any transient error.
 */
import neo4j from 'neo4j-driver';
import {
  groupCoOccursBySource,
  groupMentionsByPaper,
  indexConcepts,
  packGroups,
  type CommunityLevel,
  type MembershipRow,
  type PaperMention,
  type PaperRow,
  type StoreRows,
} from './rows.js';
import type { PaperMatch } from './paper-identity.js';
import type { STATEMENTS } from './write.js';

/** The name of one of the writer's statements. */
export type StatementName = keyof typeof STATEMENTS;

/** One step of a write: a statement and its batches, each batch one transaction. */
export interface WriteStep {
  name: StatementName;
  /**
   * Parameters of batch `i` (`$rows`, and `$concepts` for concept-indexed rows), built when the
   * batch is sent: encoding the next batch overlaps the server's work on those in flight.
   */
  batch: (i: number) => Record<string, unknown>;
  /** Rows of each batch, for progress (a group counts its inner rows); one entry per batch. */
  sizes: number[];
  /** Several batches may be in flight at once. */
  parallel: boolean;
}

/** The keys among the rows' that the database held before the write. */
export interface StoredKeys {
  /** Concept keys. */
  concepts: ReadonlySet<string>;
  /**
   * The stored node of each row paper the database holds, by the row's paper id: the same id,
   * or another of the paper's ids (see paper-identity.ts).
   */
  papers: ReadonlyMap<string, PaperMatch>;
}

/** A stored paper's row: the node to update (`stored`), renamed to `id`, with the merged ids. */
export type StoredPaperRow = PaperRow & { stored: string };

/**
 * The rows with each stored paper under the id its node ends up with (in MENTIONS and
 * memberships too), and the stored papers' rows apart. Rows whose id stays are not copied.
 */
export function renameStoredPapers(rows: StoreRows, stored: ReadonlyMap<string, PaperMatch>): { rows: StoreRows; storedPapers: StoredPaperRow[] } {
  const renamed = new Map<string, string>();
  for (const [id, match] of stored) if (match.id !== id) renamed.set(id, match.id);
  const rename = <R>(list: R[], field: keyof R & string): R[] =>
    renamed.size === 0 ? list : list.map((r) => (renamed.has(r[field] as string) ? { ...r, [field]: renamed.get(r[field] as string) } : r));
  const papers: PaperRow[] = [];
  const storedPapers: StoredPaperRow[] = [];
  for (const row of rows.papers) {
    const match = stored.get(row.id);
    if (match) storedPapers.push({ ...row, ...match.identity, id: match.id, stored: match.stored });
    else papers.push(row);
  }
  return {
    rows: { ...rows, papers, mentions: rename(rows.mentions, 'paper'), paperMembers: rename(rows.paperMembers, 'member') },
    storedPapers,
  };
}

/** Options of {@link planWrite}. */
export interface PlanOptions {
  /** Rows per batch (a paper's MENTIONS rows always share one). */
  batchSize: number;
  /** The rows' communities replace the stored ones; `false` leaves those alone. */
  communities: boolean;
}

/** What a write runs after its set-up (schema, `replace`, lookups of stored keys). */
export interface WritePlan {
  /** Delete the corpus's `Community` nodes first: communities are renumbered by every build. */
  clearCommunities: boolean;
  /** Nodes before the relationships that MATCH them. */
  steps: WriteStep[];
}

/** Rows a write sends, as its progress counts them. */
export function countRows(rows: StoreRows): number {
  return (
    rows.papers.length +
    rows.concepts.length +
    rows.aliases.length +
    rows.acronyms.length +
    rows.mentions.length +
    rows.cooccurs.length +
    rows.communities.length +
    rows.partOf.length +
    rows.conceptMembers.length +
    rows.paperMembers.length +
    rows.broader.length
  );
}

function flatStep(name: StatementName, rows: readonly unknown[], batchSize: number, parallel = false): WriteStep {
  const sizes: number[] = [];
  for (let i = 0; i < rows.length; i += batchSize) sizes.push(Math.min(batchSize, rows.length - i));
  return {
    name,
    batch: (i) => ({ rows: rows.slice(i * batchSize, (i + 1) * batchSize) }),
    sizes,
    parallel,
  };
}

/**
 * Groups packed into batches (a group never split), each batch's rows naming concepts by
 * position in its `$concepts` (see `indexConcepts`).
 */
function conceptIndexedStep<G, R>(
  name: StatementName,
  groups: readonly G[],
  size: (g: G) => number,
  encode: (group: G, index: (key: string) => number) => R,
  batchSize: number,
  parallel: boolean,
): WriteStep {
  const packed = packGroups(groups, size, batchSize);
  return {
    name,
    batch: (i) => ({ ...indexConcepts(packed[i]!, encode) }),
    sizes: packed.map((b) => b.reduce((n, g) => n + size(g), 0)),
    parallel,
  };
}

/** A community as a paper's membership names it: its level and id. */
export interface CommunityRef {
  level: CommunityLevel;
  id: number;
}

/**
 * A `papersNew` step whose rows' `inCommunities` (community refs) become positions in the
 * batch's `$communities` (`[level, id]` each), the communities looked up once per batch.
 */
function withCommunities(step: WriteStep): WriteStep {
  return {
    ...step,
    batch: (i) => {
      const parameters = step.batch(i) as { rows: Array<{ inCommunities: Array<CommunityRef | number> }> };
      const positions = new Map<string, number>();
      const communities: [CommunityLevel, ReturnType<typeof neo4j.int>][] = [];
      for (const row of parameters.rows) {
        row.inCommunities = row.inCommunities.map((ref) => {
          const { level, id } = ref as CommunityRef;
          const name = `${level} ${id}`;
          let at = positions.get(name);
          if (at === undefined) {
            positions.set(name, (at = positions.size));
            communities.push([level, neo4j.int(id)]);
          }
          return at;
        });
      }
      return { ...parameters, communities };
    },
  };
}

/** `[concept position, count, score, evidence]`: a MENTIONS row as the statements read it. */
const encodeMention = (m: PaperMention, index: (key: string) => number) => [index(m.concept), m.count, m.score, m.evidence];

/**
 * Paper memberships split: a new paper's go with it (by paper id) when the communities are new
 * (all of them are, unless `communities: false`); the rest go last.
 */
function splitPaperMembers(
  rows: StoreRows,
  newPaperIds: ReadonlySet<string>,
  communities: boolean,
): { communitiesOf: Map<string, CommunityRef[]>; later: MembershipRow[] } {
  const communitiesOf = new Map<string, CommunityRef[]>();
  const later: MembershipRow[] = [];
  for (const m of rows.paperMembers) {
    if (!communities || !newPaperIds.has(m.member)) later.push(m);
    else {
      const ref = { level: m.level, id: m.community };
      const refs = communitiesOf.get(m.member);
      if (refs) refs.push(ref);
      else communitiesOf.set(m.member, [ref]);
    }
  }
  return { communitiesOf, later };
}

/** Plans a write of `rows` into a database that holds `stored` already (see the file's banner). */
export function planWrite(given: StoreRows, stored: StoredKeys, options: PlanOptions): WritePlan {
  const size = options.batchSize;
  // From here on `rows.papers` holds the new papers only, and stored papers go by their node's id.
  const { rows, storedPapers: oldPapers } = renameStoredPapers(given, stored.papers);
  const mentionsOf = new Map(groupMentionsByPaper(rows.mentions).map((g) => [g.paper, g.mentions]));
  const newPapers = rows.papers;
  // MENTIONS of papers not among the new ones (stored, or none: not from graphToRows) replace the stored ones.
  const newIds = new Set(newPapers.map((p) => p.id));
  const replacedMentions = [...mentionsOf].filter(([paper]) => !newIds.has(paper));
  const isOldPair = (r: { source: string; target: string }) => stored.concepts.has(r.source) && stored.concepts.has(r.target);
  const oldPairs = rows.cooccurs.filter(isOldPair);
  const newPairs = rows.cooccurs.filter((r) => !isOldPair(r));
  const { communitiesOf, later } = splitPaperMembers(rows, newIds, options.communities);
  const steps: WriteStep[] = [
    flatStep('concepts', rows.concepts, size, true),
    flatStep('aliases', rows.aliases, size, true),
    flatStep('broader', rows.broader, size),
    flatStep('acronyms', rows.acronyms, size),
    flatStep('communities', rows.communities, size),
    flatStep('partOf', rows.partOf, size),
    flatStep(options.communities ? 'conceptMembersNew' : 'conceptMembers', rows.conceptMembers, size),
    // Stored papers first: one renamed to its DOI frees its old id before a new paper could take it.
    flatStep('papers', oldPapers, size, true),
    withCommunities(
      conceptIndexedStep(
        'papersNew',
        newPapers,
        (p) => 1 + (mentionsOf.get(p.id)?.length ?? 0) + (communitiesOf.get(p.id)?.length ?? 0),
        (p, index) => ({
          ...p,
          mentions: (mentionsOf.get(p.id) ?? []).map((m) => encodeMention(m, index)),
          inCommunities: communitiesOf.get(p.id) ?? [],
        }),
        size,
        true,
      ),
    ),
    conceptIndexedStep(
      'mentions',
      replacedMentions,
      ([, list]) => list.length,
      ([paper, list], index) => ({ paper, mentions: list.map((m) => encodeMention(m, index)) }),
      size,
      true,
    ),
    conceptIndexedStep(
      'cooccursNew',
      groupCoOccursBySource(newPairs),
      (g) => g.targets.length,
      (g, index) => [index(g.source), g.targets.map((t) => [index(t.target), t.papers, t.weight])],
      size,
      true,
    ),
    flatStep('cooccurs', oldPairs, size),
    flatStep(options.communities ? 'paperMembersNew' : 'paperMembers', later, size, true),
  ];
  return { clearCommunities: options.communities, steps };
}
