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
