/**
 * Louvain inside Neo4j (GDS) against a real server with the Graph Data Science plugin.
 *
 * This file starts its own throw-away server with GDS (the shared test server's database is
 * cleared by other store tests while they run), writes the bundled corpus built in process,
 * and compares GDS's partition with the in-process Louvain on the same weighted concept graph.
 * (A server without the plugin is checked in neo4j-import.test.ts, which starts one anyway.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { membershipOfConcepts } from '../../src/graph/communities.js';
import { createRng, partitionGraph, standardModularity } from '../../src/graph/index.js';
import { toConceptGraph } from '../../src/graph/index.js';
import type { KnowledgeGraph } from '../../src/graph/build.js';
import type { CommunitiesFile, ConceptNodeAttributes } from '../../src/model.js';
import { runBuild } from '../../src/pipeline.js';
import { startThrowAwayServer, type ThrowAwayServer } from '../../src/store/server.js';
import {
  loadBuild,
  louvainInNeo4j,
  openStore,
  resolveGdsLouvainOptions,
  writeGraph,
  type StoreContext,
} from './helpers.js';

let server: ThrowAwayServer | undefined;
let ctx: StoreContext;
let dir: string;
let graph: KnowledgeGraph;
let communities: CommunitiesFile;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pg-gds-'));
  const [started] = await Promise.all([
    startThrowAwayServer({ gds: true, heap: '768m', pageCache: '128m' }),
    runBuild({ out: dir, seed: 42, workers: 1 }),
  ]);
  server = started;
  const loaded = await loadBuild(dir);
  graph = loaded.graph as KnowledgeGraph;
  communities = loaded.communities!;
  ctx = await openStore({ uri: server.uri, user: server.user, password: server.password, database: 'neo4j' });
  await writeGraph(ctx, graph, communities, { corpus: 'bundled' });
}, 600_000);

afterAll(async () => {
  await ctx?.driver.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('louvainInNeo4j on the bundled corpus', () => {
  let result: Awaited<ReturnType<typeof louvainInNeo4j>>;

  beforeAll(async () => {
    result = await louvainInNeo4j(ctx);
  }, 120_000);

  it('gives every concept of the graph a community, and names no other key', () => {
    const concepts = graph.filterNodes((_n, a) => a.kind === 'concept').map((n) => (graph.getNodeAttributes(n) as ConceptNodeAttributes).key);
    expect(concepts.length).toBeGreaterThan(100);
    expect([...result.communityOf.keys()].sort()).toEqual([...concepts].sort());
    for (const c of result.communityOf.values()) expect(Number.isInteger(c) && c >= 0).toBe(true);
    expect(new Set(result.communityOf.values()).size).toBeGreaterThan(1);
    expect(result.levels).toBeGreaterThanOrEqual(1);
  });

  it("has a modularity (by our standardModularity, same weighted graph) within 5% of the in-process Louvain's", () => {
    const conceptGraph = toConceptGraph(graph);
    // The same algorithm on the same graph in process (a build's topics are found on its core
    // concepts at another resolution, so they are not the comparison).
    const inProcess = partitionGraph(conceptGraph, { algorithm: 'louvain', resolution: 1, rng: createRng(42), iterations: 2 });
    const ours = standardModularity(conceptGraph, inProcess.membership);
    const gds = standardModularity(conceptGraph, membershipOfConcepts(graph, result.communityOf));
    expect(ours).toBeGreaterThan(0.2);
    expect(Math.abs(gds - ours) / ours).toBeLessThan(0.05);
    // GDS's own figure is the same quantity on the same graph.
    expect(result.modularity).toBeCloseTo(gds, 3);
  });

  it('gives the same partition when run again, and when projecting only the corpus that wrote it', async () => {
    const again = await louvainInNeo4j(ctx, { graphName: 'papergraph-test-again' });
    expect(again.communityOf).toEqual(result.communityOf);
    expect(again.modularity).toBe(result.modularity);
    const scoped = await louvainInNeo4j(ctx, { corpus: 'bundled' });
    expect(scoped.communityOf).toEqual(result.communityOf);
    expect(scoped.modularity).toBe(result.modularity);
  }, 120_000);

  it('projects nothing for a corpus that wrote nothing', async () => {
    const none = await louvainInNeo4j(ctx, { corpus: 'no-such-corpus' });
    expect(none.communityOf.size).toBe(0);
    expect(none.modularity).toBe(0);
  });

  it('drops its projections (none is left in the catalog)', async () => {
    const session = ctx.driver.session({ database: 'neo4j' });
    try {
      const listed = await session.run('CALL gds.graph.list() YIELD graphName RETURN count(*) AS n');
      expect(Number(listed.records[0]!.get('n'))).toBe(0);
    } finally {
      await session.close();
    }
  });
});

describe('louvainInNeo4j refuses what it cannot do', () => {
  it.each([
    [{ resolution: 1.5 }, /resolution/],
    [{ maxLevels: 0 }, /maxLevels/],
    [{ maxIterations: 2.5 }, /maxIterations/],
    [{ tolerance: -1 }, /tolerance/],
  ])('options %j → one-line UserError', (options, message) => {
    expect(() => resolveGdsLouvainOptions(options)).toThrow(UserError);
    expect(() => resolveGdsLouvainOptions(options)).toThrow(message);
  });
});
