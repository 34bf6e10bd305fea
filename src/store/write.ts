/**
 * Batched writer
 * ==============
 *
 * Writes the build's graph to Neo4j: `UNWIND $rows AS row MERGE …` in batches of thousands of
 * rows, each batch one `executeWrite` transaction (the driver retries transient errors), every
 * value a parameter. MERGE on the unique keys (`Paper.id`, `Concept.key`, `Alias.name`) makes a
 * re-run change no counts, a killed write resumable by running it again, and a build with new
 * inputs add to what is there. A paper the database holds under another of its ids (its title
 * id, where this build has its DOI) is looked up first and updated, not written twice (see
 * paper-identity.ts).
 *
 * Corpora: every Paper and Concept carries `corpora`, the list of corpus names that wrote it
 * (default `default`). {@link removeCorpus} (what `--replace` runs first) removes a corpus: it
 * deletes the nodes only that corpus wrote, with their relationships, and untags the nodes other
 * corpora share. A relationship lives as long as both its nodes (tagging each of hundreds of
 * thousands of relationships would cost the writer a property write per row).
 * Communities belong to a corpus: each write replaces the `Community` nodes of its corpus
 * (`corpus`, `level` and `id`, unique together), so a second `--corpus` leaves the first one's
 * communities and memberships alone. Communities come in two levels: topics (`level: 'topic'`,
 * the build's communities) each PART_OF one field (`level: 'field'`); papers and concepts are
 * IN_COMMUNITY of their topic and of its field. A paper's or concept's `community` (topic) and
 * `field` properties are those of the corpus that wrote it last; `IN_COMMUNITY` links hold one
 * membership per level and corpus.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import neo4j from 'neo4j-driver';
import { resolveDefaults } from '../defaults.js';
import { UserError } from '../errors.js';
import type { AmbiguousAcronym, CommunitiesFile, KnowledgeGraph, ProgressReporter, TimeProfile } from '../model.js';
import { CYPHER_DIR } from '../paths.js';
import { toStoreError, withSession, type StoreContext } from './connection.js';
import { removeCorpus } from './corpus-admin.js';
import { candidateIds, matchStoredPapers, type PaperIdentity, type PaperMatch, type StoredPaper } from './paper-identity.js';
import { countRelationships, graphToRows, type StoreRows } from './rows.js';
import { countRows, planWrite, renameStoredPapers, type StoredKeys, type WriteStep } from './write-plan.js';

/** Options of {@link writeGraph}. */
export interface WriteOptions {
  /** Rows per transaction (a paper's MENTIONS rows always share one). */
  batchSize: number;
  /** Write transactions in flight at once for papers, concepts and MENTIONS (disjoint rows each). */
  concurrency: number;
  /** Name recorded in `corpora`; `removeCorpus` and `--replace` act on it. */
  corpus: string;
  /** Remove what this corpus wrote before writing. */
  replace: boolean;
  /** The extraction's ambiguous acronyms, stored as extra `Alias` senses. */
  ambiguousAcronyms: readonly AmbiguousAcronym[];
  /**
   * Every id of each paper, by paper id (`paperIdentities` of the build's records): a stored
   * paper known by another of them is updated, not written twice. Without an entry, a paper
   * has the ids its id tells.
   */
  identities: ReadonlyMap<string, PaperIdentity>;
  /**
   * Each concept's bursts and trend, by key (the trends stage's `concepts`), stored on its node;
   * a concept without an entry has none (a stored one is removed).
   */
  conceptTimes: ReadonlyMap<string, TimeProfile>;
  /** Called after every batch with rows written so far and the total. */
  onProgress: ProgressReporter;
  /** The schema file applied before writing. */
  schemaFile: string;
  /** Called after each step of the write (its name, rows and wall time), for timing breakdowns. */
  onStep: (step: StepTiming) => void;
}

/** One step of a write, as {@link WriteOptions.onStep} reports it. */
export interface StepTiming {
  /** `prepare` (schema, lookups of stored keys), or the statement's name in {@link STATEMENTS}. */
  name: string;
  rows: number;
  batches: number;
  milliseconds: number;
}

export const WRITE_DEFAULTS: WriteOptions = {
  batchSize: 20000,
  concurrency: 3,
  corpus: 'default',
  replace: false,
  ambiguousAcronyms: [],
  identities: new Map(),
  conceptTimes: new Map(),
  onProgress: () => {},
  schemaFile: join(CYPHER_DIR, 'schema.cypher'),
  onStep: () => {},
};

