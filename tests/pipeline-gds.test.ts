/**
 * `build --neo4j --communities neo4j-gds` against a throw-away server with the Graph Data
 * Science plugin: the graph is written, GDS Louvain finds the communities, and the files and
 * the store agree on them.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommunitiesFile } from '../src/model.js';
import type { ConceptRow } from '../src/build-dir/index.js';
import { runBuild, type BuildSummary } from '../src/pipeline.js';
import { openStore, type StoreContext } from '../src/store/index.js';
import { startThrowAwayServer, type ThrowAwayServer } from '../src/store/server.js';

let server: ThrowAwayServer | undefined;
let ctx: StoreContext;
let dir: string;
let summary: BuildSummary;
const saved = { ...process.env };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pg-pipeline-gds-'));
  server = await startThrowAwayServer({ gds: true, heap: '768m', pageCache: '128m' });
  Object.assign(process.env, { NEO4J_URI: server.uri, NEO4J_USER: server.user, NEO4J_PASSWORD: server.password, NEO4J_DATABASE: 'neo4j' });
  summary = await runBuild({ out: dir, workers: 0, neo4j: true, communities: 'neo4j-gds', corpus: 'bundled' });
  ctx = await openStore({ uri: server.uri, user: server.user, password: server.password, database: 'neo4j' });
}, 900_000);

afterAll(async () => {
  process.env = saved;
  await ctx?.driver.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('build --communities neo4j-gds', () => {
  it('records GDS as the source of the communities, with a real modularity', () => {
    const file = JSON.parse(readFileSync(join(dir, 'communities.json'), 'utf8')) as CommunitiesFile;
    expect(file.algorithm).toBe('neo4j-gds');
    expect(summary.algorithm).toBe('neo4j-gds');
    expect(file.communities.length).toBe(summary.communities);
    expect(summary.communities).toBeGreaterThan(3);
    expect(file.modularity).toBeGreaterThan(0.3);
    expect(summary.timings.map((t) => t.stage)).toEqual(['ingest', 'extract', 'graph', 'neo4j', 'communities', 'metrics', 'layout', 'trends', 'write', 'reports', 'viewer', 'neo4j']);
  });

  it('writes the same communities to Neo4j as to concepts.jsonl', async () => {
    const rows = readFileSync(join(dir, 'concepts.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as ConceptRow);
    const result = await ctx.driver.executeQuery(
      "MATCH (c:Concept)-[:IN_COMMUNITY]->(m:Community {level: 'topic'}) RETURN c.key AS key, m.id AS id",
      {},
      { database: 'neo4j' },
    );
    const stored = new Map(result.records.map((r) => [r.get('key') as string, Number(r.get('id'))]));
    expect(stored.size).toBe(rows.length);
    for (const row of rows) expect(stored.get(row.key)).toBe(row.community);
    const count = await ctx.driver.executeQuery('MATCH (m:Community) RETURN m.level AS level, count(m) AS n ORDER BY level', {}, { database: 'neo4j' });
    // Topics as found by GDS, and their fields (communities of topics).
    expect(count.records.map((r) => [r.get('level'), Number(r.get('n'))])).toEqual([
      ['field', summary.fields],
      ['topic', summary.communities],
    ]);
  });
});
