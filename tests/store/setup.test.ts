import { existsSync, readFileSync } from 'node:fs';
import { globSync } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/paths.js';
import config from '../../vitest.config.js';
import { BROWSER_TEST_FILES, DATABASE_TEST_FILES } from '../setup/projects.js';

describe('the test projects', () => {
  const files = globSync('tests/**/*.test.ts').sort();
  const source = (file: string) => readFileSync(file, 'utf8');

  it('list only files that exist, each in one project', () => {
    for (const f of [...DATABASE_TEST_FILES, ...BROWSER_TEST_FILES]) expect(existsSync(f), f).toBe(true);
    expect(DATABASE_TEST_FILES.filter((f) => BROWSER_TEST_FILES.includes(f))).toEqual([]);
  });

  it('put every file that reaches Neo4j in the database project', () => {
    // The global setup's server, or one the file starts itself.
    const needsNeo4j = files.filter((f) => /inject\('neo4j'\)|\bstart(ThrowAway)?Server\b[^;]*from '[./]*src\/store\/server\.js'/.test(source(f)));
    expect(needsNeo4j.sort()).toEqual([...DATABASE_TEST_FILES].sort());
  });

  it('put every file that drives Chromium in the browser project', () => {
    const drivesChromium = files.filter((f) => /\blaunchChromium\(|\bchromium\.launch\(/.test(source(f)));
    expect(drivesChromium.sort()).toEqual([...BROWSER_TEST_FILES].sort());
  });

  it('give the Neo4j global setup to the database project only', () => {
    const projects = (config.test?.projects ?? []) as { test: { name: string; globalSetup?: string[] } }[];
    expect(projects.map((p) => p.test.name)).toEqual(['unit', 'database', 'browser']);
    expect(config.test?.globalSetup).toBeUndefined();
    expect(projects.map((p) => p.test.globalSetup ?? [])).toEqual([[], ['tests/setup/neo4j.ts'], []]);
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
