import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isServerBuilt } from '../../src/store/server.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A module folder laid out as Maven leaves it, with the launcher compiled at `compiled` (seconds). */
function module(compiled: number, source: number): string {
  dir = mkdtempSync(join(tmpdir(), 'papergraph-server-built-'));
  const file = (path: string, time: number) => {
    mkdirSync(join(dir!, path, '..'), { recursive: true });
    writeFileSync(join(dir!, path), '');
    utimesSync(join(dir!, path), time, time);
  };
  file('pom.xml', 1000);
  file('src/main/java/dev/papergraph/neo4j/LocalServer.java', source);
  file('target/classes/dev/papergraph/neo4j/LocalServer.class', compiled);
  file('target/dependency/neo4j-kernel-5.26.0.jar', compiled);
  file('target/gds/proc-community-2.13.0.jar', compiled);
  return dir;
}

describe('isServerBuilt', () => {
  it('is true when the launcher was compiled after its sources changed', () => {
    expect(isServerBuilt(module(3000, 2000))).toBe(true);
  });

  it('is false when a source changed after the launcher was compiled (so it is built again)', () => {
    expect(isServerBuilt(module(2000, 3000))).toBe(false);
  });
});
