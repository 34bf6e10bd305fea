/**
 * Louvain inside Neo4j (Graph Data Science)
 * =========================================
 *
 * Finds research clusters on the concept co-occurrence graph already stored in Neo4j, with the
 * Graph Data Science plugin's Louvain (`gds.louvain`), instead of in process. The stored
 * `CO_OCCURS` relationships (property `weight`) are projected as an undirected weighted graph,
 * Louvain runs on the projection, and the projection is dropped whatever happens.
 *
 * Determinism: GDS Louvain has no random seed; with one thread (`concurrency: 1`) its result
 * depends only on the order of the nodes, and the projection adds concepts sorted by key, so the
 * same stored graph always gives the same partition, whatever the store's internal ids.
 *
 * The caller turns the partition into communities with the graph stage's
 * `communitiesFromPartition(graph, communityOf, { algorithm: 'neo4j-gds' })` (labels, papers,
 * numbering by size) and writes them as usual.
 */
import neo4j from 'neo4j-driver';
import { resolveDefaults } from '../defaults.js';
import { UserError } from '../errors.js';
import { toStoreError, withSession, type StoreContext } from './connection.js';

/** Options of {@link louvainInNeo4j}. */
export interface GdsLouvainOptions {
  /**
   * Resolution γ. GDS Louvain optimizes standard modularity only, so this must be 1; it is
   * here so a build's community options can be passed through and a different value is refused
   * instead of silently ignored.
   */
  resolution: number;
  /**
   * Accepted for symmetry with the in-process algorithms and recorded by callers; GDS Louvain
   * takes no random seed (its result is fixed by the sorted projection and one thread).
   */
  seed: number;
  /** Most levels (aggregations) Louvain may run. GDS default 10. */
  maxLevels: number;
  /** Most local-moving iterations per level. GDS default 10. */
  maxIterations: number;
  /** Smallest modularity gain that counts as progress between iterations. GDS default 0.0001. */
  tolerance: number;
  /** Project only the concepts (and their links) this corpus wrote; undefined = every concept. */
  corpus: string | undefined;
  /** Name of the in-memory projection (dropped afterwards); default unique per call. */
  graphName: string | undefined;
}

export const GDS_LOUVAIN_DEFAULTS: GdsLouvainOptions = {
  resolution: 1,
  seed: 42,
  maxLevels: 10,
  maxIterations: 10,
  tolerance: 0.0001,
  corpus: undefined,
  graphName: undefined,
};

/** What {@link louvainInNeo4j} found. */
export interface GdsLouvainResult {
  /** Concept key → community number (GDS's, made consecutive from 0). */
  communityOf: Map<string, number>;
  /** Weighted modularity of the final partition, as GDS computed it. */
  modularity: number;
  /** Levels Louvain ran. */
  levels: number;
}

/** The procedures this needs; their absence means the plugin is not installed. */
const REQUIRED_PROCEDURES = ['gds.louvain.mutate', 'gds.graph.nodeProperty.stream', 'gds.graph.drop'];

const PROJECT = `
MATCH (a:Concept)
WHERE $corpus IS NULL OR $corpus IN a.corpora
OPTIONAL MATCH (a)-[r:CO_OCCURS]->(b:Concept)
WHERE $corpus IS NULL OR $corpus IN b.corpora
WITH a, r, b ORDER BY a.key, b.key
WITH gds.graph.project($graphName, a, b,
  {relationshipProperties: {weight: coalesce(toFloat(r.weight), 1.0)}},
  {undirectedRelationshipTypes: ['*']}) AS g
RETURN g.nodeCount AS nodes, g.relationshipCount AS relationships`;

const LOUVAIN = `
CALL gds.louvain.mutate($graphName, {
  mutateProperty: 'papergraphCommunity',
  relationshipWeightProperty: 'weight',
  concurrency: 1,
  consecutiveIds: true,
  maxLevels: $maxLevels,
  maxIterations: $maxIterations,
  tolerance: $tolerance
})
YIELD modularity, ranLevels
RETURN modularity, ranLevels`;

const MEMBERSHIP = `
CALL gds.graph.nodeProperty.stream($graphName, 'papergraphCommunity')
YIELD nodeId, propertyValue
RETURN gds.util.asNode(nodeId).key AS key, propertyValue AS community`;

