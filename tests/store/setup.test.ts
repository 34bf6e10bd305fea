import { describe, expect, it } from 'vitest';
import { DATABASE_TEST_FILES, includesDatabaseTests } from '../setup/neo4j.js';

describe('the Neo4j global setup starts a server only when database tests run', () => {
  it.each([
    [[], true],
    [['tests/store'], true],
    [['./tests/store/'], true],
    [['store'], true],
    [['tests'], true],
    [['neo4j'], true],
    [['tests/store/neo4j.test.ts:12'], true],
    [['tests/extract'], false],
    [['tests/graph', 'tests/report'], false],
    [['tests/store/rows'], false],
    [['tests/store/query.test.ts'], false],
    [['tests/extract', 'tests/store/neo4j'], true],
  ] as [string[], boolean][])('filters %j → %s', (filters, expected) => {
    expect(includesDatabaseTests(filters)).toBe(expected);
  });

  it('lists only files that exist', async () => {
    const { existsSync } = await import('node:fs');
    for (const f of DATABASE_TEST_FILES) expect(existsSync(f), f).toBe(true);
  });
});

describe('the server command line loads Graph Data Science only on request', () => {
  const base = { home: '/tmp/h', host: '127.0.0.1', port: 7999, heap: '1g', pageCache: '64m' };

  it.each([
    [false, false],
    [true, true],
  ])('gds %s → GDS jars on the classpath and a plugins folder: %s', async (gds, expected) => {
    const { serverCommand, GDS_DIR } = await import('../../src/store/server.js');
    const args = serverCommand({ ...base, gds });
    const classpath = args[args.indexOf('-cp') + 1]!;
    expect(classpath.includes(`${GDS_DIR}/*`)).toBe(expected);
    expect(args.includes('--plugins')).toBe(expected);
    if (expected) expect(args[args.indexOf('--plugins') + 1]).toBe(GDS_DIR);
    // Neo4j's own jars are always there.
    expect(classpath).toMatch(/target\/dependency\/\*/);
  });
});