/** What a write sent. */
export interface WriteSummary {
  papers: number;
  concepts: number;
  aliases: number;
  mentions: number;
  cooccurs: number;
  /** Topics and fields. */
  communities: number;
  /** IN_COMMUNITY links, at both levels. */
  memberships: number;
  /** Relationships written (MENTIONS + CO_OCCURS + IN_COMMUNITY + PART_OF + ALIAS_OF). */
  relationships: number;
  batches: number;
  milliseconds: number;
}

/**
 * Bursts and trend of node `v` from a row of time-rows.ts's `TimeColumns`: parallel burst lists
 * (Neo4j holds no list of maps) and flat trend properties; a null removes the property.
 */
const TIME_PROPERTIES = (v: string) => `${v}.burstStarts = row.burstStarts, ${v}.burstEnds = row.burstEnds,
    ${v}.burstWeights = [w IN row.burstWeights | toFloat(w)], ${v}.trend = row.trend, ${v}.trendSlope = toFloat(row.trendSlope),
    ${v}.trendFirstShare = toFloat(row.trendFirstShare), ${v}.trendLastShare = toFloat(row.trendLastShare),
    ${v}.trendG2 = toFloat(row.trendG2), ${v}.trendP = toFloat(row.trendP), ${v}.trendPapers = toInteger(row.trendPapers)`;

// `corpora` gains the corpus once, however often the row is written.
const TAG = (v: string) =>
  `${v}.corpora = CASE WHEN $corpus IN coalesce(${v}.corpora, []) THEN ${v}.corpora ELSE coalesce(${v}.corpora, []) + $corpus END`;

/**
 * Looks up `$concepts` (the batch's concept keys, see `indexConcepts`) once per batch into `cs`:
 * `cs[i][0]` is the node of `$concepts[i]`, null when the database lacks it (a one-item list
 * keeps the null in place, which `collect` would drop; ORDER BY keeps the positions).
 */
const CONCEPT_LOOKUP = `UNWIND range(0, size($concepts) - 1) AS i
OPTIONAL MATCH (c:Concept {key: $concepts[i]})
WITH i, c ORDER BY i
WITH collect([c]) AS cs`;

/**
 * Creates the MENTIONS of paper `p` from `row.mentions`, each `[concept position, count, score,
 * evidence]`. Evidence is integer offsets into the paper's title or abstract (see rows.ts).
 */
const CREATE_MENTIONS = `UNWIND row.mentions AS m
WITH p, m, cs[toInteger(m[0])][0] AS c
WHERE c IS NOT NULL
CREATE (p)-[:MENTIONS {count: toInteger(m[1]), score: toFloat(m[2]), evidence: [x IN m[3] | toInteger(x)]}]->(c)`;

/**
 * Looks up `$communities` (the batch's communities, each `[level, id]`) once per batch into
 * `ms`, as {@link CONCEPT_LOOKUP} does for concepts; a subquery, so that it returns one row
 * however many rows (none included) it reads.
 */
const COMMUNITY_LOOKUP = `CALL () {
  UNWIND range(0, size($communities) - 1) AS j
  OPTIONAL MATCH (m:Community {corpus: $corpus, level: $communities[j][0], id: $communities[j][1]})
  WITH j, m ORDER BY j
  RETURN collect([m]) AS ms
}`;

const PAPER_PROPERTIES = `title: row.title, abstract: row.abstract, date: row.date, year: toInteger(row.year),
    url: row.url, authorsCount: toInteger(row.authorsCount), upvotes: toInteger(row.upvotes),
    sources: row.sources, community: toInteger(row.community), field: toInteger(row.field),
    doi: row.doi, arxivId: row.arxivId, givenId: row.givenId, titleId: row.titleId`;

/**
 * IN_COMMUNITY links from `row.member` (a Concept key or Paper id) to community `row.community`
 * of level `row.level`: `CREATE` when the community is new in this write, else `MERGE`. Only
 * fixed names go into the text.
 */
function membershipStatement(label: 'Concept' | 'Paper', key: 'key' | 'id', verb: 'CREATE' | 'MERGE'): string {
  return `UNWIND $rows AS row
MATCH (x:${label} {${key}: row.member})
MATCH (m:Community {corpus: $corpus, level: row.level, id: toInteger(row.community)})
${verb} (x)-[:IN_COMMUNITY]->(m)`;
}

