/**
 * Graph → rows
 * ============
 *
 * Pure functions turning the build's graphology graph and `communities.json` into the flat rows
 * the batched writer sends as `$rows` (one list per node or relationship kind). Rows are plain
 * JSON: integers are restored with `toInteger()` in Cypher, because the driver sends JavaScript
 * numbers as floats.
 *
 * Evidence of a MENTIONS edge is stored as offsets, not copied sentences (the Paper node holds
 * the title and abstract already): `evidence` is one integer list, {@link EVIDENCE_STRIDE} per
 * occurrence — the field (0 title, 1 abstract), the sentence's start and end, and the
 * mention's start and end, as character offsets into that field (ends exclusive). Offsets count
 * Unicode code points, as Cypher's `substring()` does (JavaScript's count UTF-16 units), so the
 * sentence is `substring(p.abstract, e[1], e[2] - e[1])`.
 */
import {
  conceptNodeKey,
  paperNodeKey,
  type AmbiguousAcronym,
  type CommunitiesFile,
  type ConceptNodeAttributes,
  type KnowledgeGraph,
  type PaperNodeAttributes,
  type TimeProfile,
} from '../model.js';
import type { StoredEvidence } from '../evidence-json.js';
import { identityFromId, type PaperIdentity } from './paper-identity.js';
import { communityTimeColumns, timeColumns, type CommunityTimeColumns, type TimeColumns } from './time-rows.js';

/** A Paper node as the writer sends it; its ids (see paper-identity.ts) are stored beside `id`. */
export interface PaperRow extends PaperIdentity {
  id: string;
  title: string;
  abstract: string;
  date: string | null;
  year: number | null;
  url: string | null;
  authorsCount: number | null;
  upvotes: number | null;
  sources: string[];
  /** Its topic. */
  community: number | null;
  /** Its topic's field. */
  field: number | null;
}

/** A Concept node as the writer sends it, with its bursts and trend (see time-rows.ts). */
export interface ConceptRow extends TimeColumns {
  key: string;
  label: string;
  aliases: string[];
  df: number;
  termhood: number;
  /** Its topic. */
  community: number | null;
  /** Its topic's field. */
  field: number | null;
  pagerank: number | null;
  weightedDegree: number | null;
  bridge: number | null;
}

/** A concept's BROADER relationship: the concept, and the broader concept's key or null (none). */
export interface BroaderRow {
  concept: string;
  broader: string | null;
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
  /**
   * {@link EVIDENCE_STRIDE} integers per occurrence: field code ({@link EVIDENCE_FIELDS} index),
   * sentence start, sentence end, mention start, mention end (code points into the field).
   */
  evidence: number[];
}

/** The fields evidence offsets point into, by code: 0 title, 1 abstract. */
export const EVIDENCE_FIELDS = ['title', 'abstract'] as const;

/** Integers per occurrence in {@link MentionRow.evidence}. */
export const EVIDENCE_STRIDE = 5;

export interface CoOccursRow {
  /** Lower concept key first: one relationship per pair. */
  source: string;
  target: string;
  papers: number;
  weight: number;
}

/**
 * The two levels of communities: topics (`communities` of communities.json) nest in fields.
 * Ids are numbered per level, so a community is known by its corpus, level and id.
 */
export const COMMUNITY_LEVELS = ['topic', 'field'] as const;
export type CommunityLevel = (typeof COMMUNITY_LEVELS)[number];

/** A Community node (topic or field) with its papers per period, bursts and trend (see time-rows.ts). */
export interface CommunityRow extends CommunityTimeColumns {
  level: CommunityLevel;
  /** Numbered within its level. */
  id: number;
  label: string;
  /** Concepts in the community. */
  size: number;
  /** Papers that joined the community. */
  papers: number;
  topConcepts: string[];
}

export interface MembershipRow {
  /** A concept key or a paper id, as the list holding the row says. */
  member: string;
  /** The level of `community`: a member has one membership at each level. */
  level: CommunityLevel;
  community: number;
}

/** A topic's PART_OF relationship to its field. */
export interface PartOfRow {
  topic: number;
  field: number;
}

