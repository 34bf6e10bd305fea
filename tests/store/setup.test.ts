import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/paths.js';
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

describe('LOAD CSV is confined on every server PaperGraph sets up', () => {
  /** Neo4j's Docker image turns `NEO4J_a_b__c` into the setting `a.b_c`. */
  function composeSettings(): Map<string, string> {
    const settings = new Map<string, string>();
    const text = readFileSync(join(PACKAGE_ROOT, 'docker-compose.yml'), 'utf8');
    for (const [, name, value] of text.matchAll(/^\s+NEO4J_(\w+):\s*"?([^"\n]*)"?$/gm)) {
      settings.set(name!.replace(/__/g, '\0').replace(/_/g, '.').replace(/\0/g, '_'), value!);
    }
    return settings;
  }

  it('docker-compose.yml: file URLs only in the import folder, every network address blocked', () => {
    const settings = composeSettings();
    expect(settings.get('server.directories.import')).toBe('/var/lib/neo4j/import');
    expect(settings.get('internal.dbms.cypher_ip_blocklist')?.split(',')).toEqual(['0.0.0.0/0', '::/0']);
  });

  it('the local server: the same two settings', () => {
    const java = readFileSync(join(PACKAGE_ROOT, 'neo4j/src/main/java/dev/papergraph/neo4j/LocalServer.java'), 'utf8');
    expect(java).toMatch(/setConfig\(GraphDatabaseSettings\.load_csv_file_url_root, importDir\)/);
    expect(java).toMatch(/cypher_ip_blocklist,\s*List\.of\(new IPAddressString\("0\.0\.0\.0\/0"\), new IPAddressString\("::\/0"\)\)/);
  });
});
