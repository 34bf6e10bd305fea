/**
 * Graph → rows
 * ============
 *
 * Pure functions turning the build's graphology graph and `communities.json` into the flat rows
 * the batched writer sends as `$rows` (one list per node or relationship kind). Rows are plain
 * JSON: integers are restored with `toInteger()` in Cypher, because the driver sends JavaScript
 * numbers as floats.
 *
 * Evidence of a MENTIONS edge is stored as parallel lists (Neo4j properties cannot hold maps):
 * `evidence` (the sentences), `evidenceField` (`title`/`abstract`), `evidenceStart` and
 * `evidenceEnd` (character offsets of the mention in that field).
 */
import type { AbstractGraph } from 'graphology-types';
import type {
  AmbiguousAcronym,
  CommunitiesFile,
  ConceptNodeAttributes,
  EdgeAttributes,
  GraphAttributes,
  MentionsEdgeAttributes,
  NodeAttributes,
  PaperNodeAttributes,
} from '../model.js';

/** The build's graph, as `graph.json` holds it. */
export type StoreGraph = AbstractGraph<NodeAttributes, EdgeAttributes, GraphAttributes>;

export interface PaperRow {
  id: string;
  title: string;
  abstract: string;
  date: string | null;
  year: number | null;
  url: string | null;
  authorsCount: number | null;
  upvotes: number | null;
  sources: string[];
  community: number | null;
}

export interface ConceptRow {
  key: string;
  label: string;
  aliases: string[];
  df: number;
  termhood: number;
  community: number | null;
  pagerank: number | null;
  weightedDegree: number | null;
  bridge: number | null;
}

/** One lower-cased name (key, label or alias) by which a concept can be looked up. */
export interface AliasRow {
  /** Lower-cased, trimmed: what queries match on. */
  name: string;
  concept: string;
  /** The name's forms as written (e.g. "NTK"). */
  forms: string[];
  /** The long form, for an acronym sense from the extraction's ambiguous acronyms. */
  long: string | null;
  /** Papers defining that sense. */
  papers: string[];
}

/** A short form the extraction flagged as ambiguous: every sense, in or out of the graph. */
export interface AcronymRow {
  /** Lower-cased short form (the `Alias` it annotates). */
  name: string;
  short: string;
  /** Concept key of each sense (a rare sense may have no concept in the graph). */
  senseKeys: string[];
  /** Long form of each sense, as defined in the papers. */
  senseLongs: string[];
}

export interface MentionRow {
  paper: string;
  concept: string;
  count: number;
  score: number;
  evidence: string[];
  evidenceField: string[];
  evidenceStart: number[];
  evidenceEnd: number[];
}

export interface CoOccursRow {
  /** Lower concept key first: one relationship per pair. */
  source: string;
  target: string;
  papers: number;
  weight: number;
}

export interface CommunityRow {
  id: number;
  label: string;
  /** Concepts in the community. */
  size: number;
  /** Papers that joined the community. */
  papers: number;
  topConcepts: string[];
}

export interface MembershipRow {
  /** A concept key or a paper id, as `kind` says. */
  member: string;
  community: number;
}

/** Everything one write sends. */
export interface StoreRows {
  papers: PaperRow[];
  concepts: ConceptRow[];
  aliases: AliasRow[];
  acronyms: AcronymRow[];
  mentions: MentionRow[];
  cooccurs: CoOccursRow[];
  communities: CommunityRow[];
  conceptMembers: MembershipRow[];
  paperMembers: MembershipRow[];
}

const orNull = <T>(value: T | undefined): T | null => (value === undefined ? null : value);

/** Lower-cased, whitespace-collapsed: the form concept parameters are matched in. */
export function normalizeName(text: string): string {
  return text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * The rows of a graph and its communities, in the graph's node and edge order (so the same
 * input sends the same batches). Nodes with an unknown `kind` and edges with an unknown `type`
 * are ignored; a MENTIONS edge must go paper → concept and a CO_OCCURS edge concept → concept.
 */
