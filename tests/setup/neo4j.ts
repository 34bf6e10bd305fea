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
 * A run whose file filters leave out the database tests (`npx vitest run tests/extract`) starts
 * nothing, so it stays fast.
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
    neo4j: Neo4jTestConnection | null;
  }
}

/** Test files that need the server (relative to the project root). */
export const DATABASE_TEST_FILES = ['tests/store/neo4j.test.ts'];

/** CLI options of `vitest` that take a value (so the value is not mistaken for a filter). */
const VALUE_OPTIONS = new Set([
  '-c', '--config', '-r', '--root', '--dir', '-t', '--testNamePattern', '--reporter', '--outputFile',
  '--pool', '--project', '--shard', '--environment', '--mode', '--maxWorkers', '--minWorkers',
  '--testTimeout', '--hookTimeout', '--bail', '--retry', '--exclude', '--sequence.seed', '--silent',
]);

/** The file filters of this run: Vitest's own when it exposes them, else parsed from argv. */
function runFilters(project: TestProject): string[] {
  const internal = (project.vitest as unknown as { filenamePattern?: string[] }).filenamePattern;
  if (Array.isArray(internal)) return internal;
  const args = process.argv.slice(2);
  const filters: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.startsWith('-')) {
      if (VALUE_OPTIONS.has(arg)) i++;
      continue;
    }
    if (['run', 'watch', 'dev', 'related'].includes(arg) && filters.length === 0) continue;
    filters.push(arg);
  }
  return filters;
}

/** True when the run includes a database test file (no filters = every file). */
export function includesDatabaseTests(filters: readonly string[], files: readonly string[] = DATABASE_TEST_FILES): boolean {
  if (filters.length === 0) return true;
  return filters.some((filter) => {
    const f = filter.replace(/\\/g, '/').replace(/^\.\//, '').replace(/:\d+$/, '');
    return files.some((file) => file.includes(f) || f.endsWith(file));
  });
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
  if (!includesDatabaseTests(runFilters(project))) {
    project.provide('neo4j', null);
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
