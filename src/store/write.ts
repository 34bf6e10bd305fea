/**
 * Batched writer
 * ==============
 *
 * Writes the build's graph to Neo4j: `UNWIND $rows AS row MERGE …` in batches of thousands of
 * rows, each batch one `executeWrite` transaction (the driver retries transient errors), every
 * value a parameter. MERGE on the unique keys (`Paper.id`, `Concept.key`, `Alias.name`) makes a
 * re-run change no counts, a killed write resumable by running it again, and a build with new
 * inputs add to what is there.
 *
 * Corpora: every Paper and Concept carries `corpora`, the list of corpus names that wrote it
 * (default `default`). {@link removeCorpus} (what `--replace` runs first) removes a corpus: it
 * deletes the nodes only that corpus wrote, with their relationships, and untags the nodes other
 * corpora share. A relationship lives as long as both its nodes (tagging each of hundreds of
 * thousands of relationships would cost the writer a property write per row).
 * Communities describe the latest graph written: each write replaces every `Community` node
 * (their ids are the build's community numbers, unique in the database).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DirectedGraph } from 'graphology';
import neo4j from 'neo4j-driver';
import { UserError } from '../errors.js';
import type { AmbiguousAcronym, CommunitiesFile, ProgressReporter } from '../model.js';
import { CYPHER_DIR } from '../paths.js';
import { toStoreError, type StoreContext } from './connection.js';
import { graphToRows, type StoreGraph, type StoreRows } from './rows.js';

/** Options of {@link writeGraph}. */
export interface WriteOptions {
  /** Rows per transaction. */
  batchSize: number;
  /** Name recorded in `corpora`; `removeCorpus` and `--replace` act on it. */
  corpus: string;
  /** Remove what this corpus wrote before writing. */
  replace: boolean;
  /** The extraction's ambiguous acronyms, stored as extra `Alias` senses. */
  ambiguousAcronyms: readonly AmbiguousAcronym[];
  /** Called after every batch with rows written so far and the total. */
  onProgress: ProgressReporter;
  /** The schema file applied before writing. */
  schemaFile: string;
}

export const WRITE_DEFAULTS: WriteOptions = {
  batchSize: 10000,
  corpus: 'default',
  replace: false,
  ambiguousAcronyms: [],
  onProgress: () => {},
  schemaFile: join(CYPHER_DIR, 'schema.cypher'),
};

/** What a write sent. */
export interface WriteSummary {
  papers: number;
  concepts: number;
  aliases: number;
  mentions: number;
  cooccurs: number;
  communities: number;
  memberships: number;
  /** Relationships written (MENTIONS + CO_OCCURS + IN_COMMUNITY + ALIAS_OF). */
  relationships: number;
  batches: number;
  milliseconds: number;
}

// `corpora` gains the corpus once, however often the row is written.
const TAG = (v: string) =>
  `${v}.corpora = CASE WHEN $corpus IN coalesce(${v}.corpora, []) THEN ${v}.corpora ELSE coalesce(${v}.corpora, []) + $corpus END`;

/** The statements of the writer, one per row kind; each takes `$rows` and `$corpus`. */
export const STATEMENTS = {
  papers: `UNWIND $rows AS row
MERGE (p:Paper {id: row.id})
SET p.title = row.title, p.abstract = row.abstract, p.date = row.date, p.year = toInteger(row.year),
    p.url = row.url, p.authorsCount = toInteger(row.authorsCount), p.upvotes = toInteger(row.upvotes),
    p.sources = row.sources, p.community = toInteger(row.community), ${TAG('p')}`,
  concepts: `UNWIND $rows AS row
MERGE (c:Concept {key: row.key})
SET c.label = row.label, c.aliases = row.aliases, c.df = toInteger(row.df), c.termhood = toFloat(row.termhood),
    c.community = toInteger(row.community), c.pagerank = toFloat(row.pagerank),
    c.weightedDegree = toFloat(row.weightedDegree), c.bridge = toFloat(row.bridge), ${TAG('c')}`,
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
  mentions: `UNWIND $rows AS row
MATCH (p:Paper {id: row.paper})
MATCH (c:Concept {key: row.concept})
MERGE (p)-[r:MENTIONS]->(c)
SET r.count = toInteger(row.count), r.score = toFloat(row.score), r.evidence = row.evidence,
    r.evidenceField = row.evidenceField, r.evidenceStart = [x IN row.evidenceStart | toInteger(x)],
    r.evidenceEnd = [x IN row.evidenceEnd | toInteger(x)]`,
  cooccurs: `UNWIND $rows AS row
MATCH (a:Concept {key: row.source})
MATCH (b:Concept {key: row.target})
MERGE (a)-[r:CO_OCCURS]->(b)
SET r.papers = toInteger(row.papers), r.weight = toFloat(row.weight)`,
  communities: `UNWIND $rows AS row
MERGE (m:Community {id: toInteger(row.id)})
SET m.label = row.label, m.size = toInteger(row.size), m.papers = toInteger(row.papers),
    m.topConcepts = row.topConcepts, m.corpora = [$corpus]`,
  conceptMembers: `UNWIND $rows AS row
MATCH (c:Concept {key: row.member})
MATCH (m:Community {id: toInteger(row.community)})
MERGE (c)-[:IN_COMMUNITY]->(m)`,
  paperMembers: `UNWIND $rows AS row
MATCH (p:Paper {id: row.member})
MATCH (m:Community {id: toInteger(row.community)})
MERGE (p)-[:IN_COMMUNITY]->(m)`,
} as const;

