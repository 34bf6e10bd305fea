import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { findFreePort } from '../../src/store/server.js';
import { formatServerStatus, type ServerStatus } from '../../src/store/status.js';
import { captureOutputPerTest } from '../helpers/output.js';

describe('papergraph neo4j status', () => {
  const output = captureOutputPerTest();
  const saved = { uri: process.env.NEO4J_URI, password: process.env.NEO4J_PASSWORD };
  afterEach(() => {
    for (const [key, value] of [['NEO4J_URI', saved.uri], ['NEO4J_PASSWORD', saved.password]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it('exits 1 with one line when nothing answers at NEO4J_URI', async () => {
    const uri = `bolt://127.0.0.1:${await findFreePort()}`;
    process.env.NEO4J_URI = uri;
    process.env.NEO4J_PASSWORD = 'some-password';
    expect(await runCli(['neo4j', 'status'])).toBe(1);
    expect(output.stdout).toBe('');
    expect(output.stderr).toBe(`papergraph: Neo4j is not running at ${uri}: nothing answers there\n`);
  });
});

describe('formatServerStatus', () => {
  const uri = 'bolt://127.0.0.1:7687';
  it.each<[ServerStatus, boolean, string]>([
    [{ uri, reachable: false, login: 'unchecked' }, false, `Neo4j is not running at ${uri}: nothing answers there`],
    [{ uri, pid: 42, reachable: false, login: 'unchecked' }, false, `Neo4j is not running at ${uri} (pid 42): the process lives but Bolt does not answer (still starting?)`],
    [{ uri, pid: 42, reachable: true, login: 'accepted' }, true, `Neo4j is running at ${uri} (pid 42); credentials accepted`],
    [{ uri, reachable: true, login: 'unchecked' }, true, `Neo4j is running at ${uri}; credentials not checked (NEO4J_PASSWORD is not set)`],
    [
      { uri, reachable: true, login: { failed: 'too many failed logins; wait a few seconds (check NEO4J_PASSWORD)' } },
      false,
      `Neo4j is running at ${uri}, but the login failed: too many failed logins; wait a few seconds (check NEO4J_PASSWORD)`,
    ],
  ])('%j → ok %s', (status, ok, line) => {
    expect(formatServerStatus(status)).toEqual({ ok, line });
  });
});