export function graphToRows(
  graph: StoreGraph,
  communities?: CommunitiesFile,
  ambiguousAcronyms: readonly AmbiguousAcronym[] = [],
): StoreRows {
  const papers: PaperRow[] = [];
  const concepts: ConceptRow[] = [];
  const aliasMap = new Map<string, AliasRow>();
  const addAlias = (form: string, concept: string, sense?: { long: string; papers: string[] }) => {
    const name = normalizeName(form);
    if (!name) return;
    const id = `${name}\u0000${concept}`;
    let row = aliasMap.get(id);
    if (!row) {
      row = { name, concept, forms: [], long: null, papers: [] };
      aliasMap.set(id, row);
    }
    const written = form.trim().replace(/\s+/g, ' ');
    if (!row.forms.includes(written)) row.forms.push(written);
    if (sense) {
      row.long = sense.long;
      for (const p of sense.papers) if (!row.papers.includes(p)) row.papers.push(p);
    }
  };

  graph.forEachNode((_node, attributes) => {
    if (attributes.kind === 'paper') {
      papers.push(paperRow(attributes));
    } else if (attributes.kind === 'concept') {
      concepts.push(conceptRow(attributes));
      addAlias(attributes.key, attributes.key);
      addAlias(attributes.label, attributes.key);
      for (const alias of attributes.aliases ?? []) addAlias(alias, attributes.key);
    }
  });
  const conceptKeys = new Set(concepts.map((c) => c.key));
  const acronyms: AcronymRow[] = [];
  for (const acronym of ambiguousAcronyms) {
    for (const sense of acronym.senses) {
      if (conceptKeys.has(sense.key)) addAlias(acronym.short, sense.key, sense);
    }
    const name = normalizeName(acronym.short);
    if (name && acronym.senses.length > 1) {
      acronyms.push({
        name,
        short: acronym.short,
        senseKeys: acronym.senses.map((x) => x.key),
        senseLongs: acronym.senses.map((x) => x.long),
      });
    }
  }

  const mentions: MentionRow[] = [];
  const cooccurs: CoOccursRow[] = [];
  graph.forEachEdge((_edge, attributes, _source, _target, sourceAttributes, targetAttributes) => {
    if (attributes.type === 'MENTIONS') {
      if (sourceAttributes.kind !== 'paper' || targetAttributes.kind !== 'concept') return;
      mentions.push(mentionRow(sourceAttributes.id, targetAttributes.key, attributes));
    } else if (attributes.type === 'CO_OCCURS') {
      if (sourceAttributes.kind !== 'concept' || targetAttributes.kind !== 'concept') return;
      const [a, b] = [sourceAttributes.key, targetAttributes.key];
      cooccurs.push({
        source: a < b ? a : b,
        target: a < b ? b : a,
        papers: attributes.papers,
        weight: attributes.weight,
      });
    }
  });

  const communityRows: CommunityRow[] = [];
  const conceptMembers: MembershipRow[] = [];
  const paperMembers: MembershipRow[] = [];
  const paperIds = new Set(papers.map((p) => p.id));
  for (const community of communities?.communities ?? []) {
    communityRows.push({
      id: community.id,
      label: community.label,
      size: community.concepts.length,
      papers: community.papers.length,
      topConcepts: [...community.topConcepts],
    });
    for (const key of community.concepts) {
      if (conceptKeys.has(key)) conceptMembers.push({ member: key, community: community.id });
    }
    for (const id of community.papers) {
      if (paperIds.has(id)) paperMembers.push({ member: id, community: community.id });
    }
  }

  return {
    papers,
    concepts,
    aliases: [...aliasMap.values()],
    acronyms,
    mentions,
    cooccurs,
    communities: communityRows,
    conceptMembers,
    paperMembers,
  };
}

function paperRow(a: PaperNodeAttributes): PaperRow {
  return {
    id: a.id,
    title: a.title,
    abstract: a.abstract,
    date: orNull(a.date),
    year: orNull(a.year),
    url: orNull(a.url),
    authorsCount: orNull(a.authorsCount),
    upvotes: orNull(a.upvotes),
    sources: [...(a.sources ?? [])],
    community: orNull(a.community),
  };
}

function conceptRow(a: ConceptNodeAttributes): ConceptRow {
  return {
    key: a.key,
    label: a.label,
    aliases: [...(a.aliases ?? [])],
    df: a.df,
    termhood: a.termhood,
    community: orNull(a.community),
    pagerank: orNull(a.pagerank),
    weightedDegree: orNull(a.weightedDegree),
    bridge: orNull(a.bridge),
  };
}

function mentionRow(paper: string, concept: string, a: MentionsEdgeAttributes): MentionRow {
  const evidence = a.evidence ?? [];
  return {
    paper,
    concept,
    count: a.count,
    score: a.score,
    evidence: evidence.map((e) => e.sentence),
    evidenceField: evidence.map((e) => e.field),
    evidenceStart: evidence.map((e) => e.start),
    evidenceEnd: evidence.map((e) => e.end),
  };
}

/** Relationships the rows describe (MENTIONS + CO_OCCURS + IN_COMMUNITY). */
export function countRelationships(rows: StoreRows): number {
  return rows.mentions.length + rows.cooccurs.length + rows.conceptMembers.length + rows.paperMembers.length;
}

/** A MENTIONS row without its paper: one entry of {@link PaperMentionsRow.mentions}. */
export type PaperMention = Omit<MentionRow, 'paper'>;

/** A paper's MENTIONS rows together: the writer looks the paper up once and writes them in one go. */
export interface PaperMentionsRow {
  paper: string;
  mentions: PaperMention[];
}

/** The CO_OCCURS rows of one source concept together. */
export interface CoOccursGroupRow {
  source: string;
  targets: Omit<CoOccursRow, 'source'>[];
}

/**
 * Rows grouped by the value of one field, groups in order of first appearance and rows in their
 * order, the field lifted out of each row.
 */
function groupByField<R, F extends keyof R>(rows: readonly R[], field: F): [R[F], Omit<R, F>[]][] {
  const groups = new Map<R[F], Omit<R, F>[]>();
  for (const row of rows) {
    const { [field]: value, ...rest } = row;
    let list = groups.get(value);
    if (!list) groups.set(value, (list = []));
    list.push(rest as Omit<R, F>);
  }
  return [...groups];
}

/** MENTIONS rows grouped by paper, papers in order of first appearance, mentions in row order. */
export function groupMentionsByPaper(mentions: readonly MentionRow[]): PaperMentionsRow[] {
  return groupByField(mentions, 'paper').map(([paper, list]) => ({ paper, mentions: list }));
}

/** CO_OCCURS rows grouped by source concept, sources in order of first appearance. */
export function groupCoOccursBySource(cooccurs: readonly CoOccursRow[]): CoOccursGroupRow[] {
  return groupByField(cooccurs, 'source').map(([source, targets]) => ({ source, targets }));
}

/**
 * Consecutive groups packed into batches of at most `batchSize` rows (a group's `size`); a group
 * is never split, so one larger than `batchSize` makes a batch of its own.
 */
export function packGroups<T>(groups: readonly T[], size: (group: T) => number, batchSize: number): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let rows = 0;
  for (const group of groups) {
    const n = size(group);
    if (current.length > 0 && rows + n > batchSize) {
      batches.push(current);
      current = [];
      rows = 0;
    }
    current.push(group);
    rows += n;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