/** The statements of the writer; each takes `$rows` (and `$corpus` where it tags nodes). */
export const STATEMENTS = {
  /**
   * Papers new to the database with their MENTIONS and IN_COMMUNITY, in one pass (`$concepts`,
   * `$communities` (`[level, id]` each) + rows of `PaperRow`, `mentions` and `inCommunities`,
   * positions in `$communities`): neither the paper nor its relationships can exist yet, so all are CREATEd,
   * and the paper needs no lookup.
   */
  papersNew: `${CONCEPT_LOOKUP}
${COMMUNITY_LOOKUP}
UNWIND $rows AS row
CREATE (p:Paper {id: row.id, ${PAPER_PROPERTIES}, corpora: [$corpus]})
FOREACH (m IN [i IN row.inCommunities WHERE ms[toInteger(i)][0] IS NOT NULL | ms[toInteger(i)][0]] | CREATE (p)-[:IN_COMMUNITY]->(m))
WITH p, row, cs
${CREATE_MENTIONS}`,
  /**
   * Papers the database holds (rows of `PaperRow` and `stored`, the node's id now): the node
   * takes the row's fields and `id`, the best of its ids and the row's (see paper-identity.ts).
   */
  papers: `UNWIND $rows AS row
MERGE (p:Paper {id: row.stored})
SET p.id = row.id, p.title = row.title, p.abstract = row.abstract, p.date = row.date, p.year = toInteger(row.year),
    p.url = row.url, p.authorsCount = toInteger(row.authorsCount), p.upvotes = toInteger(row.upvotes),
    p.sources = row.sources, p.community = toInteger(row.community), p.field = toInteger(row.field),
    p.doi = row.doi, p.arxivId = row.arxivId, p.givenId = row.givenId, p.titleId = row.titleId, ${TAG('p')}`,
  concepts: `UNWIND $rows AS row
MERGE (c:Concept {key: row.key})
SET c.label = row.label, c.aliases = row.aliases, c.df = toInteger(row.df), c.termhood = toFloat(row.termhood),
    c.community = toInteger(row.community), c.field = toInteger(row.field), c.pagerank = toFloat(row.pagerank),
    c.weightedDegree = toFloat(row.weightedDegree), c.bridge = toFloat(row.bridge), ${TIME_PROPERTIES('c')}, ${TAG('c')}`,
  /**
   * Each concept's BROADER relationship (`$rows` of `BroaderRow`, after every concept is
   * written): the one the build found replaces any earlier one; none when `broader` is null.
   */
  broader: `UNWIND $rows AS row
MATCH (c:Concept {key: row.concept})
OPTIONAL MATCH (c)-[old:BROADER]->()
DELETE old
WITH DISTINCT c, row
MATCH (b:Concept {key: row.broader})
MERGE (c)-[:BROADER]->(b)`,
  /** The concept keys (`$rows`) already stored. */
  existingConcepts: `UNWIND $rows AS key
MATCH (c:Concept {key: key})
RETURN c.key AS key`,
  /**
   * The stored papers that may be those of `$rows` (`{id, ids, arxivId, givenId, titleId}`):
   * a node with any of the row's ids as its `id`, or sharing its arXiv, own or title id.
   */
  storedPapers: `UNWIND $rows AS row
CALL (row) {
  MATCH (p:Paper) WHERE p.id IN row.ids RETURN p
  UNION
  MATCH (p:Paper {arxivId: row.arxivId}) RETURN p
  UNION
  MATCH (p:Paper {givenId: row.givenId}) RETURN p
  UNION
  MATCH (p:Paper {titleId: row.titleId}) RETURN p
}
RETURN row.id AS row, p.id AS id, p.doi AS doi, p.arxivId AS arxivId, p.givenId AS givenId, p.titleId AS titleId`,
  aliases: `UNWIND $rows AS row
MATCH (c:Concept {key: row.concept})
MERGE (a:Alias {name: row.name})
MERGE (a)-[r:ALIAS_OF]->(c)
SET a.forms = reduce(acc = coalesce(a.forms, []), f IN row.forms | CASE WHEN f IN acc THEN acc ELSE acc + f END),
    r.forms = row.forms, r.long = coalesce(row.long, r.long),
    r.papers = CASE WHEN size(row.papers) > 0 THEN row.papers ELSE r.papers END`,
  acronyms: `UNWIND $rows AS row
MERGE (a:Alias {name: row.name})
SET a.short = row.short, a.senseKeys = row.senseKeys, a.senseLongs = row.senseLongs,
    a.forms = CASE WHEN row.short IN coalesce(a.forms, []) THEN a.forms ELSE coalesce(a.forms, []) + row.short END`,
  /**
   * MENTIONS of papers stored before this write (`$concepts` + rows `{paper, mentions}`): the
   * MENTIONS the paper has are deleted and this build's created, so a re-run changes no counts
   * without a MERGE (an existence check) per relationship.
   */
  mentions: `${CONCEPT_LOOKUP}
UNWIND $rows AS row
MATCH (p:Paper {id: row.paper})
CALL (p) { MATCH (p)-[old:MENTIONS]->() DELETE old }
WITH p, row, cs
${CREATE_MENTIONS}`,
  /**
   * CO_OCCURS of concepts new to the database (`$concepts` + rows `[source position,
   * [[target position, papers, weight], …]]`): none exists yet, so CREATE.
   */
  cooccursNew: `${CONCEPT_LOOKUP}
UNWIND $rows AS row
WITH cs[toInteger(row[0])][0] AS a, row, cs
WHERE a IS NOT NULL
UNWIND row[1] AS t
WITH a, t, cs[toInteger(t[0])][0] AS b
WHERE b IS NOT NULL
CREATE (a)-[:CO_OCCURS {papers: toInteger(t[1]), weight: toFloat(t[2])}]->(b)`,
  /** CO_OCCURS between two concepts stored before this write (flat `CoOccursRow`s): MERGE. */
  cooccurs: `UNWIND $rows AS row
MATCH (a:Concept {key: row.source})
MATCH (b:Concept {key: row.target})
MERGE (a)-[r:CO_OCCURS]->(b)
SET r.papers = toInteger(row.papers), r.weight = toFloat(row.weight)`,
  /**
   * The corpus's communities, before a write replaces them; another corpus's stay as its build
   * wrote them (those of a database written before communities had a corpus go, as they did).
   */
  dropCommunities: 'MATCH (m:Community) WHERE m.corpus = $corpus OR m.corpus IS NULL DETACH DELETE m',
  /** Topics and fields (`CommunityRow`s, each with its `level`), with papers per period, bursts and trend. */
  communities: `UNWIND $rows AS row
MERGE (m:Community {corpus: $corpus, level: row.level, id: toInteger(row.id)})
SET m.label = row.label, m.size = toInteger(row.size), m.papers = toInteger(row.papers),
    m.topConcepts = row.topConcepts, m.periods = row.periods, m.papersPerPeriod = [n IN row.papersPerPeriod | toInteger(n)],
    ${TIME_PROPERTIES('m')}, m.corpora = [$corpus]`,
  /** Each topic PART_OF its field (`PartOfRow`s), after both levels are written. */
  partOf: `UNWIND $rows AS row
MATCH (t:Community {corpus: $corpus, level: 'topic', id: toInteger(row.topic)})
MATCH (f:Community {corpus: $corpus, level: 'field', id: toInteger(row.field)})
MERGE (t)-[:PART_OF]->(f)`,
  /** Memberships of communities this write created (all of them but with `communities: false`). */
  conceptMembersNew: membershipStatement('Concept', 'key', 'CREATE'),
  paperMembersNew: membershipStatement('Paper', 'id', 'CREATE'),
  conceptMembers: membershipStatement('Concept', 'key', 'MERGE'),
  paperMembers: membershipStatement('Paper', 'id', 'MERGE'),
} as const;