/** Everything one write sends. */
export interface StoreRows {
  papers: PaperRow[];
  concepts: ConceptRow[];
  aliases: AliasRow[];
  acronyms: AcronymRow[];
  mentions: MentionRow[];
  cooccurs: CoOccursRow[];
  /** Topics, then fields. */
  communities: CommunityRow[];
  /** One per topic whose field is among the fields. */
  partOf: PartOfRow[];
  /** Topic memberships, then field memberships. */
  conceptMembers: MembershipRow[];
  paperMembers: MembershipRow[];
  /** One per concept, in concept order (a null `broader` removes a stored one). */
  broader: BroaderRow[];
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
 * A paper's ids are its `identities` entry, else what its id tells; a concept's bursts and trend
 * its `conceptTimes` entry (by key), none without one.
 */
export function graphToRows(
  graph: KnowledgeGraph,
  communities?: CommunitiesFile,
  ambiguousAcronyms: readonly AmbiguousAcronym[] = [],
  identities: ReadonlyMap<string, PaperIdentity> = new Map(),
  conceptTimes: ReadonlyMap<string, TimeProfile> = new Map(),
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
      papers.push(paperRow(attributes, identities.get(attributes.id) ?? identityFromId(attributes.id)));
    } else if (attributes.kind === 'concept') {
      concepts.push({ ...conceptRow(attributes), ...timeColumns(conceptTimes.get(attributes.key)) });
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
  const offsets = new CodePointOffsets();
  const store = graph.mentions;
  store.forEachRow((row) => {
    const paper = graph.getNodeAttributes(paperNodeKey(store.paperId(row)));
    if (paper.kind !== 'paper' || !graph.hasNode(conceptNodeKey(store.conceptKey(row)))) return;
    mentions.push(mentionRow(paper, store.conceptKey(row), { count: store.count(row), score: store.score(row), evidence: store.storedEvidence(row) }, offsets));
  });
  graph.forEachEdge((_edge, attributes, _source, _target, sourceAttributes, targetAttributes) => {
    if (attributes.type === 'CO_OCCURS') {
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

  const levels = communityLevelRows(communities, conceptKeys, new Set(papers.map((p) => p.id)));

  return {
    papers,
    concepts,
    aliases: [...aliasMap.values()],
    acronyms,
    mentions,
    cooccurs,
    ...levels,
    broader: broaderRows(graph, concepts),
  };
}

/**
 * Community rows of both levels: topics and their members, then fields, each topic PART_OF its
 * field, and the field memberships of every topic member (a member is in the field of its topic).
 * Members not in the graph are skipped; a topic whose field is not in the file has no field.
 */
function communityLevelRows(
  file: CommunitiesFile | undefined,
  conceptKeys: ReadonlySet<string>,
  paperIds: ReadonlySet<string>,
): Pick<StoreRows, 'communities' | 'partOf' | 'conceptMembers' | 'paperMembers'> {
  const topics = file?.communities ?? [];
  const fields = file?.fields ?? [];
  const fieldIds = new Set(fields.map((f) => f.id));
  const rows: Pick<StoreRows, 'communities' | 'partOf' | 'conceptMembers' | 'paperMembers'> = {
    communities: [],
    partOf: [],
    conceptMembers: [],
    paperMembers: [],
  };
  const addMembers = (level: CommunityLevel, community: number, concepts: readonly string[], papers: readonly string[]) => {
    for (const key of concepts) if (conceptKeys.has(key)) rows.conceptMembers.push({ member: key, level, community });
    for (const id of papers) if (paperIds.has(id)) rows.paperMembers.push({ member: id, level, community });
  };
  for (const topic of topics) {
    rows.communities.push({
      level: 'topic',
      id: topic.id,
      label: topic.label,
      size: topic.concepts.length,
      papers: topic.papers.length,
      topConcepts: [...topic.topConcepts],
      ...communityTimeColumns(topic.time, file?.timeline),
    });
    addMembers('topic', topic.id, topic.concepts, topic.papers);
  }
  for (const field of fields) {
    rows.communities.push({
      level: 'field',
      id: field.id,
      label: field.label,
      size: field.concepts,
      papers: field.papers,
      topConcepts: [...field.topConcepts],
      ...communityTimeColumns(field.time, file?.timeline),
    });
  }
  for (const topic of topics) {
    const field = topic.field;
    if (field === undefined || !fieldIds.has(field)) continue;
    rows.partOf.push({ topic: topic.id, field });
    addMembers('field', field, topic.concepts, topic.papers);
  }
  return rows;
}

/** Each concept's broader concept, when that is a concept of the graph too. */
function broaderRows(graph: KnowledgeGraph, concepts: readonly ConceptRow[]): BroaderRow[] {
  const keys = new Set(concepts.map((c) => c.key));
  const broaderOf = new Map<string, string>();
  graph.forEachNode((_node, a) => {
    if (a.kind === 'concept' && a.broader !== undefined && keys.has(a.broader)) broaderOf.set(a.key, a.broader);
  });
  return concepts.map((c) => ({ concept: c.key, broader: broaderOf.get(c.key) ?? null }));
}

function paperRow(a: PaperNodeAttributes, identity: PaperIdentity): PaperRow {
  return {
    id: a.id,
    ...identity,
    title: a.title,
    abstract: a.abstract,
    date: orNull(a.date),
    year: orNull(a.year),
    url: orNull(a.url),
    authorsCount: orNull(a.authorsCount),
    upvotes: orNull(a.upvotes),
    sources: [...(a.sources ?? [])],
    community: orNull(a.community),
    field: orNull(a.field),
  };
}

function conceptRow(a: ConceptNodeAttributes): Omit<ConceptRow, keyof TimeColumns> {
  return {
    key: a.key,
    label: a.label,
    aliases: [...(a.aliases ?? [])],
    df: a.df,
    termhood: a.termhood,
    community: orNull(a.community),
    field: orNull(a.field),
    pagerank: orNull(a.pagerank),
    weightedDegree: orNull(a.weightedDegree),
    bridge: orNull(a.bridge),
  };
}

function mentionRow(
  paper: PaperNodeAttributes,
  concept: string,
  a: { count: number; score: number; evidence: readonly StoredEvidence[] },
  offsets: CodePointOffsets,
): MentionRow {
  const evidence: number[] = [];
  for (const e of a.evidence) {
    const code = e.field === 'title' ? 0 : 1;
    const toCodePoint = offsets.of(paper[EVIDENCE_FIELDS[code]] ?? '');
    evidence.push(
      code,
      toCodePoint(e.sentenceStart),
      toCodePoint(e.sentenceEnd),
      toCodePoint(e.start),
      toCodePoint(e.end),
    );
  }
  return { paper: paper.id, concept, count: a.count, score: a.score, evidence };
}

const identity = (offset: number): number => offset;

/**
 * UTF-16 offsets → code point offsets, per text. Text without astral characters (nearly all)
 * maps to itself; the last text with some keeps its table, since a paper's mentions come
 * together in edge order.
 */
class CodePointOffsets {
  private text: string | undefined;
  private map: (offset: number) => number = identity;

  of(text: string): (offset: number) => number {
    if (text === this.text) return this.map;
    this.text = text;
    this.map = identity;
    if (/[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(text)) {
      // table[i] = code points before UTF-16 offset i (an offset inside a pair counts the pair).
      const table = new Uint32Array(text.length + 1);
      let points = 0;
      for (let i = 0; i < text.length; i++) {
        table[i] = points;
        const unit = text.charCodeAt(i);
        const low = text.charCodeAt(i + 1);
        if (unit >= 0xd800 && unit <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
          table[++i] = ++points;
        } else points++;
      }
      table[text.length] = points;
      this.map = (offset) => table[Math.max(0, Math.min(offset, text.length))]!;
    }
    return this.map;
  }
}

/** The text of occurrence `i` of a {@link MentionRow.evidence} list: the sentence, given the paper's fields. */
export function evidenceSentence(evidence: readonly number[], i: number, paper: { title: string; abstract: string }): string {
  const at = i * EVIDENCE_STRIDE;
  const text = paper[EVIDENCE_FIELDS[evidence[at]!] ?? 'abstract'];
  return [...text].slice(evidence[at + 1], evidence[at + 2]).join('');
}

/** Relationships the rows describe (MENTIONS + CO_OCCURS + IN_COMMUNITY + PART_OF). */
export function countRelationships(rows: StoreRows): number {
  return rows.mentions.length + rows.cooccurs.length + rows.conceptMembers.length + rows.paperMembers.length + rows.partOf.length;
}

/** A MENTIONS row as grouped under its paper: one entry of {@link PaperMentionsRow.mentions}. */
export type PaperMention = MentionRow;

/** A paper's MENTIONS rows together: the writer looks the paper up once and writes them in one go. */
export interface PaperMentionsRow {
  paper: string;
  mentions: PaperMention[];
}

/** The CO_OCCURS rows of one source concept together. */
export interface CoOccursGroupRow {
  source: string;
  targets: CoOccursRow[];
}

/**
 * Rows grouped by the value of one field, groups in order of first appearance and rows in their
 * order. The rows are the given objects, not copies (hundreds of thousands on large graphs).
 */
function groupByField<R, F extends keyof R>(rows: readonly R[], field: F): [R[F], R[]][] {
  const groups = new Map<R[F], R[]>();
  for (const row of rows) {
    const value = row[field];
    let list = groups.get(value);
    if (!list) groups.set(value, (list = []));
    list.push(row);
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

/**
 * A batch whose rows name concepts by position: `concepts` holds each key the batch uses once,
 * in order of first use, so a statement looks every concept up once per batch (not once per
 * relationship) and the rows carry small integers instead of repeated keys.
 */
export interface ConceptIndexedBatch<R> {
  rows: R[];
  concepts: string[];
}

/**
 * Encodes a batch of groups into rows that name concepts by their index in the batch's
 * concept list. `encode` turns one group into a row, calling `index(key)` for every concept.
 */
export function indexConcepts<G, R>(groups: readonly G[], encode: (group: G, index: (key: string) => number) => R): ConceptIndexedBatch<R> {
  const positions = new Map<string, number>();
  const index = (key: string): number => {
    let i = positions.get(key);
    if (i === undefined) positions.set(key, (i = positions.size));
    return i;
  };
  const rows = groups.map((group) => encode(group, index));
  return { rows, concepts: [...positions.keys()] };
}
