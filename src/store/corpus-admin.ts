/**
 * Corpus removal and counts
 * =========================
 *
 * What `--replace` runs before a write ({@link removeCorpus}), the counts tests and the summary
 * compare ({@link countGraph}), and emptying a database for tests and benchmarks.
 */
import neo4j from 'neo4j-driver';
import { toStoreError, withSession, type StoreContext } from './connection.js';

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
  /** Memberships at both levels (a topic's and a field's). */
  inCommunity: number;
  /** Topics in fields. */
  partOf: number;
  aliasOf: number;
}

/** Counts what PaperGraph writes (served from the count store: cheap on large graphs). */
export async function countGraph(ctx: StoreContext): Promise<GraphCounts> {
  return withSession(ctx, 'READ', async (session) => {
    const result = await session.executeRead((tx) =>
      tx.run(`CALL () { MATCH (n:Paper) RETURN count(n) AS papers }
CALL () { MATCH (n:Concept) RETURN count(n) AS concepts }
CALL () { MATCH (n:Alias) RETURN count(n) AS aliases }
CALL () { MATCH (n:Community) RETURN count(n) AS communities }
CALL () { MATCH ()-[r:MENTIONS]->() RETURN count(r) AS mentions }
CALL () { MATCH ()-[r:CO_OCCURS]->() RETURN count(r) AS cooccurs }
CALL () { MATCH ()-[r:IN_COMMUNITY]->() RETURN count(r) AS inCommunity }
CALL () { MATCH ()-[r:PART_OF]->() RETURN count(r) AS partOf }
CALL () { MATCH ()-[r:ALIAS_OF]->() RETURN count(r) AS aliasOf }
RETURN papers, concepts, aliases, communities, mentions, cooccurs, inCommunity, partOf, aliasOf`),
    );
    const record = result.records[0]!;
    const out = {} as GraphCounts;
    for (const key of record.keys as (keyof GraphCounts)[]) out[key] = Number(record.get(key));
    return out;
  });
}

/** Deletes every node and relationship of the database, in batches (tests, benchmarks). */
export async function clearDatabase(ctx: StoreContext): Promise<void> {
  await withSession(ctx, 'WRITE', (session) => session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS'));
}