/** The Cypher statements of a schema file: `//` comments dropped, split on `;` at line ends. */
export function parseCypherStatements(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n')
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Applies `cypher/schema.cypher` (idempotent) and waits for the indexes to come online. */
export async function applySchema(ctx: StoreContext, schemaFile: string = WRITE_DEFAULTS.schemaFile): Promise<void> {
  const statements = parseCypherStatements(await readFile(schemaFile, 'utf8'));
  return withSession(ctx, undefined, async (session) => {
    // Schema commands cannot share a transaction with writes; each runs on its own.
    for (const statement of statements) await session.run(statement);
    await session.run('CALL db.awaitIndexes(300)');
  });
}

/**
 * Writes a graph (the build's graphology graph and its communities). Applies the schema first;
 * with `replace`, removes what the corpus wrote before. Returns what was sent.
 */
export async function writeGraph(
  ctx: StoreContext,
  graph: KnowledgeGraph,
  communities?: CommunitiesFile,
  options: Partial<WriteOptions> = {},
): Promise<WriteSummary> {
  const opts = resolveDefaults({ ...WRITE_DEFAULTS, batchSize: batchSizeFromEnv() }, options);
  const ambiguous =
    opts.ambiguousAcronyms.length > 0
      ? opts.ambiguousAcronyms
      : ((graph.getAttributes() as { ambiguousAcronyms?: AmbiguousAcronym[] }).ambiguousAcronyms ?? []);
  return writeRows(ctx, graphToRows(graph, communities, ambiguous, opts.identities, opts.conceptTimes), { ...opts, communities: communities !== undefined });
}

/**
 * Writes the communities of a graph already written (after GDS found them in it): the
 * Community nodes and IN_COMMUNITY links, and the community of every paper and concept; papers,
 * aliases, acronyms, MENTIONS and CO_OCCURS are not sent again, and nothing is removed.
 */
export async function writeCommunities(
  ctx: StoreContext,
  graph: KnowledgeGraph,
  communities: CommunitiesFile,
  options: Partial<WriteOptions> = {},
): Promise<WriteSummary> {
  const opts = resolveDefaults(WRITE_DEFAULTS, options);
  const given = graphToRows(graph, communities, opts.ambiguousAcronyms, opts.identities, opts.conceptTimes);
  // Memberships name each paper by the id of its node, which may be another of its ids.
  let stored: Map<string, PaperMatch>;
  try {
    stored = await storedPapers(ctx, given, opts.batchSize);
  } catch (error) {
    throw toStoreError(error, ctx.uri);
  }
  const { rows } = renameStoredPapers(given, stored);
  const onlyCommunities = { ...rows, papers: [], aliases: [], acronyms: [], mentions: [], cooccurs: [], broader: [] };
  return writeRows(ctx, onlyCommunities, { ...options, replace: false });
}

/** `PAPERGRAPH_NEO4J_BATCH_SIZE` (rows per transaction) when set to a positive integer. */
function batchSizeFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.PAPERGRAPH_NEO4J_BATCH_SIZE);
  return Number.isInteger(n) && n > 0 ? n : WRITE_DEFAULTS.batchSize;
}