/** Write order: nodes before the relationships that MATCH them. */
const ORDER: (keyof StoreRows)[] = [
  'papers',
  'concepts',
  'aliases',
  'acronyms',
  'mentions',
  'cooccurs',
  'communities',
  'conceptMembers',
  'paperMembers',
];

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
  const session = ctx.driver.session({ database: ctx.database });
  try {
    // Schema commands cannot share a transaction with writes; each runs on its own.
    for (const statement of statements) await session.run(statement);
    await session.run('CALL db.awaitIndexes(300)');
  } catch (error) {
    throw toStoreError(error, ctx.uri);
  } finally {
    await session.close();
  }
}

/**
 * Writes a graph (the build's graphology graph and its communities). Applies the schema first;
 * with `replace`, removes what the corpus wrote before. Returns what was sent.
 */
export async function writeGraph(
  ctx: StoreContext,
  graph: StoreGraph,
  communities?: CommunitiesFile,
  options: Partial<WriteOptions> = {},
): Promise<WriteSummary> {
  const opts: WriteOptions = { ...WRITE_DEFAULTS, batchSize: batchSizeFromEnv(), ...options };
  const ambiguous =
    opts.ambiguousAcronyms.length > 0
      ? opts.ambiguousAcronyms
      : ((graph.getAttributes() as { ambiguousAcronyms?: AmbiguousAcronym[] }).ambiguousAcronyms ?? []);
  return writeRows(ctx, graphToRows(graph, communities, ambiguous), { ...opts, communities: communities !== undefined });
}

/** `PAPERGRAPH_NEO4J_BATCH_SIZE` (rows per transaction) when set to a positive integer. */
function batchSizeFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.PAPERGRAPH_NEO4J_BATCH_SIZE);
  return Number.isInteger(n) && n > 0 ? n : WRITE_DEFAULTS.batchSize;
}

/**
 * Writes prepared rows in batches. `communities: false` leaves existing communities alone (a
 * graph without communities); otherwise they are replaced by the rows' communities.
 */
export async function writeRows(
  ctx: StoreContext,
  rows: StoreRows,
  options: Partial<WriteOptions & { communities: boolean }> = {},
): Promise<WriteSummary> {
  const opts = { ...WRITE_DEFAULTS, communities: true, ...options };
  if (!Number.isInteger(opts.batchSize) || opts.batchSize < 1) {
    throw new UserError(`store: invalid batchSize ${opts.batchSize}; expecting a positive integer`, 'E_USAGE');
  }
  const started = performance.now();
  await applySchema(ctx, opts.schemaFile);
  if (opts.replace) await removeCorpus(ctx, opts.corpus);

  const total = ORDER.reduce((n, kind) => n + rows[kind].length, 0);
  let done = 0;
  let batches = 0;
  opts.onProgress(0, total);
  const session = ctx.driver.session({ database: ctx.database, defaultAccessMode: neo4j.session.WRITE });
  try {
    if (opts.communities) {
      // Communities are renumbered by every build; stale ones would keep stale memberships.
      await session.executeWrite((tx) => tx.run('MATCH (m:Community) DETACH DELETE m'));
    }
    for (const kind of ORDER) {
      const list = rows[kind] as unknown[];
      for (let i = 0; i < list.length; i += opts.batchSize) {
        const batch = list.slice(i, i + opts.batchSize);
        await session.executeWrite((tx) => tx.run(STATEMENTS[kind], { rows: batch, corpus: opts.corpus }));
        batches++;
        done += batch.length;
        opts.onProgress(done, total);
      }
    }
  } catch (error) {
    throw toStoreError(error, ctx.uri);
  } finally {
    await session.close();
  }
  return {
    papers: rows.papers.length,
    concepts: rows.concepts.length,
    aliases: rows.aliases.length,
    mentions: rows.mentions.length,
    cooccurs: rows.cooccurs.length,
    communities: rows.communities.length,
    memberships: rows.conceptMembers.length + rows.paperMembers.length,
    relationships:
      rows.mentions.length +
      rows.cooccurs.length +
      rows.conceptMembers.length +
      rows.paperMembers.length +
      rows.aliases.length,
    batches,
    milliseconds: Math.round(performance.now() - started),
  };
}

/** What {@link removeCorpus} removed or untagged. */
export interface RemoveSummary {
  /** Nodes deleted with their relationships (papers, concepts, communities, orphaned aliases). */
  deletedNodes: number;
  /** Shared nodes from which the corpus was removed. */
  untaggedNodes: number;
}

