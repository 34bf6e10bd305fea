/**
 * Vitest global setup: a real Neo4j for the database tests
 * ========================================================
 *
 * When `NEO4J_URI` is set, the tests use that server (`NEO4J_USER`, `NEO4J_PASSWORD`,
 * `NEO4J_DATABASE` as given). Otherwise this starts a throw-away local server (the Maven module
 * in `neo4j/`, built first if `neo4j/target` is missing) on a free port with its own data folder
 * under `neo4j/run/` with the Graph Data Science plugin loaded, and stops it and deletes the
 * folder after the run. The connection reaches the tests through `inject('neo4j')`; the process
 * environment is left alone, so no other test writes to this database by accident.
 *
 * It is the global setup of the `database` project only (vitest.config.ts): Vitest runs it when the
 * run holds a file of that project, so `npx vitest run tests/extract` or `--project unit` starts
 * nothing and stays fast.
 */
import type { TestProject } from 'vitest/node';
import { startThrowAwayServer } from '../../src/store/server.js';

/** How the database tests reach Neo4j. */
export interface Neo4jTestConnection {
  uri: string;
  user: string;
  password: string;
  database: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set by this setup; undefined in a project without it. */
    neo4j: Neo4jTestConnection | undefined;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  if (process.env.NEO4J_URI) {
    project.provide('neo4j', {
      uri: process.env.NEO4J_URI,
      user: process.env.NEO4J_USER || 'neo4j',
      password: process.env.NEO4J_PASSWORD ?? '',
      database: process.env.NEO4J_DATABASE || 'neo4j',
    });
    return;
  }
  const log = (message: string) => process.stderr.write(`[neo4j setup] ${message}\n`);
  const started = Date.now();
  // With Graph Data Science, so tests of `--communities neo4j-gds` have its procedures.
  const server = await startThrowAwayServer({ heap: '1g', pageCache: '256m', gds: true, onStatus: log });
  log(`ready at ${server.uri} in ${((Date.now() - started) / 1000).toFixed(1)} s (pid ${server.pid})`);
  project.provide('neo4j', { uri: server.uri, user: server.user, password: server.password, database: 'neo4j' });
  return async () => {
    await server.stop();
    log('stopped');
  };
}