/**
 * Writes prepared rows in batches, as {@link planWrite} plans them (see write-plan.ts for which
 * relationships are created and which merged). Applies the schema first; with `replace`, removes
 * what the corpus wrote before; then looks up which papers and concepts the database holds.
 * `communities: false` leaves existing communities alone (a graph without communities);
 * otherwise they are replaced by the rows' communities. Parallel steps go `concurrency`
 * transactions at a time.
 */
export async function writeRows(
  ctx: StoreContext,
  rows: StoreRows,
  options: Partial<WriteOptions & { communities: boolean }> = {},
): Promise<WriteSummary> {
  const opts = resolveDefaults({ ...WRITE_DEFAULTS, communities: true }, options);
  if (!Number.isInteger(opts.batchSize) || opts.batchSize < 1) {
    throw new UserError(`store: invalid batchSize ${opts.batchSize}; expecting a positive integer`, 'E_USAGE');
  }
  if (!Number.isInteger(opts.concurrency) || opts.concurrency < 1) {
    throw new UserError(`store: invalid concurrency ${opts.concurrency}; expecting a positive integer`, 'E_USAGE');
  }
  const started = performance.now();
  await applySchema(ctx, opts.schemaFile);
  if (opts.replace) await removeCorpus(ctx, opts.corpus);

  const total = countRows(rows);
  let done = 0;
  let batches = 0;
  opts.onProgress(0, total);
  try {
    // Before any node is written: which ones the database holds already.
    const plan = planWrite(rows, await storedKeys(ctx, rows, opts.batchSize), opts);
    if (plan.clearCommunities) {
      // Communities are renumbered by every build; stale ones would keep stale memberships.
      await ctx.driver.executeQuery(STATEMENTS.dropCommunities, { corpus: opts.corpus }, { database: ctx.database });
    }
    opts.onStep({ name: 'prepare', rows: 0, batches: 0, milliseconds: performance.now() - started });
    for (const step of plan.steps) {
      const stepStarted = performance.now();
      await runStep(ctx, step, step.parallel ? opts.concurrency : 1, opts.corpus, (rowsDone) => {
        batches++;
        done += rowsDone;
        opts.onProgress(done, total);
      });
      opts.onStep({
        name: step.name,
        rows: step.sizes.reduce((n, x) => n + x, 0),
        batches: step.sizes.length,
        milliseconds: performance.now() - stepStarted,
      });
    }
  } catch (error) {
    throw toStoreError(error, ctx.uri);
  }
  return {
    papers: rows.papers.length,
    concepts: rows.concepts.length,
    aliases: rows.aliases.length,
    mentions: rows.mentions.length,
    cooccurs: rows.cooccurs.length,
    communities: rows.communities.length,
    memberships: rows.conceptMembers.length + rows.paperMembers.length,
    relationships: countRelationships(rows) + rows.aliases.length,
    batches,
    milliseconds: Math.round(performance.now() - started),
  };
}