const DROP = `CALL gds.graph.drop($graphName, false) YIELD graphName RETURN graphName`;

let projections = 0;

/** Checks options and fills defaults. */
export function resolveGdsLouvainOptions(options: Partial<GdsLouvainOptions> = {}): GdsLouvainOptions {
  const o = resolveDefaults(GDS_LOUVAIN_DEFAULTS, options);
  if (o.resolution !== 1) {
    throw new UserError(
      `neo4j-gds: GDS Louvain optimizes standard modularity; \`resolution\` must be 1 (got ${o.resolution}). Use --communities louvain or leiden for another resolution.`,
    );
  }
  if (!Number.isInteger(o.maxLevels) || o.maxLevels < 1) {
    throw new UserError(`neo4j-gds: invalid \`maxLevels\` ${o.maxLevels}. Expecting an integer ≥ 1.`);
  }
  if (!Number.isInteger(o.maxIterations) || o.maxIterations < 1) {
    throw new UserError(`neo4j-gds: invalid \`maxIterations\` ${o.maxIterations}. Expecting an integer ≥ 1.`);
  }
  if (!Number.isFinite(o.tolerance) || o.tolerance < 0) {
    throw new UserError(`neo4j-gds: invalid \`tolerance\` ${o.tolerance}. Expecting a number ≥ 0.`);
  }
  return o;
}

/**
 * True when the server has the Graph Data Science procedures this module calls.
 * Connection problems throw the store's one-line `UserError`.
 */
export async function hasGds(ctx: StoreContext): Promise<boolean> {
  return withSession(ctx, 'READ', async (session) => {
    const result = await session.run(
      'SHOW PROCEDURES YIELD name WHERE name IN $names RETURN count(*) AS n',
      { names: REQUIRED_PROCEDURES },
    );
    return toNumber(result.records[0]?.get('n')) === REQUIRED_PROCEDURES.length;
  });
}

/**
 * Louvain run by GDS on the stored concept co-occurrence graph (`CO_OCCURS`, property
 * `weight`), projected undirected. Every stored concept (of `corpus`, when given) gets a
 * community, isolated ones their own. Keys of `communityOf` are concept keys.
 *
 * Throws a one-line `UserError` when the server has no GDS plugin, when it is unreachable, or
 * when it rejects a statement.
 */
export async function louvainInNeo4j(
  ctx: StoreContext,
  options: Partial<GdsLouvainOptions> = {},
): Promise<GdsLouvainResult> {
  const o = resolveGdsLouvainOptions(options);
  if (!(await hasGds(ctx))) {
    throw new UserError(
      `Neo4j at ${ctx.uri ?? '?'} has no Graph Data Science plugin (gds.louvain): install GDS 2.13 in its plugins folder (and allow gds.* procedures), or start the local server with \`papergraph neo4j start --gds\``,
      'E_NEO4J',
    );
  }
  const graphName = o.graphName ?? `papergraph-louvain-${process.pid}-${++projections}`;
  const session = ctx.driver.session({ database: ctx.database });
  try {
    const project = await session.run(PROJECT, { graphName, corpus: o.corpus ?? null });
    const nodes = toNumber(project.records[0]?.get('nodes'));
    const communityOf = new Map<string, number>();
    if (nodes === 0) return { communityOf, modularity: 0, levels: 0 };

    const run = await session.run(LOUVAIN, {
      graphName,
      maxLevels: neo4j.int(o.maxLevels),
      maxIterations: neo4j.int(o.maxIterations),
      tolerance: o.tolerance,
    });
    const record = run.records[0]!;
    const modularity = Number(record.get('modularity'));
    const levels = toNumber(record.get('ranLevels'));

    const membership = await session.run(MEMBERSHIP, { graphName });
    for (const row of membership.records) {
      communityOf.set(String(row.get('key')), toNumber(row.get('community')));
    }
    return { communityOf, modularity, levels };
  } catch (error) {
    throw toStoreError(error, ctx.uri);
  } finally {
    // Also after a failure (a missing graph is no error with `false`); a drop that fails leaves
    // the projection in the server's memory until it restarts, which must not hide the result.
    await session.run(DROP, { graphName }).catch(() => undefined);
    await session.close();
  }
}

function toNumber(value: unknown): number {
  if (neo4j.isInt(value)) return (value as { toNumber(): number }).toNumber();
  return Number(value ?? 0);
}