/**
 * Removes a corpus: deletes the papers and concepts only it wrote (with their relationships),
 * removes it from the `corpora` of those other corpora share too, drops its communities and the
 * aliases left pointing nowhere. Runs in batches of auto-commit transactions,
 * so large corpora do not need one huge transaction.
 */
export async function removeCorpus(ctx: StoreContext, corpus: string): Promise<RemoveSummary> {
  const session = ctx.driver.session({ database: ctx.database, defaultAccessMode: neo4j.session.WRITE });
  const count = async (query: string): Promise<number> => {
    const result = await session.run(query, { corpus });
    return result.records.reduce((n, r) => n + Number(r.get(0)), 0);
  };
  try {
    let deletedNodes = 0;
    let untaggedNodes = 0;
    for (const label of ['Paper', 'Concept']) {
      deletedNodes += await count(`MATCH (n:${label})
WHERE n.corpora = [$corpus]
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS
RETURN count(*)`);
      untaggedNodes += await count(`MATCH (n:${label})
WHERE $corpus IN n.corpora
CALL (n) { SET n.corpora = [c IN n.corpora WHERE c <> $corpus] } IN TRANSACTIONS OF 10000 ROWS
RETURN count(*)`);
    }
    deletedNodes += await count(`MATCH (m:Community) WHERE $corpus IN m.corpora DETACH DELETE m RETURN count(*)`);
    deletedNodes += await count(`MATCH (a:Alias) WHERE NOT (a)-[:ALIAS_OF]->()
CALL (a) { DELETE a } IN TRANSACTIONS OF 10000 ROWS
RETURN count(*)`);
    return { deletedNodes, untaggedNodes };
  } catch (error) {
    throw toStoreError(error, ctx.uri);
  } finally {
    await session.close();
  }
}

/** Node and relationship counts by kind. */
export interface GraphCounts {
  papers: number;
  concepts: number;
  aliases: number;
  communities: number;
  mentions: number;
  cooccurs: number;
  inCommunity: number;
  aliasOf: number;
}

/** Counts what PaperGraph writes (served from the count store: cheap on large graphs). */
export async function countGraph(ctx: StoreContext): Promise<GraphCounts> {
  const session = ctx.driver.session({ database: ctx.database, defaultAccessMode: neo4j.session.READ });
  try {
    const result = await session.executeRead((tx) =>
      tx.run(`CALL () { MATCH (n:Paper) RETURN count(n) AS papers }
CALL () { MATCH (n:Concept) RETURN count(n) AS concepts }
CALL () { MATCH (n:Alias) RETURN count(n) AS aliases }
CALL () { MATCH (n:Community) RETURN count(n) AS communities }
CALL () { MATCH ()-[r:MENTIONS]->() RETURN count(r) AS mentions }
CALL () { MATCH ()-[r:CO_OCCURS]->() RETURN count(r) AS cooccurs }
CALL () { MATCH ()-[r:IN_COMMUNITY]->() RETURN count(r) AS inCommunity }
CALL () { MATCH ()-[r:ALIAS_OF]->() RETURN count(r) AS aliasOf }
RETURN papers, concepts, aliases, communities, mentions, cooccurs, inCommunity, aliasOf`),
    );
    const record = result.records[0]!;
    const out = {} as GraphCounts;
    for (const key of record.keys as (keyof GraphCounts)[]) out[key] = Number(record.get(key));
    return out;
  } catch (error) {
    throw toStoreError(error, ctx.uri);
  } finally {
    await session.close();
  }
}

/** Deletes every node and relationship of the database, in batches (tests, benchmarks). */
export async function clearDatabase(ctx: StoreContext): Promise<void> {
  const session = ctx.driver.session({ database: ctx.database, defaultAccessMode: neo4j.session.WRITE });
  try {
    await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS');
  } catch (error) {
    throw toStoreError(error, ctx.uri);
  } finally {
    await session.close();
  }
}

/** A build's output folder, loaded: the graph (`graph.json`) and `communities.json` if present. */
export interface LoadedBuild {
  graph: StoreGraph;
  communities?: CommunitiesFile;
}

/** Loads `DIR/graph.json` (graphology `export()`) and `DIR/communities.json`. */
export async function loadBuild(dir: string): Promise<LoadedBuild> {
  const graphFile = join(dir, 'graph.json');
  let text: string;
  try {
    text = await readFile(graphFile, 'utf8');
  } catch {
    throw new UserError(`${graphFile}: not found (run \`papergraph build --out ${dir}\` first)`, 'E_NOT_FOUND');
  }
  const graph: StoreGraph = new DirectedGraph();
  try {
    graph.import(JSON.parse(text));
  } catch (error) {
    throw new UserError(`${graphFile}: not a graphology graph export (${(error as Error).message})`, 'E_INPUT');
  }
  let communities: CommunitiesFile | undefined;
  const communitiesFile = join(dir, 'communities.json');
  try {
    communities = JSON.parse(await readFile(communitiesFile, 'utf8')) as CommunitiesFile;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new UserError(`${communitiesFile}: invalid JSON (${(error as Error).message})`, 'E_INPUT');
    }
  }
  return { graph, communities };
}