/** The rows' concept keys that the database already holds, and the stored node of each row paper it holds. */
async function storedKeys(ctx: StoreContext, rows: StoreRows, batchSize: number): Promise<StoredKeys> {
  const [concepts, papers] = await Promise.all([
    existingKeys(ctx, STATEMENTS.existingConcepts, rows.concepts.map((c) => c.key), batchSize),
    storedPapers(ctx, rows, batchSize),
  ]);
  return { concepts, papers };
}

/** The stored node each row paper updates, by row paper id (see paper-identity.ts). */
async function storedPapers(ctx: StoreContext, rows: StoreRows, batchSize: number): Promise<Map<string, PaperMatch>> {
  const candidates = new Map<string, StoredPaper[]>();
  for (let i = 0; i < rows.papers.length; i += batchSize) {
    const batch = rows.papers.slice(i, i + batchSize).map((p) => ({ id: p.id, ids: [p.id, ...candidateIds(p)], arxivId: p.arxivId, givenId: p.givenId, titleId: p.titleId }));
    const result = await ctx.driver.executeQuery(STATEMENTS.storedPapers, { rows: batch }, { database: ctx.database, routing: neo4j.routing.READ });
    for (const record of result.records) {
      const row = record.get('row') as string;
      const list = candidates.get(row) ?? [];
      const get = (key: string) => (record.get(key) as string | null) ?? null;
      list.push({ id: get('id')!, doi: get('doi'), arxivId: get('arxivId'), givenId: get('givenId'), titleId: get('titleId') });
      candidates.set(row, list);
    }
  }
  return matchStoredPapers(rows.papers.map((p) => ({ id: p.id, identity: p })), candidates);
}

/** The keys among `keys` the database already holds (`statement` returns them as `key`). */
async function existingKeys(ctx: StoreContext, statement: string, keys: readonly string[], batchSize: number): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < keys.length; i += batchSize) {
    const result = await ctx.driver.executeQuery(
      statement,
      { rows: keys.slice(i, i + batchSize) },
      { database: ctx.database, routing: neo4j.routing.READ },
    );
    for (const record of result.records) found.add(record.get('key') as string);
  }
  return found;
}

/**
 * Runs a step's batches, each in its own `executeWrite` transaction (retried on transient
 * errors such as a deadlock), on up to `workers` sessions at once. After a failure no new batch
 * starts; the first error is thrown once the batches in flight have ended.
 */
async function runStep(
  ctx: StoreContext,
  step: WriteStep,
  workers: number,
  corpus: string,
  onBatch: (rows: number) => void,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    const session = ctx.driver.session({ database: ctx.database, defaultAccessMode: neo4j.session.WRITE });
    try {
      while (!failure && next < step.sizes.length) {
        const index = next++;
        const parameters = { ...step.batch(index), corpus };
        await session.executeWrite((tx) => tx.run(STATEMENTS[step.name], parameters));
        onBatch(step.sizes[index]!);
      }
    } catch (error) {
      failure ??= { error };
    } finally {
      await session.close();
    }
  };
  await Promise.all(Array.from({ length: Math.min(workers, step.sizes.length) }, worker));
  if (failure) throw failure.error;
}
